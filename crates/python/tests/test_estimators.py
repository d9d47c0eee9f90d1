"""The scikit-learn-compatible estimators: scikit-learn's own estimator checks, and fitted
attributes and predictions against scikit-learn's estimators on its bundled data sets."""

import pickle
import warnings

import numpy as np
import pytest
import sklearn.cluster
import sklearn.decomposition
import sklearn.discriminant_analysis
import sklearn.linear_model
import sklearn.neighbors
import sklearn.pipeline
import sklearn.preprocessing
import sklearn.svm
from sklearn.datasets import load_digits, load_iris, load_wine, make_blobs
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import cross_val_score
from sklearn.utils.estimator_checks import check_estimator

from sigfeat.cluster import KMeans
from sigfeat.decomposition import PCA
from sigfeat.discriminant_analysis import LinearDiscriminantAnalysis
from sigfeat.linear_model import LogisticRegression, RidgeClassifierCV
from sigfeat.neighbors import KNeighborsClassifier
from sigfeat.preprocessing import StandardScaler
from sigfeat.svm import SVC
from sigfeat.timeseries import FilterBankFeatures, MiniRocket

# scikit-learn's checks use matrices of 2 to 5 features; MiniRocket's series need at least 9
# samples (one kernel), so every check that fits on such a matrix fails with MiniRocket's
# ValueError. The same properties are tested below on series of length 40.
SHORT = "the check's data have 2-5 columns; MiniRocket needs series of >= 9 samples (tested below)"
MINIROCKET_SKIPPED = {
    name: SHORT
    for name in [
        "check_fit_score_takes_y",
        "check_estimators_overwrite_params",
        "check_dont_overwrite_parameters",
        "check_estimators_fit_returns_self",
        "check_readonly_memmap_input",
        "check_n_features_in_after_fitting",
        "check_positive_only_tag_during_fit",
        "check_estimators_dtypes",
        "check_pipeline_consistency",
        "check_estimators_nan_inf",
        "check_estimators_pickle",
        "check_f_contiguous_array_estimator",
        "check_transformer_data_not_an_array",
        "check_transformer_general",
        "check_transformer_preserve_dtypes",
        "check_methods_sample_order_invariance",
        "check_methods_subset_invariance",
        "check_dict_unchanged",
        "check_fit_idempotent",
        "check_fit_check_is_fitted",
        "check_n_features_in",
        "check_fit2d_predict1d",
    ]
}

ESTIMATORS = [
    (StandardScaler(), {}),
    (PCA(), {}),
    (PCA(n_components=2, svd_solver="randomized", random_state=0), {}),
    (LinearDiscriminantAnalysis(), {}),
    (LinearDiscriminantAnalysis(solver="eigen", shrinkage="auto"), {}),
    (LogisticRegression(), {}),
    (RidgeClassifierCV(), {}),
    (KNeighborsClassifier(), {}),
    (SVC(), {}),
    (SVC(kernel="linear"), {}),
    (KMeans(n_clusters=3, random_state=0), {}),
    (MiniRocket(num_kernels=168, random_state=0), MINIROCKET_SKIPPED),
    (FilterBankFeatures(kernels=[[1.0, 2.0, 1.0], [1.0, -1.0]], mode="same"), {}),
]


@pytest.mark.parametrize("est,skipped", ESTIMATORS, ids=lambda e: repr(e) if not isinstance(e, dict) else "")
def test_check_estimator(est, skipped):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = check_estimator(est, expected_failed_checks=skipped, on_fail=None, on_skip=None)
    failed = [(r["check_name"], repr(r["exception"])) for r in results if r["status"] == "failed"]
    assert not failed, failed
    # every listed expected failure is real (a check that passes should not be listed)
    xfailed = {r["check_name"] for r in results if r["status"] == "xfail"}
    assert xfailed == set(skipped), set(skipped) ^ xfailed


