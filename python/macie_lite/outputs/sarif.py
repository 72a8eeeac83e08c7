"""SARIF 2.1.0 for GitHub code scanning: one rule per identifier type, one result per occurrence.

Built from each object's discovery result (up to 1,000 locations per type, not the finding's
15), so a code-scanning upload lists every located occurrence. Layout decisions:

* ``lineRanges`` occurrences become results with ``region`` {startLine, startColumn, endLine};
  columns count Unicode code points as Macie does (``run.columnKind = "unicodeCodePoints"``).
* ``cells``, ``records`` and ``pages`` occurrences have no line: their result points at the file
  without a region and names the place in ``logicalLocations`` (``Sheet1!C5``,
  ``record 3 $.user.ssn``, ``page 2``) and in ``properties`` (row/column/columnName/...).
* Objects read as archives (zip, tar, gzip), and occurrences that name an ``embeddedFile``, give
  region-less results too: their lines are lines of a member, not of the archive; the line
  numbers (and the member path when the location carries it) go to ``properties``.
* When an object holds more occurrences of a type than are listed, one extra result per object
  and type (``properties.unlistedOccurrences``) carries the rest, so counts add up.
* Messages name the type and the masked preview (``*******1234``); raw values never appear.
  ``partialFingerprints`` hash uri + type + position, never the value.
* Objects that were SKIPPED or PARTIAL become ``toolExecutionNotifications`` of the invocation.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from .. import __version__
from ..findings import managed_severity
from ..identifiers import CustomDataIdentifier, managed_by_id
from ..scan import ObjectResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/macie-lite/macie-lite"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "macieLiteOccurrence/v1"

_LEVEL = {"HIGH": "error", "MEDIUM": "warning", "LOW": "note"}
# GitHub ranks security alerts by properties["security-severity"] (High 7.0-8.9, Medium 4.0-6.9, Low <4).
_SECURITY_SEVERITY = {"HIGH": "8.0", "MEDIUM": "5.0", "LOW": "2.0"}
_ARCHIVE_MIME = ("application/zip", "application/gzip", "application/x-tar")
_MACIE_HELP = "https://docs.aws.amazon.com/macie/latest/user/mdis-reference-quick.html"
_CWL_HELP = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL-managed-data-identifiers.html"
_CUSTOM_HELP = "https://docs.aws.amazon.com/macie/latest/user/custom-data-identifiers.html"


def iter_detections(record: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """``(category, type, detection)`` for every detection of a Macie-shaped finding or result."""
    result = record["classificationDetails"]["result"]
    for group in result.get("sensitiveData") or []:
        for det in group.get("detections") or []:
            yield group["category"], det["type"], det
    for det in (result.get("customDataIdentifiers") or {}).get("detections") or []:
        yield "CUSTOM_IDENTIFIER", det["name"], det


def type_severity(type_name: str, count: int, custom: dict[str, CustomDataIdentifier]) -> str:
    """Macie's severity of one type in one object: the managed table, the custom identifier's
    levels when known, else Macie's custom default (Medium)."""
    if type_name in custom:
        return custom[type_name].severity_for(count) or "LOW"
    if type_name in managed_by_id():
        return managed_severity(type_name, count)
    return "MEDIUM"


def _artifact(r: ObjectResult) -> dict[str, Any]:
    """Local files relative to the scan root (so fingerprints survive checkouts); S3 as is."""
    resource = (r.result or {}).get("resourcesAffected") or {}
    local = resource.get("localFile")
    if local and local.get("key"):
        return {"uri": str(local["key"]), "uriBaseId": SRCROOT}
    if r.uri.startswith("s3://"):
        return {"uri": r.uri}
    s3 = resource.get("s3Object")
    if s3 and s3.get("path"):
        return {"uri": f"s3://{s3['path']}"}
    return {"uri": r.uri}


