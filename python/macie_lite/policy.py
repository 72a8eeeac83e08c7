"""CloudWatch Logs data protection policies: parse, validate, map onto macie-lite identifiers.

A policy (macie.md 11.2) has one ``Audit`` statement then one ``Deidentify`` statement with the
same ``DataIdentifier`` list: managed identifiers as ARNs
(``arn:aws:dataprotection::aws:data-identifier/EmailAddress``), custom ones by the bare name of
a ``Configuration.CustomDataIdentifier`` entry. Anything CloudWatch would refuse is refused here
with a :class:`PolicyError` naming the field. Audit findings (11.3) go to an :class:`AuditLog`.
"""

from __future__ import annotations

import difflib
import json
import logging
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike, fspath
from pathlib import Path
from typing import Any

from .allow_lists import AllowList
from .engine import Scanner
from .errors import InvalidIdentifierError, MacieLiteError
from .identifiers import CustomDataIdentifier

__all__ = [
    "CLOUDWATCH_IDENTIFIERS",
    "AuditLog",
    "DataProtectionPolicy",
    "PolicyError",
    "load_policy",
]

VERSION = "2021-06-01"
MAX_DOCUMENT = 30_720
MAX_CUSTOM = 10
CUSTOM_NAME = re.compile(r"[A-Za-z0-9_-]{1,128}")
CUSTOM_REGEX_MAX = 200
#: Characters CloudWatch accepts in a custom identifier regex (no parentheses, no groups).
CUSTOM_REGEX_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_#=@/;,- ^$?[]{}|\\*+.")
ARN_PREFIXES = tuple(
    f"arn:{partition}:dataprotection::aws:data-identifier/" for partition in ("aws", "aws-cn", "aws-us-gov")
)


class PolicyError(MacieLiteError):
    """A data protection policy that CloudWatch Logs (or macie-lite) would refuse; names the field."""


