"""Validators for the health identifier family (twin of rust/core/src/validators/health.rs)."""

from __future__ import annotations

from collections.abc import Callable

from .checksum import all_same, alnum_upper, digits, luhn_digits

# DEA registrant type letters (practitioners, mid-levels, hospitals, distributors, NTPs, X-waiver).
_DEA_TYPES = b"ABCDEFGHJKLMNPRSTUX"
# Railroad Retirement Board HICN prefixes (letters before the 6- or 9-digit number).
_RRB_PREFIXES = {
    b"A",
    b"CA",
    b"H",
    b"JA",
    b"MA",
    b"MH",
    b"PA",
    b"PD",
    b"PH",
    b"WA",
    b"WCA",
    b"WCD",
    b"WCH",
    b"WD",
    b"WF",
    b"WH",
}
# ISO 3166 numeric codes of the EHIC countries (EU, EEA, Switzerland, UK), Finland excluded
# because FINLAND_EUROPEAN_HEALTH_INSURANCE_NUMBER owns 80246.
_EHIC_COUNTRIES = {
    b"040",
    b"056",
    b"100",
    b"191",
    b"196",
    b"203",
    b"208",
    b"233",
    b"250",
    b"276",
    b"300",
    b"348",
    b"352",
    b"372",
    b"380",
    b"428",
    b"438",
    b"440",
    b"442",
    b"470",
    b"528",
    b"578",
    b"616",
    b"620",
    b"642",
    b"703",
    b"705",
    b"724",
    b"752",
    b"756",
    b"826",
}
# HIBCC mod-43 character set: a character's value is its index.
_HIBC43 = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%"
_HCPCS_LETTERS = b"ABCEGHJKLMPQRSTUV"


def _seps(m: bytes) -> bytes:
    """The non-alphanumeric bytes of ``m`` in order."""
    return bytes(b for b in m if not (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122))


def _one_sep(m: bytes) -> bool:
    """True when the separators of ``m`` are all the same byte (or there are none)."""
    return len(set(_seps(m))) <= 1


def _num(d: list[int]) -> int:
    v = 0
    for x in d:
        v = v * 10 + x
    return v


def _ssn_ok(d: list[int]) -> bool:
    """SSA rules for a 9-digit SSN: area 001-899 but not 666, group 01-99, serial 0001-9999."""
    area, group, serial = _num(d[:3]), _num(d[3:5]), _num(d[5:9])
    if _num(d) in (78_051_120, 219_099_999):
        return False  # voided specimen SSNs (Woolworth wallet card, SSA pamphlet)
    return 0 < area < 900 and area != 666 and group != 0 and serial != 0 and not all_same(d)


def _us_dea(m: bytes) -> bool:
    # DEA check: d1+d3+d5 + 2*(d2+d4+d6), last digit equals d7.
    u = m.upper()
    if len(u) != 9 or u[0] not in _DEA_TYPES:
        return False
    if not (65 <= u[1] <= 90 or u[1] == 57):
        return False
    d = digits(u[2:])
    if len(d) != 7 or all_same(d):
        return False
    s = d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])
    return s % 10 == d[6]


def _bic_ok(b: bytes) -> bool:
    """Medicare beneficiary identification code (HICN suffix) by its documented structure."""
    first, rest = b[:1], b[1:]
    if len(b) > 2:
        return False
    if not rest:
        return first in (b"A", b"B", b"D", b"E", b"M", b"T", b"W")
    c = rest[0]
    if first == b"F":
        return 49 <= c <= 56  # F1-F8
    if first == b"J":
        return 49 <= c <= 52  # J1-J4
    if first == b"M":
        return c == 49  # M1
    if first in (b"B", b"C", b"D", b"E", b"K", b"W"):
        return 49 <= c <= 57 or 65 <= c <= 90
    if first in (b"H", b"T"):
        return 65 <= c <= 90
    return False


def _split_after_digits(m: bytes, n: int) -> tuple[bytes, bytes]:
    """``m`` cut just after its n-th ASCII digit (all of ``m`` and b"" if it has fewer)."""
    seen = 0
    for i, b in enumerate(m):
        if 48 <= b <= 57:
            seen += 1
            if seen == n:
                return m[: i + 1], m[i + 1 :]
    return m, b""


def _us_hicn(m: bytes) -> bool:
    # SSN-based HICN: SSN rules, SSN separators none or one style, then a valid BIC.
    ssn, suffix = _split_after_digits(m, 9)
    seps = _seps(ssn)
    if seps not in (b"", b"--", b"  "):
        return False
    d = digits(ssn)
    return len(d) == 9 and ssn[:1].isdigit() and _ssn_ok(d) and _bic_ok(alnum_upper(suffix))


