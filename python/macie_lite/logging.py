"""Masking for Python ``logging``: a handler filter that masks every record before it is formatted.

Put :class:`MaskingFilter` on **handlers**, or call :func:`install` once at start-up. A filter on
a *logger* is not enough: ``logging`` runs a logger's filters only for records logged on that
very logger; records from child loggers (``app.db`` under ``app``) propagate to the parent's
handlers without passing the parent's logger filters, so they would be written unmasked.
A filter on every handler sees every record that the handler will write, whoever logged it.

The filter masks the record in place (the record is shared by all handlers of one call), so a
handler without the filter that runs later also writes masked text:

* the final message (``msg % args``, dict or tuple args, objects whose ``__str__`` holds a
  value) becomes ``record.msg`` and ``record.args`` is emptied;
* the exception text is rendered, masked, kept in ``record.exc_text``, and ``record.exc_info``
  is cleared so no formatter renders the raw one again; ``record.stack_info`` is masked;
* ``extra`` fields (strings, numbers, dicts and lists of them, other objects by their ``str()``)
  are masked with their key as structured context, so JSON formatters reading
  ``record.__dict__`` print masked values.

It never raises into the application: if masking fails, the message is withheld (replaced by
:data:`PLACEHOLDER`), fail closed, and one :class:`MaskingWarning` says so without the text.
"""

from __future__ import annotations

import logging as _logging
import threading
import traceback
import warnings
import weakref
from collections.abc import Iterable, Mapping, Sequence
from os import PathLike
from typing import TYPE_CHECKING, Any

from . import masking
from .allow_lists import AllowList
from .engine import Scanner
from .identifiers import CustomDataIdentifier, managed_identifiers

if TYPE_CHECKING:
    from .policy import AuditLog, DataProtectionPolicy

__all__ = [
    "PLACEHOLDER",
    "LogMasker",
    "MaskingFilter",
    "MaskingWarning",
    "default_scanner",
    "install",
    "installed",
    "uninstall",
]

#: What a record's message becomes when it cannot be masked (fail closed).
PLACEHOLDER = "[macie-lite: message withheld]"
#: Containers nested deeper than this are masked as their ``str()``.
MAX_DEPTH = 8

_default_lock = threading.Lock()
_default: Scanner | None = None


def default_ids() -> list[str]:
    """The default log selection: Macie's RECOMMENDED identifiers plus EMAIL_ADDRESS."""
    return [m.id for m in managed_identifiers() if m.recommended] + ["EMAIL_ADDRESS"]


