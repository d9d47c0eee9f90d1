"""sigfeat.dask on a distributed.LocalCluster of 2 worker processes: MiniRocket features of a UCR
set, MFCC of the voice set and dense SURF of the image set, and the partial-statistics fits, each
equal to the single-process result."""

import sys
import wave
from pathlib import Path

import cloudpickle
import numpy as np
import pytest

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
import dask.array as da  # noqa: E402
import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

import sigfeat.audio  # noqa: E402
import sigfeat.feature  # noqa: E402
import sigfeat.dask  # noqa: E402
from sigfeat.cluster import KMeans  # noqa: E402
from sigfeat.decomposition import PCA  # noqa: E402
from sigfeat.preprocessing import StandardScaler  # noqa: E402
from sigfeat.timeseries import MiniRocket  # noqa: E402

# the workers unpickle this module's functions by value (they cannot import the test module)
cloudpickle.register_pickle_by_value(sys.modules[__name__])

DATASETS = Path(__file__).resolve().parents[3] / "datasets"


def load_ts(path):
    """A univariate, equal-length UCR/UEA ``.ts`` file: ``(X, y)`` (the archive's format:
    ``#`` comments, ``@`` header lines, then ``v1,v2,...:label`` per series)."""
    rows, labels = [], []
    in_data = False
    for line in Path(path).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.lower().startswith("@data"):
            in_data = True
            continue
        if line.startswith("@") or not in_data:
            continue
        values, label = line.rsplit(":", 1)
        rows.append([float(v) for v in values.split(",")])
        labels.append(label)
    return np.array(rows), np.array(labels)


def read_wav(path):
    """16-bit PCM mono WAV as float64 in [-1, 1), and its rate."""
    with wave.open(str(path), "rb") as w:
        if w.getsampwidth() != 2 or w.getnchannels() != 1:
            raise ValueError(f"expected 16-bit mono PCM, got {w.getsampwidth() * 8}-bit x {w.getnchannels()}")
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        return data.astype(np.float64) / 32768.0, w.getframerate()


def dense_surf_of_image(path):
    """Grey float64 image (luma of colour images, as skimage.color.rgb2gray) -> dense SURF."""
    from PIL import Image

    img = np.asarray(Image.open(path), dtype=np.float64)
    if img.ndim == 3:
        img = img[..., :3] @ np.array([0.2125, 0.7154, 0.0721])
    return sigfeat.feature.dense_surf(img / 255.0, 24)


def mfcc_of_file(path):
    y, sr = read_wav(path)
    return sigfeat.audio.mfcc(y=y, sr=sr, n_mfcc=13, n_fft=256, hop_length=80, n_mels=40)


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        env={"RAYON_NUM_THREADS": "1"},
    )
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_minirocket_on_ucr_equals_single_process(client):
    Xtr, _ = load_ts(DATASETS / "ucr" / "GunPoint" / "GunPoint_TRAIN.ts")
    Xte, _ = load_ts(DATASETS / "ucr" / "GunPoint" / "GunPoint_TEST.ts")
    # the dev build of CI runs Rust unoptimised: 840 features keep this test short
    m = MiniRocket(num_kernels=840, random_state=0).fit(Xtr)
    want = m.transform(Xte)
    got = sigfeat.dask.transform(m, da.from_array(Xte, chunks=(16, -1))).compute()
    np.testing.assert_array_equal(got, want)
    # the fitted transformer is one key of the graph, whatever the number of partitions
    graph = dict(sigfeat.dask.transform(m, da.from_array(Xte, chunks=(8, -1))).__dask_graph__())
    assert sum(1 for v in graph.values() if isinstance(v, MiniRocket)) <= 1
    # column chunks are merged; a dataframe and a bag of series give the same rows
    got2 = sigfeat.dask.transform(m, da.from_array(Xte, chunks=(50, 30))).compute()
    np.testing.assert_array_equal(got2, want)
    frame = dd.from_pandas(pd.DataFrame(Xte), npartitions=3)
    got3 = sigfeat.dask.transform(m, frame).compute()
    np.testing.assert_array_equal(got3.to_numpy(), want)
    assert list(got3.columns) == list(m.get_feature_names_out())
    bag = db.from_sequence(list(Xte), npartitions=4)
    got4 = np.stack(sigfeat.dask.transform(m, bag).compute())
    np.testing.assert_array_equal(got4, want)


