"""sigfeat on Dask: feature extraction partition by partition, and the few fits that need a
pass over all data, on whatever Dask cluster the caller runs (``pip install 'sigfeat[dask]'``).

Nothing here starts or configures a cluster: the functions build Dask collections, which run
on the default scheduler or on the ``distributed.Client`` in use (a ``LocalCluster``, or a
cluster made with Dask's own deployment tools: dask-jobqueue, dask-kubernetes, Coiled, ...).

- :func:`transform`: a fitted transformer (any scikit-learn-style object with ``transform``:
  sigfeat's ``MiniRocket``, ``PCA``, ``StandardScaler``, or scikit-learn's) applied to each
  partition of a ``dask.array`` (rows), a ``dask.dataframe`` or a ``dask.bag`` of arrays. The
  fitted estimator is one object in the task graph, sent to each worker once, not once per task.
- :func:`map_files`: a function of one file path (load and extract: MFCC of a recording, dense
  features of an image) over a ``dask.bag`` of paths; a file that fails is reported by its path.
- :func:`fit`: ``StandardScaler``, ``PCA`` (covariance solver) and ``KMeans`` fitted from
  per-partition statistics combined on the client, equal to the single-machine fit on all the
  rows (to rounding): means and variances merged exactly (Chan et al.), the covariance summed
  from per-partition Gram matrices, and Lloyd's iteration with per-partition centre sums.
"""

from __future__ import annotations

import numpy as np

try:
    import dask
    import dask.array as da
    import dask.bag as db
except ImportError as e:  # pragma: no cover - depends on the environment
    raise ImportError("sigfeat.dask needs Dask: pip install 'sigfeat[dask]'") from e

from sklearn.utils.validation import check_is_fitted

from . import _native
from .cluster import KMeans
from .decomposition import PCA
from .preprocessing import StandardScaler

__all__ = ["fit", "map_files", "transform"]


# ---------------------------------------------------------------- transform


def _out_dtype(estimator, dtype):
    """The dtype ``estimator.transform`` gives for input of ``dtype``."""
    try:
        kept = estimator.__sklearn_tags__().transformer_tags.preserves_dtype
    except AttributeError:
        kept = ["float64"]
    return np.dtype(dtype) if np.dtype(dtype).name in kept else np.dtype(np.float64)


def _n_out(estimator, n_out):
    if n_out is not None:
        return int(n_out)
    try:
        return len(estimator.get_feature_names_out())
    except (AttributeError, TypeError, ValueError) as e:
        raise ValueError(
            f"{type(estimator).__name__} does not say how many features it gives "
            "(get_feature_names_out); pass n_out="
        ) from e


def _apply(block, estimator):
    return estimator.transform(block)


def _apply_frame(part, estimator, columns):
    import pandas as pd

    return pd.DataFrame(estimator.transform(part.to_numpy()), index=part.index, columns=columns)


def _apply_bag(items, estimator):
    items = list(items)
    if not items:
        return []
    return list(estimator.transform(np.stack([np.asarray(x) for x in items])))


def transform(estimator, data, *, n_out=None):
    """``estimator.transform`` of every partition of ``data``, as a collection of the same kind.

    - ``dask.array`` (2-D, samples in rows): a ``dask.array`` with the same row chunks (column
      chunks are merged first: each task needs whole rows);
    - ``dask.dataframe``: a ``dask.dataframe`` with the estimator's feature names as columns;
    - ``dask.bag`` of equal-shape 1-D arrays: a bag of 1-D feature arrays, one per element.

    ``estimator`` must be fitted; it enters the graph once. ``n_out`` (the number of output
    features) is read from ``get_feature_names_out`` when not given.
    """
    check_is_fitted(estimator)
    est = dask.delayed(estimator, pure=True)
    if isinstance(data, da.Array):
        if data.ndim != 2:
            raise ValueError(f"a dask.array of samples must be 2-D, got {data.ndim} dimensions")
        if data.numblocks[1] != 1:
            data = data.rechunk({1: -1})
        k = _n_out(estimator, n_out)
        dtype = _out_dtype(estimator, data.dtype)
        return data.map_blocks(
            _apply, est, dtype=dtype, chunks=(data.chunks[0], (k,)), meta=np.empty((0, k), dtype)
        )
    if isinstance(data, db.Bag):
        return data.map_partitions(_apply_bag, est)
    try:
        import dask.dataframe as dd
    except ImportError:  # pragma: no cover - dask without its dataframe extra
        dd = None
    if dd is not None and isinstance(data, dd.DataFrame):
        import pandas as pd

        k = _n_out(estimator, n_out)
        try:
            columns = [str(c) for c in estimator.get_feature_names_out()]
        except (AttributeError, TypeError, ValueError):
            columns = [f"x{i}" for i in range(k)]
        dtype = _out_dtype(estimator, np.result_type(*data.dtypes))
        meta = pd.DataFrame({c: np.empty(0, dtype) for c in columns})
        return data.map_partitions(_apply_frame, est, columns, meta=meta)
    raise TypeError(
        f"data must be a dask.array, dask.dataframe or dask.bag, got {type(data).__name__}"
    )


