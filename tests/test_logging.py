"""MaskingFilter and install() through real logging handlers: nothing planted reaches any output."""

from __future__ import annotations

import io
import json
import logging
import logging.handlers
import pickle
import queue
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import macie_lite.logging as ml
import pytest
from macie_lite import AllowList, Scanner
from macie_lite.identifiers import managed_identifiers
from macie_lite.logging import PLACEHOLDER, MaskingFilter, MaskingWarning

SSN = "536-22-1234"
CARD = "4532015112830366"
EMAIL = "jane.doe@example.org"
NINO = "CE482019A"
PLANTED = (SSN, CARD, EMAIL, NINO)
FMT = "%(levelname)s %(name)s %(message)s"


def leaks(text: str) -> list[int]:
    """Indices of planted values found in ``text`` (never the values themselves)."""
    return [i for i, v in enumerate(PLANTED) if v in text]


class Secret:
    """An object whose ``__str__`` holds a value."""

    def __str__(self) -> str:
        return f"customer(email={EMAIL})"


@pytest.fixture(autouse=True)
def clean_logging() -> Iterator[None]:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, logging.lastResort)
    yield
    ml.uninstall()
    logging.captureWarnings(False)
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])
    logging.lastResort = saved[2]
    for name in list(logging.Logger.manager.loggerDict):
        if name.startswith("t."):
            lg = logging.getLogger(name)
            lg.handlers.clear()
            lg.filters.clear()
            lg.propagate = True


def stream_logger(name: str, flt: logging.Filter | None = None, fmt: str = FMT) -> tuple[logging.Logger, io.StringIO]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter(fmt))
    if flt is not None:
        handler.addFilter(flt)
    log = logging.getLogger(name)
    log.handlers[:] = [handler]
    log.setLevel(logging.DEBUG)
    log.propagate = False
    log.setLevel(logging.DEBUG)
    return log, out


# -- the message -------------------------------------------------------------------------------


def test_default_selection_is_recommended_plus_email() -> None:
    ids = {m.id for m in MaskingFilter().scanner.managed}
    recommended = {m.id for m in managed_identifiers() if m.recommended}
    assert len(recommended) == 35
    assert ids == recommended | {"EMAIL_ADDRESS"}


def test_args_dict_args_objects_and_literal_text_are_masked() -> None:
    log, out = stream_logger("t.msg", MaskingFilter(tag=True))
    log.info("ssn %s card %s", SSN, CARD)
    log.info("user %(who)s nino %(nino)s", {"who": EMAIL, "nino": NINO})
    log.info("owner %s", Secret())
    log.info(f"inline ssn {SSN}")
    log.info(Secret())
    lines = out.getvalue().splitlines()
    assert lines == [
        "INFO t.msg ssn [USA_SOCIAL_SECURITY_NUMBER] card [CREDIT_CARD_NUMBER]",
        "INFO t.msg user [EMAIL_ADDRESS] nino [UK_NATIONAL_INSURANCE_NUMBER]",
        "INFO t.msg owner customer(email=[EMAIL_ADDRESS])",
        "INFO t.msg inline ssn [USA_SOCIAL_SECURITY_NUMBER]",
        "INFO t.msg customer(email=[EMAIL_ADDRESS])",
    ]


def test_mask_characters_keep_length_and_clean_text_is_untouched() -> None:
    log, out = stream_logger("t.chars", MaskingFilter())
    clean = "order 88412 shipped to warehouse eu-west-2, latency_ms=41 retries=0 trace=9f8e7d6c5b4a3f2e"
    log.info(clean)
    log.info("ssn %s", SSN)
    assert out.getvalue().splitlines() == [f"INFO t.chars {clean}", "INFO t.chars ssn " + "*" * len(SSN)]