def default_scanner() -> Scanner:
    """The shared default Scanner for logs (built once; Scanners are thread-safe)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Scanner(managed=default_ids())
        return _default


class MaskingWarning(RuntimeWarning):
    """A log record could not be masked and its content was withheld."""


class _Audit(threading.local):
    busy = False


class LogMasker:
    """Masks log content with one Scanner: message, exception and stack text in one scan, and
    field values with their key path as structured context; reports audit findings.

    Shared by :class:`MaskingFilter` and the structlog and loguru integrations.
    """

    def __init__(
        self,
        scanner: Scanner,
        style: masking.MaskStyle,
        audit: AuditLog | None = None,
    ) -> None:
        self.scanner = scanner
        self.style = style
        self.audit = audit
        #: Audit reports that could not be delivered (the masking itself went on).
        self.audit_errors = 0
        self._audit_state = _Audit()
        # The engine's own entry point skips a list copy and Detection objects per call
        # (~0.3 µs per record); without it (another engine) Scanner.scan_text is used.
        rust = getattr(scanner, "_rust", None)
        self._ident: list[Any] = getattr(scanner, "_ident", None) or []
        self._scan_str = rust.scan_str if rust is not None and self._ident else None

    def spans(self, text: str, context: Sequence[str] = ()) -> list[tuple[int, int, str]]:
        """``(start, end, type)`` of every detection in ``text`` (str indices)."""
        if self._scan_str is not None and not context:
            try:
                ident = self._ident
                return [(s, e, ident[p].type) for p, s, e, _l, _c in self._scan_str(text)]
            except UnicodeEncodeError:  # lone surrogates: the Scanner handles them
                pass
        return [(d.start, d.end, d.type) for d in self.scanner.scan_text(text, context)]

    def text(self, text: str, context: Sequence[str] = ()) -> str:
        """``text`` masked."""
        spans = self.spans(text, context)
        return masking.apply(text, spans, self.style) if spans else text

    def texts(self, parts: Sequence[str], resource: str = "") -> list[str]:
        """Masks parts that a reader sees together (message, exception, stack) with one scan of
        their ``\\n``-joined text, so a keyword in one part counts for a value in the next."""
        joined = parts[0] if len(parts) == 1 else "\n".join(parts)
        spans = self.spans(joined)
        if spans and self.audit is not None:
            self._report(resource, spans, None)
        if not spans:
            return list(parts)
        if len(parts) == 1:
            return [masking.apply(joined, spans, self.style)]
        out: list[str] = []
        at = 0
        for part in parts:
            end = at + len(part)
            mine = [(max(s, at) - at, min(e, end) - at, t) for s, e, t in spans if s < end and e > at]
            out.append(masking.apply(part, mine, self.style) if mine else part)
            at = end + 1
        return out

    def value(self, value: Any, path: tuple[str, ...], resource: str = "", depth: int = 0) -> Any:
        """A field value masked: strings, numbers, containers (copied only when something
        changed) and other objects by their ``str()`` when it holds a detection."""
        if value is None or value is True or value is False or isinstance(value, float):
            return value
        if isinstance(value, str):
            return self._field_text(value, path, resource, value)
        if depth < MAX_DEPTH:
            if isinstance(value, Mapping):
                changed = False
                out: dict[Any, Any] = {}
                for k, v in value.items():
                    key = self.value(k, path, resource, depth + 1) if isinstance(k, str) else k
                    mv = self.value(v, (*path, str(k)), resource, depth + 1)
                    changed = changed or mv is not v or key is not k
                    out[key] = mv
                return out if changed else value
            if isinstance(value, (list, tuple)):
                items = [self.value(v, path, resource, depth + 1) for v in value]
                if all(a is b for a, b in zip(items, value)):
                    return value
                return items if isinstance(value, list) else tuple(items)
        return self._field_text(str(value), path, resource, value)

    def _field_text(self, text: str, path: tuple[str, ...], resource: str, original: Any) -> Any:
        spans = self.spans(text, path)
        if not spans:
            return original
        if self.audit is not None:
            self._report(resource, spans, ".".join(path))
        return masking.apply(text, spans, self.style)

    def _report(self, resource: str, spans: list[tuple[int, int, str]], field: str | None) -> None:
        state = self._audit_state
        if state.busy or self.audit is None:  # an audit logger's own records: never re-audited
            return
        state.busy = True
        try:
            self.audit.report(resource, spans, field=field)
        except Exception:  # an unwritable audit destination must not cost the log line
            self.audit_errors += 1
        finally:
            state.busy = False


class _Masked(str):
    """Base of the marker type of an already-masked ``record.msg``; pickles as a plain str."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        return (str, (str(self),))


def _standard_keys() -> frozenset[str]:
    rec = _logging.LogRecord("x", _logging.INFO, __file__, 1, "x", (), None)
    return frozenset(rec.__dict__) | {"message", "asctime"}


_STANDARD = _standard_keys()
_BASE_LEN = len(_logging.LogRecord("x", _logging.INFO, __file__, 1, "x", (), None).__dict__)


