"""Validators for the financial identifier family (twin of rust/core/src/validators/financial.rs)."""

from __future__ import annotations

from collections.abc import Callable

from .checksum import all_same, digits, luhn_digits, mod97

# ---------------------------------------------------------------------------------------------
# Grouping: a value is unseparated, or one separator (space or hyphen) splits it into groups
# whose lengths are one of the allowed layouts (so "1234 5678-9012" is refused).


def _by4(total: int) -> list[int]:
    """Groups of four with the remainder last (IBAN print format, card numbers)."""
    return [4] * (total // 4) + ([total % 4] if total % 4 else [])


def _ungroup(m: bytes, layouts: list[list[int]]) -> bytes | None:
    """``m`` without separators, or None when the separators are mixed or misplaced."""
    seps = {b for b in m if b in b" -"}
    if not seps:
        return m
    if len(seps) != 1:
        return None
    groups = m.split(bytes([seps.pop()]))
    if [len(g) for g in groups] not in layouts:
        return None
    return b"".join(groups)


def _is_digits(s: bytes) -> bool:
    return bool(s) and all(48 <= b <= 57 for b in s)


# ---------------------------------------------------------------------------------------------
# IBAN (ISO 13616): per-country BBAN structure from the IBAN registry. Runs of n (digit),
# a (upper-case letter), c (upper-case letter or digit).

_IBAN_BBAN: dict[bytes, str] = {
    b"AD": "8n12c",
    b"AE": "19n",
    b"AL": "8n16c",
    b"BA": "16n",
    b"BG": "4a6n8c",
    b"BR": "23n1a1c",
    b"CH": "5n12c",
    b"CR": "18n",
    b"CY": "8n16c",
    b"CZ": "20n",
    b"DE": "18n",
    b"DK": "14n",
    b"DO": "4c20n",
    b"EE": "16n",
    b"EG": "25n",
    b"ES": "20n",
    b"FI": "14n",
    b"FO": "14n",
    b"FR": "10n11c2n",
    b"GB": "4a14n",
    b"GE": "2a16n",
    b"GL": "14n",
    b"GR": "7n16c",
    b"HR": "17n",
    b"HU": "24n",
    b"IE": "4a14n",
    b"IS": "22n",
    b"IT": "1a10n12c",
    b"JO": "4a4n18c",
    b"LI": "5n12c",
    b"LT": "16n",
    b"MC": "10n11c2n",
    b"ME": "18n",
    b"MK": "3n10c2n",
    b"MR": "23n",
    b"MT": "4a5n18c",
    b"MU": "4a19n3a",
    b"NL": "4a10n",
    b"PL": "24n",
    b"PT": "21n",
    b"RS": "18n",
    b"SE": "20n",
    b"SI": "15n",
    b"SK": "20n",
    b"SM": "1a10n12c",
    b"SN": "1a1c22n",
    b"TL": "19n",
    b"TN": "20n",
    b"TR": "6n16c",
    b"UA": "6n19c",
    b"VG": "4a16n",
    b"XK": "16n",
}

# Countries whose national check digits are MOD 97-10 over the whole BBAN, which pins the IBAN
# check digits to one value: any other value means a broken national check.
_IBAN_FIXED_CHECK: dict[bytes, bytes] = {
    b"BA": b"39",
    b"ME": b"25",
    b"MK": b"07",
    b"MR": b"13",
    b"PT": b"50",
    b"RS": b"35",
    b"SI": b"56",
    b"TL": b"38",
    b"TN": b"59",
}


def _spec_runs(spec: str) -> list[tuple[int, str]]:
    runs: list[tuple[int, str]] = []
    n = 0
    for ch in spec:
        if ch.isdigit():
            n = n * 10 + int(ch)
        else:
            runs.append((n, ch))
            n = 0
    return runs


def _fits(s: bytes, spec: str) -> bool:
    """``s`` has exactly the registry structure ``spec``."""
    i = 0
    for count, kind in _spec_runs(spec):
        part = s[i : i + count]
        if len(part) != count:
            return False
        for b in part:
            is_d = 48 <= b <= 57
            is_a = 65 <= b <= 90
            if (kind == "n" and not is_d) or (kind == "a" and not is_a) or (kind == "c" and not (is_d or is_a)):
                return False
        i += count
    return i == len(s)


def _spec_len(spec: str) -> int:
    return sum(c for c, _ in _spec_runs(spec))


# ---------------------------------------------------------------------------------------------
# National BBAN checks.

# French RIB key: letters of the account become digits (A,J->1 B,K,S->2 ... I,R->9), then the
# 23-digit number is a multiple of 97 (key = 97 - (89*bank + 15*branch + 3*account) mod 97).
_RIB_LETTER = b"12345678912345678923456789"


def _fr_rib_ok(bban: bytes) -> bool:
    conv = bytes(_RIB_LETTER[b - 65] if 65 <= b <= 90 else b for b in bban)
    return _is_digits(conv) and mod97(conv) == 0


# Italian CIN: check letter over ABI + CAB + account; odd positions through this table,
# even positions by value (digits 0-9, letters A=0 .. Z=25), sum mod 26 as a letter.
_CIN_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]


