"""Validators for the europe identifier family (twin of rust/core/src/validators/europe.rs)."""

from __future__ import annotations

from collections.abc import Callable

from .checksum import all_same, iso7064_mod11_10, luhn_digits

# Kept alphanumerics, and per separator the count of chars before it and its byte.
_Split = tuple[bytes, list[tuple[int, int]]]


def _split(m: bytes, seps: bytes) -> _Split | None:
    """Upper-cased alphanumerics of ``m`` and where each separator sat; None on other bytes."""
    chars = bytearray()
    gaps: list[tuple[int, int]] = []
    for b in m:
        if 48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122:
            chars.append(b)
        elif b in seps:
            gaps.append((len(chars), b))
        else:
            return None
    return bytes(chars).upper(), gaps


def _gap_positions(gaps: list[tuple[int, int]]) -> list[int] | None:
    """Separator positions when every separator is the same byte, else None."""
    if any(g[1] != gaps[0][1] for g in gaps):
        return None
    return [g[0] for g in gaps]


def _is_digits(s: bytes) -> bool:
    return bool(s) and all(48 <= b <= 57 for b in s)


def _num(s: bytes) -> int:
    return int(s.decode("ascii"))


# --- France -----------------------------------------------------------------------------


def _fr_nir(m: bytes) -> bool:
    # NIR/INSEE: sex, year, month, department (2A/2B Corsica), commune, order, key 97 - n mod 97.
    sp = _split(m, b" ")
    if sp is None:
        return False
    s, gaps = sp
    pos = _gap_positions(gaps)
    if len(s) != 15 or pos not in ([], [1, 3, 5, 7, 10, 13], [13]):
        return False
    dept = s[5:7]
    if dept == b"2A":
        body = s[:5] + b"19" + s[7:13]
    elif dept == b"2B":
        body = s[:5] + b"18" + s[7:13]
    else:
        body = s[:13]
    if not _is_digits(body) or not _is_digits(s[13:]):
        return False
    if s[0] not in b"123478":
        return False
    month = _num(s[3:5])
    if not (1 <= month <= 12 or 20 <= month <= 42 or month >= 50):
        return False
    if dept == b"00" or s[7:10] == b"000" or s[10:13] == b"000":
        return False
    key = _num(s[13:])
    return key == 97 - _num(body) % 97


def _fr_tax_id(m: bytes) -> bool:
    # Numero fiscal (SPI): 13 digits, first 0-3, last three = first ten mod 511.
    sp = _split(m, b" ")
    if sp is None:
        return False
    s, gaps = sp
    pos = _gap_positions(gaps)
    if len(s) != 13 or not _is_digits(s) or pos not in ([], [2, 4, 7, 10]):
        return False
    if s[0] not in b"0123" or all_same(s):
        return False
    return _num(s[10:]) == _num(s[:10]) % 511


# --- Germany ----------------------------------------------------------------------------

_DE_DOC_ALPHABET = b"0123456789CFGHJKLMNPRTVWXYZ"


def _icao_value(c: int) -> int:
    return c - 48 if 48 <= c <= 57 else c - 55


def _icao_check(s: bytes) -> int:
    """ICAO 9303 check digit: weights 7-3-1 repeated, letters A=10..Z=35, mod 10."""
    w = (7, 3, 1)
    return sum(_icao_value(c) * w[i % 3] for i, c in enumerate(s)) % 10


def _de_document(m: bytes, first: bytes) -> bool:
    # German ID card / passport serial: 9 chars of the document alphabet, optional 7-3-1 digit.
    if len(m) not in (9, 10) or m[0] not in first:
        return False
    if any(c not in _DE_DOC_ALPHABET for c in m[:9]) or all_same(m[1:9]):
        return False
    if len(m) == 10:
        return 48 <= m[9] <= 57 and _icao_check(m[:9]) == m[9] - 48
    return True


def _de_id_card(m: bytes) -> bool:
    return _de_document(m, b"LMNPRTVWXY")


def _de_passport(m: bytes) -> bool:
    return _de_document(m, b"CFGHJK")


def _de_tax_id(m: bytes) -> bool:
    # Steuer-IdNr: 11 digits, first not 0, one digit twice or thrice in the first ten, MOD 11,10.
    sp = _split(m, b" /")
    if sp is None:
        return False
    s, gaps = sp
    pos = _gap_positions(gaps)
    if len(s) != 11 or not _is_digits(s) or pos not in ([], [2, 5, 8]) or s[0] == 48:
        return False
    head = s[:10]
    counts = [head.count(d) for d in set(head)]
    repeated = [c for c in counts if c > 1]
    if len(repeated) != 1 or repeated[0] > 3:
        return False
    if repeated[0] == 3 and any(head[i] == head[i + 1] == head[i + 2] for i in range(8)):
        return False
    return iso7064_mod11_10([b - 48 for b in s])