def test_mfcc_of_the_voices_equals_single_process(client):
    paths = sorted((DATASETS / "speech" / "recorded").glob("*/*.wav"))[::10]
    assert len(paths) >= 50
    got = dict(sigfeat.dask.map_files(mfcc_of_file, db.from_sequence(paths, npartitions=6)).compute())
    assert set(got) == set(paths)
    for p in paths:
        np.testing.assert_array_equal(got[p], mfcc_of_file(p))


def test_dense_surf_of_the_images_equals_single_process(client):
    paths = sorted(p for p in (DATASETS / "images").iterdir() if p.suffix in (".png", ".jpg"))
    assert len(paths) >= 8
    got = dict(sigfeat.dask.map_files(dense_surf_of_image, db.from_sequence(paths, npartitions=4)).compute())
    assert set(got) == set(paths)
    for p in paths:
        want = dense_surf_of_image(p)
        assert want.shape[1] == 64 and want.shape[0] > 0
        np.testing.assert_array_equal(got[p], want)


def test_a_failing_file_is_named(client, tmp_path):
    bad = tmp_path / "truncated.wav"
    good = sorted((DATASETS / "speech" / "recorded").glob("*/*.wav"))[0]
    bad.write_bytes(good.read_bytes()[:30])
    with pytest.raises(Exception, match="truncated.wav"):
        sigfeat.dask.map_files(mfcc_of_file, [good, bad]).compute()


def test_partial_statistics_fits_equal_single_process(client):
    rng = np.random.default_rng(3)
    X = rng.standard_normal((2000, 12)) * np.arange(1, 13) + np.arange(12)
    Xd = da.from_array(X, chunks=(300, -1))
    s = sigfeat.dask.fit(StandardScaler(), Xd)
    ref = StandardScaler().fit(X)
    np.testing.assert_allclose(s.mean_, ref.mean_, rtol=1e-12)
    np.testing.assert_allclose(s.var_, ref.var_, rtol=1e-12)
    np.testing.assert_allclose(s.scale_, ref.scale_, rtol=1e-12)
    assert s.n_samples_seen_ == 2000
    np.testing.assert_allclose(
        sigfeat.dask.transform(s, Xd).compute(), ref.transform(X), rtol=1e-12, atol=1e-12
    )

    p = sigfeat.dask.fit(PCA(n_components=5), Xd)
    pref = PCA(n_components=5, svd_solver="covariance_eigh").fit(X)
    np.testing.assert_allclose(p.explained_variance_, pref.explained_variance_, rtol=1e-10)
    np.testing.assert_allclose(p.components_, pref.components_, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(p.noise_variance_, pref.noise_variance_, rtol=1e-10)
    np.testing.assert_allclose(
        sigfeat.dask.transform(p, Xd).compute(), pref.transform(X), rtol=1e-7, atol=1e-8
    )

    from sklearn.datasets import make_blobs

    B, _ = make_blobs(n_samples=3000, centers=6, n_features=5, random_state=4)
    init = B[[0, 1, 2, 3, 4, 5]]
    k = sigfeat.dask.fit(KMeans(6, init=init, n_init=1), da.from_array(B, chunks=(700, -1)))
    kref = KMeans(6, init=init, n_init=1).fit(B)
    np.testing.assert_allclose(k.cluster_centers_, kref.cluster_centers_, rtol=1e-10, atol=1e-10)
    assert k.n_iter_ == kref.n_iter_
    np.testing.assert_allclose(k.inertia_, kref.inertia_, rtol=1e-10)
    assert (k.predict(B) == kref.labels_).all()

    with pytest.raises(TypeError, match="fits StandardScaler"):
        sigfeat.dask.fit(MiniRocket(), Xd)
    with pytest.raises(ValueError, match="init"):
        sigfeat.dask.fit(KMeans(3), Xd)
