"""Findings: detections of one object turned into Macie's finding and discovery-result shapes.

One finding per object that holds sensitive data (type by categories, severity by Macie's
rules, up to 15 occurrence locations, full counts), and a discovery result for every object,
including skipped and failed ones. Raw values never appear; each occurrence may carry a
masked preview (type and last four characters) to help triage.
"""

from __future__ import annotations

import datetime as _dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .identifiers import CustomDataIdentifier, managed_by_id

FINDING_LOCATION_CAP = 15
RESULT_LOCATION_CAP = 1000
REVEAL_PER_TYPE = 10
REVEAL_CHARS = 128

_SEVERITY_SCORE = {"LOW": 1, "MEDIUM": 2, "HIGH": 3}
_TYPE_BY_CATEGORY = {
    "CREDENTIALS": "SensitiveData:S3Object/Credentials",
    "FINANCIAL_INFORMATION": "SensitiveData:S3Object/Financial",
    "PERSONAL_INFORMATION": "SensitiveData:S3Object/Personal",
    "CUSTOM_IDENTIFIER": "SensitiveData:S3Object/CustomIdentifier",
}
_TITLES = {
    "SensitiveData:S3Object/Credentials": "The S3 object contains credentials data",
    "SensitiveData:S3Object/Financial": "The S3 object contains financial information",
    "SensitiveData:S3Object/Personal": "The S3 object contains personal information",
    "SensitiveData:S3Object/CustomIdentifier": (
        "The S3 object contains text that matches custom data identifier criteria"
    ),
    "SensitiveData:S3Object/Multiple": "The S3 object contains multiple categories of sensitive data",
}

# Macie's severity table (findings-severity): severity for counts 1 / 2-99 / >= 100.
_ALWAYS_HIGH = ("HIGH", "HIGH", "HIGH")
_LOW_MED_HIGH = ("LOW", "MEDIUM", "HIGH")
_SPECIAL_SEVERITY: dict[str, tuple[str, str, str]] = {
    "CREDIT_CARD_EXPIRATION": _LOW_MED_HIGH,
    "CREDIT_CARD_SECURITY_CODE": ("MEDIUM", "HIGH", "HIGH"),
    "MEDICAL_DEVICE_UDI": _LOW_MED_HIGH,
    "DATE_OF_BIRTH": _LOW_MED_HIGH,
    "NAME": _LOW_MED_HIGH,
    "HTTP_COOKIE": _LOW_MED_HIGH,
    "ADDRESS": _LOW_MED_HIGH,
    "BRAZIL_CEP_CODE": _LOW_MED_HIGH,
    "ARGENTINA_ORGANIZATION_TAX_IDENTIFICATION_NUMBER": ("MEDIUM", "MEDIUM", "HIGH"),
    "COLOMBIA_ORGANIZATION_NIT_NUMBER": ("MEDIUM", "MEDIUM", "HIGH"),
    "MEXICO_ORGANIZATION_RFC_NUMBER": ("MEDIUM", "MEDIUM", "HIGH"),
    "LATITUDE_LONGITUDE": ("LOW", "MEDIUM", "MEDIUM"),
    "ARGENTINA_TARJETA_SUBE": ("MEDIUM", "MEDIUM", "HIGH"),
    "VEHICLE_IDENTIFICATION_NUMBER": ("LOW", "LOW", "MEDIUM"),
    # CloudWatch Logs extras: not in Macie's table; treated like other contact data.
    "EMAIL_ADDRESS": _LOW_MED_HIGH,
    "IP_ADDRESS": _LOW_MED_HIGH,
    "USA_ZIP_CODE": _LOW_MED_HIGH,
    "CANADA_POSTAL_CODE": _LOW_MED_HIGH,
}


def managed_severity(ident: str, count: int) -> str:
    """Macie's severity for ``count`` occurrences of one managed identifier."""
    if count < 1:
        raise ValueError("count must be >= 1")
    row = _SPECIAL_SEVERITY.get(ident)
    if row is None:
        if (
            ident.endswith("_DRIVERS_LICENSE")
            or ident == "DRIVERS_LICENSE"
            or ident.endswith("_PHONE_NUMBER")
            or ident == "PHONE_NUMBER"
        ):
            row = _LOW_MED_HIGH
        elif ident.endswith("_PASSPORT_NUMBER"):
            row = ("MEDIUM", "HIGH", "HIGH")
        else:
            row = _ALWAYS_HIGH
    return row[0] if count == 1 else row[1] if count < 100 else row[2]


@dataclass(slots=True)
class Occurrence:
    """Where one detection sits, in the terms of its format, plus a masked preview. Slotted:
    a result keeps up to 1,000 per type, so their size is most of a big scan's memory."""

    kind: str  # "lineRanges" | "cells" | "records" | "pages" | "offsetRanges"
    location: dict[str, Any]
    preview: str | None = None
    raw: str | None = None  # only kept with reveal
    embedded: str | None = None  # archive member path; findings carry no location for these


@dataclass
class TypeDetections:
    """All occurrences of one identifier type in one object."""

    type: str
    category: str
    count: int = 0
    occurrences: list[Occurrence] = field(default_factory=list)
    custom: CustomDataIdentifier | None = None

    def add(self, occ: Occurrence) -> None:
        self.count += 1
        if len(self.occurrences) < RESULT_LOCATION_CAP:
            self.occurrences.append(occ)