# ---------------------------------------------------------------- files


class FileError(ValueError):
    """A file of a ``map_files`` run failed; the message starts with its path."""


def _on_file(path, func):
    try:
        return path, func(path)
    except Exception as e:  # noqa: BLE001 - re-raised with the path
        raise FileError(f"{path}: {type(e).__name__}: {e}") from e


def map_files(func, paths):
    """``(path, func(path))`` for every path of a ``dask.bag`` (or a list, made into a bag of
    one partition per CPU of the client's scheduler). An exception is raised again as
    :class:`FileError` whose message starts with the failing path."""
    if not isinstance(paths, db.Bag):
        paths = db.from_sequence(list(paths))
    return paths.map(_on_file, func)


# ---------------------------------------------------------------- fit


def _blocks(data):
    """The row blocks of a 2-D dask.array (or a numpy array, as one block) as delayed values."""
    if isinstance(data, np.ndarray):
        data = da.from_array(data, chunks=(max(1, data.shape[0]), data.shape[1]))
    if not isinstance(data, da.Array) or data.ndim != 2:
        raise TypeError("fit takes a 2-D dask.array (samples in rows)")
    if data.numblocks[1] != 1:
        data = data.rechunk({1: -1})
    return data, list(data.to_delayed().ravel())


def _float_rows(block):
    """A block as a C-ordered, aligned float32/float64 array (other dtypes as float64)."""
    b = np.asarray(block)
    if b.dtype not in (np.float32, np.float64):
        b = b.astype(np.float64)
    return np.require(b, requirements=["C", "A"])


def _scaler_stats(block):
    mean, var, _, n = _native.standard_scaler_fit(_float_rows(block), True, True)
    return n, mean, var


def _merge_moments(parts):
    """Exact merge of per-partition (count, mean, population variance) (Chan et al.)."""
    n, mean, m2 = 0, None, None
    for nb, mb, vb in parts:
        if nb == 0:
            continue
        if mean is None:
            n, mean, m2 = nb, mb.astype(np.float64), vb * nb
            continue
        tot = n + nb
        delta = mb - mean
        mean = mean + delta * (nb / tot)
        m2 = m2 + vb * nb + delta**2 * (n * nb / tot)
        n = tot
    return n, mean, m2 / n


def _gram_stats(block):
    x = np.asarray(block, dtype=np.float64)
    return x.shape[0], x.sum(axis=0), x.T @ x


def _fit_pca(est, data):
    if est.svd_solver not in ("auto", "covariance_eigh"):
        raise ValueError("sigfeat.dask.fit fits PCA by its covariance: svd_solver must be 'auto' or 'covariance_eigh'")
    if est.n_components is not None and not isinstance(est.n_components, (int, np.integer)):
        raise ValueError("sigfeat.dask.fit takes PCA(n_components=None or an int)")
    data, blocks = _blocks(data)
    stats = dask.compute(*[dask.delayed(_gram_stats)(b) for b in blocks])
    n = sum(s[0] for s in stats)
    if n < 2:
        raise ValueError(f"PCA needs at least 2 samples, got n_samples = {n}")
    total = sum(s[1] for s in stats)
    gram = sum(s[2] for s in stats)
    mean = total / n
    # scikit-learn's covariance_eigh: (X^T X - n mean mean^T) / (n - 1), eigh, largest first
    cov = (gram - n * np.outer(mean, mean)) / (n - 1)
    evals, evecs = np.linalg.eigh(cov)
    evals = np.clip(evals[::-1], 0.0, None)
    comps = evecs[:, ::-1].T
    # svd_flip(u_based_decision=False): the largest |entry| of each component positive
    signs = np.sign(comps[np.arange(len(comps)), np.argmax(np.abs(comps), axis=1)])
    comps *= signs[:, None]
    p = data.shape[1]
    k = min(n, p) if est.n_components is None else int(est.n_components)
    if not 1 <= k <= min(n, p):
        raise ValueError(f"n_components={k} must be between 1 and min(n_samples, n_features)={min(n, p)}")
    total_var = evals.sum()
    est.components_ = comps[:k]
    est.explained_variance_ = evals[:k]
    est.explained_variance_ratio_ = evals[:k] / total_var
    est.singular_values_ = np.sqrt(evals[:k] * (n - 1))
    est.mean_ = mean
    est.noise_variance_ = float(evals[k : min(n, p)].mean()) if k < min(n, p) else 0.0
    est.n_components_ = k
    est.n_samples_ = n
    est.n_features_in_ = p
    return est


