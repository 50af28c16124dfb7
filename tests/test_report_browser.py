"""The report in a real headless browser: the counts it shows are the records', its filter works.

Needs Debian's chromium package (`.ci/run` installs it when missing); skipped where absent.
Screenshots go to test-artifacts/ (not committed).
"""

import json
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser

import pytest
from conftest import ROOT, SEEDS, run_cli

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH: the browser test needs Debian's chromium package "
                             "(apt-get install chromium), which .ci/run installs")
ARTIFACTS = ROOT / "test-artifacts"

# A bundle of two stories and a record whose every string is markup: the page must show it as text.
EXTRA = [
    {"id": "hostile", "text": "<b>bold?</b>\n\nShare on Facebook\n\nA <script>alert(1)</script> story & more.\n"},
    {"id": "broken", "text": 42},
]


def chromium(args, tmp_path):
    """Run headless chromium; returns its stdout (a --dump-dom page) as text."""
    proc = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    return proc.stdout.decode()


class _Dom(HTMLParser):
    """The numbers a reader sees: the text inside each data-count element; articles shown."""

    def __init__(self):
        super().__init__()
        self.counts: dict[str, tuple[int, str]] = {}
        self.articles: list[tuple[str, bool]] = []  # (data-kinds, hidden)
        self.shown = ""
        self._open: list[list] = []  # [tag, key or None, text parts]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.articles.append((a.get("data-kinds", ""), "hidden" in (a.get("class") or "").split()))
        key = a.get("data-count") or ("#shown" if a.get("id") == "shown" else None)
        self._open.append([tag, key, [], a.get("data-value")])

    def handle_endtag(self, tag):
        while self._open:
            t, key, parts, value = self._open.pop()
            if key == "#shown":
                self.shown = "".join(parts)
            elif key is not None:
                self.counts[key] = (int(value), "".join(parts))
            if self._open:
                self._open[-1][2].extend(parts)
            if t == tag:
                break

    def handle_data(self, data):
        if self._open:
            self._open[-1][2].append(data)


def dom(page_text):
    d = _Dom()
    d.feed(page_text)
    return d


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    raw, out, page = tmp / "raw.jsonl", tmp / "clean.jsonl", tmp / "report.html"
    lines = [json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}) for p in SEEDS]
    raw.write_text("\n".join(lines + [json.dumps(r) for r in EXTRA]) + "\n", encoding="utf-8")
    run_cli([raw, "-q", "-o", out], check=1)  # the broken record makes an error record: exit 1
    run_cli(["report", out, "-o", page], check=0)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return tmp, page, records


@pytest.fixture(scope="module")
def dumped(made):
    """The page's DOM after its script ran, as the browser has it."""
    tmp, page, _ = made
    return chromium(["--dump-dom", page.as_uri()], tmp)


def test_the_counts_the_browser_shows_are_the_records_counts(made, dumped):
    _, _, records = made
    shown = dom(dumped)
    docs = [r for r in records if "text" in r]
    expected = {"documents": len(docs), "errors": len(records) - len(docs),
                "split": sum("parent_id" in r for r in docs)}
    for key in ("removed", "edits", "flags"):
        kinds = Counter(e["kind"] for r in docs for e in r[key])
        expected[key] = sum(kinds.values())
        expected.update({f"{key}:{k}": n for k, n in kinds.items()})
    expected.update({f"errors_by_type:{r['error']['type']}": 1 for r in records if "text" not in r})
    expected["errors_by_type"] = expected["errors"]
    assert {k: v for k, (v, _) in shown.counts.items()} == expected
    for key, (value, text) in shown.counts.items():  # the number a reader sees, not only an attribute
        assert text.strip().endswith(str(value)), (key, text)
    assert shown.shown == str(len(docs)) and len(shown.articles) == len(docs)


def test_the_hostile_record_is_shown_as_text_not_run(dumped):
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dumped
    assert dumped.count("<script>") == 1


def test_the_kind_filter_shows_only_the_documents_with_that_kind(made):
    tmp, page, records = made
    kinds = Counter(e["kind"] for r in records if "text" in r for e in r["removed"])
    kind = next(k for k, _ in kinds.most_common() if k != "whitespace")
    having = sum(any(e["kind"] == kind for e in r["removed"] + r["edits"] + r["flags"])
                 for r in records if "text" in r)
    shown = dom(chromium(["--dump-dom", f"{page.as_uri()}#kind={kind}"], tmp))
    assert sum(not hidden for _, hidden in shown.articles) == having == int(shown.shown)
    assert all(kind in kinds_.split() for kinds_, hidden in shown.articles if not hidden)


def test_a_screenshot_of_the_report_is_saved(made):
    tmp, page, _ = made
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    shot.unlink(missing_ok=True)
    chromium([f"--screenshot={shot}", "--window-size=1280,1600", page.as_uri()], tmp)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
