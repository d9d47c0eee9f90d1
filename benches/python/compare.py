#!/usr/bin/env python3
"""Times numpy/scipy on the very inputs `cargo xtask bench` wrote, for its comparison table.

Usage (xtask runs this; by hand only to debug):
    python benches/python/compare.py CASES.json OUT.json --threads N

CASES.json is a list of {"id", "op", "params", "inputs": [npy paths]} written by xtask from its
table of criterion ids. Each case is timed like criterion: one warm-up call, then >= 5 samples of a
loop sized to take >= 20 ms, and the median time of one call is reported in seconds.

Threads: xtask sets OMP/OPENBLAS/MKL thread counts in the environment before Python starts; the
scipy.fft functions get workers=N here, the same count rayon uses on the Rust side; the Keras cases
(keras_cnn.py) limit JAX's CPU client to N CPUs by CPU affinity when the machine has more, which
then holds for the rest of the run.
"""
import argparse
import json
import statistics
import sys
import time

import os

import numpy as np
import scipy
import scipy.fft
import scipy.ndimage
import scipy.signal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # learn_loo.py, keras_cnn.py



def pinned():
    """`name -> version` of the `==` pins in requirements.txt beside this script (one list)."""
    pins = {}
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "requirements.txt")) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if "==" in line:
                name, version = line.split("==", 1)
                pins[name.split("[", 1)[0].strip().lower()] = version.strip()
    return pins


def installed_versions():
    """`PyPI name -> installed version` of every pinned package that is installed, and Python's
    (read from the package metadata: nothing is imported)."""
    from importlib import metadata
    versions = {"python": sys.version.split()[0]}
    for name in pinned():
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:  # a `--python` without it: not reported
            pass
    return versions


def cast(x, params):
    return x.astype(np.float32) if params.get("dtype") == "f32" else x


def ndimage_call(ndimage, name, p, a):
    """`ndimage.<name>` (scipy.ndimage or sigfeat.ndimage: the same signatures) on the case's
    arrays and parameters, or None for another name."""
    nd_mode = p.get("boundary", "reflect")
    axis = p.get("axis", -1)
    if name == "gaussian_filter":
        return lambda: ndimage.gaussian_filter(
            a[0], p["sigma"], order=p.get("order", 0), mode=nd_mode, truncate=p.get("truncate", 4.0)
        )
    if name == "gaussian_filter1d":
        return lambda: ndimage.gaussian_filter1d(
            a[0], p["sigma"], axis=axis, order=p.get("order", 0), mode=nd_mode,
            truncate=p.get("truncate", 4.0),
        )
    if name == "sobel":
        return lambda: ndimage.sobel(a[0], axis=axis, mode=nd_mode)
    if name == "correlate1d":
        w = cast(gaussian_weights(p["gaussian_sigma"]), p) if "gaussian_sigma" in p else a[1]
        return lambda: ndimage.correlate1d(a[0], w, axis=axis, mode=nd_mode)
    if name == "convolve1d":
        return lambda: ndimage.convolve1d(a[0], a[1], axis=axis, mode=nd_mode)
    return None