def masked_preview(type_name: str, value: str, keep: int = 4, char: str = "*") -> str:
    """``TYPE ****1234``: the type and the last ``keep`` characters (never more than half)."""
    compact = value.strip()
    keep = min(keep, len(compact) // 2)
    tail = compact[len(compact) - keep :] if keep else ""
    return f"{type_name} {char * min(len(compact) - keep, 16)}{tail}"


def _severity_of(t: TypeDetections) -> str | None:
    if t.custom is not None:
        return t.custom.severity_for(t.count)
    return managed_severity(t.type, t.count)


def _occurrences_json(occs: Sequence[Occurrence], with_preview: bool, reveal: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "cells": None,
        "lineRanges": None,
        "offsetRanges": None,
        "pages": None,
        "records": None,
    }
    for o in occs:
        loc = dict(o.location)
        if with_preview and o.preview is not None:
            loc["maskedPreview"] = o.preview
        if reveal and o.raw is not None:
            loc["value"] = o.raw[:REVEAL_CHARS]
        if out[o.kind] is None:
            out[o.kind] = []
        out[o.kind].append(loc)
    return out


def build_result(
    *,
    resource: dict[str, Any],
    detections: Sequence[TypeDetections],
    status: str = "COMPLETE",
    reason: str | None = None,
    mime_type: str | None = None,
    size_classified: int = 0,
    job_id: str = "local",
    preview: bool = True,
    reveal: bool = False,
    cap: int | None = FINDING_LOCATION_CAP,
) -> dict[str, Any] | None:
    """A Macie-shaped record; ``cap=15`` gives a finding (None when nothing is reportable),
    ``cap=None`` a discovery result (always returned, up to 1,000 locations per type)."""
    kept = [t for t in detections if t.count and _severity_of(t) is not None]
    if cap is not None and not kept:
        return None
    categories = sorted({t.category for t in kept})
    if len(categories) > 1:
        ftype = "SensitiveData:S3Object/Multiple"
    elif categories:
        ftype = _TYPE_BY_CATEGORY[categories[0]]
    else:
        ftype = None
    severity = max((_severity_of(t) or "LOW" for t in kept), key=_SEVERITY_SCORE.__getitem__, default=None)
    budget = cap if cap is not None else None
    additional = False
    reveal_left: dict[str, int] = {}

    def take(t: TypeDetections) -> list[Occurrence]:
        nonlocal budget, additional
        # Macie: a finding gives no locations inside archive members (the result does).
        occs = t.occurrences if cap is None else [o for o in t.occurrences if o.embedded is None]
        limit = len(occs) if budget is None else min(budget, len(occs))
        if limit < t.count:
            additional = True
        if budget is not None:
            budget -= limit
        return occs[:limit]

    def detection_json(t: TypeDetections) -> dict[str, Any]:
        occs = take(t)
        shown = reveal and reveal_left.setdefault(t.type, REVEAL_PER_TYPE) > 0
        body = _occurrences_json(occs, preview, False)
        if shown:
            n = reveal_left[t.type]
            revealed = _occurrences_json(occs[:n], preview, True)
            for kind, locs in revealed.items():
                if locs:
                    body[kind] = locs + (body[kind] or [])[len(locs) :]
            reveal_left[t.type] = 0
        return {"count": t.count, "occurrences": body}

    sensitive = []
    for cat in ("CREDENTIALS", "FINANCIAL_INFORMATION", "PERSONAL_INFORMATION"):
        items = [t for t in kept if t.category == cat]
        if items:
            sensitive.append(
                {
                    "category": cat,
                    "totalCount": sum(t.count for t in items),
                    "detections": [{"type": t.type, **detection_json(t)} for t in items],
                }
            )
    customs = [t for t in kept if t.category == "CUSTOM_IDENTIFIER"]
    custom_json = {
        "totalCount": sum(t.count for t in customs),
        "detections": [{"arn": None, "name": t.type, **detection_json(t)} for t in customs],
    }
    now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return {
        "schemaVersion": "1.0",
        "id": uuid.uuid4().hex,
        "category": "CLASSIFICATION",
        "type": ftype,
        "title": _TITLES.get(ftype or "", None),
        "description": None if ftype is None else f"{_TITLES[ftype]}.",
        "severity": None if severity is None else {"description": severity.title(), "score": _SEVERITY_SCORE[severity]},
        "count": 1,
        "archived": False,
        "sample": False,
        "createdAt": now,
        "updatedAt": now,
        "partition": "aws",
        "region": None,
        "accountId": None,
        "policyDetails": None,
        "resourcesAffected": resource,
        "classificationDetails": {
            "jobId": job_id,
            "jobArn": None,
            "originType": "SENSITIVE_DATA_DISCOVERY_JOB",
            "detailedResultsLocation": None,
            "result": {
                "status": {"code": status, "reason": reason},
                "mimeType": mime_type,
                "sizeClassified": size_classified,
                "additionalOccurrences": additional,
                "sensitiveData": sensitive,
                "customDataIdentifiers": custom_json,
            },
        },
    }


def known_managed(ident: str) -> bool:
    return ident in managed_by_id()
