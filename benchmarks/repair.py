"""Benchmark of the repair stages: inject known errors into gold articles, measure what comes back.

    python benchmarks/repair.py [--gold PATH] [--pages PATH] [--seed N] [--json] [--no-speed]

Needs the `bench` extra (`pip install -e '.[bench]'`: rapidfuzz, clean-text).

Method
------
1. Each gold article of the dev set (layout-normalised: one paragraph per line, blank line
   between; C1 control characters the gold kept, e.g. U+0092 for an apostrophe, decoded as
   cp1252 because no reader wants them) is either kept untouched (a fifth of them, at random)
   or corrupted with 1 to 3 error classes drawn at random from every injector module found.
2. `cleanwire --stages repair --quotes keep` and `--quotes ascii` (the CLI, JSONL through
   stdin) run over all of them, and so do the references: `ftfy.fix_text` with its defaults,
   `ftfy.fix_text(uncurl_quotes=False)` and clean-text's `clean(lower=False)`.
3. Output and gold are aligned character by character (rapidfuzz Levenshtein opcodes). An
   injected spot is *repaired* when no difference is left within `WINDOW` characters of it;
   every other difference is a *false edit* (counted per 1,000 gold characters, on the
   corrupted documents and on the untouched ones). In the `ascii` mode curly and straight
   quotation marks count as equal (that is the mode's request, not an error).
4. Guards: sentences a careless fixer damages are put into gold articles; a guard is *kept*
   when its spans come out unchanged.
5. Speed: the `unicode` and `quotes` stages over the dev pages, as a ratio to `ftfy.fix_text`
   over the same pages, in the same run.

Injector interface (one module per stage family, found by name, skipped while missing)
-------------------------------------------------------------------------------------
`benchmarks/inject_unicode.py`, `benchmarks/inject_quotes.py`, `benchmarks/inject_typos.py`
each export:

    CLASSES: dict[str, Callable[[str, random.Random], tuple[str, list[int]] | None]]
        given a clean gold text, return (corrupted_text, positions) where positions are the
        character offsets IN THE CORRUPTED TEXT of every injected error, or None when the
        class does not apply to that text. Use only the given Random, so runs repeat.
    GUARDS: dict[str, Callable[[str, random.Random], tuple[str, list[tuple[int, int]]] | None]]
        given a gold text, return (text, spans): a text (usually the gold with something put
        in) and [start, end) spans in it that a careless fixer damages and that must come out
        unchanged; or None when the guard does not apply.

Class and guard names must be unique across modules. Within a document, classes are applied
in module order (typos, quotes, unicode) and dict order inside a module, so put the encoding
damage (HTML escaping, mojibake) last, as the web does.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import os
import random
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import ftfy
from cleantext import clean as cleantext_clean
from rapidfuzz.distance import Levenshtein

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEVSET = Path(os.environ.get("CLEANWIRE_DEVSET", ROOT.parent / "shared" / "devset"))
INJECTOR_MODULES = ("inject_typos", "inject_quotes", "inject_unicode")
WINDOW = 3
REACH = 40  # how far from a reported spot its injected damage may lie
_QUOTE_FOLD = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})


def load_injectors() -> tuple[dict[str, Callable], dict[str, Callable], list[str]]:
    """CLASSES and GUARDS of every injector module that exists, in module order."""
    sys.path.insert(0, str(HERE))
    classes: dict[str, Callable] = {}
    guards: dict[str, Callable] = {}
    found = []
    for name in INJECTOR_MODULES:
        if not (HERE / f"{name}.py").exists():
            continue
        mod = importlib.import_module(name)
        found.append(name)
        for table, into in ((mod.CLASSES, classes), (getattr(mod, "GUARDS", {}), guards)):
            for key, fn in table.items():
                if key in into:
                    raise SystemExit(f"{name}: class or guard {key!r} defined twice")
                into[key] = fn
    return classes, guards, found


def layout(text: str) -> str:
    """The layout every output is compared in: stripped non-blank lines, a blank line between."""
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def gold_text(text: str) -> str:
    """The reference: layout-normalised, C1 controls (cp1252 bytes kept as code points) decoded."""
    fixed = "".join(bytes([ord(c)]).decode("cp1252", "ignore") or c if 0x80 <= ord(c) < 0xA0 else c for c in text)
    return layout(fixed)


def _map_positions(old: str, new: str, positions: list[int]) -> list[int]:
    """Where each position of `old` lands in `new` (start of the replacing region if edited)."""
    ops = Levenshtein.opcodes(old, new)
    out = []
    for p in positions:
        q = len(new)
        for tag, i1, i2, j1, _j2 in ops:
            if i1 <= p < i2 or (i1 == i2 == p):
                q = j1 + (p - i1 if tag == "equal" else 0)
                break
        out.append(q)
    return out


def corrupt(gold: str, classes: dict[str, Callable], rng: random.Random) -> tuple[str, list[tuple[str, int]]]:
    """Apply 1-3 random classes in their order; (text, [(class, position in text)])."""
    names = list(classes)
    wanted = set(rng.sample(names, min(len(names), rng.randint(1, 3))))
    text = gold
    spots: list[tuple[str, int]] = []
    for name in names:
        if name not in wanted:
            continue
        got = classes[name](text, rng)
        if got is None:
            continue
        new, positions = got
        moved = _map_positions(text, new, [p for _, p in spots])
        spots = [(c, q) for (c, _), q in zip(spots, moved, strict=True)] + [(name, p) for p in positions]
        text = new
    return text, spots


def diff_regions(out: str, gold: str) -> list[tuple[int, int]]:
    """Gold-coordinate [start, end) of every difference between output and gold."""
    return [(j1, j2) for tag, _i1, _i2, j1, j2 in Levenshtein.opcodes(out, gold) if tag != "equal"]


def score_doc(out: str, gold: str, corrupted: str, spots: list[tuple[str, int]], fold: bool,
              show: Callable[[str], None] | None = None):
    """(per-class [repaired, total], false edits) for one document.

    Every difference between the corrupted text and the gold is injected damage; each is
    credited to the nearest reported spot (within `REACH` characters), so that a spot
    reported at a word's start still covers a letter changed inside it. A spot is repaired
    when no output difference comes within `WINDOW` of its position or its damage; any other
    output difference is a false edit.
    """
    if fold:
        out, gold, corrupted = (t.translate(_QUOTE_FOLD) for t in (out, gold, corrupted))
    regions = diff_regions(out, gold)
    where = _map_positions(corrupted, gold, [p for _, p in spots]) if spots else []
    zones: list[list[tuple[int, int]]] = [[(g, g)] for g in where]
    damage = diff_regions(corrupted, gold) if spots else []
    for s, e in damage:
        dist = [max(0, s - g, g - e) for g in where]
        k = min(range(len(where)), key=dist.__getitem__)
        if dist[k] <= REACH:
            zones[k].append((s, e))
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (cls, _), zone in zip(spots, zones, strict=True):
        bad = any(s - WINDOW <= ze and zs <= e + WINDOW for s, e in regions for zs, ze in zone)
        per[cls][0] += not bad
        per[cls][1] += 1
        if bad and show:
            g = zone[0][0]
            show(f"MISS {cls}: gold {gold[g - 30:g + 30]!r}\n      out  {_near(out, gold, g)!r}")
    marks = [r for zone in zones for r in zone] + damage
    false = [(s, e) for s, e in regions if not any(s - WINDOW <= me and ms <= e + WINDOW for ms, me in marks)]
    for s, _e in false if show else ():
        show(f"FALSE: gold {gold[s - 30:s + 30]!r}\n       out  {_near(out, gold, s)!r}")
    return per, len(false)


def _near(out: str, gold: str, g: int) -> str:
    """The output around where gold position `g` landed."""
    [o] = _map_positions(gold, out, [g])
    return out[max(0, o - 30):o + 30]


def guard_kept(out: str, text: str, spans: list[tuple[int, int]], fold: bool) -> list[bool]:
    if fold:
        out, text = out.translate(_QUOTE_FOLD), text.translate(_QUOTE_FOLD)
    ops = [op for op in Levenshtein.opcodes(text, out) if op[0] != "equal"]
    return [not any(i1 < e and s < i2 or (i1 == i2 and s <= i1 <= e) for _t, i1, i2, _j1, _j2 in ops)
            for s, e in spans]


def run_cleanwire(texts: dict[str, str], quotes: str, stages: str = "repair") -> dict[str, str]:
    """The CLI over JSONL on stdin, as a user runs it."""
    payload = "".join(json.dumps({"id": k, "text": v}, ensure_ascii=False) + "\n" for k, v in texts.items())
    proc = subprocess.run([sys.executable, "-m", "cleanwire", "--stages", stages, "--quotes", quotes],
                          input=payload.encode(), capture_output=True, check=False)
    out = {}
    for line in proc.stdout.decode().splitlines():
        rec = json.loads(line)
        out[rec["id"]] = rec["text"] if "text" in rec else texts[rec["id"]]
    return out


def references() -> dict[str, Callable[[str], str]]:
    return {
        "ftfy.fix_text": ftfy.fix_text,
        "ftfy(uncurl_quotes=False)": lambda t: ftfy.fix_text(t, uncurl_quotes=False),
        "clean-text clean(lower=False)": lambda t: cleantext_clean(t, lower=False),
    }


def speed(pages_path: Path, repeat: int = 5) -> dict[str, float]:
    """Best seconds of `repeat` (the runs interleaved, so that a busy machine slows all alike)
    for the unicode and quotes stages, each and together, and ftfy.fix_text, over the dev pages."""
    from cleanwire.config import Config
    from cleanwire.document import Document
    from cleanwire.stages import STAGES

    pages = [json.loads(line)["text"] for line in pages_path.open(encoding="utf-8")]
    cfg = Config()

    def stages(*names: str) -> Callable[[], None]:
        def run() -> None:
            for i, t in enumerate(pages):
                doc = Document(str(i), t)
                for n in names:
                    STAGES[n](doc, cfg)
        return run

    def ftfy_all() -> None:
        for t in pages:
            ftfy.fix_text(t)

    runs = {"cleanwire unicode+quotes": stages("unicode", "quotes"), "ftfy.fix_text": ftfy_all,
            "unicode": stages("unicode"), "quotes": stages("quotes")}
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):
        for name, fn in runs.items():
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    best["chars"] = sum(map(len, pages))
    best["repeat"] = repeat
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=DEVSET / "gold.jsonl")
    ap.add_argument("--pages", type=Path, default=DEVSET / "page.jsonl")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=3, help="corrupted copies of each corrupted article")
    ap.add_argument("--guard-docs", type=int, default=12, help="gold articles each guard is put into")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON instead of tables")
    ap.add_argument("--no-speed", action="store_true", help="skip the throughput section")
    ap.add_argument("--show", metavar="CLASS", action="append", default=[],
                    help="print cleanwire's misses of CLASS (repeatable; 'false' for its false edits) to stderr")
    args = ap.parse_args(argv)

    classes, guards, modules = load_injectors()
    rng = random.Random(args.seed)
    golds = {}
    for line in args.gold.open(encoding="utf-8"):
        rec = json.loads(line)
        golds[rec["id"]] = gold_text(rec["text"])
    ids = sorted(golds)
    untouched = set(rng.sample(ids, len(ids) // 5))
    inputs: dict[str, str] = {}  # case key -> input text
    spots: dict[str, list[tuple[str, int]]] = {}
    gold_of: dict[str, str] = {}
    for i in ids:
        if i in untouched:
            inputs[i], spots[i], gold_of[i] = golds[i], [], i
            continue
        for r in range(args.rounds):
            key = f"{i}#{r}"
            inputs[key], spots[key] = corrupt(golds[i], classes, rng)
            gold_of[key] = i
    guard_inputs: dict[str, tuple[str, str, list[tuple[int, int]]]] = {}  # key -> (guard, text, spans)
    for gname, fn in guards.items():
        for i in rng.sample(ids, min(args.guard_docs, len(ids))):
            got = fn(golds[i], rng)
            if got is not None:
                guard_inputs[f"guard:{gname}:{i}"] = (gname, got[0], got[1])

    all_texts = {**inputs, **{k: v[1] for k, v in guard_inputs.items()}}
    tools: dict[str, dict[str, dict[str, str]]] = {"keep": {}, "ascii": {}}
    for mode in ("keep", "ascii"):
        tools[mode][f"cleanwire --stages repair --quotes {mode}"] = run_cleanwire(all_texts, mode)
        tools[mode][f"cleanwire --stages unicode --quotes {mode}"] = run_cleanwire(all_texts, mode, "unicode")
    for name, fn in references().items():
        outs = {k: fn(v) for k, v in all_texts.items()}
        for mode in tools:
            tools[mode][name] = outs

    results: dict = {"modules": modules, "seed": args.seed, "window": WINDOW, "rounds": args.rounds, "modes": {}}
    for mode, by_tool in tools.items():
        fold = mode == "ascii"
        rows = {}
        for tool, outs in by_tool.items():
            per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
            false_c = false_u = chars_c = chars_u = 0
            for key, i in gold_of.items():
                show = None
                if args.show and tool.startswith("cleanwire --stages repair"):
                    show = functools.partial(_show, f"[{mode}] {key}", args.show)
                p, f = score_doc(layout(outs[key]), golds[i], inputs[key], spots[key], fold, show)
                for cls, (a, b) in p.items():
                    per[cls][0] += a
                    per[cls][1] += b
                if i in untouched:
                    false_u += f
                    chars_u += len(golds[i])
                else:
                    false_c += f
                    chars_c += len(golds[i])
            gk: dict[str, list[int]] = defaultdict(lambda: [0, 0])
            for key, (gname, text, spans) in guard_inputs.items():
                kept = guard_kept(layout(outs[key]), layout(text), _relayout_spans(text, spans), fold)
                gk[gname][0] += sum(kept)
                gk[gname][1] += len(kept)
            rows[tool] = {
                "repaired": {c: per[c] for c in classes if c in per},
                "false_per_1k_corrupted": 1000 * false_c / max(chars_c, 1),
                "false_per_1k_untouched": 1000 * false_u / max(chars_u, 1),
                "guards": dict(gk),
            }
        results["modes"][mode] = rows
    if not args.no_speed:
        results["speed"] = speed(args.pages)

    if args.json:
        print(json.dumps(results, indent=1, ensure_ascii=False))
    else:
        print(report(results, classes, len(ids), len(untouched)))
    return 0


def _show(where: str, wanted: list[str], line: str) -> None:
    kind = line.split(":")[0].split(" ")[-1].lower()
    if kind in wanted:
        print(where, line, file=sys.stderr)


def _relayout_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Guard spans moved into the layout-normalised text (guards keep to one line)."""
    flat = _map_positions(text, layout(text), [p for s, e in spans for p in (s, e)])
    return list(zip(flat[0::2], flat[1::2], strict=True))