def test_record_is_rewritten_so_every_later_handler_sees_masked_text() -> None:
    flt = MaskingFilter()
    first, second = io.StringIO(), io.StringIO()
    h1 = logging.StreamHandler(first)
    h1.addFilter(flt)
    h2 = logging.StreamHandler(second)  # no filter: runs after h1 on the same record
    log = logging.getLogger("t.shared")
    log.handlers[:] = [h1, h2]
    log.propagate = False
    log.setLevel(logging.DEBUG)
    records: list[logging.LogRecord] = []
    h3 = logging.Handler()
    h3.emit = records.append  # type: ignore[method-assign]
    log.addHandler(h3)
    log.warning("ssn %s", SSN)
    assert leaks(first.getvalue()) == [] and leaks(second.getvalue()) == []
    rec = records[0]
    assert rec.args == () and isinstance(rec.msg, str) and rec.getMessage() == "ssn " + "*" * 11
    # a masked message pickles as a plain str (QueueHandler/SocketHandler across processes)
    assert type(pickle.loads(pickle.dumps(rec.msg))) is str


def test_dict_message_stays_a_dict_with_masked_values() -> None:
    records: list[logging.LogRecord] = []
    h = logging.Handler()
    h.emit = records.append  # type: ignore[method-assign]
    h.addFilter(MaskingFilter(tag=True))
    log = logging.getLogger("t.dictmsg")
    log.handlers[:] = [h]
    log.propagate = False
    log.setLevel(logging.DEBUG)
    log.warning({"event": "signup", "ssn": SSN, "contact": {"email": EMAIL}})
    assert records[0].msg == {
        "event": "signup",
        "ssn": "[USA_SOCIAL_SECURITY_NUMBER]",
        "contact": {"email": "[EMAIL_ADDRESS]"},
    }


# -- exceptions, stacks, extra fields ------------------------------------------------------------


def test_exception_text_is_masked_and_raw_exc_info_cleared() -> None:
    records: list[logging.LogRecord] = []
    log, out = stream_logger("t.exc", MaskingFilter(tag=True))
    keep = logging.Handler()
    keep.emit = records.append  # type: ignore[method-assign]
    log.addHandler(keep)
    try:
        raise ValueError(f"bad card {CARD} for {EMAIL}")
    except ValueError:
        log.exception("payment failed for ssn %s", SSN)
    text = out.getvalue()
    assert leaks(text) == []
    assert "Traceback (most recent call last)" in text
    assert "ValueError: bad card [CREDIT_CARD_NUMBER] for [EMAIL_ADDRESS]" in text
    assert records[0].exc_info is None and "[CREDIT_CARD_NUMBER]" in (records[0].exc_text or "")


def test_stack_info_is_masked() -> None:
    log, out = stream_logger("t.stack", MaskingFilter(tag=True))
    log.warning("checking", stack_info=True)  # the stack shows this source line: ssn 536-22-1234
    text = out.getvalue()
    assert "Stack (most recent call last)" in text
    assert leaks(text) == []
    assert text.count("[USA_SOCIAL_SECURITY_NUMBER]") == 1


class JsonFormatter(logging.Formatter):
    """A structured formatter that prints every attribute of the record."""

    def format(self, record: logging.LogRecord) -> str:
        record.message = record.getMessage()
        if record.exc_info:
            record.exc_text = self.formatException(record.exc_info)
        return json.dumps({k: v for k, v in record.__dict__.items() if k not in ("exc_info", "args")}, default=str)


def test_extra_fields_are_masked_for_json_formatters() -> None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(MaskingFilter(tag=True))
    log = logging.getLogger("t.extra")
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.DEBUG)
    user = {"email": EMAIL, "tags": ["vip", f"nino {NINO}"], "id": 7}
    log.info("signup", extra={"ssn": SSN, "user": user, "card": int(CARD), "owner": Secret(), "n": 3})
    doc = json.loads(out.getvalue())
    assert leaks(out.getvalue()) == []
    assert doc["ssn"] == "[USA_SOCIAL_SECURITY_NUMBER]"
    assert doc["user"] == {"email": "[EMAIL_ADDRESS]", "tags": ["vip", "nino [UK_NATIONAL_INSURANCE_NUMBER]"], "id": 7}
    assert doc["card"] == "[CREDIT_CARD_NUMBER]"
    assert doc["owner"] == "customer(email=[EMAIL_ADDRESS])"
    assert doc["n"] == 3 and doc["message"] == "signup"
    assert user["email"] == EMAIL  # the application's own object is never modified


