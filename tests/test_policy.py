"""CloudWatch Logs data protection policies: parsing, refusals that name the field, mapping, audit."""

from __future__ import annotations

import copy
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from macie_lite.identifiers import managed_by_id
from macie_lite.policy import (
    CLOUDWATCH_IDENTIFIERS,
    AuditLog,
    DataProtectionPolicy,
    PolicyError,
    load_policy,
    parse_policy,
    parse_policy_text,
)

ARN = "arn:aws:dataprotection::aws:data-identifier/"
SSN = "536-22-1234"
EMAIL = "jane.doe@example.org"


def policy(ids: list[str], custom: list[dict[str, str]] | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "Name": "data-protection-policy",
        "Description": "test",
        "Version": "2021-06-01",
        "Statement": [
            {
                "Sid": "audit-policy",
                "DataIdentifier": list(ids),
                "Operation": {"Audit": {"FindingsDestination": {}}},
            },
            {
                "Sid": "redact-policy",
                "DataIdentifier": list(ids),
                "Operation": {"Deidentify": {"MaskConfig": {}}},
            },
        ],
    }
    if custom is not None:
        doc["Configuration"] = {"CustomDataIdentifier": custom}
    return doc


def test_every_mapped_identifier_exists_and_the_table_is_complete() -> None:
    table = managed_by_id()
    missing = sorted({t for targets in CLOUDWATCH_IDENTIFIERS.values() for t in targets} - set(table))
    assert missing == []
    # 14 plain names + DateOfBirth, then the country-coded rows of macie.md 11.4
    assert len(CLOUDWATCH_IDENTIFIERS) == 15 + 6 + 4 + 31 + 6 + 3 + 1 + 1 + 2 + 1 + 3 + 2 + 7 + 3 + 1 + 7 + 2 + 4


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        ("EmailAddress", ("EMAIL_ADDRESS",)),
        ("IpAddress", ("IP_ADDRESS",)),
        ("ZipCode-US", ("USA_ZIP_CODE",)),
        ("PostalCode-CA", ("CANADA_POSTAL_CODE",)),
        ("CreditCardNumber", ("CREDIT_CARD_NUMBER", "CREDIT_CARD_NUMBER_(NO_KEYWORD)")),
        ("AwsSecretKey", ("AWS_CREDENTIALS",)),
        ("Ssn-US", ("USA_SOCIAL_SECURITY_NUMBER",)),
        ("DriversLicense-GB", ("UK_DRIVERS_LICENSE",)),
        ("DriversLicense-US", ("DRIVERS_LICENSE",)),
        ("PassportNumber-US", ("USA_PASSPORT_NUMBER",)),
        ("NationalIdentificationNumber-ES", ("SPAIN_DNI_NUMBER",)),
        ("PkcsPrivateKey", ("PKCS",)),
        ("LatLong", ("LATITUDE_LONGITUDE",)),
    ],
)
def test_mapping(name: str, ids: tuple[str, ...]) -> None:
    pol = parse_policy(policy([ARN + name]))
    assert pol.managed == ids
    assert all(pol.names[i] == name for i in ids)


def test_full_policy_with_custom_identifier_and_partitions(tmp_path: Path) -> None:
    doc = policy(
        [ARN + "EmailAddress", "arn:aws-cn:dataprotection::aws:data-identifier/Ssn-US", "EmployeeId"],
        custom=[{"Name": "EmployeeId", "Regex": "EmployeeID-\\d{9}"}, {"Name": "Unused", "Regex": "x\\d+"}],
    )
    doc["Statement"][1]["DataIdentifier"].reverse()  # same set, other order: accepted
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(doc))
    pol = load_policy(path)
    assert isinstance(pol, DataProtectionPolicy) and pol.name == "data-protection-policy"
    assert pol.managed == ("EMAIL_ADDRESS", "USA_SOCIAL_SECURITY_NUMBER")
    assert [c.name for c in pol.custom] == ["EmployeeId"]
    assert pol.custom[0].keywords == ()
    scanner = pol.scanner()
    text = f"staff EmployeeID-123456789 joined the team today; mail {EMAIL} ssn {SSN}"
    assert [(d.type, d.start, d.end) for d in scanner.scan_text(text)] == [
        ("EmployeeId", 6, 26),
        ("EMAIL_ADDRESS", 55, 75),
        ("USA_SOCIAL_SECURITY_NUMBER", 80, 91),
    ]
    assert load_policy(json.dumps(doc)).managed == pol.managed  # JSON text works too
    assert load_policy(pol) is pol


