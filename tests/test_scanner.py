"""The library surface: selection, custom identifiers, allow lists, masking, offsets, explain."""

from __future__ import annotations

import json
from pathlib import Path

import macie_lite
import pytest
from macie_lite import AllowList, CustomDataIdentifier, InvalidAllowListError, InvalidIdentifierError, Scanner
from macie_lite.identifiers import load_custom_identifiers

ENGINES = ["rust", "python"]
RECOMMENDED = {
    "AWS_CREDENTIALS",
    "HTTP_BASIC_AUTH_HEADER",
    "OPENSSH_PRIVATE_KEY",
    "PGP_PRIVATE_KEY",
    "PKCS",
    "PUTTY_PRIVATE_KEY",
    "CREDIT_CARD_MAGNETIC_STRIPE",
    "CREDIT_CARD_NUMBER",
    "CANADA_DRIVERS_LICENSE",
    "DRIVERS_LICENSE",
    "UK_DRIVERS_LICENSE",
    "UK_ELECTORAL_ROLL_NUMBER",
    "FRANCE_NATIONAL_IDENTIFICATION_NUMBER",
    "GERMANY_NATIONAL_IDENTIFICATION_NUMBER",
    "ITALY_NATIONAL_IDENTIFICATION_NUMBER",
    "SPAIN_DNI_NUMBER",
    "UK_NATIONAL_INSURANCE_NUMBER",
    "CANADA_PASSPORT_NUMBER",
    "FRANCE_PASSPORT_NUMBER",
    "GERMANY_PASSPORT_NUMBER",
    "ITALY_PASSPORT_NUMBER",
    "SPAIN_PASSPORT_NUMBER",
    "UK_PASSPORT_NUMBER",
    "USA_PASSPORT_NUMBER",
    "CANADA_SOCIAL_INSURANCE_NUMBER",
    "SPAIN_SOCIAL_SECURITY_NUMBER",
    "USA_SOCIAL_SECURITY_NUMBER",
    "AUSTRALIA_TAX_FILE_NUMBER",
    "BRAZIL_CPF_NUMBER",
    "FRANCE_TAX_IDENTIFICATION_NUMBER",
    "GERMANY_TAX_IDENTIFICATION_NUMBER",
    "SPAIN_NIE_NUMBER",
    "SPAIN_NIF_NUMBER",
    "SPAIN_TAX_IDENTIFICATION_NUMBER",
    "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER",
}
SSN = "536-22-1234"  # a structurally valid SSN: area 536, group 22, serial 1234
CARD = "4532015112830366"  # Luhn-valid Visa number, not an issuer test number


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


# -- the catalog and selection ---------------------------------------------------------------


def test_catalog_has_every_macie_id_and_the_cloudwatch_extras() -> None:
    ids = [m.id for m in macie_lite.managed_identifiers()]
    assert len(ids) == len(set(ids)) == 170
    macie = [m for m in macie_lite.managed_identifiers() if m.source == "macie"]
    assert len(macie) == 166
    extras = {m.id for m in macie_lite.managed_identifiers() if m.source == "cloudwatch"}
    assert extras == {"EMAIL_ADDRESS", "IP_ADDRESS", "USA_ZIP_CODE", "CANADA_POSTAL_CODE"}
    assert not any(m.recommended for m in macie_lite.managed_identifiers() if m.id in extras)


def test_catalog_matches_macie_reference_when_available() -> None:
    ref = Path(__file__).resolve().parents[2] / "shared" / "reference" / "macie-managed-identifiers.tsv"
    if not ref.exists():
        pytest.skip("shared reference not present")
    rows = [line.split("\t") for line in ref.read_text(encoding="utf-8").splitlines()[1:]]
    table = {m.id: m for m in macie_lite.managed_identifiers()}
    for r in rows:
        m = table[r[0]]
        assert (m.category, m.keywords_required, m.recommended) == (r[1], r[4] == "yes", r[8] == "yes"), r[0]