def test_json_formatter_sees_masked_exception() -> None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(MaskingFilter())
    log = logging.getLogger("t.jsonexc")
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.DEBUG)
    try:
        raise KeyError(SSN)
    except KeyError:
        log.error("lookup failed for ssn", exc_info=True)
    doc = json.loads(out.getvalue())
    assert leaks(out.getvalue()) == [] and "KeyError" in doc["exc_text"]


# -- real handlers -------------------------------------------------------------------------------


def _log_everything(log: logging.Logger) -> None:
    log.info("ssn %s card %s", SSN, CARD)
    log.warning("contact %s nino %s", EMAIL, NINO, extra={"who": EMAIL})
    try:
        raise RuntimeError(f"ssn {SSN}")
    except RuntimeError:
        log.exception("failed")


def test_file_handler(tmp_path: Path) -> None:
    path = tmp_path / "app.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FMT + " %(who)s", defaults={"who": "-"}))
    handler.addFilter(MaskingFilter())
    log = logging.getLogger("t.file")
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.DEBUG)
    _log_everything(log)
    handler.close()
    text = path.read_text(encoding="utf-8")
    assert leaks(text) == []
    assert text.count("INFO t.file") == 1 and text.count("ERROR t.file failed") == 1


def test_rotating_file_handler(tmp_path: Path) -> None:
    path = tmp_path / "rot.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=300, backupCount=50, encoding="utf-8")
    handler.addFilter(MaskingFilter())
    log = logging.getLogger("t.rot")
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.DEBUG)
    for _ in range(10):
        _log_everything(log)
    handler.close()
    files = sorted(tmp_path.glob("rot.log*"))
    assert len(files) > 3
    text = "".join(f.read_text(encoding="utf-8") for f in files)
    assert leaks(text) == []
    assert text.count("Traceback") == 10


def test_queue_handler_and_listener() -> None:
    q: queue.Queue[logging.LogRecord] = queue.Queue()
    out = io.StringIO()
    target = logging.StreamHandler(out)
    target.setFormatter(logging.Formatter(FMT))
    listener = logging.handlers.QueueListener(q, target)
    qh = logging.handlers.QueueHandler(q)
    qh.addFilter(MaskingFilter())
    log = logging.getLogger("t.queue")
    log.handlers[:] = [qh]
    log.propagate = False
    log.setLevel(logging.DEBUG)
    listener.start()
    try:
        _log_everything(log)
    finally:
        listener.stop()
    assert leaks(out.getvalue()) == []
    assert out.getvalue().count("t.queue") == 3


def test_filter_on_the_listener_side_only() -> None:
    q: queue.Queue[logging.LogRecord] = queue.Queue()
    out = io.StringIO()
    target = logging.StreamHandler(out)
    target.addFilter(MaskingFilter())
    listener = logging.handlers.QueueListener(q, target)
    log = logging.getLogger("t.queue2")
    log.handlers[:] = [logging.handlers.QueueHandler(q)]
    log.propagate = False
    log.setLevel(logging.DEBUG)
    listener.start()
    try:
        _log_everything(log)
    finally:
        listener.stop()
    assert leaks(out.getvalue()) == [] and out.getvalue().count("Traceback") == 1


# -- install() -----------------------------------------------------------------------------------


