"""`macie-lite mask` and streams.mask_stream: lines, JSON lines, invalid UTF-8, long lines, policies."""

from __future__ import annotations

import io
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from macie_lite import CustomDataIdentifier, Scanner
from macie_lite.cli import main
from macie_lite.logging import default_scanner
from macie_lite.streams import MARGIN, OVERLAP, mask_stream

SSN = "536-22-1234"
CARD = "4532015112830366"
EMAIL = "jane.doe@example.org"
NINO = "CE482019A"
PLANTED = (SSN, CARD, EMAIL, NINO)
PAD = "request processed by the worker queue without errors"


def leaks(data: bytes | str) -> list[int]:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return [i for i, v in enumerate(PLANTED) if v in text]


def run_mask(data: bytes, *args: str) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(main, ["mask", *args], input=data)
    return result.exit_code, result.stdout_bytes, result.stderr if result.stderr_bytes else ""


def test_stdin_to_stdout_with_tags() -> None:
    code, out, _ = run_mask(f"ssn {SSN} ok\ncard {CARD}\nclean line\nmail {EMAIL}".encode(), "--tag")
    assert code == 0
    assert out == (b"ssn [USA_SOCIAL_SECURITY_NUMBER] ok\ncard [CREDIT_CARD_NUMBER]\nclean line\nmail [EMAIL_ADDRESS]")


def test_same_result_as_scanner_mask_line_by_line(tmp_path: Path) -> None:
    lines = [
        f"{PAD} ssn {SSN} {PAD}",
        f"{PAD} card {CARD} then {EMAIL} {PAD}",
        f"{PAD} nino {NINO} {PAD}\r",
        PAD,
        "",
        f"{PAD} naïve café ssn {SSN} ünïcode {PAD}",
    ]
    path = tmp_path / "app.log"
    path.write_bytes("\n".join(lines).encode() + b"\n")
    code, out, _ = run_mask(b"", str(path), "--keep-last", "4")
    scanner = default_scanner()
    expected = "".join(scanner.mask(line, keep_last=4) + "\n" for line in lines)
    assert code == 0 and out.decode() == expected and leaks(out) == []
    assert out.count(b"\n") == len(lines) and b"\r\n" in out


def test_selection_options() -> None:
    data = f"ssn {SSN} mail {EMAIL}\n".encode()
    assert run_mask(data, "--include", "EMAIL_ADDRESS", "--tag")[1] == f"ssn {SSN} mail [EMAIL_ADDRESS]\n".encode()
    assert (
        run_mask(data, "--exclude", "EMAIL_ADDRESS", "--tag")[1]
        == f"ssn [USA_SOCIAL_SECURITY_NUMBER] mail {EMAIL}\n".encode()
    )
    assert run_mask(data, "--char", "#")[1] == b"ssn ########### mail ####################\n"
    code, _, err = run_mask(data, "--char", "ab")
    assert code == 2 and "--char" in err


def test_json_lines_stay_valid_json() -> None:
    records = [
        {"ts": "2026-11-25T10:00:00Z", "msg": f"signup {EMAIL}", "user": {"ssn": SSN, "n": 1}},
        {"level": "warn", "card": int(CARD), "note": "card on file"},
        {"list": [f"nino {NINO}", 3, None, True], "ok": 1.5},
    ]
    compact = json.dumps(records[0], separators=(",", ":"))
    data = ("\n".join([json.dumps(r) for r in records] + [compact]) + "\n").encode()
    code, out, _ = run_mask(data, "--tag")
    assert code == 0 and leaks(out) == []
    docs = [json.loads(line) for line in out.decode().splitlines()]
    assert docs[0] == {
        "ts": "2026-11-25T10:00:00Z",
        "msg": "signup [EMAIL_ADDRESS]",
        "user": {"ssn": "[USA_SOCIAL_SECURITY_NUMBER]", "n": 1},
    }
    assert docs[1] == {"level": "warn", "card": "[CREDIT_CARD_NUMBER]", "note": "card on file"}
    assert docs[2] == {"list": ["nino [UK_NATIONAL_INSURANCE_NUMBER]", 3, None, True], "ok": 1.5}
    assert docs[3] == docs[0]
    assert out.decode().splitlines()[3].startswith('{"ts":"2026-11-25T10:00:00Z","msg":')  # compact kept