# --- Italy ------------------------------------------------------------------------------

_IT_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
_IT_MONTHS = b"ABCDEHLMPRST"
_IT_OMOCODIA = b"LMNPQRSTUV"
_IT_NUMERIC_POS = (6, 7, 9, 10, 12, 13, 14)


def _it_value(c: int) -> int:
    return c - 48 if 48 <= c <= 57 else c - 65


def _it_codice_fiscale(m: bytes) -> bool:
    # Codice fiscale: date and place parts (omocodia letters decoded), odd/even control letter.
    s = m.upper()
    if len(s) != 16 or not s.isalnum():
        return False
    plain = bytearray(s)
    for i in _IT_NUMERIC_POS:
        c = plain[i]
        if c in _IT_OMOCODIA:
            plain[i] = 48 + _IT_OMOCODIA.index(c)
        elif not 48 <= c <= 57:
            return False
    if not bytes(plain[:6]).isalpha() or plain[8] not in _IT_MONTHS:
        return False
    day = _num(bytes(plain[9:11]))
    if not (1 <= day <= 31 or 41 <= day <= 71):
        return False
    # Belfiore place code: Italian municipalities A001-M999, foreign states Z.
    if not (65 <= plain[11] <= 77 or plain[11] == 90):
        return False
    total = 0
    for i, c in enumerate(s[:15]):
        total += _IT_ODD[_it_value(c)] if i % 2 == 0 else _it_value(c)
    return s[15] == 65 + total % 26


def _it_partita_iva(m: bytes) -> bool:
    # Partita IVA / company codice fiscale: 7-digit number, office code, Luhn check digit.
    s = m.upper()
    if s.startswith(b"IT"):
        s = s[2:]
    if len(s) != 11 or not _is_digits(s) or all_same(s[:7]):
        return False
    office = _num(s[7:10])
    if not (1 <= office <= 100 or office in (120, 121, 888, 999)):
        return False
    return luhn_digits([b - 48 for b in s])


# --- Spain ------------------------------------------------------------------------------

_ES_LETTERS = b"TRWAGMYFPDXBNJZSQVHLCKE"


def _es_letter_ok(n: int, letter: int) -> bool:
    return _ES_LETTERS[n % 23] == letter


def _es_dni(m: bytes) -> bool:
    # DNI: number mod 23 picks the letter; all-same placeholders (99999999, 00000000) never count.
    s = m.upper()
    if not s:
        return False
    letter = s[-1]
    body = s[:-1]
    if body.endswith((b" ", b"-")):
        body = body[:-1]
    if b"." in body:
        parts = body.split(b".")
        if len(parts) != 3 or len(parts[1]) != 3 or len(parts[2]) != 3 or len(parts[0]) != 2:
            return False
        body = b"".join(parts)
    if len(body) != 8 or not _is_digits(body) or all_same(body):
        return False
    return _es_letter_ok(_num(body), letter)


def _es_prefixed(m: bytes, prefixes: bytes) -> tuple[int, bytes, int] | None:
    """Letter, 7 digits, check char; optional separators, equal when both are present."""
    sp = _split(m, b" -")
    if sp is None:
        return None
    s, gaps = sp
    if _gap_positions(gaps) is None or any(g[0] not in (1, 8) for g in gaps):
        return None
    if len(s) != 9 or s[0] not in prefixes or not _is_digits(s[1:8]):
        return None
    return s[0], s[1:8], s[8]


def _es_nie(m: bytes) -> bool:
    # NIE: X/Y/Z stand for 0/1/2 before the DNI mod-23 letter rule.
    p = _es_prefixed(m, b"XYZ")
    if p is None or all_same(p[1]):
        return False
    n = b"XYZ".index(p[0]) * 10_000_000 + _num(p[1])
    return _es_letter_ok(n, p[2])


def _es_nif_klm(m: bytes) -> bool:
    # NIF K/L/M (minors, non-resident Spaniards, foreigners without NIE): 7 digits mod 23.
    p = _es_prefixed(m, b"KLM")
    if p is None or all_same(p[1]):
        return False
    return _es_letter_ok(_num(p[1]), p[2])


