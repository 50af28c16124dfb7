"""Reading inputs (JSONL or plain text, maybe compressed) and writing JSONL records.

Reading never raises for bad data: a line that is not valid JSON or not UTF-8 comes out as an
`Incoming` carrying an error record, in input order, so that the output has one record (or
one error record) for every input record. Files that cannot be opened are the only errors
raised (`InputError`), and the CLI turns them into a usage error before it starts.
"""

from __future__ import annotations

import bz2
import gc
import gzip
import io
import json
import lzma
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import IO, Any

import orjson

from cleanwire.parallel import DeferredInterrupt, imap_chunks, resolve_jobs
from cleanwire.pipeline import Pipeline, error_record, is_error
from cleanwire.stage import prepare
from cleanwire.stages import STAGES

COMPRESSED = (".gz", ".bz2", ".xz", ".zst")
_LONG_DIGITS_RE = re.compile(r"[0-9]{19}")


class InputError(Exception):
    """An input or output file that cannot be used (missing, unreadable, missing codec)."""


@dataclass(slots=True)
class Incoming:
    """One input record on its way in: a parsed record, or the error record it became."""

    source: str
    line: int
    raw: str
    record: Any = None
    error: dict[str, Any] | None = None
    data: bytes | None = None  # a JSONL line not parsed yet (read_inputs(parse=False)); see parse_line


def _zstd():
    try:
        import zstandard
    except ImportError:
        raise InputError("reading or writing .zst needs the zstandard package: pip install 'cleanwire[zstd]'") from None
    return zstandard


def open_binary(path: str, mode: str = "rb") -> IO[bytes]:
    """Open `path` ("-" is stdin/stdout), decompressing or compressing by its extension."""
    if path == "-":
        return sys.stdin.buffer if "r" in mode else sys.stdout.buffer
    suffix = Path(path).suffix.lower()
    try:
        if suffix == ".gz":
            return gzip.open(path, mode)
        if suffix == ".bz2":
            return bz2.open(path, mode)
        if suffix == ".xz":
            return lzma.open(path, mode)
        if suffix == ".zst":
            zstd = _zstd()
            if "r" in mode:
                return io.BufferedReader(zstd.ZstdDecompressor().stream_reader(open(path, "rb")))
            return zstd.ZstdCompressor().stream_writer(open(path, "wb"))
        return open(path, mode)
    except OSError as exc:
        raise InputError(f"cannot open {path}: {exc.strerror or exc}") from None


def source_name(path: str) -> str:
    return "stdin" if path == "-" else path


def read_inputs(path: str, input_format: str = "auto", *, parse: bool = True) -> Iterator[Incoming]:
    """Every record of one input, in order. JSONL lines, or the whole input as one text.

    `parse=False` leaves each JSONL line's decoding to whoever cleans it (`Incoming.data`,
    see `clean_item`): with --jobs the workers parse, and the reader only splits lines.
    """
    stream = open_binary(path)
    try:
        lines = iter(stream)
        head: list[bytes] = []
        fmt = input_format
        if fmt == "auto":
            fmt = "text"
            for line in lines:
                head.append(line)
                stripped = line.lstrip(b"\xef\xbb\xbf \t\r\n")
                if stripped:
                    fmt = "jsonl" if stripped.startswith(b"{") else "text"
                    break
        if fmt == "jsonl":
            yield from _read_jsonl(path, chain(head, lines), parse)
        else:
            yield _read_text(path, b"".join(chain(head, lines)))
    except OSError as exc:  # a corrupt compressed stream, a read error half-way
        yield Incoming(source_name(path), 0, "", error=error_record(
            f"{source_name(path)}:0", "read_error", f"cannot read {path}: {exc}", source_name(path), 0, ""))
    finally:
        if path != "-":
            stream.close()


def _read_jsonl(path: str, lines: Iterator[bytes], parse: bool = True) -> Iterator[Incoming]:
    source = source_name(path)
    for n, raw in enumerate(lines, 1):
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        body = raw.rstrip(b"\r\n")
        if not body.strip():
            continue
        yield parse_line(source, n, body) if parse else Incoming(source, n, "", data=body)


