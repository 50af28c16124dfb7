"""Coverage-guided fuzzing of the record API and the JSONL reader with atheris.

    pip install atheris
    python benchmarks/fuzz.py [--seconds 300] [--corpus DIR]

Each input is split in two by its first byte: a JSONL line fed to the reader, and a text
cleaned by the full pipeline. Invariants checked on every input (a violation is a crash that
atheris saves as crash-<hash>): the reader yields at most one item for the line and never
raises; the pipeline never raises on any str; every record's audit replays to its text when
the document was not split; output records serialise to one JSON line. The starting corpus is
the seeds and the dev-set articles, so mutations stay close to real news text. Turn any crash
into a regression test in tests/test_hostile.py.

`--idempotence` also checks that cleaning each output text again changes nothing (the first
input where it does is saved as a crash; benchmarks/idempotence.py measures the rate).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from cleanwire import Pipeline, replay
    from cleanwire.io import _read_jsonl, dumps

ROOT = Path(__file__).resolve().parent.parent
PIPELINE = Pipeline()
IDEMPOTENCE = False  # set by --idempotence


def check_text(text: str) -> None:
    records = PIPELINE.clean_record({"id": "f", "text": text})
    for record in records:
        assert "error" not in record, record.get("error")
        dumps(record)
        if IDEMPOTENCE:
            again = PIPELINE.clean_record({"id": "f", "text": record["text"]})
            assert [r["text"] for r in again] == [record["text"]], "a second cleaning changed the text"
    if len(records) == 1:
        assert replay(text, records[0]["removed"], records[0]["edits"]) == records[0]["text"]


def test_one_input(data: bytes) -> None:
    line, _, rest = data.partition(b"\n")
    items = list(_read_jsonl("fuzz", iter([line + b"\n"])))
    assert len(items) <= 1
    for item in items:
        if item.error is None:
            for record in PIPELINE.clean_record(item.record, raw=item.raw):
                dumps(record)
    check_text(rest.decode("utf-8", errors="surrogateescape"))  # bad bytes become lone surrogates


def seed_corpus(into: Path) -> None:
    for k, path in enumerate(sorted((ROOT / "seeds").glob("*.txt"))):
        (into / f"seed{k}").write_bytes(b'{"id": "s", "text": "x"}\n' + path.read_bytes())
    articles = ROOT.parent / "shared" / "devset" / "article.jsonl"
    if articles.exists():
        for k, row in enumerate(articles.read_text(encoding="utf-8").splitlines()[:40]):
            text = json.loads(row)["text"]
            (into / f"dev{k}").write_bytes(row.encode() + b"\n" + text[:4000].encode())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=int, default=300)
    ap.add_argument("--corpus", help="corpus directory to use and grow (default: a fresh temporary one)")
    ap.add_argument("--idempotence", action="store_true", help="also fail when a second cleaning changes the text")
    args, rest = ap.parse_known_args()
    global IDEMPOTENCE
    IDEMPOTENCE = args.idempotence
    corpus = Path(args.corpus) if args.corpus else Path(tempfile.mkdtemp(prefix="cleanwire-fuzz-"))
    corpus.mkdir(parents=True, exist_ok=True)
    if not any(corpus.iterdir()):
        seed_corpus(corpus)
    print(f"fuzzing for {args.seconds} s, corpus {corpus}", file=sys.stderr)
    atheris.Setup([sys.argv[0], *rest, f"-max_total_time={args.seconds}", "-max_len=20000", "-timeout=20",
                   str(corpus)], test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