def _fingerprint(*parts: object) -> str:
    text = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _mask(type_name: str, loc: dict[str, Any]) -> str | None:
    preview = loc.get("maskedPreview")
    if not isinstance(preview, str):
        return None
    prefix = f"{type_name} "
    return preview[len(prefix) :] if preview.startswith(prefix) else preview


def _place(kind: str, loc: dict[str, Any]) -> tuple[str, dict[str, Any], tuple[object, ...]]:
    """A readable name, the property bag and the fingerprint key of a line-less occurrence."""
    if kind == "cells":
        props = {k: loc.get(k) for k in ("row", "column", "columnName", "cellReference")}
        name = loc.get("cellReference") or f"row {loc.get('row')}, column {loc.get('column')}"
        if loc.get("columnName") and not loc.get("cellReference"):
            name += f" ({loc['columnName']})"
        return str(name), props, (loc.get("cellReference"), loc.get("row"), loc.get("column"))
    if kind == "records":
        props = {"recordIndex": loc.get("recordIndex"), "jsonPath": loc.get("jsonPath")}
        name = f"record {loc.get('recordIndex')}" + (f" {loc['jsonPath']}" if loc.get("jsonPath") else "")
        return name, props, (loc.get("recordIndex"), loc.get("jsonPath"))
    if kind == "pages":
        props = {"pageNumber": loc.get("pageNumber")}
        return f"page {loc.get('pageNumber')}", props, (loc.get("pageNumber"),)
    if kind == "lineRanges":
        props = {"lineStart": loc.get("start"), "lineEnd": loc.get("end"), "startColumn": loc.get("startColumn")}
        name = f"line {loc.get('start')}, column {loc.get('startColumn')}"
        return name, props, (loc.get("start"), loc.get("startColumn"))
    props = {k: v for k, v in loc.items() if k not in ("value", "maskedPreview", "embeddedFile")}
    return kind, props, tuple(sorted(props.items()))


class _Rules:
    """The rules of the run, one per identifier type, in first-seen order."""

    def __init__(self, custom: dict[str, CustomDataIdentifier]) -> None:
        self.custom = custom
        self.rules: list[dict[str, Any]] = []
        self.index: dict[str, int] = {}

    def get(self, type_name: str, category: str) -> int:
        if type_name not in self.index:
            self.index[type_name] = len(self.rules)
            self.rules.append(self._rule(type_name, category))
        return self.index[type_name]

    def _rule(self, type_name: str, category: str) -> dict[str, Any]:
        managed = managed_by_id().get(type_name) if category != "CUSTOM_IDENTIFIER" else None
        base = type_severity(type_name, 1, self.custom)
        if managed is not None:
            short = managed.name
            origin = (
                "Amazon Macie managed data identifier"
                if managed.source == "macie"
                else "CloudWatch Logs data identifier under a Macie-style ID"
            )
            full = f"{managed.name}: {origin} {type_name} ({category.replace('_', ' ').lower()})."
            help_uri = _MACIE_HELP if managed.source == "macie" else _CWL_HELP
            tags = ["security", "sensitive-data", category]
            if managed.subcategory not in ("", "-"):
                tags.append(managed.subcategory)
        else:
            short = f"Custom data identifier {type_name}"
            full = f"Text matching the criteria of the custom data identifier {type_name}."
            help_uri = _CUSTOM_HELP
            tags = ["security", "sensitive-data", category]
        return {
            "id": type_name,
            "name": "".join(p.title() for p in type_name.replace("-", "_").split("_")) or type_name,
            "shortDescription": {"text": short},
            "fullDescription": {"text": full},
            "helpUri": help_uri,
            "help": {
                "text": (
                    f"{short} was found. Remove it, mask it, or add an allow list entry if it is "
                    f"test data. Severity follows Amazon Macie's rules for {type_name}."
                )
            },
            "defaultConfiguration": {"level": _LEVEL[base]},
            "properties": {
                "category": category,
                "severity": base,
                "security-severity": _SECURITY_SEVERITY[base],
                "tags": tags,
            },
        }


