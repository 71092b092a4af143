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

``align_pair`` is the same work for one pair named by its two documents (the API's
``POST /alignments/{a}/{b}``): the pair is aligned when ``align --all`` would align it
(``pairs_to_align``), with the same job, aligner and save.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Literal

from alinea.align.types import Alignment
from alinea.corpus.aligned_pairs import NotEditionsError
from alinea.corpus.pair_locks import PairLocks, pair_key
from alinea.corpus.store import EditionPair, Store
from alinea.corpus.store_alignments import AlreadyAlignedError
from alinea.errors import AlineaError, InputError


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


def pairs_to_align(store: Store, *, realign: bool = False, group_id: int | None = None
                   ) -> list[EditionPair]:
    """The pairs ``align --all`` aligns: those with no alignment or one made by another
    alinea version or method (``current_signature``); with ``realign``, every pair. With
    ``group_id``, those of that edition group only."""
    if realign:
        return store.edition_pairs(group_id=group_id)
    return store.pending_pairs(signature=current_signature, group_id=group_id)


@dataclass(frozen=True)
class PairResult:
    """What ``align_pair`` did. ``status``: ``new`` (the pair had no alignment),
    ``realigned`` (its alignment was made by another alinea version or method, or redone
    on request; links set by hand are kept) or ``unchanged`` (current already: nothing was
    done)."""

    pair: EditionPair
    status: Literal["new", "realigned", "unchanged"]
    alignment_id: int


def edition_pair(store: Store, a: int, b: int) -> EditionPair:
    """The edition pair of documents ``a`` and ``b`` (either order) as ``align --all``
    sees it: oriented from the original, or the way its alignment is stored.

    ``NotFoundError`` for an unknown id, ``NotEditionsError`` when the two are not
    editions of one text in two languages, ``InputError`` when they are one document or
    either is an earlier version (only current versions are aligned).
    """
    first, second = store.document(a), store.document(b)
    if a == b:
        raise InputError(f"document {a} cannot be aligned with itself: give two different "
                         "editions")
    if (first.lang == second.lang or first.edition_group_id is None
            or first.edition_group_id != second.edition_group_id):
        raise NotEditionsError(first, second)
    for doc in (first, second):
        if not doc.is_current:
            raise InputError(f"document {doc.id} is an earlier version of its edition: only "
                             "current versions are aligned, give the current one")
    for pair in store.edition_pairs(group_id=first.edition_group_id):
        if {pair.src_id, pair.tgt_id} == {a, b}:
            return pair
    raise NotEditionsError(first, second)  # not reached: two current editions make a pair


#: The in-process turns of ``align_pair``, one lock per pair of documents and database.
_PAIR_LOCKS = PairLocks()


def align_pair(store: Store, a: int, b: int, *, realign: bool = False) -> PairResult:
    """Align the edition pair of documents ``a`` and ``b`` and store it, as ``align --all``
    (``--realign``) would: when it has no alignment, or one made by another alinea version
    or method, or always with ``realign``. Links set by hand are kept
    (``Store.save_alignment``). Runs in the calling thread.

    Calls for one pair at once take turns: the second waits for the first and answers
    ``unchanged`` (calls in other processes: the store keeps the first alignment saved
    and the second answers ``unchanged`` without storing its own). Other pairs are not
    held up.

    Errors as ``edition_pair``; the aligner's own (``AlignError``, ``LanguageError``,
    ``ModelError``) with nothing stored.
    """
    # Calls for one pair take turns (threads of this process: the API's requests), so a
    # second finds the first's alignment current instead of aligning the pair again.
    with _turn(store, a, b):
        pair = edition_pair(store, a, b)
        group_id = store.document(pair.src_id).edition_group_id
        if pair.alignment_id is not None and pair not in pairs_to_align(
                store, realign=realign, group_id=group_id):
            return PairResult(pair, "unchanged", pair.alignment_id)
        alignment_id = _save(store, pair, align_job(pair_job(store, pair)))
        if alignment_id is None:
            # Another process aligned it meanwhile: its alignment stands, and the pair is
            # read again the way that one is stored.
            stored = edition_pair(store, a, b)
            return PairResult(stored, "unchanged", stored.alignment_id)
        return PairResult(pair, "new" if pair.alignment_id is None else "realigned",
                          alignment_id)