def test_default_selection_is_macies_recommended_set() -> None:
    assert {i.type for i in Scanner().identifiers} == RECOMMENDED


def test_selection_modes() -> None:
    assert len(Scanner(managed="ALL").identifiers) == 170
    assert {i.type for i in Scanner(managed=["EMAIL_ADDRESS", "IP_ADDRESS"]).identifiers} == {
        "EMAIL_ADDRESS",
        "IP_ADDRESS",
    }
    ex = Scanner(managed="ALL", exclude=["PHONE_NUMBER", "NAME"])
    assert len(ex.identifiers) == 168 and "PHONE_NUMBER" not in {i.type for i in ex.identifiers}
    none = Scanner(managed="NONE", custom=[CustomDataIdentifier(name="x", regex="X-[0-9]{3}")])
    assert [i.type for i in none.identifiers] == ["x"]
    with pytest.raises(InvalidIdentifierError, match="unknown managed data identifier 'NOPE'"):
        Scanner(managed=["NOPE"])
    with pytest.raises(InvalidIdentifierError, match="exclude"):
        Scanner(exclude=["NOPE"])
    with pytest.raises(InvalidIdentifierError, match="managed"):
        Scanner(managed="SOME")


def test_recommended_ignores_non_recommended_identifiers(engine: str) -> None:
    text = f"ssn {SSN} email jane@example.org"
    types = {d.type for d in Scanner(engine=engine).scan_text(text)}  # type: ignore[arg-type]
    assert types == {"USA_SOCIAL_SECURITY_NUMBER"}


# -- detections and offsets ------------------------------------------------------------------


def test_unicode_offsets_are_str_indices(engine: str) -> None:
    s = Scanner(engine=engine)  # type: ignore[arg-type]
    text = f"naïve café — 中文 ssn {SSN}\nsecond line ssn: {SSN}"
    dets = s.scan_text(text)
    assert [text[d.start : d.end] for d in dets] == [SSN, SSN]
    assert [(d.line, d.column) for d in dets] == [(1, text.index(SSN) + 1), (2, 18)]
    raw = text.encode()
    bdets = s.scan_bytes(raw)
    assert [raw[d.start : d.end].decode() for d in bdets] == [SSN, SSN]
    assert [(d.line, d.column) for d in bdets] == [(d.line, d.column) for d in dets]


def test_detection_repr_never_shows_the_value(engine: str) -> None:
    d = Scanner(engine=engine).scan_text(f"ssn {SSN}")[0]  # type: ignore[arg-type]
    assert SSN not in repr(d) and "536" not in repr(d)
    assert d.category == "PERSONAL_INFORMATION"


def test_structured_context_counts_as_keyword(engine: str) -> None:
    s = Scanner(engine=engine)  # type: ignore[arg-type]
    assert s.scan_text(SSN) == []
    assert [d.type for d in s.scan_text(SSN, context=["customer_ssn"])] == ["USA_SOCIAL_SECURITY_NUMBER"]
    assert [d.type for d in s.scan_text(SSN, context=["$.employee.socialSecurityNumber"])] == [
        "USA_SOCIAL_SECURITY_NUMBER"
    ]
    assert s.scan_text(SSN, context=["customer_id"]) == []


def test_card_keyword_and_no_keyword_twins(engine: str) -> None:
    s = Scanner(managed="ALL", engine=engine)  # type: ignore[arg-type]
    with_kw = {d.type for d in s.scan_text(f"visa {CARD}")}
    without = {d.type for d in s.scan_text(f"order {CARD} shipped")}
    assert "CREDIT_CARD_NUMBER" in with_kw and "CREDIT_CARD_NUMBER_(NO_KEYWORD)" not in with_kw
    assert "CREDIT_CARD_NUMBER_(NO_KEYWORD)" in without and "CREDIT_CARD_NUMBER" not in without
    # Issuer test numbers are never reported (Macie's documented quirk).
    assert s.scan_text("visa 4111111111111111 amex 378282246310005") == []


