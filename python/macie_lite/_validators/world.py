"""Validators for the world identifier family (twin of rust/core/src/validators/world.rs)."""

from __future__ import annotations

from collections.abc import Callable

from .checksum import all_same, digits, luhn_digits, verhoeff, weighted_sum


def _shape_ok(m: bytes, shapes: tuple[bytes, ...]) -> bool:
    """True when ``m`` fits one shape exactly (so separators are consistent).

    Shape bytes: ``#`` digit, ``@`` upper-case letter or ``&``, ``%`` upper-case letter or
    digit, ``k`` digit or K/k, ``x`` digit or X/x; any other byte stands for itself.
    """
    for shape in shapes:
        if len(shape) != len(m):
            continue
        ok = True
        for s, b in zip(shape, m, strict=True):
            is_digit = 48 <= b <= 57
            is_upper = 65 <= b <= 90
            if s == 35:  # '#'
                ok = is_digit
            elif s == 64:  # '@'
                ok = is_upper or b == 38
            elif s == 37:  # '%'
                ok = is_upper or is_digit
            elif s == 107:  # 'k'
                ok = is_digit or b in (75, 107)
            elif s == 120:  # 'x'
                ok = is_digit or b in (88, 120)
            else:
                ok = s == b
            if not ok:
                break
        if ok:
            return True
    return False


def _num(d: list[int]) -> int:
    """Digit values read as one decimal number."""
    n = 0
    for x in d:
        n = n * 10 + x
    return n


# --- United States -------------------------------------------------------------------------

_US_9_SHAPES = (b"###-##-####", b"### ## ####", b"#########")


def _us_ssn(m: bytes) -> bool:
    # SSA rules: area 000, 666 and 900-999 never issued; group 00 and serial 0000 never
    # issued; 078-05-1120 (wallet card) and 219-09-9999 (SSA pamphlet) were voided.
    if not _shape_ok(m, _US_9_SHAPES):
        return False
    d = digits(m)
    area, group, serial = _num(d[:3]), _num(d[3:5]), _num(d[5:])
    if area == 0 or area == 666 or area >= 900 or group == 0 or serial == 0:
        return False
    return _num(d) not in (78051120, 219099999)


def _us_itin(m: bytes) -> bool:
    # IRS: ITINs start with 9 and the middle two digits are 50-65, 70-88, 90-92 or 94-99.
    if not _shape_ok(m, _US_9_SHAPES):
        return False
    d = digits(m)
    group = _num(d[3:5])
    in_range = 50 <= group <= 65 or 70 <= group <= 88 or 90 <= group <= 92 or group >= 94
    return d[0] == 9 and in_range and _num(d[5:]) != 0


# --- Canada --------------------------------------------------------------------------------


def _ca_sin(m: bytes) -> bool:
    # SIN: 9 digits, Luhn; 0 and 8 are not assigned as first digit (9 = temporary, kept).
    if not _shape_ok(m, (b"### ### ###", b"###-###-###", b"#########")):
        return False
    d = digits(m)
    return d[0] not in (0, 8) and not all_same(d) and luhn_digits(d)


def _ca_pr(m: bytes) -> bool:
    # UCI / client ID: 8 digits (0000-0000) or 10 digits (00-0000-0000); no public check digit.
    shapes = (b"########", b"####-####", b"#### ####")
    shapes10 = (b"##########", b"##-####-####", b"## #### ####")
    if not _shape_ok(m, shapes + shapes10):
        return False
    return not all_same(digits(m))


# --- Brazil --------------------------------------------------------------------------------


def _br_mod11_dv(d: list[int], weights: list[int]) -> int:
    """Receita Federal check digit: 11 - (sum mod 11), 0 when that is 10 or 11."""
    r = weighted_sum(d, weights) % 11
    return 0 if r < 2 else 11 - r


def _br_cpf(m: bytes) -> bool:
    # CPF: 9 digits + 2 mod-11 check digits (weights 10..2 then 11..2); all-same invalid.
    if not _shape_ok(m, (b"###.###.###-##", b"###########", b"#########-##")):
        return False
    d = digits(m)
    if all_same(d):
        return False
    dv1 = _br_mod11_dv(d[:9], list(range(10, 1, -1)))
    dv2 = _br_mod11_dv(d[:10], list(range(11, 1, -1)))
    return d[9] == dv1 and d[10] == dv2


_CNPJ_W1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
_CNPJ_W2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]


