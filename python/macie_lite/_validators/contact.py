"""Validators for the contact identifier family (twin of rust/core/src/validators/contact.rs).

Names, addresses, dates of birth, GPS coordinates, phone numbers, US ZIP and Canadian postal
codes. Every function takes the matched bytes and must give the same verdict as its Rust twin.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from .checksum import all_same, digits

# ---------------------------------------------------------------------------------------------
# Gazetteers


def _gazetteer_dir() -> Path:
    try:  # the installed package ships the identifier data
        from macie_lite.identifiers import data_path

        return Path(data_path()) / "gazetteers"
    except ImportError:  # source tree: python/macie_lite/_validators -> repo root
        return Path(__file__).resolve().parents[3] / "identifiers" / "gazetteers"


def _entries(name: str) -> list[str]:
    text = (_gazetteer_dir() / f"{name}.txt").read_text(encoding="utf-8")
    return [s for s in (line.strip() for line in text.splitlines()) if s and not s.startswith("#")]


@functools.cache
def _given() -> frozenset[str]:
    return frozenset(_entries("contact_given_names"))


@functools.cache
def _surnames() -> frozenset[str]:
    return frozenset(_entries("contact_surnames"))


@functools.cache
def _cities() -> frozenset[str]:
    return frozenset(s.lower() for s in _entries("contact_cities"))


def _num(s: str) -> bool:
    """Non-empty and ASCII digits only (str.isdigit also accepts other scripts' digits)."""
    return s != "" and all("0" <= c <= "9" for c in s)


def _text(m: bytes) -> str | None:
    try:
        return m.decode("utf-8")
    except UnicodeDecodeError:
        return None


# ---------------------------------------------------------------------------------------------
# NAME

_PARTICLES = frozenset(
    "da das de del della dei der den di do dos du des la le van von ter ten zu y e "
    "De Da Di Del Van Von Le La Du Dos Della".split()
)


def _in_list(token: str, names: frozenset[str]) -> bool:
    # Double-barrelled names (Anne-Marie, Smith-Jones): every part must be on the list.
    return all(part in names for part in token.split("-"))


def _contact_full_name(m: bytes) -> bool:
    s = _text(m)
    if s is None:
        return False
    tokens = s.split(" ")
    if len(tokens) < 2:
        return False
    given, surnames = _given(), _surnames()
    if not _in_list(tokens[0], given) or not _in_list(tokens[-1], surnames):
        return False
    for t in tokens[1:-1]:
        initial = len(t) in (1, 2) and "A" <= t[0] <= "Z" and t[1:] in ("", ".")
        if not (initial or t in _PARTICLES or _in_list(t, given) or _in_list(t, surnames)):
            return False
    return True


# ---------------------------------------------------------------------------------------------
# ADDRESS

# US ZIP three-digit prefixes by state (USPS ranges; military AA/AE/AP and territories included).
_US_ZIP3: dict[str, tuple[tuple[int, int], ...]] = {
    "AL": ((350, 369),),
    "AK": ((995, 999),),
    "AZ": ((850, 865),),
    "AR": ((716, 729),),
    "CA": ((900, 961),),
    "CO": ((800, 816),),
    "CT": ((60, 69),),
    "DE": ((197, 199),),
    "DC": ((200, 205), (569, 569)),
    "FL": ((320, 349),),
    "GA": ((300, 319), (398, 399)),
    "HI": ((967, 968),),
    "ID": ((832, 838),),
    "IL": ((600, 629),),
    "IN": ((460, 479),),
    "IA": ((500, 528),),
    "KS": ((660, 679),),
    "KY": ((400, 427),),
    "LA": ((700, 714),),
    "ME": ((39, 49),),
    "MD": ((206, 219),),
    "MA": ((10, 27), (55, 55)),
    "MI": ((480, 499),),
    "MN": ((550, 567),),
    "MS": ((386, 397),),
    "MO": ((630, 658),),
    "MT": ((590, 599),),
    "NE": ((680, 693),),
    "NV": ((889, 898),),
    "NH": ((30, 38),),
    "NJ": ((70, 89),),
    "NM": ((870, 884),),
    "NY": ((100, 149), (5, 5), (63, 63)),
    "NC": ((270, 289),),
    "ND": ((580, 588),),
    "OH": ((430, 459),),
    "OK": ((730, 732), (734, 749)),
    "OR": ((970, 979),),
    "PA": ((150, 196),),
    "RI": ((28, 29),),
    "SC": ((290, 299),),
    "SD": ((570, 577),),
    "TN": ((370, 385),),
    "TX": ((733, 733), (750, 799), (885, 885)),
    "UT": ((840, 847),),
    "VT": ((50, 59),),
    "VA": ((201, 201), (220, 246)),
    "WA": ((980, 994),),
    "WV": ((247, 268),),
    "WI": ((530, 549),),
    "WY": ((820, 831),),
    "PR": ((6, 7), (9, 9)),
    "VI": ((8, 8),),
    "GU": ((969, 969),),
    "AS": ((967, 967),),
    "MP": ((969, 969),),
    "FM": ((969, 969),),
    "MH": ((969, 969),),
    "PW": ((969, 969),),
    "AA": ((340, 340),),
    "AE": ((90, 98),),
    "AP": ((962, 966),),
}

_CA_PROVINCE_LETTERS = {
    "NL": "A",
    "NS": "B",
    "PE": "C",
    "NB": "E",
    "QC": "GHJ",
    "ON": "KLMNP",
    "MB": "R",
    "SK": "S",
    "AB": "T",
    "BC": "V",
    "NT": "X",
    "NU": "X",
    "YT": "Y",
}

_AU_POSTCODES = {
    "NSW": ((1000, 2599), (2619, 2899), (2921, 2999)),
    "ACT": ((200, 299), (2600, 2618), (2900, 2920)),
    "VIC": ((3000, 3999), (8000, 8999)),
    "QLD": ((4000, 4999), (9000, 9999)),
    "SA": ((5000, 5999),),
    "WA": ((6000, 6797), (6800, 6999)),
    "TAS": ((7000, 7999),),
    "NT": ((800, 999),),
}

_UK_AREAS = frozenset(
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT "
    "DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA "
    "LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE "
    "SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV "
    "YO ZE".split()
)

# Big cities whose postcode prefix is cheap to check (first two digits; IT: first two of CAP).
_CITY_PREFIX: dict[str, dict[str, tuple[str, ...]]] = {
    "FR": {
        "paris": ("75",),
        "marseille": ("13",),
        "lyon": ("69",),
        "toulouse": ("31",),
        "nice": ("06",),
        "nantes": ("44",),
        "strasbourg": ("67",),
        "montpellier": ("34",),
        "bordeaux": ("33",),
        "lille": ("59",),
        "rennes": ("35",),
    },
    "DE": {
        "berlin": ("10", "11", "12", "13", "14"),
        "hamburg": ("20", "21", "22"),
        "münchen": ("80", "81"),
        "köln": ("50", "51"),
        "frankfurt am main": ("60", "65"),
        "stuttgart": ("70",),
        "düsseldorf": ("40",),
    },
    "IT": {
        "roma": ("00",),
        "milano": ("20",),
        "napoli": ("80",),
        "torino": ("10",),
        "firenze": ("50",),
        "bologna": ("40",),
        "venezia": ("30",),
    },
    "ES": {
        "madrid": ("28",),
        "barcelona": ("08",),
        "valencia": ("46",),
        "sevilla": ("41",),
        "zaragoza": ("50",),
        "málaga": ("29",),
        "bilbao": ("48",),
    },
}


def _split_tail(s: str, n: int) -> tuple[str, str]:
    return s[:-n], s[-n:]


def _zip_state_ok(state: str, zip5: str) -> bool:
    ranges = _US_ZIP3.get(state)
    if ranges is None or zip5 == "00000" or not _num(zip5):
        return False
    z3 = int(zip5[:3])
    return any(lo <= z3 <= hi for lo, hi in ranges)


def _contact_address_us(m: bytes) -> bool:
    s = _text(m)
    if s is None:
        return False
    if len(s) > 11 and s[-5] == "-":  # ZIP+4: the add-on is never 0000
        if s[-4:] == "0000" or not _num(s[-4:]):
            return False
        s = s[:-5]
    head, zip5 = _split_tail(s, 5)
    head = head.rstrip(" ").rstrip(",")
    return len(head) >= 2 and _zip_state_ok(head[-2:], zip5)


def _ca_postal_ok(code: str) -> bool:
    c = code.replace(" ", "").replace("-", "")
    if len(c) != 6:
        return False
    letters = c[0] + c[2] + c[4]
    if any(ch in "DFIOQU" for ch in letters) or c[0] in "WZ":
        return False
    return all("A" <= ch <= "Z" for ch in letters) and _num(c[1::2])


def _contact_address_ca(m: bytes) -> bool:
    s = _text(m)
    if s is None:
        return False
    code = s[-7:] if len(s) >= 7 and s[-4] == " " else s[-6:]
    head = s[: len(s) - len(code)].rstrip(" ").rstrip(",").rstrip(")")
    letters = _CA_PROVINCE_LETTERS.get(head[-2:])
    return letters is not None and _ca_postal_ok(code) and code[0] in letters


def _uk_postcode_ok(pc: str) -> bool:
    pc = pc.replace(" ", "")
    if len(pc) < 5 or len(pc) > 7:
        return False
    out, inward = pc[:-3], pc[-3:]
    if not (_num(inward[0]) and all(c not in "CIKMOV" and "A" <= c <= "Z" for c in inward[1:])):
        return False
    area = out[:2] if len(out) > 1 and "A" <= out[1] <= "Z" else out[:1]
    if area not in _UK_AREAS:
        return False
    district = out[len(area) :]
    if len(district) == 1:
        return _num(district)
    if len(district) != 2 or not _num(district[0]):
        return False
    if _num(district[1]):
        return True
    # A9A and AA9A districts (central London) use restricted letters.
    return district[1] in ("ABCDEFGHJKPSTUW" if len(area) == 1 else "ABEHMNPRVWXY")


def _contact_address_uk(m: bytes) -> bool:
    s = _text(m)
    if s is None or not s.isascii():  # UK matches are ASCII
        return False
    # The postcode is the last one or two space-free groups (outward, inward).
    tail = s[-8:]
    cut = max(tail.rfind(","), tail.rfind("\n"), tail.rfind("\t"))
    tail = tail[cut + 1 :].strip(" ")
    parts = tail.split(" ")
    pc = "".join(parts[-2:]) if len(parts) >= 2 and len(parts[-1]) == 3 else parts[-1]
    return _uk_postcode_ok(pc)


def _contact_address_au(m: bytes) -> bool:
    s = _text(m)
    if s is None:
        return False
    head, pc = _split_tail(s, 4)
    head = head.rstrip(" ").rstrip(",")
    state = head.rsplit(" ", 1)[-1].rsplit(",", 1)[-1].upper()
    ranges = _AU_POSTCODES.get(state)
    if not _num(pc):
        return False
    return ranges is not None and any(lo <= int(pc) <= hi for lo, hi in ranges)


def _eu_code_and_city(s: str) -> tuple[str, str] | None:
    """The last 5-digit postcode followed by a space, and the text after it."""
    i = len(s) - 6
    while i >= 0:
        seg = s[i : i + 5]
        if _num(seg) and s[i + 5] == " " and (i == 0 or not _num(s[i - 1])):
            return seg, s[i + 6 :]
        i -= 1
    return None


def _city_ok(country: str, code: str, city: str) -> bool:
    words = city.lower().split(" ")
    cities = _cities()
    # The longest leading run of words that is a known city (trailing words are tolerated).
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        if name in cities:
            prefixes = _CITY_PREFIX[country].get(name)
            return prefixes is None or code[:2] in prefixes
    return False


def _strip_suffixes(city: str) -> str:
    for marker in (" (", " Cedex", " CEDEX"):
        k = city.find(marker)
        if k > 0:
            city = city[:k]
    return city


def _contact_address_eu(country: str, m: bytes) -> bool:
    s = _text(m)
    if s is None:
        return False
    found = _eu_code_and_city(s)
    if found is None:
        return False
    code, city = found
    city = _strip_suffixes(city)
    if country == "IT":  # "Roma RM": drop the province abbreviation
        head, _, prov = city.rpartition(" ")
        if head and len(prov) == 2 and all("A" <= c <= "Z" for c in prov):
            city = head.rstrip(",")
    n = int(code)
    p2 = int(code[:2])
    if country == "FR":
        ok = 1 <= p2 <= 95 or (p2 == 97 and code[2] in "123456")
    elif country == "DE":
        ok = n >= 1001 and code[:2] not in ("00", "05", "43", "62")
    elif country == "IT":
        ok = 10 <= n <= 98168
    else:
        ok = 1 <= p2 <= 52 and n >= 1001
    return ok and _city_ok(country, code, city)


def _contact_address_fr(m: bytes) -> bool:
    return _contact_address_eu("FR", m)


def _contact_address_de(m: bytes) -> bool:
    return _contact_address_eu("DE", m)


def _contact_address_it(m: bytes) -> bool:
    return _contact_address_eu("IT", m)


def _contact_address_es(m: bytes) -> bool:
    return _contact_address_eu("ES", m)


# ---------------------------------------------------------------------------------------------
# DATE_OF_BIRTH

_MONTHS: dict[str, int] = {}
for _month, _names in enumerate(
    (
        "january jan janvier janv januar jänner enero ene gennaio gen",
        "february feb febr février fevrier févr fevr februar febrero febbraio",
        "march mar mars märz maerz marzo",
        "april apr avril avr abril abr aprile",
        "may mai mayo maggio mag",
        "june jun juin juni junio giugno giu",
        "july jul juillet juil juli julio luglio lug",
        "august aug août aout agosto ago",
        "september sep sept septembre settembre set setiembre septiembre",
        "october oct octobre oktober okt octubre ottobre ott",
        "november nov novembre noviembre",
        "december dec décembre decembre déc dezember dez diciembre dic dicembre",
    ),
    start=1,
):
    for _w in _names.split():
        _MONTHS[_w] = _month

_DATE_FILLERS = frozenset(("st", "nd", "rd", "th", "er", "de", "º"))
_DATE_SEPS = " /.-,"
MIN_BIRTH_YEAR = 1900
MAX_BIRTH_YEAR = 2026


def _days_in_month(y: int, mo: int) -> int:
    if mo == 2:
        return 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28
    return 30 if mo in (4, 6, 9, 11) else 31


def _date_ok(y: int, mo: int, d: int) -> bool:
    return MIN_BIRTH_YEAR <= y <= MAX_BIRTH_YEAR and 1 <= mo <= 12 and 1 <= d <= _days_in_month(y, mo)


def _years(tok: str) -> list[int]:
    if len(tok) == 4:
        return [int(tok)]
    if len(tok) == 2:  # two-digit year: either century, whichever is plausible
        return [1900 + int(tok), 2000 + int(tok)]
    return []


def _dmy_ok(day: str, month: int, year: str) -> bool:
    if len(day) > 2:
        return False
    return any(_date_ok(y, month, int(day)) for y in _years(year))


def _date_tokens(s: str) -> tuple[list[str], list[str]]:
    """Digit runs and other runs (words), plus the separator runs between tokens."""
    toks: list[str] = []
    seps: list[str] = []
    cur = ""
    sep = ""
    for ch in s:
        kind = 0 if ch in _DATE_SEPS else (1 if _num(ch) else 2)
        if kind == 0:
            if cur:
                toks.append(cur)
                cur = ""
            sep += ch
            continue
        if cur and (kind == 1) != _num(cur[0]):
            toks.append(cur)
            cur = ""
        if not cur and toks:
            seps.append(sep)
        sep = ""
        cur += ch
    if cur:
        toks.append(cur)
    return toks, seps


def _contact_dob(m: bytes) -> bool:
    s = _text(m)
    if s is None:
        return False
    toks, seps = _date_tokens(s)
    if len(toks) == 1 and len(toks[0]) == 8 and _num(toks[0]):  # YYYYMMDD
        t = toks[0]
        return _date_ok(int(t[:4]), int(t[4:6]), int(t[6:]))
    if all(_num(t) for t in toks):
        if len(toks) != 3 or len(seps) != 2 or seps[0] != seps[1]:
            return False
        a, b, c = toks
        if len(a) == 4:
            return len(b) <= 2 and len(c) <= 2 and _date_ok(int(a), int(b), int(c))
        if len(a) > 2 or len(b) > 2 or len(c) not in (2, 4):
            return False
        if len(c) == 2 and seps[0] == " ":  # "06 12 34" is a phone fragment far more often
            return False
        return _dmy_ok(a, int(b), c) or _dmy_ok(b, int(a), c)
    words = [t for t in toks if t.lower() not in _DATE_FILLERS]
    if len(words) != 3:
        return False
    a, b, c = words
    if not _num(c):
        return False
    if _num(a) and not _num(b):
        month = _MONTHS.get(b.lower())
        return month is not None and _dmy_ok(a, month, c)
    if _num(b) and not _num(a):
        month = _MONTHS.get(a.lower())
        return month is not None and len(c) == 4 and _dmy_ok(b, month, c)
    return False


# ---------------------------------------------------------------------------------------------
# LATITUDE_LONGITUDE


def _degrees_ok(v: str, limit: int) -> bool:
    v = v.strip(" ").lstrip("+-")
    whole, _, frac = v.partition(".")
    if not _num(whole) or not _num(frac):
        return False
    w = int(whole)
    return w < limit or (w == limit and set(frac) == {"0"})


def _contact_lat_long(m: bytes) -> bool:
    s = _text(m)
    if s is None or s.count(",") != 1:
        return False
    lat, lon = s.split(",")
    if not (_degrees_ok(lat, 90) and _degrees_ok(lon, 180)):
        return False
    # 0.0000,0.0000 ("null island") is a placeholder, not a position.
    return any(c not in "0.+- " for c in s.replace(",", ""))


# ---------------------------------------------------------------------------------------------
# Phone numbers


def _strip_cc(s: str, cc: str) -> str | None:
    """The part after +CC / 00CC, one separator and an optional (0); None if no country code."""
    for p in ("+" + cc, "00" + cc):
        if s.startswith(p):
            rest = s[len(p) :]
            if rest[:1] in (" ", ".", "-"):
                rest = rest[1:]
            if rest.startswith("(0)"):
                rest = rest[3:]
                if rest[:1] in (" ", ".", "-"):
                    rest = rest[1:]
            return rest
    return None


def _seps(body: str) -> list[str]:
    """The non-digit runs between digit runs of ``body``."""
    out: list[str] = []
    cur = ""
    seen_digit = False
    for ch in body:
        if _num(ch):
            if cur and seen_digit:
                out.append(cur)
            cur = ""
            seen_digit = True
        else:
            cur += ch
    return out


def _uniform(body: str) -> bool:
    s = _seps(body)
    return all(x == s[0] for x in s)


def _contact_phone_nanp(m: bytes) -> bool:
    s = _text(m)
    if s is None:
        return False
    body = _strip_cc(s, "1")
    if body is None:
        body = s
        if len(digits(m)) == 11 and s[0] == "1":  # trunk prefix 1
            body = s[1:].lstrip(" .-")
    d = digits(body.encode())
    if len(d) != 10 or all_same(d):
        return False
    if body.startswith("(") and ")" in body:
        body = body[body.index(")") + 1 :].lstrip(" ")
    if not _uniform(body):
        return False
    # Area code NXX (not N11, not N9X reserved), exchange NXX (not N11).
    if d[0] < 2 or (d[1] == 1 and d[2] == 1) or d[1] == 9:
        return False
    return d[3] >= 2 and not (d[4] == 1 and d[5] == 1)


def _national_body(s: str, cc: str) -> tuple[str, bool]:
    body = _strip_cc(s, cc)
    return (s, False) if body is None else (body, True)


def _contact_phone_fr(m: bytes) -> bool:
    s = _text(m)
    if s is None:
        return False
    body, intl = _national_body(s, "33")
    d = digits(body.encode())
    nsn = d if intl else d[1:]
    if len(nsn) != 9 or nsn[0] == 0 or all_same(nsn[1:]):
        return False
    return _uniform(body)


_UK_2 = frozenset((20, 23, 24, 28, 29, 30, 33, 34, 37, 80, 84, 87, 90, 91, 98))


def _contact_phone_uk(m: bytes) -> bool:
    s = _text(m)
    if s is None:
        return False
    body, intl = _national_body(s, "44")
    if not intl and body.startswith("("):
        if body.count(")") != 1:
            return False
        body = body[1:].replace(")", "")
    elif ")" in body or "(" in body:
        return False
    d = digits(body.encode())
    nsn = d if intl else d[1:]
    if not nsn or all_same(nsn[1:]):
        return False
    lead = nsn[0]
    two = nsn[0] * 10 + nsn[1] if len(nsn) > 1 else 0
    if lead == 1:
        ok = len(nsn) in (9, 10)
    elif lead == 7:
        ok = len(nsn) == 10
    elif two == 80 and len(nsn) > 2 and nsn[2] == 0:  # 0800 freephone: 9 or 10 digits
        ok = len(nsn) in (9, 10)
    else:
        ok = two in _UK_2 and len(nsn) == 10
    return ok and _uniform(body)


def _contact_phone_de(m: bytes) -> bool:
    s = _text(m)
    if s is None:
        return False
    body, intl = _national_body(s, "49")
    if not intl and body.startswith("("):
        if body.count(")") != 1:
            return False
    elif ")" in body:
        return False
    d = digits(body.encode())
    nsn = d if intl else d[1:]
    if len(nsn) < 7 or len(nsn) > 11 or nsn[0] == 0 or all_same(nsn[1:]):
        return False
    if nsn[0] == 1:  # 15x/16x/17x mobile, 18x services; 10-14 and 19 are not subscriber numbers
        return nsn[1] in (5, 6, 7, 8) and len(nsn) >= 10
    return True


def _contact_phone_it(m: bytes) -> bool:
    s = _text(m)
    if s is None:
        return False
    body, _ = _national_body(s, "39")
    d = digits(body.encode())
    if not d or all_same(d[1:]):
        return False
    if d[0] == 0:  # landline: the 0 belongs to the number, also after +39
        ok = 6 <= len(d) <= 11
    elif d[0] == 3:
        ok = len(d) in (9, 10) and d[1] != 0
    elif d[0] == 8:
        ok = len(d) in (9, 10) and d[1] == 0
    else:
        ok = False
    return ok and _uniform(body)


_ES_GROUPS = ((9,), (3, 3, 3), (3, 2, 2, 2), (2, 3, 2, 2), (3, 6))


def _contact_phone_es(m: bytes) -> bool:
    s = _text(m)
    if s is None:
        return False
    body, _ = _national_body(s, "34")
    d = digits(body.encode())
    if len(d) != 9 or all_same(d[1:]):
        return False
    if d[0] not in (6, 7, 8, 9) or (d[0] == 7 and not 1 <= d[1] <= 4):
        return False
    groups = tuple(len(g) for g in body.replace(".", " ").replace("-", " ").split(" "))
    return groups in _ES_GROUPS and _uniform(body)


_BR_DDD = frozenset(
    int(x)
    for x in (
        "11 12 13 14 15 16 17 18 19 21 22 24 27 28 31 32 33 34 35 37 38 41 42 43 44 45 46 47 48 49 51 "
        "53 54 55 61 62 63 64 65 66 67 68 69 71 73 74 75 77 79 81 82 83 84 85 86 87 88 89 91 92 93 94 "
        "95 96 97 98 99"
    ).split()
)


def _contact_phone_br(m: bytes) -> bool:
    s = _text(m)
    if s is None:
        return False
    body, intl = _national_body(s, "55")
    d = digits(body.encode())
    special = len(d) == 11 and d[0] == 0 and d[2] == 0 and d[3] == 0
    if not intl and special and not body.startswith("("):
        return d[1] in (3, 5, 8, 9) and not all_same(d[4:])  # 0800/0300/0500/0900 services
    if not intl and d and d[0] == 0:  # trunk 0 before the area code
        d = d[1:]
    if len(d) not in (10, 11) or d[0] * 10 + d[1] not in _BR_DDD:
        return False
    sub = d[2:]
    if all_same(sub):
        return False
    # 9-digit numbers are mobiles (leading 9); 8-digit ones are landlines (2-5).
    return sub[0] == 9 if len(sub) == 9 else 2 <= sub[0] <= 5


# ---------------------------------------------------------------------------------------------
# USA_ZIP_CODE, CANADA_POSTAL_CODE


def _contact_us_zip(m: bytes) -> bool:
    s = _text(m)
    if s is None or len(s) not in (5, 10):
        return False
    if len(s) == 10 and s[6:] == "0000":
        return False
    z = s[:5]
    if z == "00000" or not _num(z) or (len(s) == 10 and (s[5] != "-" or not _num(s[6:]))):
        return False
    z3 = int(z[:3])
    return any(lo <= z3 <= hi for ranges in _US_ZIP3.values() for lo, hi in ranges)


def _contact_ca_postal(m: bytes) -> bool:
    s = _text(m)
    return s is not None and _ca_postal_ok(s)


VALIDATORS: dict[str, Callable[[bytes], bool]] = {
    "contact_full_name": _contact_full_name,
    "contact_address_us": _contact_address_us,
    "contact_address_ca": _contact_address_ca,
    "contact_address_uk": _contact_address_uk,
    "contact_address_au": _contact_address_au,
    "contact_address_fr": _contact_address_fr,
    "contact_address_de": _contact_address_de,
    "contact_address_it": _contact_address_it,
    "contact_address_es": _contact_address_es,
    "contact_dob": _contact_dob,
    "contact_lat_long": _contact_lat_long,
    "contact_phone_nanp": _contact_phone_nanp,
    "contact_phone_fr": _contact_phone_fr,
    "contact_phone_uk": _contact_phone_uk,
    "contact_phone_de": _contact_phone_de,
    "contact_phone_it": _contact_phone_it,
    "contact_phone_es": _contact_phone_es,
    "contact_phone_br": _contact_phone_br,
    "contact_us_zip": _contact_us_zip,
    "contact_ca_postal": _contact_ca_postal,
}