def report(res: dict, classes: dict, n_docs: int, n_untouched: int) -> str:
    lines = [f"injectors: {', '.join(res['modules'])}; {n_docs} gold docs, {n_untouched} untouched, the others "
             f"corrupted {res['rounds']} times; seed {res['seed']}; repaired = no difference within "
             f"{res['window']} chars; (n) = injected spots", ""]
    for mode, rows in res["modes"].items():
        cls = [c for c in classes if any(c in r["repaired"] for r in rows.values())]
        lines.append(f"## quotes mode: {mode}" + (" (curly vs straight not counted)" if mode == "ascii" else ""))
        head = ["tool", *cls, "false/1k corrupted", "false/1k untouched", "guards kept"]
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "---|" * len(head))
        for tool, r in rows.items():
            cells = [tool]
            for c in cls:
                a, b = r["repaired"].get(c, (0, 0))
                cells.append(f"{100 * a / b:.1f}% ({b})" if b else "-")
            cells.append(f"{r['false_per_1k_corrupted']:.3f}")
            cells.append(f"{r['false_per_1k_untouched']:.3f}")
            ga = sum(v[0] for v in r["guards"].values())
            gb = sum(v[1] for v in r["guards"].values())
            cells.append(f"{ga}/{gb}")
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        lines.append("guards kept, per guard: " + "; ".join(
            f"{'cleanwire ' + tool.split(' ')[2] if tool.startswith('cleanwire') else tool}: "
            + ", ".join(f"{g} {v[0]}/{v[1]}" for g, v in r["guards"].items())
            for tool, r in rows.items()))
        lines.append("")
    if "speed" in res:
        s = res["speed"]
        ours, ref = s["cleanwire unicode+quotes"], s["ftfy.fix_text"]
        lines.append(f"## speed on the dev pages ({s['chars']:,} chars, best of {s['repeat']})")
        lines.append(f"cleanwire unicode+quotes {ours:.3f}s ({s['chars'] / ours / 1e6:.2f} M chars/s; unicode alone "
                     f"{s['unicode']:.3f}s, quotes alone {s['quotes']:.3f}s); ftfy.fix_text {ref:.3f}s; "
                     f"ratio {ref / ours:.2f}x")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
