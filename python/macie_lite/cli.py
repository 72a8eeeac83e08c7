"""The ``macie-lite`` command: scan, mask, identifiers.

Exit status: 0 done; 1 findings were made and ``--fail-on-findings`` was given; 2 bad usage or
configuration, with a one-line reason on stderr.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import IO, Any, TypeVar

import click

from . import findings
from .allow_lists import AllowList
from .engine import Scanner
from .errors import MacieLiteError, SourceError
from .formats import Limits
from .identifiers import load_custom_identifiers, managed_by_id, managed_identifiers
from .scan import ObjectFilter, ObjectResult

F = TypeVar("F", bound=Callable[..., Any])


class ConfigError(click.ClickException):
    """A configuration problem: one line on stderr, exit status 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"macie-lite: error: {self.message}", err=True)


def selection_options(fn: F) -> F:
    """The options that choose identifiers, shared by scan, mask and identifiers test."""
    options = [
        click.option(
            "--managed",
            default=None,
            metavar="ALL|RECOMMENDED|NONE",
            help="Managed identifier selection (default RECOMMENDED, or only --include).",
        ),
        click.option("--include", "include_ids", multiple=True, metavar="ID", help="Use only these managed IDs."),
        click.option("--exclude", "exclude_ids", multiple=True, metavar="ID", help="Drop these managed IDs."),
        click.option(
            "--custom",
            "custom_files",
            multiple=True,
            type=click.Path(dir_okay=False),
            metavar="FILE",
            help="Custom data identifiers: JSON, Macie's CreateCustomDataIdentifier body or a list.",
        ),
        click.option(
            "--allow-list",
            "allow_files",
            multiple=True,
            type=click.Path(dir_okay=False),
            metavar="FILE",
            help='Allow list: plain text (one entry per line) or JSON {"regex": ...}.',
        ),
    ]
    for opt in reversed(options):
        fn = opt(fn)
    return fn


def build_scanner(
    managed: str | None,
    include_ids: Iterable[str],
    exclude_ids: Iterable[str],
    custom_files: Iterable[str],
    allow_files: Iterable[str],
) -> Scanner:
    include = list(include_ids)
    try:
        selection: str | list[str]
        if include:
            if managed not in (None, "INCLUDE"):
                raise ConfigError("--include cannot be combined with --managed")
            selection = include
        else:
            selection = (managed or "RECOMMENDED").upper()
        custom = [c for path in custom_files for c in load_custom_identifiers(path)]
        allow = [AllowList.from_file(p) for p in allow_files]
        if selection == "NONE" and not custom:
            raise ConfigError("--managed NONE needs at least one --custom identifier")
        return Scanner(managed=selection, exclude=list(exclude_ids), custom=custom, allow_lists=allow)
    except MacieLiteError as exc:
        raise ConfigError(str(exc)) from None


def _guard(fn: F) -> F:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except MacieLiteError as exc:
            raise ConfigError(str(exc)) from None

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="macie-lite")
def main() -> None:
    """Find sensitive data the way Amazon Macie does, on your own machine."""


# -- scan ----------------------------------------------------------------------------------------

FORMATS = ["jsonl", "json", "table", "sarif", "asff", "parquet"]


