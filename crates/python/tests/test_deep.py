"""DeepFeatures against the reference forward pass of EfficientNet-Lite0 (the oracle the Rust
tests use, written by a float32 numpy forward pass of the same weights)."""

import json
import pickle
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from sigfeat.deep import DeepFeatures

WEIGHTS = Path(__file__).resolve().parents[3] / "datasets" / "efficientnet-lite0"


@pytest.fixture(scope="module")
def cat():
    return np.asarray(Image.open(WEIGHTS / "oracle_chelsea_224.png").convert("RGB"))


@pytest.fixture(scope="module")
def oracle():
    return json.loads((WEIGHTS / "oracle.json").read_text())


def test_logits_and_features_equal_the_reference(cat, oracle):
    weights = WEIGHTS / "efficientnet-lite0.safetensors"
    logits = DeepFeatures(weights, output="logits").fit().transform([cat])
    assert logits.shape == (1, 1000) and logits.dtype == np.float32
    np.testing.assert_allclose(logits[0], oracle["chelsea_logits"], atol=1e-3)
    top5 = [int(t[0]) for t in oracle["chelsea_top5"]]
    assert list(np.argsort(-logits[0])[:5]) == top5
    df = DeepFeatures(weights).fit()
    feats = df.transform(np.stack([cat, cat]))  # uint8, a 4-D array
    assert feats.shape == (2, 1280)
    np.testing.assert_allclose(feats[0, :16], oracle["chelsea_pooled_features_first16"], atol=1e-3)
    np.testing.assert_array_equal(feats[0], feats[1])
    # float input in [0, 1] is the same image; the fitted estimator pickles without weights
    np.testing.assert_allclose(df.transform([cat / 255.0]), feats[:1], atol=1e-5)
    back = pickle.loads(pickle.dumps(df))
    np.testing.assert_array_equal(back.transform([cat]), feats[:1])
    # a grey image is its grey value repeated in the three channels; any size is resized
    grey = cat[:200, :180].mean(axis=2).astype(np.float32) / 255.0
    np.testing.assert_allclose(
        df.transform([grey]), df.transform([np.repeat(grey[:, :, None], 3, axis=2)]), atol=1e-6
    )


def test_deep_features_errors(tmp_path):
    with pytest.raises(ValueError, match="weights"):
        DeepFeatures().fit()
    bad = tmp_path / "truncated.safetensors"
    bad.write_bytes((WEIGHTS / "efficientnet-lite0.safetensors").read_bytes()[:1000])
    with pytest.raises(ValueError, match="truncated.safetensors"):
        DeepFeatures(bad).fit()
    df = DeepFeatures(WEIGHTS / "efficientnet-lite0.safetensors").fit()
    with pytest.raises(ValueError, match="image 0"):
        df.transform([np.zeros((10, 10, 4))])
    with pytest.raises(TypeError):
        df.transform([np.zeros((10, 10), dtype=np.int64)])
    with pytest.raises(ValueError):
        df.transform([])
    with pytest.raises(ValueError):
        df.transform([np.full((30, 30, 3), np.nan, np.float32)])
