"""AWS Security Finding Format: each Macie-shaped finding as Macie publishes it to Security Hub.

The output is one JSON object ``{"Findings": [...]}``, the body of Security Hub's
BatchImportFindings request (``aws securityhub batch-import-findings --cli-input-json
file://out.json``; the API takes at most 100 findings per call, ``jq .Findings`` gives the
array). Only objects with a finding are written, as Macie publishes only findings.

* ``ProductArn`` is the account's own import product
  (``arn:aws:securityhub:REGION:ACCOUNT:product/ACCOUNT/default``), the ARN Security Hub accepts
  for self-made findings; region and account come from the arguments, then the finding, else
  ``local`` (such a file documents the scan but must be rewritten with a real account to import).
* ``Severity``: Macie's label with ASFF's default normalised scores (LOW 1, MEDIUM 40, HIGH 70).
* ``Resources``: S3 objects give an ``AwsS3Bucket`` resource and an ``AwsS3Object`` resource that
  holds ``DataClassification``; local files give one ``Other`` resource holding it.
* Occurrences keep only ASFF's PascalCase fields: raw values (reveal) and masked previews are
  dropped, as ASFF has no field for them and Security Hub is a wider audience than the scan.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from .. import __version__
from ..scan import ObjectResult

SCHEMA_VERSION = "2018-10-08"
TYPE_PREFIX = "Sensitive Data Identifications/PII/"
NORMALIZED = {"LOW": 1, "MEDIUM": 40, "HIGH": 70}

# Macie occurrence field -> ASFF field, per occurrence kind (fields outside these maps are dropped).
_RANGE = {"start": "Start", "end": "End", "startColumn": "StartColumn"}
_OCCURRENCE_FIELDS: dict[str, tuple[str, dict[str, str]]] = {
    "lineRanges": ("LineRanges", _RANGE),
    "offsetRanges": ("OffsetRanges", _RANGE),
    "pages": ("Pages", {"pageNumber": "PageNumber", "lineRange": "LineRange", "offsetRange": "OffsetRange"}),
    "records": ("Records", {"jsonPath": "JsonPath", "recordIndex": "RecordIndex"}),
    "cells": (
        "Cells",
        {"column": "Column", "row": "Row", "columnName": "ColumnName", "cellReference": "CellReference"},
    ),
}


def _occurrences(occ: dict[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind, locs in (occ or {}).items():
        if not locs or kind not in _OCCURRENCE_FIELDS:
            continue
        name, fields = _OCCURRENCE_FIELDS[kind]
        items = []
        for loc in locs:
            item: dict[str, Any] = {}
            for src, dst in fields.items():
                value = loc.get(src)
                if value is None:
                    continue
                if isinstance(value, dict):  # a page's lineRange / offsetRange
                    value = {_RANGE[k]: v for k, v in value.items() if k in _RANGE and v is not None}
                item[dst] = value
            items.append(item)
        out[name] = items
    return out


def _detection(det: dict[str, Any], custom: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"Count": det.get("count", 0)}
    if custom:
        if det.get("arn"):
            out["Arn"] = det["arn"]
        out["Name"] = det["name"]
    else:
        out["Type"] = det["type"]
    occ = _occurrences(det.get("occurrences"))
    if occ:
        out["Occurrences"] = occ
    return out


def _classification(finding: dict[str, Any]) -> dict[str, Any]:
    details = finding["classificationDetails"]
    res = details["result"]
    status = {"Code": res["status"]["code"]}
    if res["status"].get("reason"):
        status["Reason"] = res["status"]["reason"]
    result: dict[str, Any] = {
        "MimeType": res.get("mimeType") or "application/octet-stream",
        "SizeClassified": res.get("sizeClassified") or 0,
        "AdditionalOccurrences": bool(res.get("additionalOccurrences")),
        "Status": status,
        "SensitiveData": [
            {
                "Category": g["category"],
                "TotalCount": g["totalCount"],
                "Detections": [_detection(d, False) for d in g["detections"]],
            }
            for g in res.get("sensitiveData") or []
        ],
    }
    custom = res.get("customDataIdentifiers") or {}
    if custom.get("detections"):
        result["CustomDataIdentifiers"] = {
            "TotalCount": custom.get("totalCount", 0),
            "Detections": [_detection(d, True) for d in custom["detections"]],
        }
    out: dict[str, Any] = {"Result": result}
    if details.get("detailedResultsLocation"):
        out["DetailedResultsLocation"] = details["detailedResultsLocation"]
    return out


def _resources(r: ObjectResult, finding: dict[str, Any], partition: str, region: str) -> list[dict[str, Any]]:
    affected = finding.get("resourcesAffected") or {}
    classification = _classification(finding)
    s3o = affected.get("s3Object")
    if s3o:
        bucket = affected.get("s3Bucket") or {}
        bucket_name = bucket.get("name") or str(s3o.get("path", "")).split("/", 1)[0]
        bucket_arn = bucket.get("arn") or s3o.get("bucketArn") or f"arn:{partition}:s3:::{bucket_name}"
        bucket_details: dict[str, Any] = {"Name": bucket_name}
        owner = bucket.get("owner") or {}
        if owner.get("id"):
            bucket_details["OwnerId"] = owner["id"]
        if owner.get("displayName"):
            bucket_details["OwnerName"] = owner["displayName"]
        if bucket.get("createdAt"):
            bucket_details["CreatedAt"] = bucket["createdAt"]
        object_details = {
            dst: s3o[src]
            for src, dst in (
                ("lastModified", "LastModified"),
                ("eTag", "ETag"),
                ("versionId", "VersionId"),
                ("serverSideEncryption", "ServerSideEncryption"),
            )
            if s3o.get(src)
        }
        if r.mime_type:
            object_details["ContentType"] = r.mime_type
        common = {"Partition": partition, "Region": region}
        return [
            {"Type": "AwsS3Bucket", "Id": bucket_arn, **common, "Details": {"AwsS3Bucket": bucket_details}},
            {
                "Type": "AwsS3Object",
                "Id": f"arn:{partition}:s3:::{bucket_name}/{s3o.get('key', '')}",
                **common,
                "Details": {"AwsS3Object": object_details},
                "DataClassification": classification,
            },
        ]
    local = affected.get("localFile") or {}
    other = {k: str(v) for k, v in local.items() if v is not None and k != "root"}
    resource: dict[str, Any] = {"Type": "Other", "Id": r.uri, "Partition": partition, "Region": region}
    if other:
        resource["Details"] = {"Other": other}
    resource["DataClassification"] = classification
    return [resource]


def to_asff(r: ObjectResult, *, region: str | None = None, account_id: str | None = None) -> dict[str, Any] | None:
    """One ASFF finding for an object result, or None when the object has no finding."""
    f = r.finding
    if f is None:
        return None
    partition = f.get("partition") or "aws"
    region = region or f.get("region") or "local"
    account = account_id or f.get("accountId") or "local"
    ftype = f["type"]
    label = str((f.get("severity") or {}).get("description", "Low")).upper()
    job = f["classificationDetails"].get("jobId") or "local"
    out: dict[str, Any] = {
        "SchemaVersion": SCHEMA_VERSION,
        "Id": f"arn:{partition}:macie-lite:{region}:{account}:finding/{f['id']}",
        "ProductArn": f"arn:{partition}:securityhub:{region}:{account}:product/{account}/default",
        "ProductName": "macie-lite",
        "CompanyName": "macie-lite",
        "GeneratorId": f"macie-lite/classification-job/{job}",
        "AwsAccountId": account,
        "Region": region,
        "Types": [TYPE_PREFIX + ftype.replace("/", "-")],
        "CreatedAt": f["createdAt"],
        "UpdatedAt": f["updatedAt"],
        "FirstObservedAt": f["createdAt"],
        "Severity": {"Label": label, "Normalized": NORMALIZED[label]},
        "Title": f.get("title") or ftype,
        "Description": f.get("description") or f.get("title") or ftype,
        "ProductFields": {
            "macie-lite/version": __version__,
            "macie-lite/findingId": f["id"],
            "macie-lite/findingType": ftype,
            "macie-lite/jobId": job,
        },
        "Resources": _resources(r, f, partition, region),
        "RecordState": "ACTIVE",
        "Workflow": {"Status": "NEW"},
    }
    return out


def write_asff(
    results: Iterable[ObjectResult],
    out: IO[str],
    *,
    region: str | None = None,
    account_id: str | None = None,
) -> None:
    """Writes ``{"Findings": [...]}``, one ASFF finding per object with a finding."""
    findings = []
    for r in results:
        item = to_asff(r, region=region, account_id=account_id)
        if item is not None:
            findings.append(item)
    json.dump({"Findings": findings}, out, ensure_ascii=False, indent=2)
    out.write("\n")