@main.command()
@click.argument("targets", nargs=-1, required=True)
@selection_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("-o", "--output", default=None, help="Write here (atomically) instead of stdout.")
@click.option("--workers", type=click.IntRange(1, 256), default=1, show_default=True, help="Objects scanned at once.")
@click.option("--glob", "globs", multiple=True, help="Only keys/paths matching this glob (repeatable).")
@click.option("--exclude-glob", "exclude_globs", multiple=True, help="Skip keys/paths matching this glob.")
@click.option("--max-size", type=click.IntRange(1), default=None, help="Skip objects larger than this (bytes).")
@click.option("--extension", "extensions", multiple=True, help="Only objects with this extension (repeatable).")
@click.option("--modified-after", type=click.DateTime(), default=None, help="Only objects modified after (UTC).")
@click.option("--modified-before", type=click.DateTime(), default=None, help="Only objects modified before (UTC).")
@click.option("--endpoint-url", default=None, help="S3-compatible endpoint for s3:// targets.")
@click.option("--fail-on-findings", is_flag=True, help="Exit 1 when anything was found.")
@click.option("--cluster", default=None, help="Dask scheduler (tcp://HOST:PORT) or local:N.")
@click.option("--sample", type=click.FloatRange(0, 100, min_open=True), default=None, help="Scan this % of objects.")
@click.option("--resume", is_flag=True, help="Continue an interrupted run.")
@click.option("--reveal", is_flag=True, help="Include raw values (up to 10 per type, 128 characters).")
@click.option("--no-preview", is_flag=True, help="Omit the masked previews from occurrences.")
@click.option("--results", "results_path", default=None, help="Also write every discovery result (JSON Lines).")
@click.option("--scores", "scores_path", default=None, help="Also write bucket sensitivity scores (JSON).")
@click.option("--tag", "tags", multiple=True, metavar="KEY[=VALUE]", help="Only S3 objects with this tag.")
def scan(
    targets: tuple[str, ...],
    managed: str | None,
    include_ids: tuple[str, ...],
    exclude_ids: tuple[str, ...],
    custom_files: tuple[str, ...],
    allow_files: tuple[str, ...],
    fmt: str,
    output: str | None,
    workers: int,
    globs: tuple[str, ...],
    exclude_globs: tuple[str, ...],
    max_size: int | None,
    extensions: tuple[str, ...],
    modified_after: datetime | None,
    modified_before: datetime | None,
    endpoint_url: str | None,
    fail_on_findings: bool,
    cluster: str | None,
    sample: float | None,
    resume: bool,
    reveal: bool,
    no_preview: bool,
    results_path: str | None,
    scores_path: str | None,
    tags: tuple[str, ...],
) -> None:
    """Scan files, directories or s3://bucket/prefix and write Macie-shaped findings."""
    if resume and output in (None, "-"):
        raise ConfigError("--resume needs -o OUT: the checkpoint lives next to the output")
    if fmt == "parquet" and output in (None, "-"):
        raise ConfigError("--format parquet needs -o PATH")
    scanner = build_scanner(managed, include_ids, exclude_ids, custom_files, allow_files)
    targets = _expand_buckets(targets, endpoint_url)
    tag_map = dict(t.partition("=")[::2] for t in tags)
    limits = Limits(max_object_bytes=max_size) if max_size else Limits()
    stats = _Stats(progress=sys.stderr.isatty())
    where = ObjectFilter(globs, exclude_globs, extensions, modified_after, modified_before)

    checkpoint = None
    if output not in (None, "-") and fmt != "parquet":
        from .checkpoint import checkpoint_path

        checkpoint = str(checkpoint_path(output))

    def results() -> Iterator[ObjectResult]:
        if cluster is not None:
            from .cluster import scan_cluster

            try:
                yield from scan_cluster(
                    scanner._args,
                    list(targets),
                    cluster=cluster,
                    sample=sample,
                    criteria=_criteria(extensions, modified_after, modified_before, tag_map),
                    include=globs,
                    exclude=exclude_globs,
                    checkpoint=checkpoint,
                    resume=resume,
                    endpoint_url=endpoint_url,
                    limits=limits,
                    preview=not no_preview,
                    reveal=reveal,
                    ordered=True,
                )
            except (FileNotFoundError, SourceError) as exc:
                raise ConfigError(str(exc)) from None
            return
        for n, target in enumerate(targets):
            try:
                yield from scanner.scan(
                    target,
                    workers=workers,
                    where=where,
                    preview=not no_preview,
                    reveal=reveal,
                    endpoint_url=endpoint_url,
                    limits=limits,
                    sample=sample,
                    checkpoint=f"{checkpoint}.{n}" if checkpoint and len(targets) > 1 else checkpoint,
                    resume=resume,
                    tags=tag_map or None,
                )
            except FileNotFoundError as exc:
                raise ConfigError(str(exc)) from None
            except SourceError as exc:
                raise ConfigError(str(exc)) from None

    stream = stats.track(results())
    if results_path:
        stream = _tee_results(stream, results_path)
    if scores_path:
        stream = _tee_scores(stream, scores_path)
    _write(fmt, output, stream, scanner)
    stats.finish()
    if fail_on_findings and stats.with_findings:
        sys.exit(1)


def _write(fmt: str, output: str | None, results: Iterable[ObjectResult], scanner: Scanner) -> None:
    from .outputs import open_output

    if fmt == "parquet":
        from .outputs.parquet import write_parquet

        assert output is not None
        try:
            write_parquet(results, output, custom=scanner.custom)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
        return
    if fmt == "sarif":
        from .outputs.sarif import write_sarif

        with open_output(output) as out:
            write_sarif(results, out, custom=scanner.custom)
        return
    from .outputs.asff import write_asff
    from .outputs.jsonl import write_json, write_jsonl
    from .outputs.table import write_table

    writers: dict[str, Callable[[Iterable[ObjectResult], IO[str]], None]] = {
        "asff": write_asff,
        "table": write_table,
        "json": write_json,
        "jsonl": write_jsonl,
    }
    with open_output(output) as out:
        writers[fmt](results, out)


def _criteria(
    extensions: tuple[str, ...], after: datetime | None, before: datetime | None, tags: dict[str, str]
) -> Any:
    """Macie's object criteria for the distributed path (the local path filters the same way)."""
    from .sampling import ObjectCriteria

    return ObjectCriteria(extensions=extensions, modified_after=after, modified_before=before, tags=tags)