def build(op, params, arrays, workers):
    """A zero-argument callable running `op` on `arrays` with `params`."""
    p = params
    a = [cast(x, p) for x in arrays]
    mode = p.get("mode")
    if op == "numpy.convolve":
        return lambda: np.convolve(a[0], a[1], mode=mode)
    if op == "numpy.correlate":
        return lambda: np.correlate(a[0], a[1], mode=mode)
    if op == "scipy.signal.fftconvolve":
        return lambda: scipy.signal.fftconvolve(a[0], a[1], mode=mode)
    if op == "scipy.signal.oaconvolve":
        return lambda: scipy.signal.oaconvolve(a[0], a[1], mode=mode)
    if op == "scipy.signal.convolve":
        return lambda: scipy.signal.convolve(a[0], a[1], mode=mode, method=p.get("method", "auto"))
    if op == "scipy.fft.rfft":
        return lambda: scipy.fft.rfft(a[0], workers=workers)
    if op == "scipy.fft.irfft":
        spec = scipy.fft.rfft(a[0])
        n = a[0].shape[-1]
        return lambda: scipy.fft.irfft(spec, n=n, workers=workers)
    if op == "scipy.fft.fft":
        return lambda: scipy.fft.fft(a[0], workers=workers)
    if op == "scipy.fft.rfft2":
        return lambda: scipy.fft.rfft2(a[0], workers=workers)
    if op == "scipy.fft.irfft2":
        spec = scipy.fft.rfft2(a[0])
        s = a[0].shape
        return lambda: scipy.fft.irfft2(spec, s=s, workers=workers)
    if op == "power_spectrum":
        # |rfft(x)|^2, the one-sided periodogram without scaling.
        return lambda: np.abs(scipy.fft.rfft(a[0], workers=workers)) ** 2
    if op == "scipy.signal.stft":
        return lambda: scipy.signal.stft(a[0], nperseg=p["nperseg"], noverlap=p.get("noverlap"))
    if op == "scipy.signal.spectrogram":
        return lambda: scipy.signal.spectrogram(a[0], nperseg=p["nperseg"], noverlap=p.get("noverlap"))
    nd_mode = p.get("boundary", "reflect")
    if op in ("scipy.ndimage.correlate1d", "scipy.ndimage.convolve1d"):
        return ndimage_call(scipy.ndimage, op.rsplit(".", 1)[1], p, a)
    if op == "scipy.ndimage.correlate":
        return lambda: scipy.ndimage.correlate(a[0], a[1], mode=nd_mode)
    if op == "scipy.ndimage.convolve":
        return lambda: scipy.ndimage.convolve(a[0], a[1], mode=nd_mode)
    if op in ("scipy.ndimage.gaussian_filter", "scipy.ndimage.gaussian_filter1d",
              "scipy.ndimage.sobel"):
        return ndimage_call(scipy.ndimage, op.rsplit(".", 1)[1], p, a)
    if op == "numpy.gabor_bank_loop":
        bank = tutorial_gabor_bank(p["sample_rate"])
        return lambda: gabor_bank_loop(a[0], bank)
    if op == "aeon.minirocket_transform":
        from aeon.transformations.collection.convolution_based import MiniRocket

        train = a[0].astype(np.float32)[:, None, :]
        test = a[1].astype(np.float32)[:, None, :]
        model = MiniRocket(random_state=p["random_state"]).fit(train)
        return lambda: model.transform(test)
    if op == "librosa.feature.melspectrogram":
        import librosa

        return lambda: librosa.feature.melspectrogram(y=a[0], sr=p["sr"])
    if op == "librosa.feature.mfcc":
        import librosa

        return lambda: librosa.feature.mfcc(y=a[0], sr=p["sr"])
    if op in ("sklearn.pca_fit", "sklearn.pca_fit_transform"):
        from sklearn.decomposition import PCA

        kw = {"n_components": p["n_components"], "svd_solver": p.get("svd_solver", "auto")}
        if op == "sklearn.pca_fit":
            return lambda: PCA(**kw).fit(a[0])
        return lambda: PCA(**kw).fit_transform(a[0])
    if op == "sklearn.lda_fit":
        from sklearn.discriminant_analysis import LinearDiscriminantAnalysis

        y = np.arange(a[0].shape[0]) % p["n_classes"]
        return lambda: LinearDiscriminantAnalysis().fit(a[0], y)
    if op == "sklearn.loo":
        import learn_loo
        from sklearn.model_selection import LeaveOneOut, cross_val_score

        X, y = learn_loo.blobs()
        clf = learn_loo.estimators()[p["estimator"]]
        return lambda: cross_val_score(clf, X, y, cv=LeaveOneOut())
    if op == "cv2.GaussianBlur":
        import cv2

        cv2.setNumThreads(workers)
        sigma = p["sigma"]
        k = 2 * int(p.get("truncate", 4.0) * sigma + 0.5) + 1  # scipy's radius rule
        return lambda: cv2.GaussianBlur(a[0], (k, k), sigma, borderType=cv2.BORDER_REFLECT)
    if op == "cv2.Sobel":
        import cv2

        cv2.setNumThreads(workers)
        dx, dy = (1, 0) if p.get("axis", 1) == 1 else (0, 1)
        return lambda: cv2.Sobel(a[0], cv2.CV_32F if a[0].dtype == np.float32 else cv2.CV_64F, dx, dy,
                                 ksize=3, borderType=cv2.BORDER_REFLECT)
    if op == "skimage.gabor_bank16_kernel_feats":
        kernels = gabor_bank16()
        return lambda: kernel_feats(a[0], kernels, nd_mode)
    if op == "mahotas.surf":
        import mahotas.features.surf as msurf

        return lambda: msurf.surf(a[0])
    if op == "mahotas.surf.dense":
        import mahotas.features.surf as msurf

        spacing = p["spacing"]
        return lambda: [msurf.dense(im, spacing) for im in a[0]]
    if op == "skimage.hog":
        from skimage.feature import hog

        return lambda: hog(a[0])
    if op == "sklearn.kmeans":
        from sklearn.cluster import KMeans

        k = p["n_clusters"]
        init = a[0][:k].copy()
        km = KMeans(n_clusters=k, init=init, n_init=1, max_iter=p["max_iter"], tol=0.0, algorithm="lloyd")
        return lambda: km.fit(a[0])
    if op == "sklearn.kmeans_plusplus":
        from sklearn.cluster import kmeans_plusplus

        return lambda: kmeans_plusplus(a[0], p["n_clusters"], random_state=0)
    if op in ("soundfile.read_folder", "scipy.io.wavfile.read_folder"):
        import glob

        files = sorted(glob.glob(os.path.join(arrays[0], "*", "*.wav")))
        if not files:
            raise ValueError(f"no WAV under {arrays[0]}")
        if op == "soundfile.read_folder":
            import soundfile

            return lambda: [soundfile.read(f, dtype="float32") for f in files]
        # `from ... import`, not `import scipy.io.wavfile`: the latter would bind `scipy` as a
        # local name of this whole function and break every other scipy case ("cannot access
        # free variable 'scipy'").
        from scipy.io import wavfile

        # int16 samples scaled to float32 in [-1, 1): the same result as the Rust side's.
        return lambda: [wavfile.read(f)[1].astype(np.float32) / np.float32(32768)
                        for f in files]
    if op in ("keras.mnist_train_step", "keras.efficientnetb0_features"):
        import keras_cnn

        if "keras" not in sys.modules:
            keras_cnn.threads(workers)  # before jax starts: it sizes its pool once
        if op == "keras.mnist_train_step":
            return keras_cnn.mnist_train_step(a[0], a[1])
        return keras_cnn.efficientnetb0_features(a[0], p["batch_size"])
    if op == "numpy.vlad":
        return lambda: vlad(a[0], a[1])
    if op == "numpy.fisher":
        k = a[1].shape[0]
        return lambda: fisher(a[0], np.full(k, 1.0 / k), a[1], np.ones_like(a[1]))
    raise KeyError(f"unknown operation {op!r}")


