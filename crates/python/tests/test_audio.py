"""sigfeat.audio against librosa 0.11 on a seeded signal of both dtypes."""

import librosa
import numpy as np
import pytest

import sigfeat


def signal(rng, n, dtype):
    t = np.arange(n) / 16000.0
    y = 0.5 * np.sin(2 * np.pi * 440 * t) + 0.2 * np.sin(2 * np.pi * 1250 * t) + 0.05 * rng.standard_normal(n)
    return y.astype(dtype)


def rel_err(got, want):
    return float(np.max(np.abs(got.astype(np.float64) - want.astype(np.float64))) / np.max(np.abs(want)))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_melspectrogram(rng, dtype):
    y = signal(rng, 12000, dtype)
    cases = [
        dict(sr=16000),
        dict(sr=16000, n_fft=512, hop_length=160, n_mels=40, htk=True, norm=None),
        dict(sr=16000, n_fft=400, hop_length=100, win_length=256, n_mels=26, fmin=50.0, fmax=7000.0, power=1.0),
    ]
    for kw in cases:
        got = sigfeat.audio.melspectrogram(y=y, **kw)
        want = librosa.feature.melspectrogram(y=y, **kw)
        assert got.dtype == want.dtype and got.shape == want.shape
        assert rel_err(got, want) <= (1e-10 if dtype == np.float64 else 1e-5), kw


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_mfcc(rng, dtype):
    y = signal(rng, 12000, dtype)
    for kw in [dict(sr=16000), dict(sr=16000, n_mfcc=13, n_fft=512, hop_length=160, n_mels=40, lifter=22)]:
        got = sigfeat.audio.mfcc(y=y, **kw)
        want = librosa.feature.mfcc(y=y, **kw)
        assert got.dtype == want.dtype and got.shape == want.shape
        assert rel_err(got, want) <= (1e-9 if dtype == np.float64 else 1e-4), kw


def test_multichannel_and_errors(rng):
    y = np.stack([signal(rng, 8000, np.float64), signal(rng, 8000, np.float64)])
    got = sigfeat.audio.mfcc(y=y, sr=16000)
    want = librosa.feature.mfcc(y=y, sr=16000)
    assert got.shape == want.shape
    assert rel_err(got, want) <= 1e-9
    with pytest.raises(NotImplementedError):
        sigfeat.audio.melspectrogram(y=y[0], center=False)
    with pytest.raises(ValueError):
        sigfeat.audio.melspectrogram(y=np.zeros(0))
    with pytest.raises(ValueError):
        sigfeat.audio.mfcc(y=np.zeros((0, 100)))
    with pytest.raises(ValueError):
        sigfeat.audio.mfcc(y=np.zeros((2, 0)))
    with pytest.raises(ValueError):
        sigfeat.audio.melspectrogram(y=np.full(4000, np.nan))
    with pytest.raises(ValueError):
        sigfeat.audio.melspectrogram(y=y[0], n_fft=0)
    with pytest.raises(TypeError):
        sigfeat.audio.mfcc(y=np.ones(100, dtype=np.int16))