class MaskingFilter(_logging.Filter):
    """A handler filter that masks sensitive data in every record before it is formatted.

    ``scanner``: the selection (default: Macie's RECOMMENDED identifiers plus EMAIL_ADDRESS),
    or ``managed``/``exclude``/``custom``/``allow_lists`` to build one; ``policy``: a CloudWatch
    Logs data protection policy (path, JSON text or dict) instead. ``char``, ``keep_last`` and
    ``tag`` choose how a value is masked (as :meth:`Scanner.mask`). ``audit``: where audit
    findings go (a file path, a ``logging.Logger`` or a callable); with a policy, its
    ``CloudWatchLogs.LogGroup`` destination is used as a logger name unless ``audit=False``.

    Always returns True: it masks, it never drops a record.
    """

    def __init__(
        self,
        scanner: Scanner | None = None,
        policy: str | PathLike[str] | Mapping[str, Any] | DataProtectionPolicy | None = None,
        *,
        managed: str | Iterable[str] | None = None,
        exclude: Iterable[str] = (),
        custom: Sequence[CustomDataIdentifier] = (),
        allow_lists: Sequence[AllowList] = (),
        char: str = "*",
        keep_last: int = 0,
        tag: bool = False,
        audit: Any = None,
    ) -> None:
        super().__init__()
        built_here = managed is not None or bool(exclude) or bool(custom)
        if scanner is not None and (policy is not None or built_here or allow_lists):
            raise ValueError("MaskingFilter: give either scanner or policy/selection options, not both")
        if policy is not None and built_here:
            raise ValueError("MaskingFilter: a policy already chooses the identifiers")
        sink = None
        if policy is not None:
            from .policy import AuditLog, load_policy

            pol = load_policy(policy)
            scanner = pol.scanner(allow_lists=allow_lists)
            if audit is None:
                audit = pol.default_audit_destination()
            if audit is not None and audit is not False:
                sink = AuditLog(audit, names=pol.names)
        else:
            if scanner is None:
                if built_here or allow_lists:
                    scanner = Scanner(
                        managed=default_ids() if managed is None else managed,
                        exclude=exclude,
                        custom=custom,
                        allow_lists=allow_lists,
                    )
                else:
                    scanner = default_scanner()
            if audit is not None and audit is not False:
                from .policy import AuditLog

                sink = AuditLog(audit)
        self.scanner = scanner
        self.masker = LogMasker(scanner, masking.MaskStyle(char=char, keep_last=keep_last, tag=tag), sink)
        self._formatter = _logging.Formatter()
        # One marker type per filter: a second filter with another selection still masks.
        self._marker: type[_Masked] = type("MaskedMessage", (_Masked,), {"__slots__": ()})
        self._warned = False
        self._mask_text = self.masker.text
        self._scan_str = self.masker._scan_str
        self._ident = self.masker._ident
        self._style = self.masker.style

    def __repr__(self) -> str:
        return f"MaskingFilter({self.scanner!r})"

    def filter(self, record: _logging.LogRecord) -> bool:
        """Masks ``record`` in place; returns True (the record is always kept)."""
        msg = record.msg
        if type(msg) is self._marker:
            return True
        try:
            # Fast path (the common record: a str message, no exception, no extra fields).
            if (
                type(msg) is str
                and type(record) is _logging.LogRecord
                and self._scan_str is not None
                and not (record.exc_info or record.exc_text or record.stack_info)
                and len(record.__dict__) == _BASE_LEN
            ):
                args = record.args
                text = msg % args if args else msg
                found = self._scan_str(text)
                if found:
                    ident = self._ident
                    spans = [(s, e, ident[p].type) for p, s, e, _l, _c in found]
                    text = masking.apply(text, spans, self._style)
                    if self.masker.audit is not None:
                        self.masker._report(record.name, spans, None)
                record.msg = self._marker(text)
                record.args = ()
                return True
        except Exception:  # the general path below handles it or withholds
            pass
        try:
            self._mask(record)
        except Exception as exc:  # fail closed, never raise into the application
            self._withhold(record, exc)
        return True

    def _mask(self, record: _logging.LogRecord) -> None:
        d = record.__dict__
        masker = self.masker
        audit = masker.audit
        msg = record.msg
        if isinstance(msg, Mapping) and not record.args:
            msg = masker.value(msg, (), record.name)
            text = None
        else:
            text = record.getMessage()
        exc_text = record.exc_text
        if record.exc_info and not exc_text:
            exc_text = self._formatter.formatException(record.exc_info)
        stack = record.stack_info
        if exc_text or stack or audit is not None:
            parts = [text if text is not None else ""]
            if exc_text:
                parts.append(exc_text)
            if stack:
                parts.append(stack)
            masked = masker.texts(parts, record.name)
            if exc_text:
                record.exc_text = masked[1]
            if stack:
                record.stack_info = masked[-1]
            if text is not None:
                text = masked[0]
        elif text is not None:
            text = self._mask_text(text)
        record.exc_info = None
        record.args = ()
        record.msg = msg if text is None else self._marker(text)
        if len(d) > _BASE_LEN:
            for key in [k for k in d if k not in _STANDARD]:
                d[key] = masker.value(d[key], (key,), record.name)
            if "message" in d:
                d["message"] = record.getMessage()

    def _withhold(self, record: _logging.LogRecord, exc: BaseException) -> None:
        try:
            d = record.__dict__
            for key in [k for k in d if k not in _STANDARD]:
                d[key] = PLACEHOLDER
            record.msg = self._marker(PLACEHOLDER)
            record.args = ()
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
            if "message" in d:
                d["message"] = PLACEHOLDER
        except Exception:  # a record that refuses attributes: nothing more to do
            pass
        if not self._warned:
            self._warned = True
            try:
                warnings.warn(
                    f"macie-lite: a log record could not be masked ({type(exc).__name__}); its "
                    "content was withheld. Further failures of this filter are not reported.",
                    MaskingWarning,
                    stacklevel=2,
                )
            except Exception:  # warnings turned into errors must not escape either
                pass