def _es_cif(m: bytes) -> bool:
    # CIF: entity letter, 7 digits, control digit or letter J-I by the official alternating sum.
    p = _es_prefixed(m, b"ABCDEFGHJNPQRSUVW")
    if p is None or all_same(p[1]):
        return False
    kind, digits, check = p
    total = 0
    for i, c in enumerate(digits):
        d = c - 48
        if i % 2 == 0:
            d *= 2
            d = d // 10 + d % 10
        total += d
    c = (10 - total % 10) % 10
    as_digit = check == 48 + c
    as_letter = check == b"JABCDEFGHI"[c]
    if kind in b"NPQRSW":
        return as_letter
    if kind in b"ABEH":
        return as_digit
    return as_digit or as_letter


def _es_nss(m: bytes) -> bool:
    # NSS: province 01-53 or 66, affiliate number, two control digits = mod 97 of the first ten.
    sp = _split(m, b"/ -")
    if sp is None:
        return False
    s, gaps = sp
    pos = _gap_positions(gaps)
    if len(s) != 12 or not _is_digits(s) or pos not in ([], [2, 10]):
        return False
    province = _num(s[:2])
    number = _num(s[2:10])
    if not (1 <= province <= 53 or province == 66) or number == 0:
        return False
    base = province * 10_000_000 + number if number < 10_000_000 else _num(s[:10])
    return base % 97 == _num(s[10:])


# --- United Kingdom ---------------------------------------------------------------------


def _uk_nino(m: bytes) -> bool:
    # NINO: HMRC prefix exclusions, 6 digits, suffix A-D; spaces all or none (or before suffix).
    sp = _split(m, b" -")
    if sp is None:
        return False
    s, gaps = sp
    pos = _gap_positions(gaps)
    if len(s) != 9 or pos not in ([], [2, 4, 6, 8], [8]):
        return False
    a, b = s[0], s[1]
    if a in b"DFIQUV" or b in b"DFIOQUV" or s[:2] in (b"BG", b"GB", b"KN", b"NK", b"NT", b"TN", b"ZZ"):
        return False
    return _is_digits(s[2:8]) and s[8] in b"ABCD" and s[2:8] != b"000000"


def _uk_utr(m: bytes) -> bool:
    # UTR: first digit = "21987654321"[sum(digits 2-10 x 6,7,8,9,10,5,4,3,2) mod 11]; K marker.
    sp = _split(m, b" ")
    if sp is None:
        return False
    s, gaps = sp
    if s.startswith(b"K") and s.endswith(b"K"):
        return False
    lead = 1 if s.startswith(b"K") else 0
    s = s.strip(b"K")
    if len(s) != 10 or not _is_digits(s) or all_same(s):
        return False
    if any(g[0] != lead + 5 for g in gaps):
        return False
    w = (6, 7, 8, 9, 10, 5, 4, 3, 2)
    total = sum((c - 48) * k for c, k in zip(s[1:], w, strict=True))
    return s[0] == b"21987654321"[total % 11]


def _uk_trn(m: bytes) -> bool:
    # Temporary reference number: 2 digits, a letter, 5 digits; no check digit exists.
    d = bytes(c for c in m if 48 <= c <= 57)
    return len(d) == 7 and not all_same(d)


def _uk_electoral_roll(m: bytes) -> bool:
    # Polling-district letters + elector number (+ optional /n marker); number 0 is not issued.
    num = bytearray()
    for c in m:
        if c == 47:
            break
        if 48 <= c <= 57:
            num.append(c)
    return bool(num) and int(bytes(num)) != 0


def _passport_serial(m: bytes) -> bool:
    # Passports without a printed check digit: drop all-same and 1234... placeholder serials.
    d = bytes(c for c in m if 48 <= c <= 57)
    return len(d) >= 5 and not all_same(d) and d not in b"0123456789"


VALIDATORS: dict[str, Callable[[bytes], bool]] = {
    "fr_nir": _fr_nir,
    "fr_tax_id": _fr_tax_id,
    "de_id_card": _de_id_card,
    "de_passport": _de_passport,
    "de_tax_id": _de_tax_id,
    "it_codice_fiscale": _it_codice_fiscale,
    "it_partita_iva": _it_partita_iva,
    "es_dni": _es_dni,
    "es_nie": _es_nie,
    "es_nif_klm": _es_nif_klm,
    "es_cif": _es_cif,
    "es_nss": _es_nss,
    "uk_nino": _uk_nino,
    "uk_utr": _uk_utr,
    "uk_trn": _uk_trn,
    "uk_electoral_roll": _uk_electoral_roll,
    "passport_serial": _passport_serial,
}
