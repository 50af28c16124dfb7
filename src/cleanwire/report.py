"""What a run did, for people: the end-of-run summary on stderr and `cleanwire report`'s HTML page.

The HTML report is made from the output records alone (no input needed): `explain.pieces`
cuts each record's text back into its input's kept, removed and edited pieces, which are
shown in context. It is one self-contained page (inline CSS, SVG and a few lines of script,
no network resource), and every string from the records goes through `html.escape`, so a
hostile input cannot inject markup. Each count shown carries a `data-count` attribute, which
the browser test compares with the records.

>>> from cleanwire.io import RunStats
>>> stats = RunStats(inputs=2, outputs=3, split=1, bytes_in=2_000_000, seconds=0.5)
>>> stats.removed.update({"caption": 2})
>>> print(summary(stats))
cleanwire: 2 documents in, 3 out (1 story split off), 0 error records; 2.00 MB in 0.5 s, 4.00 MB/s
  removed  2: caption 2
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable
from typing import Any

from cleanwire import __version__
from cleanwire.explain import EDIT, KEEP, METADATA_KEYS, REMOVE, STORY, families, pieces, simplify, story_spans
from cleanwire.io import RunStats
from cleanwire.pipeline import is_error


def summary(stats: RunStats, top: int = 8) -> str:
    """The run summary: counts, speed, and the most frequent kinds of each audit list."""
    mbps = f", {stats.bytes_in / 1e6 / stats.seconds:.2f} MB/s" if stats.seconds > 0 else ""
    stories = "story" if stats.split == 1 else "stories"
    lines = [f"cleanwire: {stats.inputs} documents in, {stats.outputs} out ({stats.split} {stories} split off), "
             f"{stats.errors} error records; {stats.bytes_in / 1e6:.2f} MB in {stats.seconds:.1f} s{mbps}"]
    for name, counter in (("errors", stats.errors_by_type), ("removed", stats.removed), ("edits", stats.edits),
                          ("flags", stats.flags)):
        if counter:
            shown = ", ".join(f"{k} {n}" for k, n in counter.most_common(top))
            more = f", {len(counter) - top} more kinds" if len(counter) > top else ""
            lines.append(f"  {name:<7}  {sum(counter.values())}: {shown}{more}")
    return "\n".join(lines)


# -- the HTML page -------------------------------------------------------------------------------

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header,main{max-width:1100px;margin:auto;padding:0 16px}
h1{font-size:22px;margin:16px 0 4px}
.totals span{display:inline-block;margin-right:18px}
.charts{display:flex;flex-wrap:wrap;gap:16px}
.chart{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 12px;flex:1 1 320px}
.chart h2{font-size:15px;margin:0 0 4px}
.chart svg text{font-size:12px;fill:#222}
.filter{position:sticky;top:0;background:#fafafa;padding:8px 0;border-bottom:1px solid #ddd;z-index:1}
article{background:#fff;border:1px solid #ddd;border-radius:6px;margin:12px 0;padding:8px 14px}
article h3{font-size:15px;margin:4px 0}
.meta{color:#555;font-size:13px}
.doc{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:13px;max-height:32em;overflow:auto}
del{background:#fde2e2;color:#8a1c1c}
ins{background:#dcf5dc;color:#12611b;text-decoration:none}
sup{font:11px system-ui,sans-serif;color:#6b3fa0;margin:0 2px}
details{display:inline}
details[open]{display:block}
summary{cursor:pointer;color:#8a1c1c}
.story{background:#e8eefc;color:#27408b;font-style:italic}
.focus{outline:2px solid #e0a800}
.hidden{display:none}
.flags li,.errors li{font-size:13px}
"""

