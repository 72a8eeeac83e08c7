"""Validators for the licenses identifier family (twin of rust/core/src/validators/licenses.rs).

Driver's licence numbers of 31 countries plus the US, and vehicle identification numbers.
Most licence formats have no public check digit; there the validators enforce structure
(consistent separators, embedded dates, code lists) and reject placeholders.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from .checksum import all_same, alnum_upper, digits, luhn_digits


def _separators(m: bytes) -> bytes:
    """The non-alphanumeric bytes of ``m``, in order."""
    return bytes(b for b in m if not chr(b).isascii() or not chr(b).isalnum())


def _same_separators(m: bytes) -> bool:
    return all_same(_separators(m))


def _sequential(d: list[int]) -> bool:
    """Digits running up or down by one throughout (123456, 987654): placeholders."""
    pairs = list(pairwise(d))
    return len(d) >= 5 and (all((a + 1) % 10 == b for a, b in pairs) or all((b + 1) % 10 == a for a, b in pairs))


def _placeholder(d: list[int]) -> bool:
    return len(d) < 2 or all_same(d) or _sequential(d)


def _num(d: list[int] | bytes) -> int:
    n = 0
    for x in d:
        n = n * 10 + x
    return n


def _leap(y: int) -> bool:
    return (y % 4 == 0 and y % 100 != 0) or y % 400 == 0


def _valid_date(y: int | None, m: int, d: int) -> bool:
    """Whether day ``d`` exists in month ``m``; ``y`` None means century unknown."""
    if m in (1, 3, 5, 7, 8, 10, 12):
        days = 31
    elif m in (4, 6, 9, 11):
        days = 30
    elif m == 2:
        days = 28 if y is not None and not _leap(y) else 29
    else:
        return False
    return 1 <= d <= days


def _looks_like_date8(d: list[int]) -> bool:
    """Eight digits reading as YYYYMMDD, DDMMYYYY or MMDDYYYY (years 1900-2099)."""
    if len(d) != 8:
        return False
    y1, y2 = _num(d[:4]), _num(d[4:])
    ymd = 1900 <= y1 <= 2099 and _valid_date(y1, _num(d[4:6]), _num(d[6:]))
    dmy = 1900 <= y2 <= 2099 and _valid_date(y2, _num(d[2:4]), _num(d[:2]))
    mdy = 1900 <= y2 <= 2099 and _valid_date(y2, _num(d[:2]), _num(d[2:4]))
    return ymd or dmy or mdy


def _dl_number(m: bytes) -> bool:
    """Generic licence number: consistent separators, no placeholder, 8 digits not a date."""
    d = digits(m)
    if not _same_separators(m) or _placeholder(d):
        return False
    return not (len(m) == 8 and len(d) == 8 and _looks_like_date8(d))


def _yymmdd_plus50(d: list[int]) -> bool:
    month = _num(d[2:4])
    if month > 50:
        month -= 50
    return _valid_date(None, month, _num(d[4:6]))


def _two_or_no_separators(seps: bytes) -> bool:
    return len(seps) == 0 or (len(seps) == 2 and all_same(seps))


def _dl_ca_ontario(m: bytes) -> bool:
    """Ontario: letter + 14 digits, the last six the birth date YYMMDD (month +50 women)."""
    d = digits(m)
    return len(d) == 14 and _two_or_no_separators(_separators(m)) and _yymmdd_plus50(d[8:]) and not _placeholder(d[:8])


def _dl_ca_quebec(m: bytes) -> bool:
    """Quebec: letter + 12 digits, birth date in the middle six (YYMMDD or DDMMYY)."""
    d = digits(m)
    if len(d) != 12 or not _two_or_no_separators(_separators(m)):
        return False
    mid = d[4:10]
    ddmmyy = [mid[4], mid[5], mid[2], mid[3], mid[0], mid[1]]
    return (_yymmdd_plus50(mid) or _yymmdd_plus50(ddmmyy)) and not _placeholder(d)


def _up(c: int) -> int:
    """ASCII upper-casing of one byte (other bytes unchanged), as Rust's to_ascii_uppercase."""
    return c - 32 if 97 <= c <= 122 else c


def _alnum_value(c: int) -> int:
    if 48 <= c <= 57:
        return c - 48
    return _up(c) - 65 + 10


def _is_alnum(c: int) -> bool:
    return (48 <= c <= 57) or (65 <= c <= 90) or (97 <= c <= 122)


def _is_alpha(c: int) -> bool:
    return (65 <= c <= 90) or (97 <= c <= 122)