BAD: list[tuple[str, Any, str]] = []


def _bad(label: str, mutate: Any, message: str) -> None:
    BAD.append((label, mutate, message))


def _set(path: list[Any], value: Any) -> Any:
    def run(doc: dict[str, Any]) -> dict[str, Any]:
        target = doc
        for key in path[:-1]:
            target = target[key]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value
        return doc

    return run


def _ids(ids: list[str]) -> Any:
    def run(doc: dict[str, Any]) -> dict[str, Any]:
        for st in doc["Statement"]:
            st["DataIdentifier"] = list(ids)
        return doc

    return run


_bad(
    "unknown-arn",
    _ids([ARN + "EmailAdress"]),
    r"Statement\[0\]\.DataIdentifier\[0\]: unknown data identifier 'EmailAdress' \(did you mean 'EmailAddress'\?\)",
)
_bad("no-equivalent", _ids([ARN + "SwiftCode"]), r"unknown data identifier 'SwiftCode' \(no macie-lite equivalent\)")
_bad("bare-managed", _ids(["EmailAddress"]), r"DataIdentifier\[0\]: managed identifiers are given as ARNs")
_bad("undefined-custom", _ids(["EmployeeId"]), r"'EmployeeId' is neither an identifier ARN nor a custom identifier")
_bad("bad-arn", _ids(["arn:aws:macie::aws:x/EmailAddress"]), r"not a data identifier ARN")
_bad("version", _set(["Version"], "2012-10-17"), r"Version: must be '2021-06-01'")
_bad("no-name", _set(["Name"], KeyError), r"policy: Name: required")
_bad("unknown-top", _set(["Effect"], "Allow"), r"Effect: unknown field")
_bad("one-statement", lambda d: {**d, "Statement": d["Statement"][:1]}, r"Statement: needs exactly 2 statements")
_bad(
    "order",
    lambda d: {**d, "Statement": d["Statement"][::-1]},
    r"Statement\[0\]\.Operation: statement 1 must be the Audit",
)
_bad(
    "mask-config",
    _set(["Statement", 1, "Operation", "Deidentify", "MaskConfig"], {"MaskWithCharacter": "#"}),
    r"Statement\[1\]\.Operation\.Deidentify\.MaskConfig: must be empty",
)
_bad(
    "no-destination",
    _set(["Statement", 0, "Operation", "Audit", "FindingsDestination"], KeyError),
    r"Statement\[0\]\.Operation\.Audit\.FindingsDestination: required",
)
_bad(
    "s3-no-bucket",
    _set(["Statement", 0, "Operation", "Audit", "FindingsDestination"], {"S3": {}}),
    r"FindingsDestination\.S3\.Bucket: required",
)
_bad(
    "lists-differ",
    _set(["Statement", 1, "DataIdentifier"], [ARN + "IpAddress"]),
    r"Statement\[1\]\.DataIdentifier: must equal the Audit statement's list",
)
_bad("empty-list", _ids([]), r"DataIdentifier: must be a non-empty list")
_bad(
    "redact-config",
    _set(["Statement", 1, "Operation"], {"Deidentify": {"MaskConfig": {}, "RedactConfig": {}}}),
    r"Deidentify\.RedactConfig: unknown field",
)
_bad(
    "custom-paren",
    _set(["Configuration"], {"CustomDataIdentifier": [{"Name": "X1", "Regex": "(ab)+"}]}),
    r"Configuration\.CustomDataIdentifier\[0\]\.Regex: character '\(' at position 0 is not allowed",
)
_bad(
    "custom-long",
    _set(["Configuration"], {"CustomDataIdentifier": [{"Name": "X1", "Regex": "a" * 201}]}),
    r"CustomDataIdentifier\[0\]\.Regex: must be 1-200 characters",
)
_bad(
    "custom-name",
    _set(["Configuration"], {"CustomDataIdentifier": [{"Name": "bad name", "Regex": "a"}]}),
    r"CustomDataIdentifier\[0\]\.Name: must be 1-128 characters",
)
_bad(
    "custom-managed-name",
    _set(["Configuration"], {"CustomDataIdentifier": [{"Name": "EmailAddress", "Regex": "a"}]}),
    r"'EmailAddress' is a managed data identifier name",
)
_bad(
    "custom-eleven",
    _set(["Configuration"], {"CustomDataIdentifier": [{"Name": f"C{i}", "Regex": "a"} for i in range(11)]}),
    r"at most 10 custom data identifiers",
)
_bad(
    "custom-twice",
    _set(["Configuration"], {"CustomDataIdentifier": [{"Name": "C", "Regex": "a"}, {"Name": "C", "Regex": "b"}]}),
    r"CustomDataIdentifier\[1\]\.Name: 'C' is defined twice",
)
_bad(
    "custom-field",
    _set(["Configuration"], {"CustomDataIdentifier": [{"Name": "C", "Regex": "a", "Keywords": []}]}),
    r"CustomDataIdentifier\[0\]\.Keywords: unknown field",
)