# -- custom data identifiers -------------------------------------------------------------------


def test_custom_identifier_keywords_precede_within_distance(engine: str) -> None:
    cdi = CustomDataIdentifier(
        name="employee_id",
        regex=r"EMP-\d{6}",
        keywords=["employee"],
        ignore_words=["EMP-000000"],
        maximum_match_distance=20,
    )
    s = Scanner(managed="NONE", custom=[cdi], engine=engine)  # type: ignore[arg-type]
    assert [d.type for d in s.scan_text("employee EMP-123456")] == ["employee_id"]
    assert [d.category for d in s.scan_text("employee EMP-123456")] == ["CUSTOM_IDENTIFIER"]
    assert s.scan_text("EMP-123456 employee") == []  # keyword must precede
    # 20 characters from the keyword's end to the match's end: 10 of gap + 10 of match fits.
    assert len(s.scan_text("employee" + " " * 10 + "EMP-123456")) == 1
    assert s.scan_text("employee" + " " * 11 + "EMP-123456") == []
    assert s.scan_text("employee EMP-000000") == []  # ignore word
    assert s.scan_text("EMPLOYEE EMP-123456") != []  # keywords are case-insensitive


def test_custom_identifier_without_keywords_matches_everywhere(engine: str) -> None:
    cdi = CustomDataIdentifier(name="ticket", regex=r"TKT-[0-9]{4}")
    s = Scanner(managed="NONE", custom=[cdi], engine=engine)  # type: ignore[arg-type]
    assert [(d.start, d.end) for d in s.scan_text("a TKT-1234 b TKT-99999")] == [(2, 10), (13, 21)]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "", "regex": "a"}, "name: must be 1-128"),
        ({"name": "x" * 129, "regex": "a"}, "name: must be 1-128"),
        ({"name": "n", "regex": "a" * 513}, "regex: must be 1-512"),
        ({"name": "n", "regex": "a", "keywords": ["k" * 3] * 51}, "keywords: at most 50"),
        ({"name": "n", "regex": "a", "keywords": ["ab"]}, r"keywords\[0\]: each keyword must be 3-90"),
        ({"name": "n", "regex": "a", "keywords": ["k" * 91]}, r"keywords\[0\]: each keyword must be 3-90"),
        ({"name": "n", "regex": "a", "ignore_words": ["abcd"] * 11}, "ignoreWords: at most 10"),
        (
            {"name": "n", "regex": "a", "ignore_words": ["abc"]},
            r"ignoreWords\[0\]: each ignore word must be 4-90",
        ),
        (
            {"name": "n", "regex": "a", "maximum_match_distance": 0},
            "maximumMatchDistance: must be an integer from 1 to 300",
        ),
        ({"name": "n", "regex": "a", "maximum_match_distance": 301}, "maximumMatchDistance"),
        ({"name": "n", "regex": "a(?=b)"}, "regex: look-ahead and look-behind assertions are not supported"),
        ({"name": "n", "regex": "(?<!x)a"}, "regex: look-ahead and look-behind"),
        ({"name": "n", "regex": r"(a)\1"}, "regex: backreferences are not supported"),
        ({"name": "n", "regex": r"(?P<x>a)(?P=x)"}, "regex: backreferences are not supported"),
        ({"name": "n", "regex": "(?>a)"}, "regex: atomic groups are not supported"),
        ({"name": "n", "regex": "a++"}, "regex: possessive quantifiers are not supported"),
        ({"name": "n", "regex": "a["}, "regex: "),
        ({"name": "n", "regex": r"(?:\w{1000}){1000}"}, "larger than the 4096 KiB limit"),
    ],
)
def test_custom_identifier_refusals_name_field_and_reason(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidIdentifierError, match=message):
        CustomDataIdentifier(**kwargs)  # type: ignore[arg-type]