def close(got, want, rtol, atol=0.0):
    np.testing.assert_allclose(np.asarray(got), np.asarray(want), rtol=rtol, atol=atol)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_standard_scaler_equals_sklearn(dtype):
    X = load_wine().data.astype(dtype)
    X[:, 3] = 7.0  # a constant feature is left unscaled
    ours = StandardScaler().fit(X)
    ref = sklearn.preprocessing.StandardScaler().fit(X)
    tol = 1e-12 if dtype == np.float64 else 1e-6
    close(ours.mean_, ref.mean_, tol)
    close(ours.var_, ref.var_, tol, atol=1e-12)
    close(ours.scale_, ref.scale_, tol)
    assert ours.n_samples_seen_ == ref.n_samples_seen_
    out = ours.transform(X)
    assert out.dtype == dtype
    close(out, ref.transform(X), tol, atol=tol)
    close(ours.inverse_transform(out), X, tol, atol=1e-5 if dtype == np.float32 else 1e-12)
    assert np.all(out[:, 3] == 0.0)


@pytest.mark.parametrize(
    "kw",
    [
        dict(),
        dict(n_components=5, svd_solver="full"),
        dict(n_components=0.9, svd_solver="full"),
        dict(n_components=4, svd_solver="covariance_eigh", whiten=True),
    ],
)
def test_pca_equals_sklearn(kw):
    X = load_digits().data[:400]
    ours = PCA(**kw).fit(X)
    ref = sklearn.decomposition.PCA(**kw).fit(X)
    assert ours.n_components_ == ref.n_components_
    k = min(ref.n_components_, 20)
    close(ours.explained_variance_[:k], ref.explained_variance_[:k], 1e-9)
    close(ours.explained_variance_ratio_[:k], ref.explained_variance_ratio_[:k], 1e-9)
    close(ours.singular_values_[:k], ref.singular_values_[:k], 1e-9)
    close(ours.components_[:k], ref.components_[:k], 1e-6, atol=1e-8)
    close(ours.noise_variance_, ref.noise_variance_, 1e-9, atol=1e-12)
    close(ours.transform(X)[:, :k], ref.transform(X)[:, :k], 1e-6, atol=1e-8)
    Xt = ours.transform(X)
    close(ours.inverse_transform(Xt), ref.inverse_transform(ref.transform(X)), 1e-6, atol=1e-7)


def test_pca_randomized_close_to_full_and_float32():
    X = load_digits().data
    r = PCA(n_components=5, svd_solver="randomized", random_state=3).fit(X)
    full = sklearn.decomposition.PCA(n_components=5, svd_solver="full").fit(X)
    close(r.explained_variance_, full.explained_variance_, 1e-6)
    out = PCA(n_components=3).fit(X.astype(np.float32)).transform(X.astype(np.float32))
    assert out.dtype == np.float32
    with pytest.raises(NotImplementedError):
        PCA(n_components="mle").fit(X)
    with pytest.raises(ValueError):
        PCA(n_components=1.5).fit(X)


@pytest.mark.parametrize(
    "kw",
    [dict(), dict(solver="lsqr", shrinkage="auto"), dict(solver="eigen", shrinkage=0.3), dict(solver="eigen")],
)
@pytest.mark.parametrize("data", ["iris", "wine-binary"])
def test_lda_equals_sklearn(kw, data):
    if data == "iris":
        X, y = load_iris(return_X_y=True)
        y = np.array(["setosa", "versicolor", "virginica"])[y]
    else:
        X, y = load_wine(return_X_y=True)
        X, y = X[y < 2], y[y < 2] * 3 + 1
    ours = LinearDiscriminantAnalysis(**kw).fit(X, y)
    ref = sklearn.discriminant_analysis.LinearDiscriminantAnalysis(**kw).fit(X, y)
    assert list(ours.classes_) == list(ref.classes_)
    close(ours.coef_, ref.coef_, 1e-7, atol=1e-9)
    close(ours.intercept_, ref.intercept_, 1e-7, atol=1e-9)
    close(ours.decision_function(X), ref.decision_function(X), 1e-7, atol=1e-8)
    close(ours.predict_proba(X), ref.predict_proba(X), 1e-7, atol=1e-12)
    assert (ours.predict(X) == ref.predict(X)).all()
    if kw.get("solver", "svd") != "lsqr":
        a, b = ours.transform(X), ref.transform(X)
        close(np.abs(a), np.abs(b), 1e-7, atol=1e-8)  # a direction's sign is arbitrary
        close(ours.explained_variance_ratio_, ref.explained_variance_ratio_, 1e-7)
    else:
        with pytest.raises(NotImplementedError):
            ours.transform(X)


