"""Cleaning on every core: a process pool fed in chunks, results handed back in input order.

`--jobs N` must not change a byte of the output, so the pool is only a faster way of calling
the same per-record function: the reader groups records into chunks (a bounded number of
records and of bytes), each worker runs the pipeline over a whole chunk, and the results come
back in the order the chunks went out. At most `2 * jobs` chunks are in flight, so memory
stays bounded however long the input is, and output appears while input is still being read.

Workers ignore Ctrl-C: the interrupt reaches only the main process, which stops handing out
chunks, lets the workers finish the ones they hold and leaves behind only whole lines (see
`DeferredInterrupt`).

In each worker `init()` makes the state once (here `int()`, 0), then `fn(state, item)` runs
per item (here `max(0, item)`):

>>> list(imap_chunks(max, [3, -1, 2], jobs=2, init=int, chunk_records=2))
[(3, 3), (-1, 0), (2, 2)]
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")
R = TypeVar("R")

# A chunk is closed at this many records or bytes, whichever comes first: large enough that
# passing it between processes (about 1 ms) is small next to cleaning it (128 KB of news
# pages: about 0.3 s), small enough that 2 * jobs chunks in flight and their results take
# a few MB, and that a stop (Ctrl-C, fail-fast) waits for at most jobs + 1 of them.
CHUNK_RECORDS = 32
CHUNK_BYTES = 128 * 1024

_state: Any = None  # the worker's own state (the pipeline), made once by the initializer
_fn: Callable[[Any, Any], Any] | None = None


def resolve_jobs(jobs: int) -> int:
    """The number of worker processes `--jobs` asks for: 0 means every core this process may use.

    >>> resolve_jobs(3)
    3
    >>> resolve_jobs(0) >= 1
    True
    """
    if jobs < 0:
        raise ValueError("jobs must be 0 (all cores) or a positive number")
    if jobs > 0:
        return jobs
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # no sched_getaffinity (macOS, Windows)
        return os.cpu_count() or 1


def imap_chunks(fn: Callable[[Any, T], R], items: Iterable[T], *, jobs: int,
                init: Callable[..., Any], init_args: tuple = (), weight: Callable[[T], int] | None = None,
                chunk_records: int | None = None, chunk_bytes: int | None = None) -> Iterator[tuple[T, R]]:
    """`(item, fn(state, item))` for every item, in input order, computed by `jobs` processes.

    `state = init(*init_args)` is made once in each worker (so a pipeline is built once per
    process, not once per chunk); `fn` and `init` must be module-level functions. `weight`
    gives an item's size in bytes for closing chunks (default: only the record count counts);
    the chunk limits default to CHUNK_RECORDS and CHUNK_BYTES.
    Closing the iterator early (an error in the caller, fail-fast, Ctrl-C) drops the chunks not
    started yet and waits for the few that are (at most `jobs + 1`): killing a worker half-way
    through writing its result would leave the pool's pipes in a state that can hang the exit.
    """
    # imported here, not with the module: a run without --jobs starts 20 ms sooner
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork on Linux: workers start in milliseconds and inherit the loaded modules
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init, initargs=(fn, init, init_args))
    in_flight: deque[tuple[list[T], Future]] = deque()
    try:
        for chunk in _chunks(items, chunk_records or CHUNK_RECORDS, chunk_bytes or CHUNK_BYTES, weight):
            with _sigint_blocked():  # workers and the pool's threads start here: none of them sees Ctrl-C
                in_flight.append((chunk, pool.submit(_work, chunk)))
            if len(in_flight) >= 2 * jobs:
                yield from _oldest(in_flight)
        while in_flight:
            yield from _oldest(in_flight)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _chunks(items: Iterable[T], max_records: int, max_bytes: int,
            weight: Callable[[T], int] | None) -> Iterator[list[T]]:
    chunk: list[T] = []
    size = 0
    for item in items:
        chunk.append(item)
        if weight is not None:
            size += weight(item)
        if len(chunk) >= max_records or size >= max_bytes:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _oldest(in_flight: deque[tuple[list[T], Future]]) -> Iterator[tuple[T, Any]]:
    chunk, future = in_flight[0]
    results = future.result()
    in_flight.popleft()
    yield from zip(chunk, results, strict=True)


@contextmanager
def _sigint_blocked() -> Iterator[None]:
    """Hold back SIGINT in this thread; processes and threads started meanwhile inherit that.

    A worker forked while Ctrl-C is pressed would otherwise die of it before `_init` runs;
    the pool's own threads keep it blocked, so the kernel hands Ctrl-C to the main thread.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks, nothing to hold back
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _init(fn: Callable[[Any, Any], Any], init: Callable[..., Any], init_args: tuple) -> None:
    global _state, _fn
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _fn = fn
    _state = init(*init_args)


def _work(chunk: list[Any]) -> list[Any]:
    assert _fn is not None
    return [_fn(_state, item) for item in chunk]


class DeferredInterrupt:
    """Ctrl-C stops the run at once, except while a record's lines are being written.

    Inside `holding()` an interrupt is remembered and raised when the block ends, so that the
    output never ends in half a line. The interrupt then goes to the handler that was there
    before (Python's default raises KeyboardInterrupt). Outside the main thread (where signal
    handlers cannot be installed) it does nothing.
    """

    def __init__(self) -> None:
        self._holding = False
        self._pending = False
        self._previous: Any = None
        self._installed = False

    def __enter__(self) -> DeferredInterrupt:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._installed = True
        return self

    def __exit__(self, *exc: object) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)
            self._installed = False

    def _handle(self, signum: int, frame: object) -> None:
        if self._holding:
            self._pending = True
        else:
            self._interrupt(frame)

    def _interrupt(self, frame: object) -> None:
        if callable(self._previous):
            self._previous(signal.SIGINT, frame)
        elif self._previous != signal.SIG_IGN:
            raise KeyboardInterrupt

    @contextmanager
    def holding(self) -> Iterator[None]:
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
        if self._pending:
            self._pending = False
            self._interrupt(None)
