"""Batch alignment: align every edition pair the store still needs, on all local cores.

``align_all`` asks the store for pending pairs (never aligned, or aligned by another alinea
version), ships each pair's sentences to a worker that runs ``alinea.align.aligner.align``,
and saves every result in the main process (one writer; corrections made by hand are kept
by ``Store.save_alignment``). Any ``concurrent.futures.Executor`` can do the work: by default
a ``ProcessPoolExecutor`` with one process per core; ``workers=1`` runs in-process;
``dask_executor`` spreads the pairs over a Dask cluster (``distributed``, an optional
dependency: ``pip install 'alinea[dask]'``).

The result of a pair does not depend on which worker aligned it, so a parallel run stores
exactly what a serial run stores.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field

from alinea.align.types import Alignment
from alinea.corpus.store import EditionPair, Store
from alinea.errors import AlineaError


@dataclass(frozen=True)
class PairJob:
    """Everything a worker needs to align one pair (picklable, no database handle)."""

    pair: EditionPair
    src: tuple[str, ...]
    tgt: tuple[str, ...]
    #: structural anchors both editions share (alinea.align.blocks), or None
    src_blocks: tuple | None
    tgt_blocks: tuple | None


@dataclass
class BatchResult:
    """What ``align_all`` did: pairs aligned, and pairs that failed with the reason."""

    aligned: list[EditionPair] = field(default_factory=list)
    failed: list[tuple[EditionPair, str]] = field(default_factory=list)


@contextmanager
def dask_executor(address: str | None = None, n_workers: int = 2
                  ) -> Iterator[tuple[Executor, int]]:
    """A ``concurrent.futures`` executor on a Dask cluster, with its number of threads.

    ``address`` is a scheduler (``tcp://host:8786``); ``None`` starts a LocalCluster of
    ``n_workers`` single-threaded worker processes for the duration of the block.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise AlineaError("--dask needs the distributed package: "
                          "pip install 'alinea[dask]'") from err
    cluster = None
    if address is None:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
    try:
        with Client(cluster if cluster is not None else address) as client:
            threads = sum(client.nthreads().values()) or 1
            yield client.get_executor(pure=False), threads
    finally:
        if cluster is not None:
            cluster.close()


def current_signature(pair: EditionPair) -> str:
    """An alignment of ``pair`` is up to date when its signature starts with this: the
    same alinea version, method revision, bead shapes, scorers, model and weights."""
    from alinea.align.aligner import method_signature

    return method_signature(pair.src_lang, pair.tgt_lang)


def align_job(job: PairJob) -> Alignment:
    """Align one pair (runs in a worker)."""
    from alinea.align.aligner import align

    return align(list(job.src), list(job.tgt), job.pair.src_lang, job.pair.tgt_lang,
                 src_blocks=job.src_blocks, tgt_blocks=job.tgt_blocks)


def pair_job(store: Store, pair: EditionPair) -> PairJob:
    """The sentences of both editions of ``pair`` and the structural anchors they share."""
    from alinea.align.blocks import shared_blocks

    src, src_places = store.alignment_input(pair.src_id)
    tgt, tgt_places = store.alignment_input(pair.tgt_id)
    src_blocks, tgt_blocks = shared_blocks(src_places, tgt_places)
    return PairJob(pair, tuple(src), tuple(tgt),
                   None if src_blocks is None else tuple(src_blocks),
                   None if tgt_blocks is None else tuple(tgt_blocks))


def _jobs(store: Store, pairs: list[EditionPair]) -> Iterator[PairJob]:
    for pair in pairs:
        yield pair_job(store, pair)


def align_all(store: Store, *, workers: int | None = None, executor: Executor | None = None,
              on_start: Callable[[int], None] | None = None,
              on_done: Callable[[EditionPair, str | None], None] | None = None,
              realign: bool = False) -> BatchResult:
    """Align every pending edition pair; returns what was aligned and what failed.

    ``on_start(total)`` is called once with the number of pairs, ``on_done(pair, error)``
    after each pair (``error`` is ``None`` on success): a progress bar hooks in here.
    ``realign=True`` redoes every pair, not only pending ones.
    """
    if realign:
        pairs = store.edition_pairs()
    else:
        pairs = store.pending_pairs(signature=current_signature)
    if on_start is not None:
        on_start(len(pairs))
    result = BatchResult()

    def finish(pair: EditionPair, outcome: Alignment | BaseException) -> None:
        if isinstance(outcome, BaseException):
            if not isinstance(outcome, AlineaError):
                raise outcome
            result.failed.append((pair, str(outcome)))
            error: str | None = str(outcome)
        else:
            store.save_alignment(pair.src_id, pair.tgt_id, outcome)
            result.aligned.append(pair)
            error = None
        if on_done is not None:
            on_done(pair, error)

    workers = workers or os.cpu_count() or 1
    if executor is None and workers == 1:
        for job in _jobs(store, pairs):
            try:
                outcome: Alignment | BaseException = align_job(job)
            except AlineaError as err:
                outcome = err
            finish(job.pair, outcome)
        if result.aligned:
            store.optimize()
        return result

    own = executor is None
    pool = executor or ProcessPoolExecutor(max_workers=workers)
    try:
        # Keep a few jobs per worker in flight: enough to keep cores busy, without
        # holding every document of a large corpus in memory at once.
        window = 2 * workers
        running: dict[Future[Alignment], EditionPair] = {}
        jobs = _jobs(store, pairs)
        exhausted = False
        while running or not exhausted:
            while not exhausted and len(running) < window:
                job = next(jobs, None)
                if job is None:
                    exhausted = True
                    break
                running[pool.submit(align_job, job)] = job.pair
            if not running:
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: (running[f].src_id, running[f].tgt_id)):
                pair = running.pop(future)
                error = future.exception()
                finish(pair, error if error is not None else future.result())
    finally:
        if own:
            pool.shutdown(cancel_futures=True)
    if result.aligned:
        store.optimize()
    return result