@pytest.mark.parametrize("C", [0.1, 1.0, 100.0])
@pytest.mark.parametrize("data", ["iris", "wine-binary"])
def test_logistic_regression_equals_sklearn(C, data):
    X, y = load_iris(return_X_y=True) if data == "iris" else load_wine(return_X_y=True)
    X = sklearn.preprocessing.StandardScaler().fit_transform(X)
    if data != "iris":
        X, y = X[y < 2], y[y < 2]
    ours = LogisticRegression(C=C).fit(X, y)
    # sklearn's lbfgs solved tightly: the optimum both approach
    ref = sklearn.linear_model.LogisticRegression(C=C, tol=1e-12, max_iter=100_000).fit(X, y)
    close(ours.coef_, ref.coef_, 1e-4, atol=1e-5)
    close(ours.intercept_, ref.intercept_, 1e-4, atol=1e-5)
    close(ours.predict_proba(X), ref.predict_proba(X), 1e-4, atol=1e-6)
    assert (ours.predict(X) == ref.predict(X)).all()
    assert ours.n_iter_[0] >= 1


@pytest.mark.parametrize("data", ["iris", "wine-binary"])
def test_ridge_classifier_cv_equals_sklearn(data):
    X, y = load_iris(return_X_y=True) if data == "iris" else load_wine(return_X_y=True)
    if data != "iris":
        X, y = X[y < 2], y[y < 2]
    alphas = np.logspace(-3, 3, 10)
    ours = RidgeClassifierCV(alphas=alphas).fit(X, y)
    ref = sklearn.linear_model.RidgeClassifierCV(alphas=alphas).fit(X, y)
    assert ours.alpha_ == ref.alpha_
    close(ours.coef_, ref.coef_, 1e-7, atol=1e-9)
    close(ours.intercept_, ref.intercept_, 1e-7, atol=1e-9)
    close(ours.decision_function(X), ref.decision_function(X), 1e-7, atol=1e-9)
    assert (ours.predict(X) == ref.predict(X)).all()


@pytest.mark.parametrize("k", [1, 5, 8])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_knn_equals_sklearn(k, dtype):
    X, y = load_digits(return_X_y=True)
    X = X.astype(dtype)
    ours = KNeighborsClassifier(n_neighbors=k).fit(X[:1200], y[:1200])
    ref = sklearn.neighbors.KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(X[:1200], y[:1200])
    assert (ours.predict(X[1200:]) == ref.predict(X[1200:])).all()
    with pytest.raises(ValueError, match="n_neighbors"):
        KNeighborsClassifier(n_neighbors=2000).fit(X[:10], y[:10]).predict(X[:3])


@pytest.mark.parametrize("kw", [dict(), dict(C=10.0, gamma=0.05), dict(kernel="linear", C=0.5)])
@pytest.mark.parametrize("data", ["iris", "wine-binary"])
def test_svc_equals_sklearn(kw, data):
    X, y = load_iris(return_X_y=True) if data == "iris" else load_wine(return_X_y=True)
    X = sklearn.preprocessing.StandardScaler().fit_transform(X)
    if data != "iris":
        X, y = X[y < 2], y[y < 2]
    ours = SVC(**kw).fit(X, y)
    ref = sklearn.svm.SVC(**kw).fit(X, y)
    assert (ours.predict(X) == ref.predict(X)).all()
    assert list(ours.n_support_) == list(ref.n_support_)
    assert list(ours.support_) == list(ref.support_)
    # both stop at tol = 1e-3 on the same problem: values agree to about that
    close(ours.dual_coef_, ref.dual_coef_, 0, atol=1e-2 * max(1.0, kw.get("C", 1.0)))
    close(ours.intercept_, ref.intercept_, 0, atol=1e-2)
    close(ours.decision_function(X), ref.decision_function(X), 0, atol=1e-2)
    ovo = SVC(decision_function_shape="ovo", **kw).fit(X, y).decision_function(X)
    ref_ovo = sklearn.svm.SVC(decision_function_shape="ovo", **kw).fit(X, y).decision_function(X)
    close(ovo, ref_ovo, 0, atol=1e-2)