def _it_cin_ok(bban: bytes) -> bool:
    total = 0
    for i, b in enumerate(bban[1:]):
        v = b - 48 if 48 <= b <= 57 else b - 65
        total += _CIN_ODD[v] if i % 2 == 0 else v
    return bban[0] == 65 + total % 26


# Spanish CCC: two control digits, the first over "00" + entity + office, the second over the
# account, each 11 - (weighted sum mod 11) with 11 -> 0 and 10 -> 1.
_CCC_W = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]


def _ccc_digit(d: list[int]) -> int:
    r = 11 - sum(x * w for x, w in zip(d, _CCC_W, strict=True)) % 11
    return 0 if r == 11 else 1 if r == 10 else r


def _es_ccc_ok(bban: bytes) -> bool:
    d = [b - 48 for b in bban]
    return d[8] == _ccc_digit([0, 0, *d[:8]]) and d[9] == _ccc_digit(d[10:20])


def _national_ok(country: bytes, bban: bytes) -> bool:
    if country in (b"FR", b"MC"):
        return _fr_rib_ok(bban)
    if country in (b"IT", b"SM"):
        return _it_cin_ok(bban)
    if country == b"ES":
        return _es_ccc_ok(bban)
    return True


def _iban(m: bytes) -> bool:
    spec = _IBAN_BBAN.get(m[:2])
    if spec is None:
        return False
    total = 4 + _spec_len(spec)
    s = _ungroup(m, [_by4(total)])
    if s is None or len(s) != total:
        return False
    check = s[2:4]
    if not _is_digits(check) or not b"02" <= check <= b"98":
        return False
    fixed = _IBAN_FIXED_CHECK.get(s[:2])
    if fixed is not None and check != fixed:
        return False
    bban = s[4:]
    if not _fits(bban, spec) or all_same(bban):
        return False
    # ISO 7064 MOD 97-10 over BBAN + country + check digits: the IBAN's own check.
    if mod97(bban + s[:4]) != 1:
        return False
    return _national_ok(s[:2], bban)


# ---------------------------------------------------------------------------------------------
# BBAN forms (reported only near a keyword).


def _fr_bban(m: bytes) -> bool:
    s = _ungroup(m, [[5, 5, 11, 2], _by4(23)])
    return s is not None and _fits(s, "10n11c2n") and not all_same(s[:10]) and _fr_rib_ok(s)


def _de_bban(m: bytes) -> bool:
    # Bankleitzahl (8 digits, first digit a clearing area 1-8) + 10-digit account; no check
    # digit common to all banks, so structure + keyword only.
    s = _ungroup(m, [[8, 10], _by4(18)])
    return s is not None and _fits(s, "18n") and 49 <= s[0] <= 56 and not all_same(s[8:]) and not all_same(s)


def _it_bban(m: bytes) -> bool:
    s = _ungroup(m, [[1, 5, 5, 12], _by4(23)])
    return s is not None and _fits(s, "1a10n12c") and not all_same(s[1:]) and _it_cin_ok(s)


def _es_bban(m: bytes) -> bool:
    s = _ungroup(m, [[4, 4, 2, 10], _by4(20)])
    return s is not None and _fits(s, "20n") and not all_same(s) and _es_ccc_ok(s)


def _gb_bban(m: bytes) -> bool:
    # Bank code letters + sort code + account; UK modulus checking needs the banks' tables,
    # so structure + keyword only.
    s = _ungroup(m, [[4, 6, 8], _by4(18)])
    return s is not None and _fits(s, "4a14n") and not all_same(s[4:10]) and not all_same(s[10:])


