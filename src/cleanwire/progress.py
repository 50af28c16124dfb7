"""The progress bar on stderr while a run goes: documents, MB read, documents per second.

The CLI shows it when stderr is a terminal (or with `--progress`); `io.run` calls it once per
input record with the run's `RunStats`, so the bar reads the counts the run keeps anyway and
the per-record cost is one attribute store and tqdm's own rate-limited `update`.
"""

from __future__ import annotations

import sys
from typing import IO, Any

from tqdm import tqdm

from cleanwire.io import RunStats


class _Bar(tqdm):
    """tqdm with the megabytes read as `{mb}` in its format (tqdm counts one unit only)."""

    nbytes = 0

    @property
    def format_dict(self) -> dict[str, Any]:
        d = super().format_dict
        d["mb"] = self.nbytes / 1e6
        return d


class Progress:
    """`Progress()(stats)` after each input record; `close()` at the end.

    >>> import io
    >>> stats, out = RunStats(inputs=3, bytes_in=2_500_000), io.StringIO()
    >>> bar = Progress(out, mininterval=0)
    >>> bar(stats); bar.close()
    >>> "3 docs, 2.5 MB" in out.getvalue()
    True
    """

    def __init__(self, stream: IO[str] | None = None, mininterval: float = 0.2) -> None:
        self.bar = _Bar(file=stream or sys.stderr, unit=" docs", mininterval=mininterval, dynamic_ncols=True,
                        bar_format="cleanwire: {n_fmt} docs, {mb:.1f} MB, {rate_fmt} [{elapsed}]")

    def __call__(self, stats: RunStats) -> None:
        self.bar.nbytes = stats.bytes_in
        self.bar.update(stats.inputs - self.bar.n)

    def close(self) -> None:
        self.bar.close()
