"""Stage timing for long runs, shown as a progress bar on a terminal and silent elsewhere.

``kbgen generate`` on tens of thousands of cards takes long enough that a silent
terminal looks hung; in CI, in pipes and in tests a bar is noise, so it only appears
when stderr is an interactive terminal and ``CI`` is not set.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar, cast

log = logging.getLogger("kbgen")
T = TypeVar("T")
_END = object()


def interactive() -> bool:
    from rich.console import Console
    return Console(stderr=True).is_terminal and not os.environ.get("CI")


class Stages:
    """Times named stages in order; ``show`` draws a rich progress bar while they run.

    >>> s = Stages(["read", "emit"], show=False)
    >>> with s.step("read"): pass
    >>> list(s.times)
    ['read']
    """

    def __init__(self, names: Sequence[str], *, show: bool | None = None) -> None:
        self.names = list(names)
        self.times: dict[str, float] = {}
        self._bar = None
        if show if show is not None else interactive():
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
            self._bar = Progress(TextColumn("{task.description:<8}"), BarColumn(),
                                 TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
                                 transient=True)
            self._task = self._bar.add_task("", total=len(self.names))
            self._bar.start()

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        if self._bar is not None:
            self._bar.update(self._task, description=name)
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.times[name] = time.perf_counter() - t0
            log.debug("%s: %.2fs", name, self.times[name])
            if self._bar is not None:
                self._bar.advance(self._task)

    def timed(self, name: str, items: Iterable[T]) -> Iterator[T]:
        """``items``, with the time spent making them recorded as stage ``name`` at the end."""
        spent, it = 0.0, iter(items)
        while True:
            t0 = time.perf_counter()
            item = next(it, _END)
            spent += time.perf_counter() - t0
            if item is _END:
                break
            yield cast(T, item)
        self.record(name, spent)

    def record(self, name: str, seconds: float) -> None:
        """A stage timed by its caller (render and emit interleave, so neither is one block)."""
        self.times[name] = seconds
        log.debug("%s: %.2fs", name, seconds)
        if self._bar is not None:
            self._bar.advance(self._task)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