def _gb_sort_code_account(m: bytes) -> bool:
    # Sort code NN-NN-NN / NN NN NN / NNNNNN (one separator style), then the 8-digit account.
    d = bytes(b for b in m if 48 <= b <= 57)
    if len(d) != 14:
        return False
    sort_part = m[:-8].rstrip(b" \t/,")
    if sort_part not in (d[:6], d[:2] + b"-" + d[2:4] + b"-" + d[4:6], d[:2] + b" " + d[2:4] + b" " + d[4:6]):
        return False
    return not all_same(d[:6]) and not all_same(d[6:])


# ---------------------------------------------------------------------------------------------
# US/Canada bank account: 9-17 digits, no separators, no check digit.


def _us_ca_bank_account(m: bytes) -> bool:
    return _is_digits(m) and 9 <= len(m) <= 17 and not all_same(m)


# ---------------------------------------------------------------------------------------------
# Payment cards.

_CARD_LAYOUTS = [_by4(n) for n in range(13, 20)] + [[4, 6, 5], [4, 6, 4]]


def _card_brand_ok(s: bytes) -> bool:
    """Issuer prefix (IIN range) and the lengths that brand issues."""
    n = len(s)
    p2, p3, p4, p6 = int(s[:2]), int(s[:3]), int(s[:4]), int(s[:6])
    if s[0] == 52:  # Visa (Electron 4026/417500/4508/4844/4913/4917 included): 13, 16, 19
        return n in (13, 16, 19)
    if p2 in (34, 37):  # American Express
        return n == 15
    if 51 <= p2 <= 55 or 2221 <= p4 <= 2720:  # Mastercard
        return n == 16
    if p4 == 5019:  # Dankort
        return n == 16
    if 300 <= p3 <= 305 or p4 == 3095 or p2 in (36, 38, 39):  # Diners Club
        return 14 <= n <= 19
    if 3528 <= p4 <= 3589:  # JCB
        return 16 <= n <= 19
    if p4 == 6011 or 644 <= p3 <= 649 or p2 == 65 or 622126 <= p6 <= 622925:  # Discover
        return 16 <= n <= 19
    if p2 == 62:  # UnionPay
        return 16 <= n <= 19
    return False


def _card_pan_ok(s: bytes) -> bool:
    return _is_digits(s) and 13 <= len(s) <= 19 and not all_same(s) and luhn_digits(digits(s))


def _card_number(m: bytes) -> bool:
    s = _ungroup(m, _CARD_LAYOUTS)
    return s is not None and _card_pan_ok(s) and _card_brand_ok(s)


def _ar_sube(m: bytes) -> bool:
    # SUBE transit card: 16 digits, 6061 prefix, Luhn (Macie's documented rule).
    s = _ungroup(m, [_by4(16)])
    return s is not None and len(s) == 16 and s.startswith(b"6061") and _is_digits(s) and luhn_digits(digits(s))


def _yymm_ok(s: bytes) -> bool:
    return _is_digits(s) and len(s) == 4 and 1 <= int(s[2:]) <= 12


def _service_code_ok(s: bytes) -> bool:
    # ISO 7813 service code: interchange 1,2,5,6,7,9; authorisation 0,2,4; services 0-7.
    return len(s) == 3 and s[0] in b"125679" and s[1] in b"024" and s[2] in b"01234567"


def _card_track(m: bytes) -> bool:
    """ISO 7813 track 1 (%B PAN ^ NAME ^ YYMM SSS ... ?) or track 2 (; PAN = YYMM SSS ... ?)."""
    t = m
    if t[:1] == b"%" or t[:1] == b";":
        t = t[1:]
    if t[-1:] == b"?":
        t = t[:-1]
    if t[:1] == b"B":
        parts = t[1:].split(b"^")
        if len(parts) != 3 or len(m) > 79:
            return False
        pan, name, rest = parts
        if not 2 <= len(name) <= 26 or not name.strip(b" "):
            return False
    else:
        sep = b"=" if b"=" in t else b"D"
        parts = t.split(sep)
        if len(parts) != 2 or len(m) > 40:
            return False
        pan, rest = parts
    return _card_pan_ok(pan) and _yymm_ok(rest[:4]) and _service_code_ok(rest[4:7])


# ---------------------------------------------------------------------------------------------
# Expiration dates.