def _root_stream() -> io.StringIO:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter(FMT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    return out


def test_a_logger_filter_misses_child_loggers_which_is_why_install_uses_handlers() -> None:
    out = _root_stream()
    logging.getLogger().addFilter(flt := MaskingFilter())
    try:
        logging.getLogger("t.child").warning("ssn %s", SSN)
    finally:
        logging.getLogger().removeFilter(flt)
    assert leaks(out.getvalue()) == [0]  # the documented pitfall: the child's record skipped it
    ml.install()
    logging.getLogger("t.child.deeper").warning("ssn %s", SSN)
    assert out.getvalue().count("t.child.deeper ssn ***********") == 1


def test_install_is_idempotent_and_reversible() -> None:
    _root_stream()
    original_add = logging.Logger.addHandler
    original_init = logging.Handler.__init__
    first = ml.install()
    assert ml.install() is first and ml.installed() is first
    root_handler = logging.getLogger().handlers[0]
    assert root_handler.filters.count(first) == 1
    assert first in logging.lastResort.filters  # type: ignore[union-attr]
    late = logging.StreamHandler(io.StringIO())
    assert first in late.filters  # created after install
    logging.getLogger("t.late").addHandler(late)
    assert late.filters.count(first) == 1
    detached = logging.StreamHandler(io.StringIO())  # e.g. a QueueListener's target
    assert first in detached.filters
    ml.uninstall()
    assert logging.Logger.addHandler is original_add and logging.Handler.__init__ is original_init
    assert first not in root_handler.filters and first not in late.filters
    assert first not in detached.filters
    assert ml.installed() is None
    other = MaskingFilter(managed=["EMAIL_ADDRESS"])
    assert ml.install(other) is other and ml.install(other) is other
    assert root_handler.filters.count(other) == 1


def test_install_covers_handlers_added_later_and_basic_config(tmp_path: Path) -> None:
    logging.getLogger().handlers[:] = []
    ml.install()
    path = tmp_path / "basic.log"
    logging.basicConfig(filename=path, level=logging.INFO, format=FMT, force=True)
    logging.getLogger("t.svc.api").info("email %s", EMAIL)
    for h in logging.getLogger().handlers:
        h.close()
    assert leaks(path.read_text()) == [] and "t.svc.api email ****" in path.read_text()


def test_install_masks_records_from_other_threads() -> None:
    out = _root_stream()
    ml.install()

    def work(n: int) -> None:
        log = logging.getLogger(f"t.worker.{n}")
        for i in range(50):
            log.info("job %d ssn %s card %s", i, SSN, CARD)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = out.getvalue().splitlines()
    assert len(lines) == 400 and leaks(out.getvalue()) == []
    assert all(line.endswith("ssn *********** card ****************") for line in lines)


def test_install_masks_captured_warnings() -> None:
    out = _root_stream()
    ml.install()
    logging.captureWarnings(True)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn(f"deprecated call for ssn {SSN} by {EMAIL}", UserWarning, stacklevel=1)
    text = out.getvalue()
    assert "py.warnings" in text and "UserWarning" in text
    assert leaks(text) == []


def test_install_covers_last_resort(capsys: pytest.CaptureFixture[str]) -> None:
    logging.getLogger().handlers[:] = []
    ml.install()
    logging.getLogger("t.nohandler").warning("card %s", CARD)
    err = capsys.readouterr().err
    assert err.strip() == "card " + "*" * 16


# -- fail closed ---------------------------------------------------------------------------------


class Exploding:
    def __str__(self) -> str:
        raise RuntimeError("boom")


def test_failure_withholds_the_message_and_warns_once() -> None:
    log, out = stream_logger("t.fail", MaskingFilter())
    with pytest.warns(MaskingWarning) as caught:
        log.info("%d items for ssn " + SSN, "not-a-number")
        log.info("value %s", Exploding())
        log.info("fine %s", "x")
    assert len(caught) == 1
    message = str(caught[0].message)
    assert "TypeError" in message and leaks(message) == []
    assert out.getvalue().splitlines() == [
        f"INFO t.fail {PLACEHOLDER}",
        f"INFO t.fail {PLACEHOLDER}",
        "INFO t.fail fine x",
    ]


def test_failure_in_the_scanner_withholds(monkeypatch: pytest.MonkeyPatch) -> None:
    flt = MaskingFilter()

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise MemoryError

    monkeypatch.setattr(flt, "_scan_str", broken)
    monkeypatch.setattr(flt.masker, "spans", broken)
    log, out = stream_logger("t.fail2", flt)
    with pytest.warns(MaskingWarning):
        log.info("ssn %s", SSN, extra={"who": EMAIL})
    assert out.getvalue() == f"INFO t.fail2 {PLACEHOLDER}\n"


# -- selections, allow lists, policies ------------------------------------------------------------


def test_custom_selection_and_allow_list() -> None:
    flt = MaskingFilter(managed=["EMAIL_ADDRESS"], allow_lists=[AllowList.from_words(["ops@example.org"])], tag=True)
    log, out = stream_logger("t.sel", flt)
    log.info("from ops@example.org to %s ssn %s", EMAIL, SSN)
    assert out.getvalue() == f"INFO t.sel from ops@example.org to [EMAIL_ADDRESS] ssn {SSN}\n"
    with pytest.raises(ValueError, match="either scanner or"):
        MaskingFilter(Scanner(), managed=["EMAIL_ADDRESS"])


def test_keep_last_and_policy_with_audit_file(tmp_path: Path) -> None:
    policy = {
        "Name": "p",
        "Version": "2021-06-01",
        "Configuration": {"CustomDataIdentifier": [{"Name": "EmployeeId", "Regex": "EmployeeID-\\d{9}"}]},
        "Statement": [
            {
                "DataIdentifier": ["arn:aws:dataprotection::aws:data-identifier/EmailAddress", "EmployeeId"],
                "Operation": {"Audit": {"FindingsDestination": {}}},
            },
            {
                "DataIdentifier": ["arn:aws:dataprotection::aws:data-identifier/EmailAddress", "EmployeeId"],
                "Operation": {"Deidentify": {"MaskConfig": {}}},
            },
        ],
    }
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(policy))
    audit = tmp_path / "audit.jsonl"
    log, out = stream_logger("t.policy", MaskingFilter(policy=path, audit=audit))
    log.info("mail %s staff EmployeeID-123456789 ssn %s", EMAIL, SSN)
    assert out.getvalue() == f"INFO t.policy mail {'*' * 20} staff {'*' * 20} ssn {SSN}\n"
    reports = [json.loads(line) for line in audit.read_text().splitlines()]
    assert len(reports) == 1 and reports[0]["resourceArn"] == "t.policy"
    assert reports[0]["dataIdentifiers"] == [
        {"name": "EmailAddress", "count": 1, "detections": [{"start": 6, "end": 25}]},
        {"name": "EmployeeId", "count": 1, "detections": [{"start": 33, "end": 52}]},
    ]


