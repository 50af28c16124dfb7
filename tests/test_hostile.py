"""Hostile input and failing outputs: every line gets a record, nothing crashes, output stays valid."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from cleanwire import clean


def jsonl(*objs):
    return "".join(json.dumps(o) + "\n" for o in objs).encode()


def lines(proc):
    return [json.loads(line) for line in proc.stdout.decode().splitlines()]


HOSTILE_LINES = [
    ("truncated", b'{"id": "t", "text": "cut off', "invalid_json"),
    ("deeply nested", b'{"id": "d", "text": "x", "n": ' + b"[" * 5000 + b"]" * 5000 + b"}", "invalid_json"),
    ("text is a list", b'{"id": "l", "text": ["a"]}', "text_not_string"),
    ("a bare string", b'"just a string"', "not_an_object"),
    ("invalid utf-8", b'{"id": "u", "text": "\xff\xfe"}', "invalid_utf8"),
]


@pytest.mark.parametrize("name,line,kind", HOSTILE_LINES, ids=[h[0] for h in HOSTILE_LINES])
def test_a_hostile_line_becomes_one_error_record_between_good_ones(cli, name, line, kind):
    proc = cli([], jsonl({"id": "a", "text": "A."}) + line + b"\n" + jsonl({"id": "b", "text": "B."}), check=1)
    out = lines(proc)
    assert [r.get("id") for r in out][::2] == ["a", "b"] and len(out) == 3
    assert out[1]["error"]["type"] == kind


def test_duplicate_keys_keep_the_last_value_as_json_parsers_do(cli):
    [out] = lines(cli([], b'{"id": "a", "text": "first", "text": "second"}\n', check=0))
    assert out["text"] == "second"


HOSTILE_TEXTS = {
    "empty": "",
    "whitespace only": " \n\t\n \u00a0 ",
    "only punctuation": ".,;:!?" * 200,
    "only quote marks": "\"'\u201c\u201d\u2018\u2019" * 300,
    "runs of periods": "." * 5000,
    "runs of hyphens": "-" * 5000 + "\n" + "a-\nb-\n" * 200,
    "repeated words": "the " * 3000,
    "right to left": "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd. "
                     "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645.",
    "cjk": "\u4e2d\u6587\u65b0\u95fb\u3002\u6771\u4eac\u90fd\u3002" * 50,
    "emoji": "\U0001f600\U0001f44d\U0001f3fd " * 100,
    "combining marks": "e\u0301\u0302\u0303" * 300,
    "lone surrogates": "a\ud800b\udfffc",
    "nul and controls": "a\x00b\x01c\x1bd\x7f",
    "one huge line": "word " * 100_000,
    "many short lines": "x\n" * 20_000,
}


@pytest.mark.parametrize("name", list(HOSTILE_TEXTS))
def test_no_stage_raises_on_hostile_text(name):
    records = clean(HOSTILE_TEXTS[name])
    assert records and all(isinstance(r["text"], str) for r in records)


def test_a_full_disk_is_a_clear_message_and_a_non_zero_exit(cli):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    proc = cli(["-o", "/dev/full"], jsonl({"id": "a", "text": "A."}), check=2)
    assert proc.stderr.decode().strip() == "cleanwire: cannot write output: No space left on device"


def test_an_interrupted_run_leaves_valid_jsonl(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(jsonl(*({"id": str(k), "text": "Some words here. " * 200} for k in range(20000))))
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "cleanwire", str(src), "-o", str(out)], stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline and (not out.exists() or out.stat().st_size < 100_000):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and b"Traceback" not in err
    written = out.read_bytes()
    assert written.endswith(b"\n")
    assert all(json.loads(line)["id"] for line in written.splitlines())


def test_a_record_too_deep_to_write_becomes_an_error_record(cli):
    deep = b'{"id": "a", "text": "x", "deep": ' + b"[" * 1010 + b"1.5" + b"]" * 1010 + b"}\n"
    proc = cli([], deep + jsonl({"id": "b", "text": "B."}), check=1)
    out = lines(proc)
    assert [r["id"] for r in out] == ["a", "b"] and out[0]["error"]["type"] in ("unwritable", "invalid_json")
