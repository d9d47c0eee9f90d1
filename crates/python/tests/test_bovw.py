"""sigfeat.bovw: the vocabulary against scikit-learn's KMeans, the encodings against their
numpy definitions, and a bag-of-words pipeline in cross-validation."""

import pickle
import warnings

import numpy as np
import pytest
import sklearn.cluster
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.utils.estimator_checks import check_estimator

from sigfeat.bovw import BagOfWords, Vocabulary
from sigfeat.linear_model import LogisticRegression


def descriptor_sets(n_sets, dim, seed, dtype=np.float64):
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((6, dim)) * 4
    sets, labels = [], []
    for i in range(n_sets):
        label = i % 2
        # class 0 draws from words 0-2, class 1 from words 3-5
        words = rng.integers(0, 3, size=rng.integers(20, 60)) + 3 * label
        sets.append((centres[words] + rng.standard_normal((len(words), dim))).astype(dtype))
        labels.append(label)
    return sets, np.array(labels)


def test_vocabulary_passes_check_estimator_and_equals_kmeans():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = check_estimator(Vocabulary(3, random_state=0), on_fail=None, on_skip=None)
    assert not [r["check_name"] for r in results if r["status"] == "failed"]
    sets, _ = descriptor_sets(10, 5, 1)
    X = np.vstack(sets)
    init = X[:6]
    v = Vocabulary(6, init=init, n_init=1).fit(sets)  # a list of sets is stacked
    ref = sklearn.cluster.KMeans(6, init=init, n_init=1).fit(X)
    np.testing.assert_allclose(v.words_, ref.cluster_centers_, rtol=1e-10, atol=1e-10)
    assert (v.predict(X) == ref.predict(X)).all()
    assert v.get_params()["n_words"] == 6


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_encodings_equal_their_definitions(dtype):
    sets, _ = descriptor_sets(8, 4, 2, dtype)
    words = np.vstack(sets)[::7][:5].astype(np.float64)
    vocab = Vocabulary(5, init=words, n_init=1, max_iter=1).fit(np.vstack(sets))
    C = vocab.words_.astype(np.float64)
    tol = 1e-12 if dtype == np.float64 else 2e-5

    def d2(s):
        s = s.astype(np.float64)
        return ((s[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)

    hist = vocab.encode(sets)
    assert hist.dtype == dtype and hist.shape == (8, 5)
    want = np.array([np.bincount(d2(s).argmin(axis=1), minlength=5) / len(s) for s in sets])
    np.testing.assert_allclose(hist, want, atol=tol)
    counts = vocab.encode(sets, norm=None)
    np.testing.assert_allclose(counts, want * np.array([len(s) for s in sets])[:, None], atol=tol * 100)

    sigma = 2.0
    soft = vocab.encode(sets, encoding="soft", sigma=sigma)
    want = []
    for s in sets:
        e = np.exp(-(d2(s) - d2(s).min(axis=1, keepdims=True)) / (2 * sigma**2))
        want.append((e / e.sum(axis=1, keepdims=True)).mean(axis=0))
    np.testing.assert_allclose(soft, np.array(want), atol=tol)

    vlad = vocab.encode(sets, encoding="vlad")
    want = []
    for s in sets:
        s64 = s.astype(np.float64)
        a = d2(s).argmin(axis=1)
        v = np.zeros((5, 4))
        for k in range(5):
            v[k] = (s64[a == k] - C[k]).sum(axis=0)
        v = v.ravel()
        want.append(v / max(np.linalg.norm(v), 1e-12))
    np.testing.assert_allclose(vlad, np.array(want), atol=tol * 10)


def test_bag_of_words_pipeline_cross_validates_and_pickles():
    sets, y = descriptor_sets(40, 6, 3)
    pipe = make_pipeline(BagOfWords(n_words=6, random_state=0), LogisticRegression(C=10.0))
    scores = cross_val_score(pipe, sets, y, cv=4)
    assert scores.mean() > 0.9, scores
    bow = BagOfWords(n_words=6, encoding="vlad", random_state=0).fit(sets)
    F = bow.transform(sets)
    assert F.shape == (40, 36)
    np.testing.assert_array_equal(pickle.loads(pickle.dumps(bow)).transform(sets), F)
    np.testing.assert_array_equal(BagOfWords(n_words=6, encoding="vlad", random_state=0).fit(sets).transform(sets), F)


def test_bag_of_words_errors():
    sets, _ = descriptor_sets(6, 3, 4)
    bow = BagOfWords(n_words=4, random_state=0).fit(sets)
    with pytest.raises(TypeError, match="list of descriptor sets"):
        bow.transform(np.vstack(sets))
    with pytest.raises(ValueError, match="dimensions"):
        bow.transform([np.ones((5, 4))])
    with pytest.raises(ValueError):
        bow.transform([np.ones((0, 3))])  # an empty set
    bad = [s.copy() for s in sets]
    bad[2][0, 0] = np.nan
    with pytest.raises(ValueError, match="2"):
        bow.transform(bad)
    with pytest.raises(ValueError, match="sigma"):
        BagOfWords(n_words=4, encoding="soft", random_state=0).fit(sets).transform(sets)
    with pytest.raises(ValueError, match="encoding"):
        BagOfWords(n_words=4, encoding="fisher", random_state=0).fit(sets).transform(sets)