@pytest.mark.parametrize("algorithm", ["lloyd", "elkan"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_kmeans_equals_sklearn_from_the_same_centres(algorithm, dtype):
    X, _ = make_blobs(n_samples=600, centers=5, n_features=6, random_state=1)
    X = X.astype(dtype)
    init = X[[0, 100, 200, 300, 400]].astype(np.float64)
    ours = KMeans(5, init=init, n_init=1, algorithm=algorithm).fit(X)
    ref = sklearn.cluster.KMeans(5, init=init, n_init=1, algorithm=algorithm).fit(X)
    assert ours.cluster_centers_.dtype == dtype
    tol = 1e-10 if dtype == np.float64 else 1e-5
    close(ours.cluster_centers_, ref.cluster_centers_, tol, atol=tol)
    assert (ours.labels_ == ref.labels_).all()
    assert ours.n_iter_ == ref.n_iter_
    close(ours.inertia_, ref.inertia_, tol)
    assert (ours.predict(X) == ref.predict(X)).all()
    close(ours.transform(X), ref.transform(X), tol * 10, atol=tol * 10)


def test_kmeans_seeded_runs_are_reproducible_and_good():
    X, y = make_blobs(n_samples=500, centers=4, cluster_std=0.5, random_state=2)
    a = KMeans(4, random_state=7).fit(X)
    b = KMeans(4, random_state=7).fit(X)
    assert (a.labels_ == b.labels_).all()
    ref = sklearn.cluster.KMeans(4, random_state=7).fit(X)
    close(a.inertia_, ref.inertia_, 1e-9)  # well-separated blobs: the same optimum
    with pytest.raises(ValueError, match="n_samples"):
        KMeans(10).fit(X[:5])


# ---- MiniRocket: the reference's dilations and PPV features, computed here in numpy ----

KERNELS = np.array([c for c in __import__("itertools").combinations(range(9), 3)])


def reference_dilations(input_length, num_features, max_dilations_per_kernel):
    """``_fit_dilations`` of the reference minirocket.py."""
    num_kernels = 84
    num_features_per_kernel = num_features // num_kernels
    true_max = min(num_features_per_kernel, max_dilations_per_kernel)
    multiplier = num_features_per_kernel / true_max
    max_exponent = np.log2((input_length - 1) / (9 - 1))
    dilations, counts = np.unique(
        np.logspace(0, max_exponent, true_max, base=2).astype(np.int32), return_counts=True
    )
    per = (counts * multiplier).astype(np.int32)
    remainder = num_features_per_kernel - np.sum(per)
    i = 0
    while remainder > 0:
        per[i] += 1
        remainder -= 1
        i = (i + 1) % len(per)
    return dilations, per


def reference_features(X, dilations, per, biases):
    """The reference ``transform``: PPV of each kernel's output above each bias, the output
    unpadded (central part) on every other (dilation, kernel)."""
    n, L = X.shape
    out = np.zeros((n, len(biases)))
    f = 0
    for di, (d, nf) in enumerate(zip(dilations, per)):
        pad = ((9 - 1) * d) // 2
        for ki, idx in enumerate(KERNELS):
            w = -np.ones(9)
            w[idx] = 2.0
            C = np.zeros((n, L))
            for j in range(9):
                s = (j - 4) * d
                lo, hi = max(0, -s), min(L, L - s)
                C[:, lo:hi] += w[j] * X[:, lo + s : hi + s]
            if (di + ki) % 2 == 1 and L - 2 * pad > 0:
                C = C[:, pad : L - pad]
            for q in range(nf):
                out[:, f] = (C > biases[f]).mean(axis=1)
                f += 1
    return out


def series(n, length, seed):
    rng = np.random.default_rng(seed)
    return np.cumsum(rng.standard_normal((n, length)), axis=1)


@pytest.mark.parametrize("length,num", [(40, 840), (150, 10_000), (9, 168)])
def test_minirocket_equals_the_reference(length, num):
    X = series(12, length, 5)
    m = MiniRocket(num_kernels=num, random_state=1).fit(X)
    d, per = reference_dilations(length, num, 32)
    assert list(m.dilations_) == list(d)
    assert list(m.num_features_per_dilation_) == list(per)
    assert m.biases_.shape == (84 * per.sum(),)
    Xt = series(5, length, 6)
    got = m.transform(Xt)
    want = reference_features(Xt, m.dilations_, m.num_features_per_dilation_, m.biases_)
    np.testing.assert_array_equal(got, want)


def test_minirocket_properties():
    X = series(20, 40, 7)
    m = MiniRocket(num_kernels=840, random_state=3).fit(X)
    F = m.transform(X)
    # deterministic given the seed; pickles; batch-independent; float32 stays float32
    np.testing.assert_array_equal(MiniRocket(num_kernels=840, random_state=3).fit_transform(X), F)
    np.testing.assert_array_equal(pickle.loads(pickle.dumps(m)).transform(X), F)
    np.testing.assert_array_equal(m.transform(X[5:9]), F[5:9])
    np.testing.assert_array_equal(m.transform(X[::-1]), F[::-1])
    X32 = X.astype(np.float32)
    assert MiniRocket(num_kernels=840, random_state=3).fit(X32).transform(X32).dtype == np.float32
    assert len(m.get_feature_names_out()) == F.shape[1]
    with pytest.raises(NotFittedError):
        MiniRocket().transform(X)
    with pytest.raises(ValueError, match="n_features = 8"):
        MiniRocket().fit(X[:, :8])
    with pytest.raises(ValueError, match="features"):
        m.transform(X[:, :30])
    Xn = X.copy()
    Xn[0, 3] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        m.transform(Xn)


def test_pipeline_and_cross_val_score_equal_sklearn():
    X, y = load_digits(return_X_y=True)
    X, y = X[:600], y[:600]
    ours = sklearn.pipeline.make_pipeline(StandardScaler(), PCA(n_components=20), LogisticRegression(C=0.5))
    ref = sklearn.pipeline.make_pipeline(
        sklearn.preprocessing.StandardScaler(),
        sklearn.decomposition.PCA(n_components=20),
        sklearn.linear_model.LogisticRegression(C=0.5, tol=1e-12, max_iter=100_000),
    )
    a = cross_val_score(ours, X, y, cv=5)
    b = cross_val_score(ref, X, y, cv=5)
    close(a, b, 0, atol=1.0 / 120 + 1e-12)  # at most one test sample of 120 may differ
    knn = cross_val_score(KNeighborsClassifier(3), X, y, cv=4)
    knn_ref = cross_val_score(sklearn.neighbors.KNeighborsClassifier(3), X, y, cv=4)
    np.testing.assert_array_equal(knn, knn_ref)


def test_unsupported_options_say_so():
    X, y = load_iris(return_X_y=True)
    for est in [
        LogisticRegression(penalty="l1"),
        KNeighborsClassifier(weights="distance"),
        SVC(kernel="poly"),
        LinearDiscriminantAnalysis(covariance_estimator=object()),
        RidgeClassifierCV(cv=3),
    ]:
        with pytest.raises(NotImplementedError):
            est.fit(X, y)
    with pytest.raises(ValueError, match="class"):
        LogisticRegression().fit(X[:40], y[:40])


def reference_filter_bank(X, kernels, poolings, mode):
    """The tutorial's loop in numpy."""
    pools = {
        "mean": np.mean, "std": np.std, "max": np.max, "min": np.min,
        "absmax": lambda r: np.abs(r).max(), "ppv": lambda r: (r > 0).mean(),
    }
    out = []
    for x in X:
        row = []
        for k in kernels:
            r = np.convolve(x, k, mode)
            for p in poolings:
                row.append(np.percentile(r, float(p[1:])) if p.startswith("p") and p != "ppv" else pools[p](r))
        out.append(row)
    return np.array(out)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("mode", ["valid", "same", "full"])
def test_filter_bank_features_equal_numpy(dtype, mode):
    rng = np.random.default_rng(9)
    X = rng.standard_normal((15, 200)).astype(dtype)
    t = np.arange(-30, 31)
    kernels = [np.exp(-t**2 / 200.0) * np.cos(2 * np.pi * f * t) for f in (0.02, 0.05, 0.1)] + [rng.standard_normal(80)]
    poolings = ["mean", "std", "max", "min", "absmax", "ppv", "p90", "p12.5"]
    fb = FilterBankFeatures(kernels=kernels, poolings=poolings, mode=mode).fit(X)
    got = fb.transform(X)
    assert got.dtype == dtype and got.shape == (15, len(kernels) * len(poolings))
    want = reference_filter_bank(X.astype(np.float64), kernels, poolings, mode)
    np.testing.assert_allclose(got, want, rtol=1e-9 if dtype == np.float64 else 2e-4, atol=1e-9 if dtype == np.float64 else 2e-4)
    assert fb.get_feature_names_out()[1] == "k0_std"
    with pytest.raises(ValueError, match="pooling"):
        FilterBankFeatures(kernels=kernels, poolings=["median"]).fit(X).transform(X)
    with pytest.raises(ValueError, match="kernels"):
        FilterBankFeatures().fit(X)