# Filter by kind: show the documents that have it and outline its pieces. Reads the DOM only;
# the choice is kept in the address (#kind=nav), so that a filtered view can be linked to.
_JS = """
const pick=document.getElementById('kind');
function show(k){let shown=0;
for(const a of document.querySelectorAll('article.doc-card')){
 const has=!k||a.dataset.kinds.split(' ').includes(k);a.classList.toggle('hidden',!has);if(has)shown++;}
for(const e of document.querySelectorAll('[data-kind]'))e.classList.toggle('focus',!!k&&e.dataset.kind===k);
document.getElementById('shown').textContent=shown;}
pick.addEventListener('change',()=>{show(pick.value);
 history.replaceState(null,'',pick.value?'#kind='+encodeURIComponent(pick.value):'#');});
if(location.hash.startsWith('#kind=')){pick.value=decodeURIComponent(location.hash.slice(6));show(pick.value);}
"""


# A removal of this many lines or more is folded into a <details> element showing its first line.
FOLD_LINES = 4


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _chart(title: str, key: str, counter: Counter) -> str:
    """A horizontal bar chart as inline SVG, one bar per kind, most frequent first."""
    items = counter.most_common()
    total = sum(counter.values())
    head = f'<h2>{_e(title)}: <span data-count="{key}" data-value="{total}">{total}</span></h2>'
    if not items:
        return f'<div class="chart">{head}<p>none</p></div>'
    top = items[0][1]
    row, bar_w = 20, 220
    label_w = 10 + 7 * max(len(str(kind)) for kind, _ in items)  # about 7 px a character at 12 px
    bars = []
    for i, (kind, n) in enumerate(items):
        y = i * row
        w = max(1, round(bar_w * n / top))
        bars.append(f'<g data-count="{key}:{_e(kind)}" data-value="{n}"><text x="0" y="{y + 14}">{_e(kind)}</text>'
                    f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="14" fill="#7b61c4"/>'
                    f'<text x="{label_w + w + 4}" y="{y + 14}">{n}</text></g>')
    svg = (f'<svg role="img" aria-label="{_e(title)} by kind" width="{label_w + bar_w + 60}" '
           f'height="{row * len(items)}">{"".join(bars)}</svg>')
    return f'<div class="chart">{head}{svg}</div>'


def _doc_html(record: dict[str, Any], stories: dict[Any, list[tuple[int, int, str]]]) -> str:
    kinds = sorted({e["kind"] for key in ("removed", "edits", "flags") for e in record.get(key) or ()})
    meta = []
    for key in METADATA_KEYS:
        value = record.get(key)
        if value not in (None, [], {}):
            meta.append(f"<b>{key}</b>: {_e(value if isinstance(value, (str, int)) else _plain(value))}")
    if "parent_id" in record:
        meta.append(f"<b>split off</b>: {_e(record['parent_id'])}")
    counts = ", ".join(f'<span data-n="{k}">{len(record.get(k) or [])}</span> {k}'
                       for k in ("removed", "edits", "flags"))
    try:
        body = "".join(_piece_html(p) for p in simplify(pieces(record, stories)))
    except ValueError as exc:
        body = f"<em>(cannot place the audit: {_e(exc)})</em>\n{_e(record.get('text') or '')}"
    flags = "".join(f'<li data-kind="{_e(f["kind"])}"><b>{_e(f.get("stage"))}.{_e(f["kind"])}</b>: '
                    f'{_e(f.get("note"))}: <q>{_e(f.get("text"))}</q></li>' for f in record.get("flags") or ())
    return (f'<article class="doc-card" data-kinds="{_e(" ".join(kinds))}"><h3>{_e(record.get("id"))}</h3>'
            f'<div class="meta">{" · ".join(meta)}<br>{counts}</div>'
            f'<div class="doc">{body}</div>' + (f'<ul class="flags">{flags}</ul>' if flags else "") + "</article>")


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return str(value)