@pytest.mark.parametrize(("label", "mutate", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_policies_are_refused_naming_the_field(label: str, mutate: Any, message: str) -> None:
    doc = mutate(copy.deepcopy(policy([ARN + "EmailAddress"])))
    with pytest.raises(PolicyError, match=message):
        parse_policy(doc)


def test_bad_documents(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match=r"not valid JSON: .*line 1"):
        parse_policy_text("{nope")
    with pytest.raises(PolicyError, match=r"at most 30720"):
        parse_policy_text(" " * 30_721)
    with pytest.raises(PolicyError, match=r"must be a JSON object"):
        parse_policy([1, 2])
    with pytest.raises(PolicyError, match=r"cannot read policy"):
        load_policy(tmp_path / "missing.json")


def test_audit_log_to_file_and_logger(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    audit = AuditLog(path, names={"EMAIL_ADDRESS": "EmailAddress"})
    audit.report("app", [(5, 25, "EMAIL_ADDRESS"), (30, 41, "USA_SOCIAL_SECURITY_NUMBER"), (50, 70, "EMAIL_ADDRESS")])
    audit.close()
    (report,) = [json.loads(line) for line in path.read_text().splitlines()]
    assert set(report) == {"auditTimestamp", "resourceArn", "dataIdentifiers"}
    assert report["dataIdentifiers"] == [
        {"name": "EmailAddress", "count": 2, "detections": [{"start": 6, "end": 25}, {"start": 51, "end": 70}]},
        {"name": "USA_SOCIAL_SECURITY_NUMBER", "count": 1, "detections": [{"start": 31, "end": 41}]},
    ]
    assert audit.counts == {"EmailAddress": 2, "USA_SOCIAL_SECURITY_NUMBER": 1}
    assert audit.events_with_findings == 1

    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("t.auditlog")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False
    AuditLog(logger).report("svc", [(0, 4, "X")], field="user.email")
    assert len(records) == 1
    assert json.loads(records[0].getMessage())["field"] == "user.email"
    got: list[dict[str, Any]] = []
    AuditLog(got.append).report("svc", [(0, 4, "X")])
    assert got[0]["dataIdentifiers"] == [{"name": "X", "count": 1, "detections": [{"start": 1, "end": 4}]}]
    with pytest.raises(PolicyError, match="audit destination"):
        AuditLog(42)
