"""Threads of one process that align the same edition pair take turns.

Two requests aligning one new pair at once (``POST /alignments/{a}/{b}`` twice, the API
running each in a thread) both found it unaligned and both aligned it. ``PairLocks.hold``
makes the second wait for the first, which then finds the pair aligned and does nothing;
other pairs go on meanwhile. Across processes the store keeps one alignment per pair
(``Store.save_alignment(..., new=True)``), but cannot make the second process wait.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager

__all__ = ["PairLocks", "pair_key"]


def pair_key(database: str, a: int, b: int) -> tuple[str, int, int]:
    """The key of documents ``a`` and ``b`` of the store at ``database``, either order."""
    low, high = sorted((a, b))
    return database, low, high


class PairLocks:
    """One lock per key, made when a thread first asks for it and dropped when no thread
    holds or waits for it (a long-running server aligns many pairs)."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._locks: dict[Hashable, tuple[threading.Lock, int]] = {}

    @contextmanager
    def hold(self, key: Hashable) -> Iterator[None]:
        """Hold the lock of ``key`` for the block, waiting while another thread holds it."""
        with self._mutex:
            lock, users = self._locks.get(key, (threading.Lock(), 0))
            self._locks[key] = (lock, users + 1)
        try:
            with lock:
                yield
        finally:
            with self._mutex:
                lock, users = self._locks[key]
                if users == 1:
                    del self._locks[key]
                else:
                    self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        """How many keys are held or waited for."""
        with self._mutex:
            return len(self._locks)