def _br_cnpj(m: bytes) -> bool:
    # CNPJ: 12 chars + 2 mod-11 check digits. Since July 2026 the 12 base chars may be
    # upper-case letters too, valued as ASCII code - 48 (digits keep their value).
    if not _shape_ok(m, (b"%%.%%%.%%%/%%%%-##", b"%%%%%%%%%%%%##")):
        return False
    v = [b - 48 for b in m if (48 <= b <= 57) or (65 <= b <= 90)]
    if all_same(v):
        return False
    dv1 = _br_mod11_dv(v[:12], _CNPJ_W1)
    dv2 = _br_mod11_dv(v[:13], _CNPJ_W2)
    return v[12] == dv1 and v[13] == dv2


def _br_rg(m: bytes) -> bool:
    # RG (Sao Paulo SSP form): 8 digits, check = -(sum d_i*w_i, w=2..9) mod 11, 10 as X.
    if not _shape_ok(m, (b"##.###.###-x", b"########x", b"########-x")):
        return False
    d = digits(m[:-1])
    if all_same(d):
        return False
    dv = (11 - weighted_sum(d, [2, 3, 4, 5, 6, 7, 8, 9]) % 11) % 11
    last = m[-1]
    return (dv == 10 and last in (88, 120)) or (dv < 10 and last == 48 + dv)


def _br_cep(m: bytes) -> bool:
    # CEP: 5+3 digits; 00000-000 is a placeholder, never assigned.
    if not _shape_ok(m, (b"#####-###", b"########", b"##.###-###")):
        return False
    return _num(digits(m)) != 0


# --- Argentina -----------------------------------------------------------------------------


def _ar_dni(m: bytes) -> bool:
    # DNI: 7-8 digits, optionally dotted; 99999999, all zeros (Macie) and all-same rejected.
    shapes = (b"########", b"#######", b"##.###.###", b"#.###.###")
    if not _shape_ok(m, shapes):
        return False
    d = digits(m)
    return not all_same(d) and _num(d) >= 1_000_000