def _us_hicn_rrb(m: bytes) -> bool:
    # Railroad Retirement Board HICN: a known prefix, then 6 digits or an SSN.
    u = m.upper()
    i = 0
    while i < len(u) and 65 <= u[i] <= 90:
        i += 1
    prefix, number = u[:i], u[i:]
    if prefix not in _RRB_PREFIXES or _seps(number) not in (b"", b"--", b"  "):
        return False
    d = digits(number)
    if len(d) == 6:
        return not all_same(d)
    return len(d) == 9 and _ssn_ok(d)


def _ca_health_10(m: bytes) -> bool:
    # Ontario health number (Luhn over the 10 digits) or BC PHN (leading 9, mod-11 weights).
    number, _version = _split_after_digits(m, 10)
    d = digits(number)
    if len(d) != 10 or not _one_sep(number) or all_same(d):
        return False
    if d[0] == 9:
        w = [2, 4, 8, 5, 10, 9, 7, 3]
        r = sum((x * k) % 11 for x, k in zip(d[1:9], w, strict=True)) % 11
        if r > 1 and 11 - r == d[9]:
            return True
    return d[0] != 0 and luhn_digits(d)


def _ca_ramq(m: bytes) -> bool:
    # Quebec RAMQ: 4 letters, birth year, month (+50 for women), day, 2 administrative digits.
    body = alnum_upper(m)
    if len(body) != 12 or not body[:4].isalpha() or not _one_sep(m):
        return False
    d = digits(body[4:])
    if len(d) != 8:
        return False
    month, day = d[2] * 10 + d[3], d[4] * 10 + d[5]
    if month > 50:
        month -= 50
    return 1 <= month <= 12 and 1 <= day <= 31


def _ca_health_9(m: bytes) -> bool:
    # Nine-digit provincial numbers (AB, SK, MB, NB, YT, NU): structure only, no public check.
    d = digits(m)
    return len(d) == 9 and d[0] != 0 and not all_same(d) and _one_sep(m)


def _eu_ehic_card(m: bytes) -> bool:
    # EHIC card number (ISO/IEC 7812 style): 80 (health MII) + ISO 3166 numeric country + 15.
    if len(m) != 20 or not m.isdigit():
        return False
    return m[:2] == b"80" and m[2:5] in _EHIC_COUNTRIES and not all_same(m[5:])


def _fi_ehic_card(m: bytes) -> bool:
    # Finnish EHIC card number: 80 + 246 (Finland) + 15 digits, placeholders refused.
    return len(m) == 20 and m.isdigit() and m[:5] == b"80246" and not all_same(m[5:])