def parse_line(source: str, n: int, body: bytes) -> Incoming:
    """One non-blank JSONL line (without its line end) as a record, or as its error record."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        shown = body.decode("utf-8", errors="backslashreplace")
        return Incoming(source, n, shown, error=error_record(
            f"{source}:{n}", "invalid_utf8", f"line is not valid UTF-8: {exc.reason} at byte {exc.start}",
            source, n, shown))
    try:
        record = loads(text)
    except ValueError as exc:
        return Incoming(source, n, text, error=error_record(
            f"{source}:{n}", "invalid_json", f"line is not valid JSON: {exc}", source, n, text))
    return Incoming(source, n, text, record=record)


def _read_text(path: str, data: bytes) -> Incoming:
    """A plain-text input is one document; its id is the file's stem ("stdin" for stdin)."""
    source = source_name(path)
    doc_id = "stdin" if path == "-" else _stem(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        shown = data.decode("utf-8", errors="backslashreplace")
        return Incoming(source, 1, shown, error=error_record(
            doc_id, "invalid_utf8", f"input is not valid UTF-8: {exc.reason} at byte {exc.start}", source, 1, shown))
    # CRLF and lone CR line ends are read as LF: offsets refer to the text as read
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Incoming(source, 1, text, record={"id": doc_id, "text": text})


def _stem(path: str) -> str:
    name = Path(path).name
    for suffix in COMPRESSED:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return Path(name).stem


def loads(text: str) -> Any:
    """Parse JSON with orjson; fall back to the standard library for what orjson refuses or
    would change but is still JSON: lone surrogate escapes, and integers beyond 64 bits (which
    orjson reads as floats: only a record holding a float is searched for a run of 19+ digits)."""
    try:
        value = orjson.loads(text)
        if not (_holds_float(value) and _LONG_DIGITS_RE.search(text)):
            return value
    except orjson.JSONDecodeError:
        pass
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def _holds_float(value: Any, depth: int = 0) -> bool:
    if depth > 200:  # deeper than any real record: let the standard library decide
        return True
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(_holds_float(v, depth + 1) for v in value.values() if isinstance(v, (float, dict, list)))
    if isinstance(value, list):
        return any(_holds_float(v, depth + 1) for v in value if isinstance(v, (float, dict, list)))
    return False


def dumps(record: dict[str, Any]) -> bytes:
    """One JSONL line. orjson where it can; the standard library (ASCII-escaped) for values
    orjson cannot write (huge integers, lone surrogates), still one valid JSON line."""
    try:
        return orjson.dumps(record) + b"\n"
    except TypeError:
        try:
            return json.dumps(record, ensure_ascii=True, separators=(",", ":")).encode() + b"\n"
        except RecursionError:
            raise ValueError("a field is nested too deeply to write as JSON") from None


@dataclass
class RunStats:
    """What a run did, counted from the records as they go by (the parallel path counts the
    same way), reported by the CLI's summary and `--stats FILE`.

    >>> stats = RunStats()
    >>> stats.count_input("{}")
    >>> stats.count({"id": "a", "text": "", "removed": [{"kind": "caption"}], "edits": [], "flags": []})
    >>> stats.outputs, stats.removed["caption"]
    (1, 1)
    """

    inputs: int = 0
    outputs: int = 0
    errors: int = 0
    split: int = 0  # output records split off a bundle (they carry parent_id)
    bytes_in: int = 0
    seconds: float = 0.0
    errors_by_type: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)
    edits: Counter = field(default_factory=Counter)
    flags: Counter = field(default_factory=Counter)

    def count_input(self, raw: str) -> None:
        """One input record read; `raw` is its line (or whole text) as read."""
        self.inputs += 1
        self.bytes_in += len(raw.encode("utf-8", "replace"))

    def count(self, record: dict[str, Any]) -> None:
        """One record written: an output record or an error record."""
        if is_error(record):
            self.errors += 1
            self.errors_by_type[record["error"]["type"]] += 1
            return
        self.outputs += 1
        if "parent_id" in record:
            self.split += 1
        for key, counter in (("removed", self.removed), ("edits", self.edits), ("flags", self.flags)):
            entries = record.get(key)
            if entries:
                counter.update([entry["kind"] for entry in entries])  # one C loop, not a += per entry

    def merge(self, other: RunStats) -> None:
        """Add `other`'s counts (not its time): one record's, counted where it was cleaned."""
        self.inputs += other.inputs
        self.outputs += other.outputs
        self.errors += other.errors
        self.split += other.split
        self.bytes_in += other.bytes_in
        for mine, theirs in ((self.errors_by_type, other.errors_by_type), (self.removed, other.removed),
                             (self.edits, other.edits), (self.flags, other.flags)):
            mine.update(theirs)

    def as_dict(self) -> dict[str, Any]:
        """The `--stats FILE` JSON: counts, counts by kind (most frequent first), speed."""
        return {
            "documents_in": self.inputs, "documents_out": self.outputs, "stories_split": self.split,
            "error_records": self.errors, "bytes_in": self.bytes_in, "seconds": round(self.seconds, 3),
            "mb_per_s": round(self.bytes_in / 1e6 / self.seconds, 3) if self.seconds > 0 else None,
            "errors_by_type": dict(self.errors_by_type.most_common()),
            "removed_by_kind": dict(self.removed.most_common()),
            "edits_by_kind": dict(self.edits.most_common()),
            "flags_by_kind": dict(self.flags.most_common()),
        }