_MONTHS = [
    b"january",
    b"february",
    b"march",
    b"april",
    b"may",
    b"june",
    b"july",
    b"august",
    b"september",
    b"october",
    b"november",
    b"december",
]


def _month_name(word: bytes) -> int:
    """1-12 for an English month name or its 3+ letter abbreviation (sept too), else 0."""
    w = word.lower()
    if len(w) < 3:
        return 0
    for i, full in enumerate(_MONTHS):
        if full.startswith(w):
            return i + 1
    return 0


def _year_ok(y: bytes) -> bool:
    # Two-digit years are any; four-digit years 1970-2099 (cards did not expire earlier).
    return _is_digits(y) and (len(y) == 2 or (len(y) == 4 and 1970 <= int(y) <= 2099))


def _month_num(mm: bytes) -> int:
    return int(mm) if _is_digits(mm) and 1 <= len(mm) <= 2 and 1 <= int(mm) <= 12 else 0


def _runs(m: bytes) -> list[bytes]:
    """Maximal runs of digits and of letters, in order."""
    out: list[bytes] = []
    cur = bytearray()
    kind = 0
    for b in m:
        k = 1 if 48 <= b <= 57 else 2 if (65 <= b <= 90 or 97 <= b <= 122) else 0
        if k != kind and cur:
            out.append(bytes(cur))
            cur = bytearray()
        if k:
            cur.append(b)
        kind = k
    if cur:
        out.append(bytes(cur))
    return out


def _card_expiration(m: bytes) -> bool:
    """MM/YY, MM/YYYY, YYYY-MM, Mon YYYY, YY-Mon (separators /, - or space)."""
    r = _runs(m)
    if len(r) != 2:
        return False
    a, b = r
    if _is_digits(a) and _is_digits(b):
        if len(a) == 4:
            return _year_ok(a) and _month_num(b) > 0
        return _month_num(a) > 0 and _year_ok(b)
    if _is_digits(b):
        return _month_name(a) > 0 and _year_ok(b)
    if _is_digits(a):
        return _year_ok(a) and _month_name(b) > 0
    return False


_MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def _day_month_ok(day: bytes, month: bytes) -> bool:
    mo = _month_num(month)
    return mo > 0 and _is_digits(day) and len(day) <= 2 and 1 <= int(day) <= _MONTH_DAYS[mo - 1]


def _card_expiration_date(m: bytes) -> bool:
    """Full dates (DD/MM/YYYY, MM/DD/YYYY, YYYY-MM-DD) with one separator style and a real day."""
    r = _runs(m)
    if len(r) != 3 or not all(_is_digits(x) for x in r) or len({b for b in m if b in b"/-"}) != 1:
        return False
    a, b, c = r
    if len(a) == 4:
        return _year_ok(a) and _day_month_ok(c, b)
    return _year_ok(c) and (_day_month_ok(b, a) or _day_month_ok(a, b))


def _card_expiration_split(m: bytes) -> bool:
    """Year and month split by keywords: 2026, expM=02 (year first) or 02, expY=2026."""
    r = _runs(m)
    if len(r) < 3 or not _is_digits(r[0]) or not _is_digits(r[-1]):
        return False
    words = b"".join(x for x in r[1:-1] if not _is_digits(x)).lower()
    if words.startswith(b"expm"):
        return _year_ok(r[0]) and _month_num(r[-1]) > 0
    if words.startswith(b"expy"):
        return _month_num(r[0]) > 0 and _year_ok(r[-1])
    return False


def _card_security_code(m: bytes) -> bool:
    return _is_digits(m) and 3 <= len(m) <= 4 and not all_same(m)


VALIDATORS: dict[str, Callable[[bytes], bool]] = {
    "iban": _iban,
    "fr_bban": _fr_bban,
    "de_bban": _de_bban,
    "it_bban": _it_bban,
    "es_bban": _es_bban,
    "gb_bban": _gb_bban,
    "gb_sort_code_account": _gb_sort_code_account,
    "us_ca_bank_account": _us_ca_bank_account,
    "card_number": _card_number,
    "card_track": _card_track,
    "card_expiration": _card_expiration,
    "card_expiration_split": _card_expiration_split,
    "card_expiration_date": _card_expiration_date,
    "card_security_code": _card_security_code,
    "ar_sube": _ar_sube,
}
