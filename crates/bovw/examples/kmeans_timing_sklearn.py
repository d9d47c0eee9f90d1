"""sklearn's side of examples/kmeans_timing.rs: the same data and initial centres (run the Rust
example first), 2 threads. Run with the fixture environment's python (sklearn 1.9.1, numpy 2.2.6):
    target/fixtures/venv/bin/python crates/bovw/examples/kmeans_timing_sklearn.py
"""
import pathlib
import time

import numpy as np
from sklearn.cluster import KMeans, kmeans_plusplus
from threadpoolctl import threadpool_limits

d = pathlib.Path(__file__).resolve().parents[3] / "target" / "bovw_timing"
x = np.load(d / "x.npy")
init = np.load(d / "init.npy")
with threadpool_limits(2):
    t = []
    for r in range(3):
        t0 = time.perf_counter()
        kmeans_plusplus(x, 100, random_state=r)
        t.append(time.perf_counter() - t0)
    print(f"sklearn kmeans_plusplus k=100: median {np.median(t):.3f} s")
    for alg in ["lloyd", "elkan"]:
        t = []
        for _ in range(5):
            t0 = time.perf_counter()
            km = KMeans(100, init=init, n_init=1, max_iter=20, tol=0.0, algorithm=alg).fit(x)
            t.append(time.perf_counter() - t0)
        print(f"sklearn {alg} 20 iterations: median {np.median(t):.3f} s "
              f"(n_iter {km.n_iter_}, inertia {km.inertia_})")