def test_custom_severity_levels() -> None:
    cdi = CustomDataIdentifier.from_macie_json(
        {
            "name": "emp",
            "regex": "EMP-[0-9]{6}",
            "severityLevels": [
                {"occurrencesThreshold": 1, "severity": "LOW"},
                {"occurrencesThreshold": 50, "severity": "MEDIUM"},
                {"occurrencesThreshold": 100, "severity": "HIGH"},
            ],
        }
    )
    assert [cdi.severity_for(n) for n in (0, 1, 49, 50, 99, 100)] == [
        None,
        "LOW",
        "LOW",
        "MEDIUM",
        "MEDIUM",
        "HIGH",
    ]
    assert CustomDataIdentifier(name="x", regex="x").severity_for(7) == "MEDIUM"
    high_only = CustomDataIdentifier.from_macie_json(
        {"name": "h", "regex": "x", "severityLevels": [{"occurrencesThreshold": 10, "severity": "HIGH"}]}
    )
    assert high_only.severity_for(9) is None  # below the lowest threshold: no finding
    with pytest.raises(InvalidIdentifierError, match="thresholds must ascend"):
        CustomDataIdentifier.from_macie_json(
            {
                "name": "b",
                "regex": "x",
                "severityLevels": [
                    {"occurrencesThreshold": 10, "severity": "LOW"},
                    {"occurrencesThreshold": 5, "severity": "HIGH"},
                ],
            }
        )
    with pytest.raises(InvalidIdentifierError, match="at most 3 levels"):
        CustomDataIdentifier(
            name="c",
            regex="x",
            severity_levels=[{"occurrencesThreshold": i, "severity": "LOW"} for i in range(1, 5)],
        )  # type: ignore[misc]


def test_custom_identifiers_from_macie_json_file(tmp_path: Path) -> None:
    path = tmp_path / "cdis.json"
    path.write_text(
        json.dumps(
            [
                {
                    "name": "employee_id",
                    "regex": "EMP-\\d{6}",
                    "keywords": ["employee"],
                    "ignoreWords": ["EMP-000000"],
                    "maximumMatchDistance": 40,
                    "description": "HR ids",
                    "tags": {"team": "hr"},
                },
                {"name": "ticket", "regex": "TKT-\\d{4}"},
            ]
        )
    )
    cdis = load_custom_identifiers(path)
    assert [c.name for c in cdis] == ["employee_id", "ticket"]
    assert cdis[0].maximum_match_distance == 40 and cdis[1].maximum_match_distance == 50
    path.write_text(json.dumps({"name": "x", "regex": "a", "bogus": 1}))
    with pytest.raises(InvalidIdentifierError, match="unknown field 'bogus'"):
        load_custom_identifiers(path)
    path.write_text("{not json")
    with pytest.raises(InvalidIdentifierError, match="cannot read"):
        load_custom_identifiers(path)


def test_custom_names_must_be_unique() -> None:
    a = CustomDataIdentifier(name="dup", regex="a")
    with pytest.raises(InvalidIdentifierError, match="'dup': name: already used"):
        Scanner(managed="NONE", custom=[a, a])
    with pytest.raises(InvalidIdentifierError, match="already used"):
        Scanner(managed="NONE", custom=[CustomDataIdentifier(name="EMAIL_ADDRESS", regex="a")])


# -- allow lists -----------------------------------------------------------------------------


def test_allow_list_words_exact_complete_case_insensitive(engine: str) -> None:
    s = Scanner(managed=["EMAIL_ADDRESS"], allow_lists=[AllowList.from_words(["Ops@Example.com"])], engine=engine)  # type: ignore[arg-type]
    assert s.scan_text("write to ops@example.com") == []
    assert len(s.scan_text("write to ops@example.com.au or dev@example.com")) == 2


def test_allow_list_regex_must_match_completely(engine: str) -> None:
    s = Scanner(managed=["EMAIL_ADDRESS"], allow_lists=[AllowList.from_regex(r"test-.*@example\.com")], engine=engine)  # type: ignore[arg-type]
    assert s.scan_text("test-1@example.com") == []
    assert len(s.scan_text("qa-test-1@example.com")) == 1