class StopRun(Exception):
    """Raised by `run` under fail_fast after the first error record has been written."""


def run(paths: list[str], pipeline: Any, write: Any, write_error: Any | None = None, *,
        stats: RunStats | None = None, on_input: Any | None = None) -> RunStats:
    """Read every input, clean each record with `pipeline`, and `write` each output line.

    Error records go to `write_error` when given (the CLI's --errors FILE), else inline.
    Raises StopRun after the first error when the pipeline's config says fail_fast.
    `stats` (filled in place, so that it survives StopRun) counts what went by; `on_input(stats)`
    is called after each input record (the CLI's progress bar).

    With `config.jobs` other than 1 the records are cleaned by a process pool
    (`cleanwire.parallel`) and written in input order: the bytes out are the same. A Ctrl-C
    never leaves half a line behind.
    """
    stats = stats if stats is not None else RunStats()
    config = pipeline.config
    jobs = resolve_jobs(config.jobs)
    prepare(pipeline.stages)  # word lists loaded here once, not by a document; --jobs workers inherit them
    items = (item for path in paths for item in read_inputs(path, config.input_format, parse=jobs == 1))
    if jobs == 1:
        results: Iterator[tuple[Incoming, Cleaned]] = ((item, clean_item(pipeline, item)) for item in items)
    else:
        # the built-in stages are rebuilt in each worker from the config; others are passed as they are
        builtin = pipeline.stages == [STAGES[name] for name in STAGES if name in config.stages]
        results = imap_chunks(clean_item, items, jobs=jobs, init=Pipeline,
                              init_args=(config, None if builtin else pipeline.stages), weight=_item_size)
    started = time.perf_counter()
    try:
        with _collector_for_run(), closing(results), DeferredInterrupt() as interrupt:
            for _item, (counted, lines) in results:
                with interrupt.holding():
                    stats.merge(counted)
                    for error, line in lines:
                        if error is None:
                            write(line)
                        else:
                            (write_error or write)(line)
                            if config.fail_fast:
                                raise StopRun(error["message"])
                if on_input is not None:
                    on_input(stats)
    finally:
        stats.seconds = time.perf_counter() - started
    return stats


@contextmanager
def _collector_for_run() -> Iterator[None]:
    """The cyclic garbage collector tuned for a run, and restored after it.

    What is alive now (modules, stages, word lists) outlives the run. Frozen, it is not walked by
    each full collection (3% of the default pipeline's time on the dev pages), here or in the
    --jobs workers forked from here (whose walks would copy its pages). A page's ops and segments
    are freed by their reference counts, but the collector's youngest generation, run every 700
    new objects, walks the big lists of them again and again: every _YOUNG_GC objects it costs a
    tenth of the time (2% of the run). (A caller who froze objects first keeps them frozen: then
    this run freezes nothing.)
    """
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], _YOUNG_GC), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if freeze:
            gc.unfreeze()


Cleaned = tuple[RunStats, list[tuple[dict[str, Any] | None, bytes]]]
_YOUNG_GC = 10_000  # new objects between two collections of the youngest generation during a run (Python: 700)


def clean_item(pipeline: Any, item: Incoming) -> Cleaned:
    """Clean one input record: its counts, and `(error or None, JSONL line)` per record out.

    The one per-record step of a run, whether in this process or in a --jobs worker (hence
    finished lines and counts: they cross between processes cheaply).
    """
    if item.data is not None:
        item = parse_line(item.source, item.line, item.data)
    counted = RunStats()
    counted.count_input(item.raw)
    if item.error is not None:
        records = [item.error]
    else:
        records = pipeline.clean_record(item.record, source=item.source, line=item.line, raw=item.raw)
    lines = []
    for record in records:
        try:
            line = dumps(record)
        except ValueError as exc:  # a passed-through field JSON cannot hold: the record's error
            record = error_record(record.get("id"), "unwritable", str(exc), item.source, item.line, item.raw)
            line = dumps(record)
        counted.count(record)
        lines.append((record["error"] if is_error(record) else None, line))
    return counted, lines


def _item_size(item: Incoming) -> int:
    return len(item.data) if item.data is not None else len(item.raw)