def _is_digit(c: int) -> bool:
    return 48 <= c <= 57


def _dl_de(m: bytes) -> bool:
    """Germany: weights 9..1 over the first nine (A=10..Z=35), mod 11, 10 written X."""
    if len(m) != 11 or not all(_is_alnum(c) for c in m) or not (_is_digit(m[1]) and _is_digit(m[2])):
        return False
    total = sum(_alnum_value(c) * w for c, w in zip(m[:9], range(9, 0, -1), strict=True))
    r = total % 11
    check = ord("X") if r == 10 else 48 + r
    return _up(m[9]) == check and not _placeholder(digits(m[1:9]))


def _dl_es(m: bytes) -> bool:
    """Spain: DNI (8 digits) or NIE (X/Y/Z + 7 digits) with the mod-23 control letter."""
    a = alnum_upper(m)
    if len(a) != 9:
        return False
    lead: int | None
    if a[0:1] in (b"X", b"Y", b"Z"):
        lead = b"XYZ".index(a[0:1])
    elif _is_digit(a[0]):
        lead = None
    else:
        return False
    d = digits(a[:8])
    if lead is not None:
        d.insert(0, lead)
    if len(d) != 8 or all_same(d):
        return False
    return b"TRWAGMYFPDXBNJZSQVHLCKE"[_num(d) % 23] == a[8]


def _dl_fi(m: bytes) -> bool:
    """Finland: personal identity code DDMMYYCZZZQ, control = DDMMYYZZZ mod 31."""
    if len(m) != 11:
        return False
    sign = chr(_up(m[6]))
    if sign == "+":
        century = 1800
    elif sign in "-UVWXY":
        century = 1900
    elif sign in "ABCDEF":
        century = 2000
    else:
        return False
    head, tail = m[:6], m[7:10]
    if not all(_is_digit(c) for c in head + tail):
        return False
    hd, td = digits(head), digits(tail)
    if _num(td) < 2 or not _valid_date(century + _num(hd[4:]), _num(hd[2:4]), _num(hd[:2])):
        return False
    n = _num(hd) * 1000 + _num(td)
    return b"0123456789ABCDEFHJKLMNPRSTUVWXY"[n % 31] == _up(m[10])


def _dl_se(m: bytes) -> bool:
    """Sweden: personnummer (YY)YYMMDD-NNNC, day +60 for coordination numbers, Luhn."""
    seps = _separators(m)
    d = digits(m)
    if len(seps) > 1 or any(s not in b"-+" for s in seps):
        return False
    if len(d) == 10:
        short = d
    elif len(d) == 12 and 18 <= _num(d[:2]) <= 20:
        short = d[2:]
    else:
        return False
    day = _num(short[4:6])
    if day > 60:
        day -= 60
    return _valid_date(None, _num(short[2:4]), day) and luhn_digits(short) and not _placeholder(short)


_IN_STATES = frozenset(
    "AN AP AR AS BR CG CH DD DL DN GA GJ HP HR JH JK KA KL LA LD MH ML MN MP "
    "MZ NL OD OR PB PY RJ SK TG TN TR TS UA UK UP WB".split()
)


def _dl_in(m: bytes) -> bool:
    """India: state code + RTO (01-99) + year of issue + 7-digit serial."""
    a = alnum_upper(m)
    if len(a) != 15 or a[:2].decode("ascii") not in _IN_STATES:
        return False
    d = digits(a[2:])
    return len(d) == 13 and _num(d[:2]) != 0 and 1950 <= _num(d[2:6]) <= 2099 and not _placeholder(d[6:])


_IT_PROVINCES = frozenset(
    """AG AL AN AO AP AQ AR AT AV BA BG BI BL BN BO BR BS BT BZ CA CB CE
    CH CI CL CN CO CR CS CT CZ EN FC FE FG FI FM FO FR GE GO GR IM IS KR LC LE LI LO LT LU
    MB MC ME MI MN MO MS MT NA NO NU OG OR OT PA PC PD PE PG PI PN PO PR PS PT PU PV PZ RA
    RC RE RG RI RM RN RO SA SI SO SP SR SS SU SV TA TE TN TO TP TR TS TV UD VA VB VC VE VI
    VR VS VT VV""".split()
)


def _dl_it(m: bytes) -> bool:
    """Italy: province code (old), letter + A/V series or U1, 7 digits (U1: 7 chars), letter."""
    a = alnum_upper(m)
    if len(a) != 10 or not _is_alpha(a[9]):
        return False
    body = digits(a[2:9])
    if a[:2] == b"U1":
        return not (len(body) == 7 and _placeholder(body))
    series = _is_alpha(a[0]) and a[1] in b"AV"
    return (series or a[:2].decode("ascii") in _IT_PROVINCES) and len(body) == 7 and not _placeholder(body)