def test_policy_findings_destination_log_group_is_a_logger() -> None:
    policy = {
        "Name": "p",
        "Version": "2021-06-01",
        "Statement": [
            {
                "DataIdentifier": ["arn:aws:dataprotection::aws:data-identifier/Ssn-US"],
                "Operation": {"Audit": {"FindingsDestination": {"CloudWatchLogs": {"LogGroup": "t.audit"}}}},
            },
            {
                "DataIdentifier": ["arn:aws:dataprotection::aws:data-identifier/Ssn-US"],
                "Operation": {"Deidentify": {"MaskConfig": {}}},
            },
        ],
    }
    _audit_log, audit_out = stream_logger("t.audit", None, "%(message)s")
    log, out = stream_logger("t.app", MaskingFilter(policy=policy))
    log.info("ssn %s and ssn %s", SSN, SSN)
    log.info("nothing here")
    reports = [json.loads(line) for line in audit_out.getvalue().splitlines()]
    assert [r["dataIdentifiers"][0]["count"] for r in reports] == [2]
    assert reports[0]["dataIdentifiers"][0]["name"] == "Ssn-US"
    assert leaks(out.getvalue()) == [] and leaks(audit_out.getvalue()) == []


# -- structlog and loguru ------------------------------------------------------------------------


def test_structlog_processor_masks_every_value_and_the_exception() -> None:
    structlog = pytest.importorskip("structlog")
    from macie_lite.integrations.structlog import MaskingProcessor

    out = io.StringIO()
    log = structlog.wrap_logger(
        structlog.PrintLogger(out),
        processors=[MaskingProcessor(tag=True), structlog.processors.JSONRenderer()],
    )
    log.info("signup", email=EMAIL, user={"ssn": SSN, "id": 7}, card=int(CARD), n=1)
    try:
        raise ValueError(f"ssn {SSN}")
    except ValueError:
        log.error(f"failed for {EMAIL}", exc_info=True)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert leaks(out.getvalue()) == []
    assert lines[0] == {
        "event": "signup",
        "email": "[EMAIL_ADDRESS]",
        "user": {"ssn": "[USA_SOCIAL_SECURITY_NUMBER]", "id": 7},
        "card": "[CREDIT_CARD_NUMBER]",
        "n": 1,
    }
    assert lines[1]["event"] == "failed for [EMAIL_ADDRESS]" and "exc_info" not in lines[1]
    assert "ValueError: ssn [USA_SOCIAL_SECURITY_NUMBER]" in lines[1]["exception"]