def _countries(base: str, ids: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    return {f"{base}-{code}": (ident,) for code, ident in ids.items()}


#: CloudWatch Logs data identifier name -> macie-lite identifier IDs (macie.md 11.4).
CLOUDWATCH_IDENTIFIERS: dict[str, tuple[str, ...]] = {
    "Address": ("ADDRESS",),
    "AwsSecretKey": ("AWS_CREDENTIALS",),
    "CreditCardExpiration": ("CREDIT_CARD_EXPIRATION",),
    "CreditCardNumber": ("CREDIT_CARD_NUMBER", "CREDIT_CARD_NUMBER_(NO_KEYWORD)"),
    "CreditCardSecurityCode": ("CREDIT_CARD_SECURITY_CODE",),
    "DateOfBirth": ("DATE_OF_BIRTH",),
    "EmailAddress": ("EMAIL_ADDRESS",),
    "IpAddress": ("IP_ADDRESS",),
    "LatLong": ("LATITUDE_LONGITUDE",),
    "Name": ("NAME",),
    "OpenSshPrivateKey": ("OPENSSH_PRIVATE_KEY",),
    "PgpPrivateKey": ("PGP_PRIVATE_KEY",),
    "PkcsPrivateKey": ("PKCS",),
    "PuttyPrivateKey": ("PUTTY_PRIVATE_KEY",),
    "VehicleIdentificationNumber": ("VEHICLE_IDENTIFICATION_NUMBER",),
    **_countries(
        "BankAccountNumber",
        {
            "DE": "GERMANY_BANK_ACCOUNT_NUMBER",
            "ES": "SPAIN_BANK_ACCOUNT_NUMBER",
            "FR": "FRANCE_BANK_ACCOUNT_NUMBER",
            "GB": "UK_BANK_ACCOUNT_NUMBER",
            "IT": "ITALY_BANK_ACCOUNT_NUMBER",
            "US": "BANK_ACCOUNT_NUMBER",
        },
    ),
    "CepCode-BR": ("BRAZIL_CEP_CODE",),
    "Cnpj-BR": ("BRAZIL_CNPJ_NUMBER",),
    "CpfCode-BR": ("BRAZIL_CPF_NUMBER",),
    "RgNumber-BR": ("BRAZIL_RG_NUMBER",),
    **_countries(
        "DriversLicense",
        {
            "AT": "AUSTRIA_DRIVERS_LICENSE",
            "AU": "AUSTRALIA_DRIVERS_LICENSE",
            "BE": "BELGIUM_DRIVERS_LICENSE",
            "BG": "BULGARIA_DRIVERS_LICENSE",
            "CA": "CANADA_DRIVERS_LICENSE",
            "CY": "CYPRUS_DRIVERS_LICENSE",
            "CZ": "CZECHIA_DRIVERS_LICENSE",
            "DE": "GERMANY_DRIVERS_LICENSE",
            "DK": "DENMARK_DRIVERS_LICENSE",
            "EE": "ESTONIA_DRIVERS_LICENSE",
            "ES": "SPAIN_DRIVERS_LICENSE",
            "FI": "FINLAND_DRIVERS_LICENSE",
            "FR": "FRANCE_DRIVERS_LICENSE",
            "GB": "UK_DRIVERS_LICENSE",
            "GR": "GREECE_DRIVERS_LICENSE",
            "HR": "CROATIA_DRIVERS_LICENSE",
            "HU": "HUNGARY_DRIVERS_LICENSE",
            "IE": "IRELAND_DRIVERS_LICENSE",
            "IT": "ITALY_DRIVERS_LICENSE",
            "LT": "LITHUANIA_DRIVERS_LICENSE",
            "LU": "LUXEMBOURG_DRIVERS_LICENSE",
            "LV": "LATVIA_DRIVERS_LICENSE",
            "MT": "MALTA_DRIVERS_LICENSE",
            "NL": "NETHERLANDS_DRIVERS_LICENSE",
            "PL": "POLAND_DRIVERS_LICENSE",
            "PT": "PORTUGAL_DRIVERS_LICENSE",
            "RO": "ROMANIA_DRIVERS_LICENSE",
            "SE": "SWEDEN_DRIVERS_LICENSE",
            "SI": "SLOVENIA_DRIVERS_LICENSE",
            "SK": "SLOVAKIA_DRIVERS_LICENSE",
            "US": "DRIVERS_LICENSE",
        },
    ),
    "DrugEnforcementAgencyNumber-US": ("US_DRUG_ENFORCEMENT_AGENCY_NUMBER",),
    "HealthInsuranceClaimNumber-US": ("USA_HEALTH_INSURANCE_CLAIM_NUMBER",),
    "HealthcareProcedureCode-US": ("USA_HEALTHCARE_PROCEDURE_CODE",),
    "MedicareBeneficiaryNumber-US": ("USA_MEDICARE_BENEFICIARY_IDENTIFIER",),
    "NationalDrugCode-US": ("USA_NATIONAL_DRUG_CODE",),
    "NationalProviderId-US": ("USA_NATIONAL_PROVIDER_IDENTIFIER",),
    "ElectoralRollNumber-GB": ("UK_ELECTORAL_ROLL_NUMBER",),
    "NationalInsuranceNumber-GB": ("UK_NATIONAL_INSURANCE_NUMBER",),
    "NhsNumber-GB": ("UK_NHS_NUMBER",),
    "HealthInsuranceCardNumber-EU": ("EUROPEAN_HEALTH_INSURANCE_CARD_NUMBER",),
    "HealthInsuranceNumber-FR": ("FRANCE_HEALTH_INSURANCE_NUMBER",),
    "IndividualTaxIdentificationNumber-US": ("USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER",),
    "ZipCode-US": ("USA_ZIP_CODE",),
    "InseeCode-FR": ("FRANCE_NATIONAL_IDENTIFICATION_NUMBER",),
    **_countries(
        "NationalIdentificationNumber",
        {
            "DE": "GERMANY_NATIONAL_IDENTIFICATION_NUMBER",
            "ES": "SPAIN_DNI_NUMBER",
            "IT": "ITALY_NATIONAL_IDENTIFICATION_NUMBER",
        },
    ),
    "NieNumber-ES": ("SPAIN_NIE_NUMBER",),
    "NifNumber-ES": ("SPAIN_NIF_NUMBER",),
    **_countries(
        "PassportNumber",
        {
            "CA": "CANADA_PASSPORT_NUMBER",
            "DE": "GERMANY_PASSPORT_NUMBER",
            "ES": "SPAIN_PASSPORT_NUMBER",
            "FR": "FRANCE_PASSPORT_NUMBER",
            "GB": "UK_PASSPORT_NUMBER",
            "IT": "ITALY_PASSPORT_NUMBER",
            "US": "USA_PASSPORT_NUMBER",
        },
    ),
    "PermanentResidenceNumber-CA": ("CANADA_NATIONAL_IDENTIFICATION_NUMBER",),
    "SocialInsuranceNumber-CA": ("CANADA_SOCIAL_INSURANCE_NUMBER",),
    "PostalCode-CA": ("CANADA_POSTAL_CODE",),
    "PersonalHealthNumber-CA": ("CANADA_HEALTH_NUMBER",),
    **_countries(
        "PhoneNumber",
        {
            "BR": "BRAZIL_PHONE_NUMBER",
            "DE": "GERMANY_PHONE_NUMBER",
            "ES": "SPAIN_PHONE_NUMBER",
            "FR": "FRANCE_PHONE_NUMBER",
            "GB": "UK_PHONE_NUMBER",
            "IT": "ITALY_PHONE_NUMBER",
            "US": "PHONE_NUMBER",
        },
    ),
    **_countries("Ssn", {"ES": "SPAIN_SOCIAL_SECURITY_NUMBER", "US": "USA_SOCIAL_SECURITY_NUMBER"}),
    **_countries(
        "TaxId",
        {
            "DE": "GERMANY_TAX_IDENTIFICATION_NUMBER",
            "ES": "SPAIN_TAX_IDENTIFICATION_NUMBER",
            "FR": "FRANCE_TAX_IDENTIFICATION_NUMBER",
            "GB": "UK_TAX_IDENTIFICATION_NUMBER",
        },
    ),
}


@dataclass(frozen=True)
class DataProtectionPolicy:
    """A validated policy: its managed identifiers (macie-lite IDs), custom identifiers, the
    audit findings destination, and ``names``: macie-lite type -> the policy's identifier name."""

    name: str
    description: str
    data_identifiers: tuple[str, ...]
    managed: tuple[str, ...]
    custom: tuple[CustomDataIdentifier, ...]
    findings_destination: Mapping[str, Any] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)

    def scanner(self, allow_lists: Sequence[AllowList] = ()) -> Scanner:
        """The Scanner this policy describes."""
        return Scanner(managed=list(self.managed), custom=self.custom, allow_lists=allow_lists)

    def default_audit_destination(self) -> logging.Logger | None:
        """A local stand-in for the policy's findings destination: the logger named after the
        ``CloudWatchLogs`` log group. S3 and Firehose have no local equivalent."""
        cwl = self.findings_destination.get("CloudWatchLogs")
        return logging.getLogger(str(cwl["LogGroup"])) if isinstance(cwl, Mapping) and cwl.get("LogGroup") else None