def test_allow_list_large_word_list(engine: str) -> None:
    words = [f"user{i}@example.com" for i in range(100_000)]
    s = Scanner(managed=["EMAIL_ADDRESS"], allow_lists=[AllowList.from_words(words)], engine=engine)  # type: ignore[arg-type]
    assert s.scan_text("user99999@example.com user100000@example.com") != []
    assert [d.start for d in s.scan_text("user99999@example.com user100000@example.com")] == [22]


def test_allow_list_limits_and_files(tmp_path: Path) -> None:
    with pytest.raises(InvalidAllowListError, match="entry 1: must be 1-90"):
        AllowList.from_words(["x" * 91])
    with pytest.raises(InvalidAllowListError, match="at most 100000"):
        AllowList.from_words(str(i) for i in range(100_001))
    with pytest.raises(InvalidAllowListError, match="look-ahead"):
        AllowList.from_regex("a(?=b)")
    words = tmp_path / "allow.txt"
    words.write_text("John Doe\n\nACME-TEST-0001\n")
    assert AllowList.from_file(words).words == ("John Doe", "ACME-TEST-0001")
    rx = tmp_path / "allow.json"
    rx.write_text('{"regex": "test-.*@example\\\\.com"}')
    assert AllowList.from_file(rx).regex == r"test-.*@example\.com"
    rx.write_text('{"words": []}')
    with pytest.raises(InvalidAllowListError, match="regex"):
        AllowList.from_file(rx)


# -- masking ---------------------------------------------------------------------------------


def test_mask_styles(engine: str) -> None:
    s = Scanner(managed=["EMAIL_ADDRESS", "USA_SOCIAL_SECURITY_NUMBER"], engine=engine)  # type: ignore[arg-type]
    text = f"ssn {SSN}, mail jane@example.org — ok"
    assert s.mask(text) == "ssn ***********, mail **************** — ok"
    assert s.mask(text, char="#", keep_last=4) == "ssn #######1234, mail ############.org — ok"
    assert s.mask(text, tag=True) == "ssn [USA_SOCIAL_SECURITY_NUMBER], mail [EMAIL_ADDRESS] — ok"
    with pytest.raises(ValueError, match="exactly one character"):
        s.mask(text, char="##")


def test_mask_merges_overlapping_detections(engine: str) -> None:
    cdis = [
        CustomDataIdentifier(name="a", regex="AB-[0-9]{4}"),
        CustomDataIdentifier(name="b", regex="[0-9]{4}-ZZ"),
    ]
    s = Scanner(managed="NONE", custom=cdis, engine=engine)  # type: ignore[arg-type]
    assert s.mask("x AB-1234-ZZ y") == "x ********** y"
    assert s.mask("x AB-1234-ZZ y", tag=True) in ("x [a] y", "x [b] y")


# -- explain and robustness ------------------------------------------------------------------


def test_explain_says_why() -> None:
    s = Scanner(managed=["USA_SOCIAL_SECURITY_NUMBER"])
    text = f"ssn {SSN} and 000-12-3456 and far away {'z ' * 30}{SSN}"
    reasons = [(text[e.start : e.end] == SSN, e.reported, e.reason) for e in s.explain(text)]
    assert (True, True, "reported") in reasons
    assert any(not rep and "validator" in why for _, rep, why in reasons)
    assert any(not rep and "no keyword" in why for _, rep, why in reasons)


def test_hostile_custom_regex_on_a_long_single_line(engine: str) -> None:
    # (a+)+$ takes exponential time in a backtracking engine on "aaa...b"; here it is linear.
    if engine == "python":
        pytest.skip("the reference engine backtracks by design; the guarantee is the Rust core's")
    cdi = CustomDataIdentifier(name="evil", regex=r"(a+)+$")
    s = Scanner(managed="ALL", custom=[cdi], engine="rust")
    line = "a" * (8 << 20) + "b"
    assert [d.type for d in s.scan_text(line)] == []