def assign(X, C):
    """Nearest centre of each row, distances by ||x||^2 - 2 x.c + ||c||^2 (one GEMM)."""
    d = (C**2).sum(1)[None, :] - 2.0 * (X @ C.T)
    return d.argmin(1)


def vlad(X, C):
    """VLFeat's vl_vlad with default flags: per word the sum of residuals x - c of its descriptors,
    the whole vector L2-normalised."""
    a = assign(X, C)
    V = np.zeros_like(C)
    for k in range(C.shape[0]):
        members = X[a == k]
        if len(members):
            V[k] = members.sum(0) - len(members) * C[k]
    V = V.ravel()
    return V / max(np.linalg.norm(V), 1e-12)


def fisher(X, w, mu, var):
    """VLFeat's vl_fisher (improved: signed square root, then L2) for a diagonal GMM."""
    n = X.shape[0]
    # log N(x | mu_k, var_k) + log w_k, by the expanded square (one GEMM).
    inv = 1.0 / var
    logp = (
        -0.5 * ((X**2) @ inv.T - 2.0 * X @ (mu * inv).T + (mu**2 * inv).sum(1))
        - 0.5 * np.log(2.0 * np.pi * var).sum(1)
        + np.log(w)
    )
    logp -= logp.max(1, keepdims=True)
    q = np.exp(logp)
    q /= q.sum(1, keepdims=True)
    sigma = np.sqrt(var)
    qs = q.sum(0)
    # Sums of q x and q x^2 per Gaussian, then the standardised moments.
    qx = q.T @ X
    qxx = q.T @ (X**2)
    u = (qx - qs[:, None] * mu) / sigma / (n * np.sqrt(w))[:, None]
    v = ((qxx - 2.0 * qx * mu + qs[:, None] * mu**2) / var - qs[:, None]) / (n * np.sqrt(2.0 * w))[:, None]
    f = np.concatenate([u.ravel(), v.ravel()])
    f = np.sign(f) * np.sqrt(np.abs(f))
    return f / max(np.linalg.norm(f), 1e-12)