def test_broken_json_and_invalid_utf8_pass_through() -> None:
    data = b'{"ssn": "' + SSN.encode() + b'", broken\n\xff\xfe ssn ' + SSN.encode() + b" \xc3\x28 tail\n"
    code, out, _ = run_mask(data)
    assert code == 0 and leaks(out) == []
    assert out == b'{"ssn": "***********", broken\n\xff\xfe ssn *********** \xc3\x28 tail\n'


def test_empty_input_and_no_trailing_newline() -> None:
    assert run_mask(b"")[1] == b""
    assert run_mask(f"ssn {SSN}".encode())[1] == b"ssn ***********"


def _stream(data: bytes, scanner: Scanner | None = None, **kw: int) -> bytes:
    dst = io.BytesIO()
    mask_stream(io.BufferedReader(io.BytesIO(data)), dst, scanner or default_scanner(), **kw)  # type: ignore[arg-type]
    return dst.getvalue()


def test_very_long_line_in_windows_masks_values_at_every_position() -> None:
    max_line = OVERLAP + MARGIN + 4096
    unit = f" {PAD} ssn {SSN} {PAD} " * 3
    line = (unit * (3 * max_line // len(unit) + 7)).encode()
    data = line + b"\n" + line
    out = _stream(data, block=50_000, max_line=max_line)
    assert len(out) == len(data) and leaks(out) == []
    assert out.count(b"*" * 11) == 2 * line.count(SSN.encode())


def test_value_longer_than_the_window_overlap_is_masked_whole() -> None:
    scanner = Scanner(managed="NONE", custom=[CustomDataIdentifier(name="tok", regex="SECRET[A-Z]+")])
    run = "SECRET" + "A" * (OVERLAP + 70_000)
    data = f"x {run} tail\n".encode()
    out = _stream(data, scanner, block=40_000, max_line=OVERLAP + MARGIN + 1000)
    assert out == b"x " + b"*" * len(run) + b" tail\n"


def test_chunk_boundaries_never_split_a_value() -> None:
    data = "".join(f"line {i} ssn {SSN} mail {EMAIL}\n" for i in range(2000)).encode()
    for block in (7, 64, 4096):
        out = _stream(data, block=block)
        assert len(out) == len(data) and leaks(out) == []
        assert out.count(b"ssn " + b"*" * 11 + b" ") == 2000


def test_policy_and_audit(tmp_path: Path) -> None:
    ids = ["arn:aws:dataprotection::aws:data-identifier/EmailAddress", "EmployeeId"]
    policy = {
        "Name": "p",
        "Version": "2021-06-01",
        "Configuration": {"CustomDataIdentifier": [{"Name": "EmployeeId", "Regex": "EmployeeID-\\d{9}"}]},
        "Statement": [
            {"DataIdentifier": ids, "Operation": {"Audit": {"FindingsDestination": {}}}},
            {"DataIdentifier": ids, "Operation": {"Deidentify": {"MaskConfig": {}}}},
        ],
    }
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(policy))
    audit = tmp_path / "audit.jsonl"
    data = f"mail {EMAIL} ssn {SSN}\nclean\nstaff EmployeeID-123456789 é {EMAIL}\n".encode()
    code, out, _ = run_mask(data, "--policy", str(path), "--audit", str(audit), "--tag")
    assert code == 0
    assert out == (f"mail [EMAIL_ADDRESS] ssn {SSN}\nclean\nstaff [EmployeeId] é [EMAIL_ADDRESS]\n".encode())
    reports = [json.loads(line) for line in audit.read_text().splitlines()]
    assert [r["dataIdentifiers"] for r in reports] == [
        [{"name": "EmailAddress", "count": 1, "detections": [{"start": 6, "end": 25}]}],
        [
            {"name": "EmployeeId", "count": 1, "detections": [{"start": 7, "end": 26}]},
            {"name": "EmailAddress", "count": 1, "detections": [{"start": 30, "end": 49}]},
        ],
    ]
    assert all(r["resourceArn"] == "stdin" for r in reports)


def test_bad_policy_is_refused_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "Name": "p",
                "Version": "2021-06-01",
                "Statement": [
                    {
                        "DataIdentifier": ["arn:aws:dataprotection::aws:data-identifier/EmailAdress"],
                        "Operation": {"Audit": {"FindingsDestination": {}}},
                    },
                    {
                        "DataIdentifier": ["arn:aws:dataprotection::aws:data-identifier/EmailAdress"],
                        "Operation": {"Deidentify": {"MaskConfig": {}}},
                    },
                ],
            }
        )
    )
    code, out, err = run_mask(b"x\n", "--policy", str(path))
    assert code == 2 and out == b""
    assert err.strip().splitlines() == [
        f"macie-lite: error: {path}: Statement[0].DataIdentifier[0]: unknown data identifier "
        "'EmailAdress' (did you mean 'EmailAddress'?)"
    ]
    code, _, err = run_mask(b"x\n", "--policy", str(path), "--managed", "ALL")
    assert code == 2 and "--policy chooses the identifiers" in err
    code, _, err = run_mask(b"x\n", str(tmp_path / "missing.log"))
    assert code == 2 and "No such file" in err


