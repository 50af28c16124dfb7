"""The record contract of the `cleanwire` command, as a user sees it from the shell."""

import bz2
import gzip
import json
import lzma

import pytest
from conftest import SEEDS

from cleanwire import replay
from cleanwire.document import RECORD_KEYS


def records(proc):
    return [json.loads(line) for line in proc.stdout.decode().splitlines()]


def jsonl(*objs):
    return "".join(json.dumps(o) + "\n" for o in objs).encode()


def test_every_record_has_the_contract_keys_in_order_then_the_passed_through_fields(cli):
    out = records(cli([], jsonl({"id": "a", "text": "Body.", "url": "u", "lang": "en"}), check=0))
    assert list(out[0])[: len(RECORD_KEYS)] == list(RECORD_KEYS)
    assert list(out[0])[len(RECORD_KEYS):] == ["url", "lang"]
    assert out[0]["url"] == "u" and out[0]["lang"] == "en"


def test_the_seeds_clean_as_plain_text_files_one_record_each_named_by_stem(cli):
    out = records(cli(SEEDS, check=0))
    ids = [r["id"] for r in out if "parent_id" not in r]
    assert ids == [p.stem for p in SEEDS]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_the_audit_of_every_seed_replays_to_its_text(cli, seed):
    source = seed.read_text(encoding="utf-8")
    main = records(cli([seed], check=0))[0]
    assert replay(source, main["removed"], main["edits"]) == main["text"] or any(
        r["kind"] == "story" for r in main["removed"])


def test_text_is_trimmed_with_paragraphs_split_by_one_blank_line(cli):
    raw = "\n\n  First line.\r\nSecond line.\n\n\n\nThird.  \n"
    [out] = records(cli(["--input-format", "text"], raw.encode(), check=0))
    assert out["text"] == "First line.\n\nSecond line.\n\nThird."


def test_plain_text_on_stdin_is_one_document_called_stdin(cli):
    [out] = records(cli([], b"One.\n\nTwo.\n", check=0))
    assert out["id"] == "stdin" and out["text"] == "One.\n\nTwo."


def test_a_record_without_an_id_gets_source_and_line_number(cli, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n" + jsonl({"text": "A."}))
    [out] = records(cli([path], check=0))
    assert out["id"] == f"{path}:2"


def test_text_and_id_fields_can_be_renamed(cli):
    [out] = records(cli(["--text-field", "body", "--id-field", "url"], jsonl({"url": "u1", "body": "B."}), check=0))
    assert out["id"] == "u1" and out["text"] == "B." and "body" not in out


def test_blank_lines_bom_and_crlf_are_accepted_in_jsonl(cli):
    first = b"\xef\xbb\xbf" + json.dumps({"id": "a", "text": "A."}).encode() + b"\r\n\r\n\n"
    data = first + jsonl({"id": "b", "text": "B."})
    assert [r["id"] for r in records(cli([], data, check=0))] == ["a", "b"]


@pytest.mark.parametrize("suffix,opener", [(".gz", gzip.open), (".bz2", bz2.open), (".xz", lzma.open)])
def test_compressed_inputs_are_read_by_extension(cli, tmp_path, suffix, opener):
    path = tmp_path / f"in.jsonl{suffix}"
    with opener(path, "wb") as f:
        f.write(jsonl({"id": "z", "text": "Zipped."}))
    assert records(cli([path], check=0))[0]["text"] == "Zipped."


def test_zstandard_input_and_output_work_when_the_extra_is_installed(cli, tmp_path):
    zstd = pytest.importorskip("zstandard")
    src = tmp_path / "in.jsonl.zst"
    src.write_bytes(zstd.ZstdCompressor().compress(jsonl({"id": "z", "text": "Z."})))
    out = tmp_path / "out.jsonl.zst"
    cli([src, "-o", out], check=0)
    data = zstd.ZstdDecompressor().stream_reader(out.open("rb")).read()
    assert json.loads(data)["text"] == "Z."


def test_output_is_compressed_by_the_extension_of_dash_o(cli, tmp_path):
    out = tmp_path / "out.jsonl.gz"
    cli(["-o", out], jsonl({"id": "a", "text": "A."}), check=0)
    assert json.loads(gzip.decompress(out.read_bytes()))["id"] == "a"


def test_a_plain_text_file_named_like_a_compressed_one_keeps_its_stem(cli, tmp_path):
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(b"Words here."))
    assert records(cli([path], check=0))[0]["id"] == "story"