def _expand_buckets(targets: tuple[str, ...], endpoint_url: str | None) -> tuple[str, ...]:
    """``s3://logs-*/prefix``: one target per matching bucket (ListBuckets), as Macie jobs allow."""
    if not any(t.startswith("s3://") and any(c in t[5:].partition("/")[0] for c in "*?[") for t in targets):
        return targets
    from .sampling import expand_targets, s3_bucket_lister
    from .sources.s3 import make_client

    try:
        return tuple(expand_targets(targets, s3_bucket_lister(make_client(endpoint_url))))
    except Exception as exc:  # listing buckets failed: a configuration problem for the user
        raise ConfigError(f"cannot list buckets for a bucket-name pattern: {type(exc).__name__}") from None


def _tee_scores(results: Iterable[ObjectResult], path: str) -> Iterator[ObjectResult]:
    """Passes results on, then writes each bucket's sensitivity score and statistics (JSON)."""
    from .outputs import open_output
    from .scores import result_bucket, score_results

    seen: list[tuple[str, ObjectResult]] = []
    for r in results:
        seen.append((result_bucket(r, default="local"), r))
        yield r
    with open_output(path) as out:
        json.dump({"bucketScores": score_results(seen).records()}, out, indent=2)
        out.write("\n")


def _tee_results(results: Iterable[ObjectResult], path: str) -> Iterator[ObjectResult]:
    """Writes each object's discovery result (JSON Lines) while passing results on."""
    from .outputs import open_output

    with open_output(path) as out:
        for r in results:
            out.write(json.dumps(r.result, ensure_ascii=False, separators=(",", ":")) + "\n")
            yield r


class _Stats:
    """Counts for the progress line (on a terminal) and the closing summary line."""

    def __init__(self, progress: bool = False) -> None:
        self.objects = self.skipped = self.partial = self.bytes = self.with_findings = 0
        self.by_category: dict[str, int] = {}
        self.started = time.perf_counter()
        self.progress = progress
        self._shown = 0.0

    def track(self, results: Iterable[ObjectResult]) -> Iterator[ObjectResult]:
        for r in results:
            self.objects += 1
            self.bytes += r.size
            self.skipped += r.status == "SKIPPED"
            self.partial += r.status == "PARTIAL"
            if r.finding is not None:
                self.with_findings += 1
                result = r.finding["classificationDetails"]["result"]
                for cat in result["sensitiveData"]:
                    self.by_category[cat["category"]] = self.by_category.get(cat["category"], 0) + cat["totalCount"]
                custom = result["customDataIdentifiers"]["totalCount"]
                if custom:
                    self.by_category["CUSTOM_IDENTIFIER"] = self.by_category.get("CUSTOM_IDENTIFIER", 0) + custom
            if self.progress and time.perf_counter() - self._shown > 0.2:
                self._shown = time.perf_counter()
                click.echo(
                    f"\r{self.objects} objects, {self.bytes / 1e6:.1f} MB, {self.with_findings} with findings",
                    nl=False,
                    err=True,
                )
            yield r

    def finish(self) -> None:
        if self.progress:
            click.echo("\r\033[K", nl=False, err=True)
        click.echo(self.summary(), err=True)

    def summary(self) -> str:
        secs = max(time.perf_counter() - self.started, 1e-9)
        cats = ", ".join(f"{k} {v}" for k, v in sorted(self.by_category.items())) or "none"
        return (
            f"scanned {self.objects} objects ({self.skipped} skipped, {self.partial} partial), "
            f"{self.with_findings} with findings; detections: {cats}; "
            f"{self.bytes / 1e6:.1f} MB in {secs:.2f} s ({self.bytes / 1e6 / secs:.1f} MB/s)"
        )


# -- mask ----------------------------------------------------------------------------------------