def load_policy(source: str | PathLike[str] | Mapping[str, Any] | DataProtectionPolicy) -> DataProtectionPolicy:
    """A policy from a file path, JSON text, a parsed dict, or an already-loaded policy."""
    if isinstance(source, DataProtectionPolicy):
        return source
    if isinstance(source, Mapping):
        return parse_policy(source, "policy")
    text = fspath(source)
    if text.lstrip().startswith("{"):
        return parse_policy_text(text, "policy")
    try:
        raw = Path(text).read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(f"{text}: cannot read policy: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise PolicyError(f"{text}: cannot read policy: not UTF-8 text") from None
    return parse_policy_text(raw, text)


def parse_policy_text(text: str, origin: str = "policy") -> DataProtectionPolicy:
    """Parses and validates a policy document given as JSON text."""
    if len(text) > MAX_DOCUMENT:
        raise PolicyError(f"{origin}: the document is {len(text)} characters, at most {MAX_DOCUMENT}")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PolicyError(f"{origin}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    return parse_policy(doc, origin)


def _fail(origin: str, where: str, why: str) -> PolicyError:
    return PolicyError(f"{origin}: {where}: {why}" if where else f"{origin}: {why}")


def _object(value: Any, origin: str, where: str, allowed: set[str], required: set[str] = frozenset()) -> dict[str, Any]:  # type: ignore[assignment]
    if not isinstance(value, dict):
        raise _fail(origin, where, "must be a JSON object")
    for key in value:
        if key not in allowed:
            raise _fail(
                origin,
                f"{where}.{key}" if where else key,
                f"unknown field (expected one of {', '.join(sorted(allowed))})",
            )
    for key in sorted(required):
        if key not in value:
            raise _fail(origin, f"{where}.{key}" if where else key, "required")
    return value


def parse_policy(doc: Any, origin: str = "policy") -> DataProtectionPolicy:
    """Validates a parsed policy document and maps its identifiers; raises PolicyError."""
    doc = _object(
        doc,
        origin,
        "",
        {"Name", "Description", "Version", "Configuration", "Statement"},
        {"Name", "Version", "Statement"},
    )
    name = doc["Name"]
    if not isinstance(name, str) or not name:
        raise _fail(origin, "Name", "must be a non-empty string")
    description = doc.get("Description", "")
    if not isinstance(description, str):
        raise _fail(origin, "Description", "must be a string")
    if doc["Version"] != VERSION:
        raise _fail(origin, "Version", f"must be {VERSION!r}")
    custom = _custom_identifiers(doc.get("Configuration", {}), origin)
    statements = doc["Statement"]
    if not isinstance(statements, list):
        raise _fail(origin, "Statement", "must be a list")
    if len(statements) != 2:
        raise _fail(origin, "Statement", f"needs exactly 2 statements (Audit, then Deidentify), got {len(statements)}")
    lists: list[list[str]] = []
    destination: dict[str, Any] = {}
    for i, (stmt, op_name) in enumerate(zip(statements, ("Audit", "Deidentify"))):
        where = f"Statement[{i}]"
        stmt = _object(stmt, origin, where, {"Sid", "DataIdentifier", "Operation"}, {"DataIdentifier", "Operation"})
        if "Sid" in stmt and not isinstance(stmt["Sid"], str):
            raise _fail(origin, f"{where}.Sid", "must be a string")
        ids = stmt["DataIdentifier"]
        if not isinstance(ids, list) or not ids or not all(isinstance(x, str) for x in ids):
            raise _fail(origin, f"{where}.DataIdentifier", "must be a non-empty list of strings")
        lists.append(ids)
        op = _object(stmt["Operation"], origin, f"{where}.Operation", {"Audit", "Deidentify"})
        if list(op) != [op_name]:
            raise _fail(origin, f"{where}.Operation", f"statement {i + 1} must be the {op_name} operation")
        if op_name == "Audit":
            audit = _object(
                op["Audit"], origin, f"{where}.Operation.Audit", {"FindingsDestination"}, {"FindingsDestination"}
            )
            destination = _destination(
                audit["FindingsDestination"], origin, f"{where}.Operation.Audit.FindingsDestination"
            )
        else:
            deid = _object(op["Deidentify"], origin, f"{where}.Operation.Deidentify", {"MaskConfig"}, {"MaskConfig"})
            mask_config = deid["MaskConfig"]
            if mask_config != {}:
                raise _fail(
                    origin,
                    f"{where}.Operation.Deidentify.MaskConfig",
                    "must be empty {} (CloudWatch Logs has no mask options)",
                )
    if sorted(set(lists[0])) != sorted(set(lists[1])):
        only = sorted(set(lists[0]) ^ set(lists[1]))
        raise _fail(
            origin, "Statement[1].DataIdentifier", f"must equal the Audit statement's list (differs on {only[0]!r})"
        )
    managed: list[str] = []
    names: dict[str, str] = {}
    used_custom: list[CustomDataIdentifier] = []
    for j, ident in enumerate(lists[0]):
        where = f"Statement[0].DataIdentifier[{j}]"
        if ident.startswith("arn:"):
            short = _arn_name(ident, origin, where)
            targets = CLOUDWATCH_IDENTIFIERS.get(short)
            if targets is None:
                raise _fail(origin, where, f"unknown data identifier {short!r}{_suggest(short)}")
            for t in targets:
                if t not in managed:
                    managed.append(t)
                names[t] = short
        elif ident in custom:
            if custom[ident] not in used_custom:
                used_custom.append(custom[ident])
            names[ident] = ident
        elif ident in CLOUDWATCH_IDENTIFIERS:
            raise _fail(origin, where, f"managed identifiers are given as ARNs: {ARN_PREFIXES[0]}{ident}")
        else:
            raise _fail(
                origin, where, f"{ident!r} is neither an identifier ARN nor a custom identifier in Configuration"
            )
    return DataProtectionPolicy(
        name=name,
        description=description,
        data_identifiers=tuple(lists[0]),
        managed=tuple(managed),
        custom=tuple(used_custom),
        findings_destination=destination,
        names=names,
    )


def _arn_name(arn: str, origin: str, where: str) -> str:
    for prefix in ARN_PREFIXES:
        if arn.startswith(prefix):
            return arn[len(prefix) :]
    raise _fail(origin, where, f"not a data identifier ARN (expected {ARN_PREFIXES[0]}<Name>)")


def _suggest(name: str) -> str:
    close = difflib.get_close_matches(name, list(CLOUDWATCH_IDENTIFIERS), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else " (no macie-lite equivalent)"


def _destination(value: Any, origin: str, where: str) -> dict[str, Any]:
    dest = _object(value, origin, where, {"CloudWatchLogs", "Firehose", "S3"})
    required = {"CloudWatchLogs": "LogGroup", "Firehose": "DeliveryStream", "S3": "Bucket"}
    for key, inner in dest.items():
        body = _object(inner, origin, f"{where}.{key}", {required[key]}, {required[key]})
        if not isinstance(body[required[key]], str) or not body[required[key]]:
            raise _fail(origin, f"{where}.{key}.{required[key]}", "must be a non-empty string")
    return dest


def _custom_identifiers(config: Any, origin: str) -> dict[str, CustomDataIdentifier]:
    config = _object(config, origin, "Configuration", {"CustomDataIdentifier"})
    entries = config.get("CustomDataIdentifier", [])
    where = "Configuration.CustomDataIdentifier"
    if not isinstance(entries, list):
        raise _fail(origin, where, "must be a list")
    if len(entries) > MAX_CUSTOM:
        raise _fail(origin, where, f"at most {MAX_CUSTOM} custom data identifiers, got {len(entries)}")
    out: dict[str, CustomDataIdentifier] = {}
    for i, entry in enumerate(entries):
        at = f"{where}[{i}]"
        entry = _object(entry, origin, at, {"Name", "Regex"}, {"Name", "Regex"})
        name, regex = entry["Name"], entry["Regex"]
        if not isinstance(name, str) or not CUSTOM_NAME.fullmatch(name):
            raise _fail(origin, f"{at}.Name", "must be 1-128 characters from A-Z a-z 0-9 _ -")
        if name in CLOUDWATCH_IDENTIFIERS:
            raise _fail(origin, f"{at}.Name", f"{name!r} is a managed data identifier name")
        if name in out:
            raise _fail(origin, f"{at}.Name", f"{name!r} is defined twice")
        if not isinstance(regex, str) or not 1 <= len(regex) <= CUSTOM_REGEX_MAX:
            raise _fail(origin, f"{at}.Regex", f"must be 1-{CUSTOM_REGEX_MAX} characters")
        for pos, ch in enumerate(regex):
            if ch not in CUSTOM_REGEX_CHARS:
                raise _fail(
                    origin, f"{at}.Regex", f"character {ch!r} at position {pos} is not allowed by CloudWatch Logs"
                )
        try:
            out[name] = CustomDataIdentifier(name=name, regex=regex)
        except InvalidIdentifierError as exc:
            raise _fail(origin, f"{at}.Regex", str(exc)) from None
    return out


class AuditLog:
    """Where audit findings go, one CloudWatch-shaped report per event with findings (11.3):
    ``{"auditTimestamp", "resourceArn", "dataIdentifiers": [{"name", "count", "detections":
    [{"start", "end"}]}]}``; ``start``/``end`` are 1-based inclusive character positions.

    ``destination``: a file path (JSON lines appended), a ``logging.Logger`` (one INFO record
    per report), or a callable taking the report dict. ``counts`` and
    ``events_with_findings`` keep the totals (CloudWatch's ``LogEventsWithFindings`` metric).
    """

    def __init__(self, destination: Any, names: Mapping[str, str] | None = None) -> None:
        self.names = dict(names or {})
        self.counts: Counter[str] = Counter()
        self.events_with_findings = 0
        self._lock = threading.Lock()
        self._file: Any = None
        self._emit: Callable[[dict[str, Any]], None]
        if isinstance(destination, logging.Logger):
            logger = destination
            self._emit = lambda report: logger.info("%s", json.dumps(report))
        elif callable(destination):
            self._emit = destination
        elif isinstance(destination, (str, PathLike)):
            try:
                self._file = open(fspath(destination), "a", encoding="utf-8")
            except OSError as exc:
                raise PolicyError(f"audit destination: cannot open {fspath(destination)}: {exc.strerror}") from None
            self._emit = self._write
        else:
            raise PolicyError(
                f"audit destination: expected a path, a logger or a callable, got {type(destination).__name__}"
            )

    def _write(self, report: dict[str, Any]) -> None:
        self._file.write(json.dumps(report) + "\n")
        self._file.flush()

    def report(self, resource: str, spans: Sequence[tuple[int, int, str]], field: str | None = None) -> None:
        """Records one event's detections ``(start, end, type)`` (0-based, end exclusive)."""
        groups: dict[str, list[dict[str, int]]] = {}
        for s, e, t in spans:
            groups.setdefault(self.names.get(t, t), []).append({"start": s + 1, "end": e})
        report: dict[str, Any] = {
            "auditTimestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "resourceArn": resource,
            "dataIdentifiers": [{"name": n, "count": len(d), "detections": d} for n, d in groups.items()],
        }
        if field is not None:
            report["field"] = field
        with self._lock:
            self.events_with_findings += 1
            for n, d in groups.items():
                self.counts[n] += len(d)
            self._emit(report)

    def close(self) -> None:
        """Closes the file destination, if any."""
        if self._file is not None:
            self._file.close()
            self._file = None