def _piece_html(p: Any) -> str:
    """One piece: kept text as is, a removal struck out, an edit as before/after; labelled."""
    if p.op == KEEP:
        return _e(p.text)
    label = f"<sup>{_e(p.label)}</sup>"
    if p.op == REMOVE and p.kind == STORY:
        return f'<span class="story" data-kind="{STORY}">[{len(p.text)} characters split off as a story]</span>{label}'
    if p.op == REMOVE and p.text.count("\n") >= FOLD_LINES:  # a long run (a menu): folded, one click away
        first, rest = p.text.split("\n", 1)
        return (f'<details data-kind="{_e(p.kind)}"><summary><del>{_e(first)}</del>{label} '
                f'(+{rest.count(chr(10)) + 1} lines)</summary><del>{_e(rest)}</del></details>')
    if p.op == REMOVE:
        return f'<del data-kind="{_e(p.kind)}">{_e(p.text)}</del>{label}'
    assert p.op == EDIT
    return f'<span class="ed" data-kind="{_e(p.kind)}"><del>{_e(p.text)}</del><ins>{_e(p.after)}</ins></span>{label}'


def html_report(records: Iterable[dict[str, Any]], *, title: str = "cleanwire report", limit: int = 1000) -> str:
    """The whole page for these output records; the first `limit` documents are shown in full,
    the counts and charts cover them all."""
    stats = RunStats()
    docs: list[str] = []
    errors: list[str] = []
    for family in families(records):
        stories = story_spans(family)
        for rec in family:
            stats.count(rec)
            if is_error(rec):
                err = rec.get("error") or {}
                errors.append(f'<li data-kind="{_e(err.get("type"))}"><b>{_e(rec.get("id"))}</b>: '
                              f'{_e(err.get("type"))}: {_e(err.get("message"))}</li>')
            elif len(docs) < limit:
                docs.append(_doc_html(rec, stories))
    kinds = sorted(set(stats.removed) | set(stats.edits) | set(stats.flags))
    options = "".join(f'<option value="{_e(k)}">{_e(k)}</option>' for k in kinds)
    totals = (f'<span><b data-count="documents" data-value="{stats.outputs}">{stats.outputs}</b> documents</span>'
              f'<span><b data-count="split" data-value="{stats.split}">{stats.split}</b> split off a bundle</span>'
              f'<span><b data-count="errors" data-value="{stats.errors}">{stats.errors}</b> error records</span>'
              f'<span>showing <b id="shown">{len(docs)}</b> documents</span>')
    charts = "".join(_chart(t, k, c) for t, k, c in (
        ("Removed", "removed", stats.removed), ("Edits", "edits", stats.edits), ("Flags", "flags", stats.flags),
        ("Error records", "errors_by_type", stats.errors_by_type)))
    more = "" if stats.outputs <= limit else f"<p>The first {limit} of {stats.outputs} documents are shown.</p>"
    error_list = f'<h2>Error records</h2><ul class="errors">{"".join(errors)}</ul>' if errors else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{_e(title)}</title><style>{_CSS}</style></head>
<body><header><h1>{_e(title)}</h1><p class="totals">{totals}</p>
<p class="meta">Removed text is <del>struck out in red</del>, edits show
<del>before</del><ins>after</ins>; each change is labelled <sup>stage.kind</sup>; runs of removals
of one kind are shown as one, and changes of whitespace only as their result.
Made by cleanwire {_e(__version__)} from the output records alone.</p>
<div class="charts">{charts}</div></header>
<main><div class="filter"><label>Kind: <select id="kind"><option value="">all kinds</option>{options}</select></label>
</div>{more}{"".join(docs)}{error_list}</main>
<script>{_JS}</script></body></html>
"""


def add_arguments(p: Any) -> None:
    p.add_argument("input", metavar="FILE",
                   help="cleanwire output JSONL, maybe compressed; '-' reads stdin (e.g. cleanwire report out.jsonl)")
    p.add_argument("-o", "--output", default="-", metavar="FILE",
                   help="write the HTML page here instead of stdout (e.g. -o report.html)")
    p.add_argument("--title", default="cleanwire report", metavar="TEXT",
                   help="the page's title (e.g. --title 'dev pages, 2024-05-01')")
    p.add_argument("--limit", type=int, default=1000, metavar="N",
                   help="show at most N documents in full; counts and charts cover all (e.g. --limit 200)")