def _de_kvnr(m: bytes) -> bool:
    # German health insurance number: letter as 01-26, then digits; weights 1,2; digit sums mod 10.
    u = m.upper()
    if len(u) != 10 or not 65 <= u[0] <= 90 or not u[1:].isdigit():
        return False
    n = u[0] - 64
    d = [n // 10, n % 10, *digits(u[1:9])]
    if all_same(digits(u[1:])):
        return False
    total = 0
    for i, x in enumerate(d):
        p = x * (2 if i % 2 else 1)
        total += p // 10 + p % 10
    return total % 10 == u[9] - 48


def _fr_health_nir(m: bytes) -> bool:
    # French NIR: sex, year, month, department (2A/2B), commune, order; key = 97 - n mod 97.
    body = alnum_upper(m)
    if len(body) != 15 or not _one_sep(m):
        return False
    dept = body[5:7]
    if dept in (b"2A", b"2B"):
        rest = body[:5] + b"19" + body[7:]
        if not rest.isdigit():
            return False
        n = int(rest[:13]) - (1_000_000 if dept == b"2A" else 2_000_000)
    else:
        if not body.isdigit() or dept == b"00":
            return False
        n = int(body[:13])
    if body[0] not in b"123478":
        return False
    month = int(body[3:5])
    if not (1 <= month <= 12 or month == 20 or 30 <= month <= 42 or month >= 50):
        return False
    if body[7:10] == b"000" or body[10:13] == b"000":
        return False
    return 97 - n % 97 == int(body[13:15])


def _uk_nhs(m: bytes) -> bool:
    # NHS mod 11: weights 10..2 over nine digits, check = 11 - r (11 -> 0, 10 -> invalid).
    d = digits(m)
    if len(d) != 10 or all_same(d) or not _one_sep(m):
        return False
    r = sum(x * (10 - i) for i, x in enumerate(d[:9])) % 11
    check = (11 - r) % 11
    return check != 10 and check == d[9]


def _us_mbi(m: bytes) -> bool:
    # MBI positions are fixed by the regex; here only the hyphens: both or none.
    return m.count(b"-") in (0, 2)


def _us_hcpcs(m: bytes) -> bool:
    # HCPCS Level II letters in use, and CPT category II/III (4 digits + F/T); 0000 is no code.
    if len(m) != 5:
        return False
    if m[0] in _HCPCS_LETTERS and m[1:].isdigit():
        return m[1:] != b"0000"
    return m[:4].isdigit() and m[4:] in (b"F", b"T") and m[:4] != b"0000"


def _us_ndc(m: bytes) -> bool:
    # NDC: labeler/product/package segments; an 11-digit form pads exactly one segment with 0.
    parts = m.split(b"-")
    d = digits(m)
    if all_same(d):
        return False
    if len(parts) == 1:
        if len(m) != 11:
            return False
        parts = [m[:5], m[5:9], m[9:]]
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or set(parts[0]) == {48}:
        # Labeler code zero is never assigned.
        return False
    if len(d) == 11:
        return parts[0][0] == 48 or parts[1][0] == 48 or parts[2][0] == 48
    return len(d) == 10


def _us_npi(m: bytes) -> bool:
    # NPI: Luhn over 80840 + the 10 digits (ISO 7812 health prefix), first digit 1 or 2.
    d = digits(m)
    return len(d) == 10 and d[0] in (1, 2) and luhn_digits([8, 0, 8, 4, 0, *d])


def _gs1_check(d: list[int]) -> bool:
    """GS1 mod 10: weights 3,1 from the right of the payload, check makes it a multiple of 10."""
    s = sum(x * (3 if i % 2 == 0 else 1) for i, x in enumerate(reversed(d[:-1])))
    return (10 - s % 10) % 10 == d[-1]


def _yymmdd_ok(v: bytes) -> bool:
    # GS1 dates: month 01-12, day 00 (end of month) to 31.
    if len(v) != 6 or not v.isdigit():
        return False
    month, day = int(v[2:4]), int(v[4:6])
    return 1 <= month <= 12 and day <= 31


def _udi_gs1_plain(m: bytes) -> bool:
    """01 + GTIN-14, up to two (11)/(17) dates, then optionally (10)/(21) + 1-20 alphanumerics."""
    if len(m) < 16 or m[:2] != b"01" or not m[2:16].isdigit():
        return False
    g = digits(m[2:16])
    if not _gs1_check(g) or all_same(g[:-1]):
        return False
    rest = m[16:]
    for _ in range(2):
        if rest[:2] in (b"11", b"17") and len(rest) >= 8 and rest[2:8].isdigit():
            if not _yymmdd_ok(rest[2:8]):
                return False
            rest = rest[8:]
    if not rest:
        return True
    return rest[:2] in (b"10", b"21") and 3 <= len(rest) <= 22 and rest.isalnum()


def _udi_gs1(m: bytes) -> bool:
    # GS1 UDI: (01) GTIN-14 with its check digit; date AIs (11)/(17) must be real dates.
    if m[:1].isdigit():
        return _udi_gs1_plain(m)
    chunks = m.split(b"(")[1:]
    gtin = None
    for c in chunks:
        ai, _, val = c.partition(b")")
        if ai == b"01":
            if gtin is not None or len(val) != 14 or not val.isdigit():
                return False
            gtin = val
        elif ai in (b"11", b"17"):
            if not _yymmdd_ok(val):
                return False
        elif ai == b"7003":
            if len(val) != 10 or not val.isdigit():
                return False
        elif ai not in (b"10", b"21", b"30", b"240", b"241", b"422"):
            return False
    if gtin is None:
        return False
    g = digits(gtin)
    return _gs1_check(g) and not all_same(g[:-1])


def _udi_hibcc(m: bytes) -> bool:
    # HIBCC: '+', labeler code (letter + 3), product, unit digit, mod-43 check over all before it.
    if len(m) < 8 or m[0] != 43:
        return False
    total = 0
    for b in m[:-1]:
        v = _HIBC43.find(bytes([b]))
        if v < 0:
            return False
        total += v
    return _HIBC43[total % 43] == m[-1]


def _udi_isbt128(m: bytes) -> bool:
    # ISBT 128 PPIC: =/ + facility number + product code; FIN and product code not placeholders.
    return len(m) >= 13 and m[:2] == b"=/" and m[3:7] != b"0000" and m[7:13] != b"000000"


VALIDATORS: dict[str, Callable[[bytes], bool]] = {
    "us_dea": _us_dea,
    "us_hicn": _us_hicn,
    "us_hicn_rrb": _us_hicn_rrb,
    "ca_health_10": _ca_health_10,
    "ca_ramq": _ca_ramq,
    "ca_health_9": _ca_health_9,
    "eu_ehic_card": _eu_ehic_card,
    "fi_ehic_card": _fi_ehic_card,
    "de_kvnr": _de_kvnr,
    "fr_health_nir": _fr_health_nir,
    "uk_nhs": _uk_nhs,
    "us_mbi": _us_mbi,
    "us_hcpcs": _us_hcpcs,
    "us_ndc": _us_ndc,
    "us_npi": _us_npi,
    "udi_gs1": _udi_gs1,
    "udi_hibcc": _udi_hibcc,
    "udi_isbt128": _udi_isbt128,
}