def _dl_mt(m: bytes) -> bool:
    """Malta: identity card number, up to 7 digits + a series letter."""
    if not m:
        return False
    return _up(m[-1]) in b"MGAPLHBZ" and any(x != 0 for x in digits(m[:-1]))


def _dl_pl(m: bytes) -> bool:
    """Poland: NNNNN/YY/NNNN or NNNNN/YY/NNNNNNN, neither number all zero."""
    d = digits(m)
    return len(d) in (11, 14) and _num(d[:5]) != 0 and _num(d[7:]) != 0 and not _placeholder(d)


def _dl_fr(m: bytes) -> bool:
    """France: year, month 01-12, departement (01-95 but 20, or 2A/2B), 6-digit serial."""
    if len(m) != 12 or not all(_is_digit(c) for c in m[:4] + m[6:]):
        return False
    month = _num(digits(m[2:4]))
    a, b = m[4], _up(m[5])
    if a == ord("2") and b in b"AB":
        dept = True
    elif _is_digit(a) and _is_digit(b):
        n = (a - 48) * 10 + (b - 48)
        dept = 1 <= n <= 95 and n != 20
    else:
        dept = False
    return 1 <= month <= 12 and dept and not _placeholder(digits(m[6:]))


def _dl_pt(m: bytes) -> bool:
    """Portugal: district letters + number + control digit; only placeholders rejected."""
    return not _placeholder(digits(m))


def _dl_uk(m: bytes) -> bool:
    """UK DVLA: surname(5, 9-padded) + decade + month(+50) + day + year + initials + digit + 2."""
    a = alnum_upper(m)
    if len(a) != 16 or not _two_or_no_separators(_separators(m)):
        return False
    surname = a[:5]
    letters = 0
    while letters < 5 and _is_alpha(surname[letters]):
        letters += 1
    if letters == 0 or any(c != ord("9") for c in surname[letters:]):
        return False
    d = digits(a[5:11])
    if len(d) != 6:
        return False
    month = _num(d[1:3])
    if month > 50:
        month -= 50
    return (
        _valid_date(None, month, _num(d[3:5]))
        and _is_alpha(a[11])
        and (_is_alpha(a[12]) or a[12] == ord("9"))
        and _is_digit(a[13])
    )


_VIN_VALUES = {
    **{chr(48 + i): i for i in range(10)},
    **dict.fromkeys("AJ", 1),
    **dict.fromkeys("BKS", 2),
    **dict.fromkeys("CLT", 3),
    **dict.fromkeys("DMU", 4),
    **dict.fromkeys("ENV", 5),
    **dict.fromkeys("FW", 6),
    **dict.fromkeys("GPX", 7),
    **dict.fromkeys("HY", 8),
    **dict.fromkeys("RZ", 9),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def _vin(m: bytes) -> bool:
    """VIN (ISO 3779); position 9 check digit enforced for North American WMIs (1-5)."""
    if len(m) != 17:
        return False
    upper = any(65 <= c <= 90 for c in m)
    lower = any(97 <= c <= 122 for c in m)
    if (upper and lower) or not (upper or lower):
        return False
    v = bytes(m).upper().decode("latin-1")
    if any(c not in _VIN_VALUES for c in v):
        return False
    if v[0] == "0" or v[9] in "UZ0" or not all(c in "0123456789" for c in v[13:]):
        return False
    if v[0] not in "12345":
        return True
    total = sum(_VIN_VALUES[c] * w for c, w in zip(v, _VIN_WEIGHTS, strict=True))
    r = total % 11
    return v[8] == ("X" if r == 10 else str(r))


VALIDATORS: dict[str, Callable[[bytes], bool]] = {
    "dl_number": _dl_number,
    "dl_ca_ontario": _dl_ca_ontario,
    "dl_ca_quebec": _dl_ca_quebec,
    "dl_de": _dl_de,
    "dl_es": _dl_es,
    "dl_fi": _dl_fi,
    "dl_fr": _dl_fr,
    "dl_se": _dl_se,
    "dl_in": _dl_in,
    "dl_it": _dl_it,
    "dl_mt": _dl_mt,
    "dl_pl": _dl_pl,
    "dl_pt": _dl_pt,
    "dl_uk": _dl_uk,
    "vin": _vin,
}