def _turn(store: Store, a: int, b: int) -> AbstractContextManager[None]:
    """Hold the in-process turn of documents ``a`` and ``b`` of ``store``'s database."""
    return _PAIR_LOCKS.hold(pair_key(str(store.engine.url), a, b))


def _jobs(store: Store, pairs: list[EditionPair]) -> Iterator[PairJob]:
    for pair in pairs:
        yield pair_job(store, pair)


def align_jobs(store: Store, jobs: Iterable[PairJob],
               on_done: Callable[[EditionPair, str | None], None] | None = None
               ) -> BatchResult:
    """Align and store each job's pair in turn, in the calling thread: ``align_all`` with
    one worker, and an upload's new pairs (``POST /documents``). A pair the aligner
    refuses (an ``AlineaError``) is in ``failed`` with the reason, nothing stored for it:
    it stays pending. A pair read without an alignment that has one by its turn (a request
    of this process aligned it, ``align_pair``, or another process saved one first) is in
    neither list: its alignment stands. ``on_done`` as for ``align_all``."""
    result = BatchResult()
    for job in jobs:
        pair = job.pair
        # Turns with align_pair (POST /alignments) and other uploads of this process: a
        # pair one of them aligned since the job was made is left as they stored it.
        with _turn(store, pair.src_id, pair.tgt_id):
            error, stored = None, False
            if pair.alignment_id is not None or not _aligned_since(store, pair):
                try:
                    alignment = align_job(job)
                except AlineaError as err:
                    error = str(err)
                    result.failed.append((pair, error))
                else:
                    stored = _save(store, pair, alignment) is not None
        if stored:
            result.aligned.append(pair)
        if on_done is not None:
            on_done(pair, error)
    return result


def _aligned_since(store: Store, pair: EditionPair) -> bool:
    """Whether ``pair``, read without an alignment, has one now (either way round)."""
    group_id = store.document(pair.src_id).edition_group_id
    return any({p.src_id, p.tgt_id} == {pair.src_id, pair.tgt_id} and p.alignment_id is not None
               for p in store.edition_pairs(group_id=group_id))


def _save(store: Store, pair: EditionPair, alignment: Alignment) -> int | None:
    """Store ``alignment`` of ``pair``, its alignment id; None when the pair, read without
    an alignment, was aligned meanwhile by another process (its alignment stands, this
    one is dropped)."""
    try:
        return store.save_alignment(pair.src_id, pair.tgt_id, alignment,
                                    new=pair.alignment_id is None)
    except AlreadyAlignedError:
        return None


def align_all(store: Store, *, workers: int | None = None, executor: Executor | None = None,
              on_start: Callable[[int], None] | None = None,
              on_done: Callable[[EditionPair, str | None], None] | None = None,
              realign: bool = False) -> BatchResult:
    """Align every pending edition pair; returns what was aligned and what failed.

    ``on_start(total)`` is called once with the number of pairs, ``on_done(pair, error)``
    after each pair (``error`` is ``None`` on success): a progress bar hooks in here.
    ``realign=True`` redoes every pair, not only pending ones.
    """
    pairs = pairs_to_align(store, realign=realign)
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
            if _save(store, pair, outcome) is not None:
                result.aligned.append(pair)
            error = None
        if on_done is not None:
            on_done(pair, error)

    workers = workers or os.cpu_count() or 1
    if executor is None and workers == 1:
        result = align_jobs(store, _jobs(store, pairs), on_done)
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
