#!/usr/bin/env python3
"""sklearn's leave-one-out timings for benches/benches/learn.rs, on the same data.

    OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 python benches/python/learn_loo.py

Data: the splitmix64 + Box-Muller blobs of learn.rs (660 x 27, 6 classes). Each estimator's
`cross_val_score(clf, X, y, cv=LeaveOneOut())` is timed 5 times (after nothing: each call refits
everything); the median and the LOO accuracy are printed. Pinned: scikit-learn 1.9.1.
"""
import math
import statistics
import sys
import time

import numpy as np
import sklearn

from sklearn.linear_model import LogisticRegression, RidgeClassifierCV
from sklearn.model_selection import LeaveOneOut, cross_val_score
from sklearn.neighbors import KNeighborsClassifier, NearestCentroid
from sklearn.svm import SVC

M = (1 << 64) - 1


class SplitMix:
    def __init__(self, seed):
        self.s = seed

    def next_f64(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & M
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        z ^= z >> 31
        return (z >> 11) * (1.0 / (1 << 53))

    def normal(self):
        u1 = self.next_f64()
        u2 = self.next_f64()
        return math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * math.pi * u2)


def blobs():
    n, d, k = 660, 27, 6
    rng = SplitMix(20171111)
    centres = np.array([[0.6 * rng.normal() for _ in range(d)] for _ in range(k)])
    y = np.arange(n) % k
    X = np.array([[centres[y[i], j] + rng.normal() for j in range(d)] for i in range(n)])
    return X, y


def estimators():
    """The sklearn side of each `loo_660x27/{name}` benchmark."""
    return {
        "knn1": KNeighborsClassifier(n_neighbors=1),
        "logistic": LogisticRegression(C=1.0),
        "svc_linear": SVC(kernel="linear"),
        "svc_rbf": SVC(kernel="rbf"),
        "ridge_cv": RidgeClassifierCV(alphas=(0.1, 1.0, 10.0)),
        "nearest_centroid": NearestCentroid(),
    }


def main():
    if sklearn.__version__ != "1.9.1":
        sys.exit(f"need scikit-learn 1.9.1, got {sklearn.__version__}")
    X, y = blobs()
    only = sys.argv[1:]
    for name, clf in estimators().items():
        if only and name not in only:
            continue
        times = []
        for _ in range(5):
            t = time.perf_counter()
            s = cross_val_score(clf, X, y, cv=LeaveOneOut())
            times.append(time.perf_counter() - t)
        print(f"{name}: median {statistics.median(times):.3f} s, loo accuracy {s.mean():.6f}",
              flush=True)


if __name__ == "__main__":
    main()