def gaussian_weights(sigma):
    """The benches' kernel: exp(-x^2 / 2 sigma^2) on -round(4 sigma)..round(4 sigma), normalised."""
    r = int(round(4.0 * sigma))
    x = np.arange(-r, r + 1, dtype=np.float64)
    w = np.exp(-0.5 * (x / sigma) ** 2)
    return w / w.sum()


def tutorial_gabor_bank(sample_rate):
    """The tutorial's make_gabor_filter(s, f, sample_rate) for s in arange(pi/2, 2 pi, pi/2), f in 1, 2, 3."""
    t = np.arange(-1, 1, 1 / sample_rate)
    bank = []
    for s in np.arange(np.pi / 2, 2 * np.pi, np.pi / 2):
        for f in (1, 2, 3):
            bank.append(np.cos(2 * np.pi * f * t) * scipy.signal.windows.gaussian(len(t), s**2))
    return bank


def gabor_bank_loop(X, bank):
    """The tutorial's extract_gabor_features: per series and kernel, valid convolution pooled by mean/std/max."""
    return np.array(
        [[f(np.convolve(x, k, "valid")) for k in bank for f in (np.mean, np.std, np.max)] for x in X]
    )


def gabor_bank16():
    """skimage's gallery bank: 4 orientations x sigma (1, 3) x frequency (0.05, 0.25), real parts."""
    from skimage.filters import gabor_kernel

    kernels = []
    for theta in range(4):
        theta = theta / 4.0 * np.pi
        for sigma in (1, 3):
            for frequency in (0.05, 0.25):
                kernels.append(np.real(gabor_kernel(frequency, theta=theta, sigma_x=sigma, sigma_y=sigma)))
    return kernels


def kernel_feats(image, kernels, mode):
    """The gallery's compute_feats: mean and variance of each filtered image."""
    feats = np.zeros((len(kernels), 2), dtype=np.float64)
    for k, kernel in enumerate(kernels):
        filtered = scipy.ndimage.convolve(image, kernel, mode=mode)
        feats[k, 0] = filtered.mean()
        feats[k, 1] = filtered.var()
    return feats


def build_sigfeat(op, params, arrays):
    """The same computation through sigfeat's Python package (the wheel of crates/python), or
    None when the op has no sigfeat function there (or sigfeat is not installed)."""
    try:
        import sigfeat
    except ImportError:
        return None
    p = params
    a = [cast(x, p) for x in arrays]
    mode = p.get("mode")
    # cv2's Gaussian and Sobel cases compute scipy's filters on the Rust side.
    name = {"cv2.GaussianBlur": "gaussian_filter", "cv2.Sobel": "sobel"}.get(op)
    if name is None and op.startswith("scipy.ndimage."):
        name = op.rsplit(".", 1)[1]
    call = ndimage_call(sigfeat.ndimage, name, p, a) if name else None
    if call is not None:
        return call
    if op == "scipy.fft.rfft":
        return lambda: sigfeat.fft.rfft(a[0])
    if op == "scipy.fft.irfft":
        spec = sigfeat.fft.rfft(a[0])
        n = a[0].shape[-1]
        return lambda: sigfeat.fft.irfft(spec, n=n)
    if op == "scipy.fft.rfft2":
        return lambda: sigfeat.fft.rfft2(a[0])
    if op == "scipy.signal.fftconvolve":
        return lambda: sigfeat.signal.fftconvolve(a[0], a[1], mode=mode)
    if op == "scipy.signal.oaconvolve":
        return lambda: sigfeat.signal.oaconvolve(a[0], a[1], mode=mode)
    if op == "scipy.signal.convolve":
        return lambda: sigfeat.signal.convolve(a[0], a[1], mode=mode, method=p.get("method", "auto"))
    return None