def _results_for(r: ObjectResult, rules: _Rules) -> Iterator[dict[str, Any]]:
    artifact = _artifact(r)
    in_archive = r.mime_type in _ARCHIVE_MIME
    for category, type_name, det in iter_detections(r.result):
        count = int(det.get("count") or 0)
        severity = type_severity(type_name, count, rules.custom)
        level = _LEVEL[severity]
        rule_index = rules.get(type_name, category)
        common_props = {"category": category, "severity": severity, "objectCount": count}
        listed = 0
        for kind, locs in (det.get("occurrences") or {}).items():
            for loc in locs or []:
                listed += 1
                mask = _mask(type_name, loc)
                text = f"{type_name} detected" + (f": {mask}" if mask else "")
                physical: dict[str, Any] = {"artifactLocation": dict(artifact)}
                result: dict[str, Any] = {
                    "ruleId": type_name,
                    "ruleIndex": rule_index,
                    "level": level,
                    "kind": "fail",
                }
                props: dict[str, Any] = {**common_props, "occurrenceKind": kind}
                member = loc.get("embeddedFile")
                if kind == "lineRanges" and not in_archive and member is None:
                    region = {
                        "startLine": int(loc["start"]),
                        "startColumn": int(loc.get("startColumn") or 1),
                        "endLine": int(loc.get("end") or loc["start"]),
                    }
                    physical["region"] = region
                    key: tuple[object, ...] = (region["startLine"], region["startColumn"])
                    locations: dict[str, Any] = {"physicalLocation": physical}
                else:
                    name, place_props, key = _place(kind, loc)
                    props.update(place_props)
                    if member is not None:
                        name = f"{member}: {name}"
                        props["embeddedFile"] = member
                        key = (member, *key)
                    if in_archive or member is not None:
                        props["insideArchive"] = True
                    text += f" ({name})"
                    locations = {
                        "physicalLocation": physical,
                        "logicalLocations": [{"name": name, "fullyQualifiedName": name, "kind": "element"}],
                    }
                result["message"] = {"text": text}
                result["locations"] = [locations]
                result["partialFingerprints"] = {FINGERPRINT_KEY: _fingerprint(artifact["uri"], type_name, kind, *key)}
                result["properties"] = props
                yield result
        if count > listed:
            rest = count - listed
            yield {
                "ruleId": type_name,
                "ruleIndex": rule_index,
                "level": level,
                "kind": "fail",
                "message": {
                    "text": f"{rest} more occurrence(s) of {type_name} in this object are not listed ({count} in total)"
                },
                "locations": [{"physicalLocation": {"artifactLocation": dict(artifact)}}],
                "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(artifact["uri"], type_name, "unlisted")},
                "properties": {**common_props, "unlistedOccurrences": rest},
            }


def _notification(r: ObjectResult) -> dict[str, Any]:
    text = f"{r.status}: {r.reason or 'no reason given'}" + (f" ({r.detail})" if r.detail else "")
    return {
        "level": "warning" if r.status == "PARTIAL" else "note",
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(r)}}],
        "properties": {"status": r.status, "reason": r.reason},
    }


def build_sarif(results: Iterable[ObjectResult], custom: Sequence[CustomDataIdentifier] = ()) -> dict[str, Any]:
    """The SARIF log as a dict (one run)."""
    rules = _Rules({c.name: c for c in custom})
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for r in results:
        if r.status != "COMPLETE":
            notifications.append(_notification(r))
        sarif_results.extend(_results_for(r, rules))
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "macie-lite",
                "informationUri": INFORMATION_URI,
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules.rules,
            }
        },
        "automationDetails": {"id": "macie-lite/"},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "results": sarif_results,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def write_sarif(results: Iterable[ObjectResult], out: IO[str], *, custom: Sequence[CustomDataIdentifier] = ()) -> None:
    """Writes one SARIF 2.1.0 log; pass the scanner's custom identifiers for their exact severity."""
    json.dump(build_sarif(results, custom), out, ensure_ascii=False, indent=2)
    out.write("\n")