BAD_LINES = [
    (b"{not json", "invalid_json"),
    (b"[1, 2]", "not_an_object"),
    (b'{"id": "n"}', "missing_text"),
    (b'{"id": "n", "text": 42}', "text_not_string"),
    (b'{"id": "n", "text": null}', "text_not_string"),
    (b'{"id": "n", "text": "caf\xe9"}', "invalid_utf8"),
]


@pytest.mark.parametrize("line,kind", BAD_LINES, ids=[k for _, k in BAD_LINES])
def test_a_bad_line_becomes_an_error_record_in_place_and_the_run_goes_on(cli, line, kind):
    good = jsonl({"id": "before", "text": "A."}), jsonl({"id": "after", "text": "B."})
    proc = cli([], good[0] + line + b"\n" + good[1], check=1)
    out = records(proc)
    assert [r["id"] for r in out][::2] == ["before", "after"]
    err = out[1]
    assert list(err) == ["id", "error", "input"]
    assert err["error"]["type"] == kind and err["error"]["line"] == 2 and err["error"]["source"] == "stdin"
    assert err["input"].encode(errors="backslashreplace").startswith(line[:5].replace(b"\xe9", b"\\xe9"))


def test_error_records_go_to_their_own_file_with_errors(cli, tmp_path):
    errors = tmp_path / "bad.jsonl"
    proc = cli(["--errors", errors], b"{oops\n" + jsonl({"id": "a", "text": "A."}), check=1)
    assert [r["id"] for r in records(proc)] == ["a"]
    assert json.loads(errors.read_text())["error"]["type"] == "invalid_json"


def test_fail_fast_stops_at_the_first_error_record(cli):
    proc = cli(["--fail-fast"], b"{oops\n" + jsonl({"id": "a", "text": "A."}), check=1)
    assert [r["error"]["type"] for r in records(proc)] == ["invalid_json"]


def test_a_too_long_text_is_an_error_record_naming_the_limit(cli):
    proc = cli(["--max-chars", "5"], jsonl({"id": "a", "text": "123456"}), check=1)
    [err] = records(proc)
    assert err["error"]["type"] == "too_long" and "--max-chars 5" in err["error"]["message"]


@pytest.mark.parametrize("args", [["--no-such-flag"], ["missing.jsonl"], ["--stages", "nope"], ["--quotes", "fancy"]])
def test_usage_errors_exit_2_with_one_line_and_no_traceback(cli, args):
    proc = cli(args, check=2)
    assert b"Traceback" not in proc.stderr and proc.stdout == b""


def test_an_unreadable_file_is_named_in_the_message(cli):
    proc = cli(["nope.txt"], check=2)
    assert proc.stderr.decode().strip() == "cleanwire: cannot read nope.txt: no such file"


def test_a_closed_pipe_ends_the_run_quietly(tmp_path):
    import subprocess
    import sys

    big = tmp_path / "big.jsonl"
    big.write_bytes(jsonl(*({"id": str(k), "text": "Some text. " * 50} for k in range(3000))))
    command = f"{sys.executable} -m cleanwire {big} | head -1"
    proc = subprocess.run(command, shell=True, capture_output=True, timeout=120)
    assert proc.stdout.count(b"\n") == 1 and b"Traceback" not in proc.stderr and b"Error" not in proc.stderr


def test_the_same_input_gives_the_same_bytes(cli):
    data = b"".join(p.read_bytes() for p in SEEDS[:1])
    assert cli([], data, check=0).stdout == cli([], data, check=0).stdout


def test_list_stages_names_every_stage_and_group(cli):
    out = cli(["--list-stages"], check=0).stdout.decode()
    for name in ("metadata", "boilerplate", "split", "unicode", "quotes", "typos", "layout", "extract", "repair"):
        assert name in out


def test_stages_and_skip_choose_what_runs(cli):
    raw = jsonl({"id": "a", "text": "x"})
    assert cli(["--stages", "extract", "--skip", "split"], raw, check=0).returncode == 0
    assert cli(["--stages", ""], raw, check=0).stdout == cli(["--skip", "extract,repair"], raw, check=0).stdout


def test_json_values_orjson_refuses_still_round_trip(cli):
    proc = cli([], b'{"id": "a", "text": "x", "big": 123456789012345678901234567890, "s": "\\ud800"}\n', check=0)
    [out] = records(proc)
    assert out["big"] == 123456789012345678901234567890 and out["s"] == "\ud800"