@main.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False, allow_dash=True), default="-")
@selection_options
@click.option("--char", default="*", show_default=True, help="Mask character.")
@click.option("--keep-last", type=click.IntRange(0), default=0, help="Keep the last N characters of each value.")
@click.option("--tag", is_flag=True, help="Replace each value by [TYPE] instead of mask characters.")
@click.option(
    "--policy",
    default=None,
    type=click.Path(dir_okay=False),
    help="CloudWatch Logs data protection policy (JSON); it chooses the identifiers.",
)
@click.option(
    "--audit",
    "audit_file",
    default=None,
    type=click.Path(dir_okay=False),
    help="Append audit findings (one JSON report per line with findings) to this file.",
)
def mask(
    file: str,
    managed: str | None,
    include_ids: tuple[str, ...],
    exclude_ids: tuple[str, ...],
    custom_files: tuple[str, ...],
    allow_files: tuple[str, ...],
    char: str,
    keep_last: int,
    tag: bool,
    policy: str | None,
    audit_file: str | None,
) -> None:
    """Mask sensitive data in a text stream, line by line (stdin to stdout by default).

    Default selection: Macie's RECOMMENDED identifiers plus EMAIL_ADDRESS (as the logging
    filter). JSON lines stay valid JSON; invalid UTF-8 passes through; output is flushed as
    input arrives, so `tail -f app.log | macie-lite mask` works."""
    import os

    from .logging import default_ids
    from .policy import AuditLog, load_policy
    from .streams import mask_stream

    if len(char) != 1:
        raise ConfigError("--char must be exactly one character")
    names: dict[str, str] = {}
    if policy is not None:
        if managed is not None or include_ids or exclude_ids or custom_files:
            raise ConfigError("--policy chooses the identifiers: drop --managed/--include/--exclude/--custom")
        try:
            pol = load_policy(policy)
            scanner = pol.scanner(allow_lists=[AllowList.from_file(p) for p in allow_files])
        except MacieLiteError as exc:
            raise ConfigError(str(exc)) from None
        names = dict(pol.names)
    elif managed is None and not include_ids:
        scanner = build_scanner(None, default_ids(), exclude_ids, custom_files, allow_files)
    else:
        scanner = build_scanner(managed, include_ids, exclude_ids, custom_files, allow_files)
    try:
        audit = AuditLog(audit_file, names=names) if audit_file else None
    except MacieLiteError as exc:
        raise ConfigError(str(exc)) from None
    try:
        with click.open_file(file, "rb") as src:
            mask_stream(
                src,
                sys.stdout.buffer,
                scanner,
                char=char,
                keep_last=keep_last,
                tag=tag,
                audit=audit,
                resource="stdin" if file == "-" else file,
            )
    except FileNotFoundError as exc:
        raise ConfigError(f"{file}: {exc.strerror}") from None
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        if audit is not None:
            audit.close()


# -- identifiers ---------------------------------------------------------------------------------


@main.group()
def identifiers() -> None:
    """List, show and test data identifiers."""


@identifiers.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per identifier.")
def list_identifiers(as_json: bool) -> None:
    """Every managed identifier: ID, category, keyword rule, recommended, countries."""
    for m in managed_identifiers():
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "id": m.id,
                        "category": m.category,
                        "keywordsRequired": m.keywords_required,
                        "recommended": m.recommended,
                        "countries": list(m.countries),
                    }
                )
            )
        else:
            flags = ("keyword " if m.keywords_required else "        ") + ("recommended" if m.recommended else "")
            click.echo(f"{m.id:<52} {m.category:<22} {flags}")


@identifiers.command("show")
@click.argument("ident")
def show_identifier(ident: str) -> None:
    """Everything about one managed identifier."""
    m = managed_by_id().get(ident)
    if m is None:
        raise ConfigError(f"unknown managed data identifier {ident!r}")
    doc = {
        "id": m.id,
        "category": m.category,
        "subcategory": m.subcategory,
        "name": m.name,
        "keywordsRequired": m.keywords_required,
        "recommended": m.recommended,
        "countries": list(m.countries),
        "keywords": list(m.keywords),
        "source": m.source,
        "patterns": [
            {
                "label": p.label,
                "regex": p.regex,
                "validator": p.validator,
                "keywords": p.keywords or ("required" if m.keywords_required else "none"),
                "scan": p.scan,
            }
            for p in m.patterns
        ],
    }
    click.echo(json.dumps(doc, indent=2, ensure_ascii=False))


@identifiers.command("test")
@selection_options
@click.option("--text", required=True, help="Sample text (like TestCustomDataIdentifier's sampleText).")
@click.option("--explain", is_flag=True, help="List every candidate with the decision and its reason.")
def test_identifier(
    managed: str | None,
    include_ids: tuple[str, ...],
    exclude_ids: tuple[str, ...],
    custom_files: tuple[str, ...],
    allow_files: tuple[str, ...],
    text: str,
    explain: bool,
) -> None:
    """Count the matches in TEXT, like Macie's TestCustomDataIdentifier (custom identifiers
    only, unless --managed or --include select managed ones too)."""
    if managed is None and not include_ids:
        managed = "NONE" if custom_files else "RECOMMENDED"
    scanner = build_scanner(managed, include_ids, exclude_ids, custom_files, allow_files)
    if not explain:
        click.echo(json.dumps({"matchCount": len(scanner.scan_text(text))}))
        return
    for e in scanner.explain(text):
        verdict = "REPORTED" if e.reported else "dropped "
        preview = findings.masked_preview(e.type, text[e.start : e.end])
        click.echo(f"{verdict} {e.pattern} [{e.start}:{e.end}] {preview}: {e.reason}")


if __name__ == "__main__":  # pragma: no cover
    main()