def _assign_sums(block, centers):
    x = np.asarray(block, dtype=np.float64)
    d = (x * x).sum(axis=1)[:, None] - 2.0 * x @ centers.T + (centers * centers).sum(axis=1)[None, :]
    labels = np.argmin(d, axis=1)
    k = centers.shape[0]
    sums = np.zeros_like(centers)
    np.add.at(sums, labels, x)
    counts = np.bincount(labels, minlength=k)
    inertia = float(np.maximum(d[np.arange(len(x)), labels], 0.0).sum())
    return sums, counts, inertia


def _fit_kmeans(est, data):
    if isinstance(est.init, str):
        raise ValueError(
            "sigfeat.dask.fit runs Lloyd's iteration from given centres: pass KMeans(init=array); "
            "for k-means++ centres, fit a KMeans on a sample first and use its cluster_centers_"
        )
    data, blocks = _blocks(data)
    centers = np.array(est.init, dtype=np.float64)
    if centers.shape != (est.n_clusters, data.shape[1]):
        raise ValueError(f"init has shape {centers.shape}, expected {(est.n_clusters, data.shape[1])}")
    # scikit-learn's tolerance: tol times the mean of the features' variances
    n, _, var = _merge_moments(dask.compute(*[dask.delayed(_scaler_stats)(b) for b in blocks]))
    tol = float(np.mean(var)) * est.tol
    blocks_p = dask.persist(*blocks)
    n_iter = 0
    for n_iter in range(1, est.max_iter + 1):
        c = dask.delayed(centers, pure=True)
        parts = dask.compute(*[dask.delayed(_assign_sums)(b, c) for b in blocks_p])
        sums = sum(p[0] for p in parts)
        counts = sum(p[1] for p in parts)
        new = centers.copy()
        nz = counts > 0
        new[nz] = sums[nz] / counts[nz, None]
        shift = float(((new - centers) ** 2).sum())
        centers = new
        if shift <= tol:
            break
    c = dask.delayed(centers, pure=True)
    parts = dask.compute(*[dask.delayed(_assign_sums)(b, c) for b in blocks_p])
    est.cluster_centers_ = centers.astype(data.dtype if data.dtype in (np.float32, np.float64) else np.float64)
    est.inertia_ = float(sum(p[2] for p in parts))
    est.n_iter_ = n_iter
    est.n_features_in_ = data.shape[1]
    return est


def fit(estimator, data):
    """Fit ``StandardScaler``, ``PCA`` or ``KMeans`` on a 2-D ``dask.array`` (samples in rows)
    from per-partition statistics; returns the fitted estimator (its attributes as the
    single-machine fit on all the rows, to rounding).

    - ``StandardScaler``: per-partition counts, means and variances (Rust), merged exactly;
    - ``PCA`` (``svd_solver='auto'`` or ``'covariance_eigh'``, ``n_components`` None or an
      int): per-partition sums and Gram matrices, one eigendecomposition on the client;
    - ``KMeans`` (``init`` an array of centres): Lloyd's iteration, each step one pass of
      per-partition centre sums and counts; ``labels_`` are not kept (use ``predict`` through
      :func:`transform`-style mapping or ``data.map_blocks(est.predict)``).
    """
    if isinstance(estimator, StandardScaler):
        data, blocks = _blocks(data)
        stats = dask.compute(*[dask.delayed(_scaler_stats)(b) for b in blocks])
        n, mean, var = _merge_moments(stats)
        if n == 0:
            raise ValueError("StandardScaler needs at least 1 sample, got n_samples = 0")
        estimator._set_stats(mean, var, n)
        estimator.n_features_in_ = data.shape[1]
        return estimator
    if isinstance(estimator, PCA):
        return _fit_pca(estimator, data)
    if isinstance(estimator, KMeans):
        return _fit_kmeans(estimator, data)
    raise TypeError(
        f"sigfeat.dask.fit fits StandardScaler, PCA and KMeans, got {type(estimator).__name__}; "
        "fit other estimators on one machine (or a sample) and apply them with transform()"
    )