# -- install() ----------------------------------------------------------------------------------

_install_lock = threading.RLock()
_installed: MaskingFilter | None = None
_orig_add_handler: Any = None
_orig_handler_init: Any = None
_touched: weakref.WeakSet[_logging.Handler] = weakref.WeakSet()


def installed() -> MaskingFilter | None:
    """The filter that :func:`install` attached, or None."""
    return _installed


def _all_handlers() -> list[_logging.Handler]:
    handlers: list[_logging.Handler] = list(_logging.getLogger().handlers)
    for logger in list(_logging.Logger.manager.loggerDict.values()):
        if isinstance(logger, _logging.Logger):
            handlers.extend(logger.handlers)
    if _logging.lastResort is not None:
        handlers.append(_logging.lastResort)
    return handlers


def install(filter: MaskingFilter | None = None) -> MaskingFilter:
    """Attaches one MaskingFilter to every handler: the root logger's, every existing logger's,
    ``logging.lastResort``, and every handler created or added later (``Handler.__init__``
    and ``Logger.addHandler`` are wrapped; :func:`uninstall` restores them).

    Idempotent: a second call returns the installed filter. Passing another filter replaces it.
    Why handlers and not loggers: a logger's filters never see records from its child loggers.
    """
    global _installed, _orig_add_handler, _orig_handler_init
    with _install_lock:
        if _installed is not None:
            if filter is None or filter is _installed:
                return _installed
            uninstall()
        f = filter if filter is not None else MaskingFilter()
        _installed = f
        if _orig_add_handler is None:
            _orig_add_handler = _logging.Logger.addHandler
            _orig_handler_init = _logging.Handler.__init__
            orig_add, orig_init = _orig_add_handler, _orig_handler_init

            def add_handler(self: _logging.Logger, hdlr: _logging.Handler) -> None:
                orig_add(self, hdlr)
                current = _installed
                if current is not None:
                    hdlr.addFilter(current)
                    _touched.add(hdlr)

            def handler_init(self: _logging.Handler, *args: Any, **kwargs: Any) -> None:
                orig_init(self, *args, **kwargs)
                current = _installed
                if current is not None:
                    self.addFilter(current)
                    _touched.add(self)

            add_handler.__doc__ = orig_add.__doc__
            handler_init.__doc__ = orig_init.__doc__
            _logging.Logger.addHandler = add_handler  # type: ignore[method-assign]
            _logging.Handler.__init__ = handler_init  # type: ignore[method-assign]
        for h in _all_handlers():
            h.addFilter(f)
            _touched.add(h)
        return f


def uninstall() -> None:
    """Reverses :func:`install`: removes the filter from every handler and restores logging."""
    global _installed, _orig_add_handler, _orig_handler_init
    with _install_lock:
        f = _installed
        _installed = None
        if _orig_add_handler is not None:
            _logging.Logger.addHandler = _orig_add_handler  # type: ignore[method-assign]
            _logging.Handler.__init__ = _orig_handler_init  # type: ignore[method-assign]
            _orig_add_handler = _orig_handler_init = None
        if f is not None:
            for h in [*_all_handlers(), *_touched]:
                h.removeFilter(f)
            _touched.clear()


def format_exception(exc_info: Any) -> str:
    """The standard traceback text for ``exc_info`` (a tuple or an exception)."""
    if isinstance(exc_info, BaseException):
        exc_info = (type(exc_info), exc_info, exc_info.__traceback__)
    return "".join(traceback.format_exception(*exc_info)).rstrip("\n")