def test_structlog_after_format_exc_info_and_through_stdlib(tmp_path: Path) -> None:
    structlog = pytest.importorskip("structlog")
    from macie_lite.integrations.structlog import MaskingProcessor

    out = io.StringIO()
    log = structlog.wrap_logger(
        structlog.PrintLogger(out),
        processors=[
            structlog.processors.format_exc_info,
            MaskingProcessor(),
            structlog.processors.KeyValueRenderer(key_order=["event"]),
        ],
    )
    try:
        raise KeyError(CARD)
    except KeyError:
        log.exception("card lookup")
    assert leaks(out.getvalue()) == [] and "KeyError" in out.getvalue()


def test_loguru_patcher_masks_message_extra_and_exception() -> None:
    loguru = pytest.importorskip("loguru")
    from macie_lite.integrations.loguru import MaskingPatcher

    text_out, json_out = io.StringIO(), io.StringIO()
    logger = loguru.logger.patch(MaskingPatcher(tag=True))
    ids = [
        logger.add(text_out, format="{message} | {extra}", backtrace=True, diagnose=True),
        logger.add(json_out, serialize=True, diagnose=True),
    ]
    try:
        logger.bind(ssn=SSN, user={"email": EMAIL}).info("card {} ok", CARD)
        secret_local = f"nino {NINO}"
        try:
            raise RuntimeError(f"failed for {EMAIL} {secret_local}")
        except RuntimeError:
            logger.exception("payment error ssn {}", SSN)
    finally:
        for i in ids:
            logger.remove(i)
    text = text_out.getvalue()
    assert leaks(text) == [] and leaks(json_out.getvalue()) == []
    assert text.splitlines()[0] == (
        "card [CREDIT_CARD_NUMBER] ok | {'ssn': '[USA_SOCIAL_SECURITY_NUMBER]', 'user': {'email': '[EMAIL_ADDRESS]'}}"
    )
    assert "RuntimeError: failed for [EMAIL_ADDRESS] nino [UK_NATIONAL_INSURANCE_NUMBER]" in text
    records = [json.loads(line)["record"] for line in json_out.getvalue().splitlines()]
    assert records[1]["exception"] is None and "Traceback" in records[1]["message"]