def _ar_cuit(m: bytes, prefixes: tuple[int, ...]) -> bool:
    # CUIL/CUIT: type prefix + DNI/serial + mod-11 check digit (weights 5,4,3,2,7,6,5,4,3,2);
    # a remainder giving 10 is never issued (AFIP switches the prefix to 23/24/33/34).
    if not _shape_ok(m, (b"##-########-#", b"###########", b"## ######## #")):
        return False
    d = digits(m)
    if _num(d[:2]) not in prefixes or _num(d[2:10]) == 0:
        return False
    dv = 11 - weighted_sum(d[:10], [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11
    if dv == 11:
        dv = 0
    return dv != 10 and d[10] == dv


def _ar_cuit_individual(m: bytes) -> bool:
    # Prefixes 20 (male), 27 (female), 23/24 (either, or check-digit collision).
    return _ar_cuit(m, (20, 23, 24, 27))


def _ar_cuit_organization(m: bytes) -> bool:
    # Prefixes 30 (company), 33/34 (check-digit collision).
    return _ar_cuit(m, (30, 33, 34))


# --- Chile ---------------------------------------------------------------------------------

_CL_RUT_SHAPES = (
    b"##.###.###-k",
    b"#.###.###-k",
    b"###.###-k",
    b"########-k",
    b"#######-k",
    b"######-k",
    b"########k",
    b"#######k",
)


def _cl_rut(m: bytes) -> bool:
    # RUN/RUT: body + mod-11 check digit (weights 2..7 from the right, 10 as K);
    # all-zero bodies never reported (Macie).
    if not _shape_ok(m, _CL_RUT_SHAPES):
        return False
    body = digits(m[:-1])
    if _num(body) == 0:
        return False
    s = sum(x * (2 + i % 6) for i, x in enumerate(reversed(body)))
    dv = 11 - s % 11
    last = m[-1]
    if dv == 11:
        return last == 48
    if dv == 10:
        return last in (75, 107)
    return last == 48 + dv


# --- Colombia ------------------------------------------------------------------------------

_CO_BODY_SHAPES = (
    b"######",
    b"#######",
    b"########",
    b"#########",
    b"##########",
    b"###.###",
    b"#.###.###",
    b"##.###.###",
    b"###.###.###",
    b"#.###.###.###",
)


def _co_cedula_body(m: bytes) -> bool:
    """A cedula number: 6-10 digits, no leading zero, 10-digit ones start with 1."""
    if not _shape_ok(m, _CO_BODY_SHAPES):
        return False
    d = digits(m)
    if d[0] == 0 or all_same(d):
        return False
    return len(d) < 10 or d[0] == 1


def _co_cedula(m: bytes) -> bool:
    # Cedula de ciudadania: structure only (no public check digit).
    return _co_cedula_body(m)


_CO_NIT_WEIGHTS = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71]


def _co_nit_dv(body: list[int]) -> int:
    """DIAN check digit: weights 3,7,13,... from the rightmost digit, mod 11."""
    r = weighted_sum(list(reversed(body)), _CO_NIT_WEIGHTS) % 11
    return r if r < 2 else 11 - r


def _co_nit_split(m: bytes) -> tuple[bytes, int | None]:
    """Splits 'body-DV' into body bytes and DV; no hyphen means no DV."""
    if len(m) >= 3 and m[-2] == 45 and 48 <= m[-1] <= 57:
        return m[:-2], m[-1] - 48
    return m, None


def _co_nit_org_body(d: list[int]) -> bool:
    # Organisations were numbered from 800.000.000 on (8xx/9xx), people keep their cedula.
    return len(d) == 9 and d[0] in (8, 9)


def _co_nit_individual(m: bytes) -> bool:
    # Individual NIT = cedula number + "-" + DIAN check digit (required: without it the
    # value is a bare cedula); 9-digit bodies starting 8/9 belong to organisations.
    body, dv = _co_nit_split(m)
    if dv is None or not _co_cedula_body(body):
        return False
    d = digits(body)
    return not _co_nit_org_body(d) and _co_nit_dv(d) == dv


def _co_nit_organization(m: bytes) -> bool:
    # Organisation NIT: 9 digits from 8xx/9xx, DV after a hyphen or glued (10 digits) is
    # checked; the bare 9-digit body is accepted on structure alone.
    body, dv = _co_nit_split(m)
    if dv is None and _shape_ok(m, (b"##########",)):
        body, dv = m[:-1], m[-1] - 48
    if not _shape_ok(body, (b"#########", b"###.###.###")):
        return False
    d = digits(body)
    if not _co_nit_org_body(d) or all_same(d):
        return False
    return dv is None or _co_nit_dv(d) == dv


# --- Mexico --------------------------------------------------------------------------------


def _date_ok(year: int, month: int, day: int) -> bool:
    """Calendar check of a Gregorian date."""
    if month < 1 or month > 12 or day < 1:
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    mdays = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return day <= mdays[month - 1]


def _yymmdd_ok(d: bytes, year_base: int | None) -> bool:
    """YYMMDD digits; with no known century, Feb 29 is allowed when YY is a multiple of 4."""
    yy = (d[0] - 48) * 10 + d[1] - 48
    mm = (d[2] - 48) * 10 + d[3] - 48
    dd = (d[4] - 48) * 10 + d[5] - 48
    return _date_ok(2000 + yy if year_base is None else year_base + yy, mm, dd)


_MX_STATES = (
    b"AS BC BS CC CL CM CS CH DF DG GT GR HG JC MC MN MS NT NL OC PL QT QR SP SL SR TC TS TL VZ YN ZS NE"
).split()
_MX_CONSONANTS = b"BCDFGHJKLMNPQRSTVWXYZ"


def _mx_value(c: int) -> int:
    """Character value of the RENAPO/SAT tables: digits 0-9, A-N 10-23, (N-tilde 24), O-Z 25-36."""
    if 48 <= c <= 57:
        return c - 48
    if 65 <= c <= 78:
        return c - 55
    if 79 <= c <= 90:
        return c - 54
    if c == 38:  # '&' takes the N-tilde slot in the SAT table
        return 24
    return 37  # space (padding of 12-character RFCs)


def _mx_curp(m: bytes) -> bool:
    # CURP (RENAPO): name letters, YYMMDD, sex H/M/X, state, 3 consonants, homoclave
    # (digit = born 19xx, letter = 20xx), check digit = (10 - sum(v_i*(18-i)) mod 10) mod 10.
    if len(m) != 18 or not _shape_ok(m, (b"@@@@######@@@@@@%#",)) or 38 in m:
        return False
    if m[1] not in b"AEIOUX" or m[10] not in b"HMX" or m[11:13] not in _MX_STATES:
        return False
    if any(c not in _MX_CONSONANTS for c in m[13:16]):
        return False
    if not _yymmdd_ok(m[4:10], 1900 if 48 <= m[16] <= 57 else 2000):
        return False
    s = sum(_mx_value(c) * (18 - i) for i, c in enumerate(m[:17]))
    return (10 - s % 10) % 10 == m[17] - 48


def _mx_rfc_dv_ok(core: bytes) -> bool:
    """SAT RFC check character over the 13-character form (12-character ones padded with a space)."""
    padded = core if len(core) == 13 else b" " + core
    s = sum(_mx_value(c) * (13 - i) for i, c in enumerate(padded[:12]))
    dv = 11 - s % 11
    want = 48 if dv == 11 else (65 if dv == 10 else 48 + dv)
    return padded[12] == want


def _mx_rfc(m: bytes, nletters: int) -> bool:
    # RFC: name letters, YYMMDD, 2-character homoclave, SAT mod-11 check character;
    # generic RFCs XAXX010101000 / XEXX010101000 never reported (Macie).
    n = nletters
    shapes = (
        b"@" * n + b"######%%%",
        b"@" * n + b"-######-%%%",
        b"@" * n + b" ###### %%%",
    )
    if not _shape_ok(m, shapes):
        return False
    core = bytes(c for c in m if c not in (32, 45))
    if core in (b"XAXX010101000", b"XEXX010101000"):
        return False
    return _yymmdd_ok(core[n : n + 6], None) and _mx_rfc_dv_ok(core)


def _mx_rfc_individual(m: bytes) -> bool:
    # Persona fisica: 4 letters.
    return _mx_rfc(m, 4)


def _mx_rfc_organization(m: bytes) -> bool:
    # Persona moral: 3 letters.
    return _mx_rfc(m, 3)


# --- India ---------------------------------------------------------------------------------


def _in_aadhaar(m: bytes) -> bool:
    # UIDAI: 12 digits, first digit 2-9, last digit Verhoeff; groups of 4 consistently split.
    if not _shape_ok(m, (b"############", b"#### #### ####", b"####-####-####")):
        return False
    d = digits(m)
    return d[0] >= 2 and verhoeff(d)


def _in_pan(m: bytes) -> bool:
    # PAN: AAA + holder type (P C H F A T B L J G) + name initial + 4-digit serial (not 0000) + letter.
    if not _shape_ok(m, (b"@@@@@####@",)) or 38 in m:
        return False
    return m[3] in b"PCHFATBLJG" and m[5:9] != b"0000"


# --- Australia -----------------------------------------------------------------------------


def _au_tfn(m: bytes) -> bool:
    # TFN: weighted sum mod 11 == 0 (9 digits: 1,4,3,7,5,8,6,9,10; legacy 8 digits:
    # 10,7,8,4,6,3,5,1); ATO placeholder codes (all-same, 987654321) rejected.
    shapes = (b"#########", b"### ### ###", b"###-###-###", b"########", b"### ### ##", b"###-###-##")
    if not _shape_ok(m, shapes):
        return False
    d = digits(m)
    if all_same(d) or d == [9, 8, 7, 6, 5, 4, 3, 2, 1]:
        return False
    w = [1, 4, 3, 7, 5, 8, 6, 9, 10] if len(d) == 9 else [10, 7, 8, 4, 6, 3, 5, 1]
    return weighted_sum(d, w) % 11 == 0


VALIDATORS: dict[str, Callable[[bytes], bool]] = {
    "us_ssn": _us_ssn,
    "us_itin": _us_itin,
    "ca_sin": _ca_sin,
    "ca_pr": _ca_pr,
    "br_cpf": _br_cpf,
    "br_cnpj": _br_cnpj,
    "br_rg": _br_rg,
    "br_cep": _br_cep,
    "ar_dni": _ar_dni,
    "ar_cuit_individual": _ar_cuit_individual,
    "ar_cuit_organization": _ar_cuit_organization,
    "cl_rut": _cl_rut,
    "co_cedula": _co_cedula,
    "co_nit_individual": _co_nit_individual,
    "co_nit_organization": _co_nit_organization,
    "mx_curp": _mx_curp,
    "mx_rfc_individual": _mx_rfc_individual,
    "mx_rfc_organization": _mx_rfc_organization,
    "in_aadhaar": _in_aadhaar,
    "in_pan": _in_pan,
    "au_tfn": _au_tfn,
}
