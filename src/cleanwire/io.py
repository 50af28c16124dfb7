"""Reading inputs (JSONL or plain text, maybe compressed) and writing JSONL records.

Reading never raises for bad data: a line that is not valid JSON or not UTF-8 comes out as an
`Incoming` carrying an error record, in input order, so that the output has one record (or
one error record) for every input record. Files that cannot be opened are the only errors
raised (`InputError`), and the CLI turns them into a usage error before it starts.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson

from cleanwire.pipeline import error_record

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


def read_inputs(path: str, input_format: str = "auto") -> Iterator[Incoming]:
    """Every record of one input, in order. JSONL lines, or the whole input as one text."""
    stream = open_binary(path)
    try:
        lines = _lines(stream)
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
            yield from _read_jsonl(path, _chain(head, lines))
        else:
            yield _read_text(path, b"".join(_chain(head, lines)))
    except OSError as exc:  # a corrupt compressed stream, a read error half-way
        yield Incoming(source_name(path), 0, "", error=error_record(
            f"{source_name(path)}:0", "read_error", f"cannot read {path}: {exc}", source_name(path), 0, ""))
    finally:
        if path != "-":
            stream.close()


def _lines(stream: IO[bytes]) -> Iterator[bytes]:
    yield from stream


def _chain(head: list[bytes], rest: Iterator[bytes]) -> Iterator[bytes]:
    yield from head
    yield from rest


def _read_jsonl(path: str, lines: Iterator[bytes]) -> Iterator[Incoming]:
    source = source_name(path)
    for n, raw in enumerate(lines, 1):
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        body = raw.rstrip(b"\r\n")
        if not body.strip():
            continue
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            shown = body.decode("utf-8", errors="backslashreplace")
            yield Incoming(source, n, shown, error=error_record(
                f"{source}:{n}", "invalid_utf8", f"line is not valid UTF-8: {exc.reason} at byte {exc.start}",
                source, n, shown))
            continue
        try:
            record = loads(text)
        except ValueError as exc:
            yield Incoming(source, n, text, error=error_record(
                f"{source}:{n}", "invalid_json", f"line is not valid JSON: {exc}", source, n, text))
            continue
        yield Incoming(source, n, text, record=record)


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
    orjson reads as floats; a run of 19+ digits anywhere in the line is the cheap test)."""
    if _LONG_DIGITS_RE.search(text):
        return json.loads(text)
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def dumps(record: dict[str, Any]) -> bytes:
    """One JSONL line. orjson where it can; the standard library (ASCII-escaped) for values
    orjson cannot write (huge integers, lone surrogates), still one valid JSON line."""
    try:
        return orjson.dumps(record) + b"\n"
    except TypeError:
        return json.dumps(record, ensure_ascii=True, separators=(",", ":")).encode() + b"\n"


@dataclass
class RunStats:
    """What a run did: counted as records go by, reported by the CLI."""

    inputs: int = 0
    outputs: int = 0
    errors: int = 0


class StopRun(Exception):
    """Raised by `run` under fail_fast after the first error record has been written."""


def run(paths: list[str], pipeline: Any, write: Any, write_error: Any | None = None) -> RunStats:
    """Read every input, clean each record with `pipeline`, and `write` each output line.

    Error records go to `write_error` when given (the CLI's --errors FILE), else inline.
    Raises StopRun after the first error when the pipeline's config says fail_fast.
    """
    stats = RunStats()
    fmt = pipeline.config.input_format
    for path in paths:
        for item in read_inputs(path, fmt):
            stats.inputs += 1
            if item.error is not None:
                records = [item.error]
            else:
                records = pipeline.clean_record(item.record, source=item.source, line=item.line, raw=item.raw)
            for record in records:
                if "error" in record and "text" not in record:
                    stats.errors += 1
                    (write_error or write)(dumps(record))
                    if pipeline.config.fail_fast:
                        raise StopRun(record["error"]["message"])
                else:
                    stats.outputs += 1
                    write(dumps(record))
    return stats