def test_interactive_input_is_flushed_line_by_line() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", "from macie_lite.cli import main; main()", "mask"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        got = []
        for i in range(3):
            proc.stdin.write(f"event {i} ssn {SSN}\n".encode())
            proc.stdin.flush()
            deadline = time.monotonic() + 30
            line = b""
            while not line.endswith(b"\n") and time.monotonic() < deadline:
                ready, _, _ = select.select([proc.stdout], [], [], 1)
                if ready:
                    line += os.read(proc.stdout.fileno(), 4096)
            got.append(line)  # read while stdin is still open: the line came out on its own
        assert got == [f"event {i} ssn ***********\n".encode() for i in range(3)]
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
    assert proc.returncode == 0


@pytest.mark.parametrize("block", [3, 1 << 20])
def test_multiline_key_block_keeps_line_count(block: int) -> None:
    key = (
        "-----BEGIN OPENSSH PRIVATE KEY-----\n"
        "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
        "QyNTUxOQAAACDr0OXbT0GmVs4Zwu6LvAMBwQuCzW7Hz0Kq2jMm4LxBbwAAAJgHbH3rB2x9\n"
        "-----END OPENSSH PRIVATE KEY-----"
    )
    data = f"before\n{key}\nafter\n".encode()
    found = default_scanner().scan_text(data.decode())
    out = _stream(data, block=block)
    assert out.count(b"\n") == data.count(b"\n")
    assert out.startswith(b"before\n") and out.endswith(b"\nafter\n")
    assert [d.type for d in found] == ["OPENSSH_PRIVATE_KEY"]
    assert b"BEGIN OPENSSH" not in out and b"b3BlbnNzaC1rZXkt" not in out


def test_value_starting_at_a_line_break() -> None:
    scanner = Scanner(managed="NONE", custom=[CustomDataIdentifier(name="nl", regex="\\n\\d{3}")])
    data = b"a\n123 b\nc 456\n"
    assert _stream(data, scanner) == b"a\n*** b\nc 456\n"  # line breaks stay, the line count holds
    # read a few bytes at a time, each line is scanned on its own: no value spans two lines
    assert _stream(data, scanner, block=4) == data