def call_overhead():
    """Seconds of one sigfeat call on a tiny input (8 samples, 1 tap) from Python, and of the
    same scipy call: what a call costs beyond its work (argument checks, GIL release, result)."""
    try:
        import sigfeat
    except ImportError:
        return None
    x = np.ones(8)
    ours, _ = median_seconds(lambda: sigfeat.ndimage.correlate1d(x, [1.0]))
    ref, _ = median_seconds(lambda: scipy.ndimage.correlate1d(x, [1.0]))
    return {"sigfeat_s": ours, "scipy_s": ref}


def median_seconds(fn, min_sample_s=0.1, samples=11, warm_up_s=1.0):
    """Median seconds of one call over `samples` samples of at least `min_sample_s` each.

    About a second per case, as criterion spreads its samples over seconds: on a shared
    virtual machine the speed drifts by up to half within minutes, and a median over 0.15 s
    (7 samples of 20 ms, as this was) caught a slow stretch more often than one over a second.

    Calls are repeated for `warm_up_s` first, as criterion warms up (3 s) before it samples:
    with one warm-up call, sigfeat's 2-thread calls timed right after a single-threaded scipy
    reference kept 0.72-0.84 of criterion's speed, and 0.93-1.00 in a round without the
    references (2-core VM, 2048x2048 short kernels)."""
    t0 = time.perf_counter()
    fn()  # plans, caches
    one = max(time.perf_counter() - t0, 1e-9)
    while time.perf_counter() - t0 < warm_up_s and one <= 0.5:
        t1 = time.perf_counter()
        fn()
        one = max(time.perf_counter() - t1, 1e-9)
    if one > 0.5:
        samples = 3  # seconds-long calls (sklearn leave-one-out): three more are enough for a median
    loops = max(1, int(min_sample_s / one))
    times = []
    for _ in range(samples):
        t0 = time.perf_counter()
        for _ in range(loops):
            fn()
        times.append((time.perf_counter() - t0) / loops)
    return statistics.median(times), loops


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases")
    ap.add_argument("out")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--sigfeat-only", action="store_true",
                    help="time only the cases' calls through sigfeat's Python package (a later "
                         "round of `cargo xtask bench --wheel`)")
    args = ap.parse_args()

    versions = installed_versions()
    # opencv-python's wheel version has a fourth field (5.1.0.95) that cv2.__version__ lacks.
    mismatched = {k: (versions[k], v) for k, v in pinned().items()
                  if k in versions and not v.startswith(versions[k])}
    if mismatched:
        print(f"warning: versions differ from the pinned ones: {mismatched}", file=sys.stderr)

    with open(args.cases) as f:
        cases = json.load(f)
    results = {}
    for case in cases:
        # A folder input (audio files) is handed over as its path.
        arrays = [path if os.path.isdir(path) else np.load(path) for path in case["inputs"]]
        try:
            results[case["id"]] = {}
            if not args.sigfeat_only:
                fn = build(case["op"], case.get("params", {}), arrays, args.threads)
                median, loops = median_seconds(fn)
                results[case["id"]] = {"median_s": median, "loops": loops}
                print(f"{case['id']:<50} {case['op']:<34} {median * 1e3:10.4f} ms",
                      file=sys.stderr)
            # A Rust-only variant (raw realfft, a reused output buffer, another layout): the
            # package's call is timed on the standard variant's row instead.
            ours = (build_sigfeat(case["op"], case.get("params", {}), arrays)
                    if case.get("from_python", True) else None)
            if ours is not None:
                t, _ = median_seconds(ours)
                results[case["id"]]["sigfeat_py_s"] = t
                print(f"{case['id']:<50} {'sigfeat (Python)':<34} {t * 1e3:10.4f} ms", file=sys.stderr)
        except Exception as e:  # report, keep going: one broken case must not hide the others
            results[case["id"]] = {"error": f"{type(e).__name__}: {e}"}
            print(f"{case['id']}: {type(e).__name__}: {e}", file=sys.stderr)
    overhead = None if args.sigfeat_only else call_overhead()
    if overhead is not None:
        versions["sigfeat"] = __import__("sigfeat").__version__
    with open(args.out, "w") as f:
        json.dump({"versions": versions, "threads": args.threads, "results": results,
                   "call_overhead": overhead}, f, indent=1)


if __name__ == "__main__":
    main()
