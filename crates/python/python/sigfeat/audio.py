"""Speech features of :mod:`librosa.feature`, with its names, signatures and results."""

from __future__ import annotations

import numpy as np

from . import _native
from ._checks import real_array

__all__ = ["melspectrogram", "mfcc"]


def _unsupported(window, center, pad_mode, S, dtype=None):
    if S is not None:
        raise NotImplementedError("S= (a precomputed spectrogram) is not supported: pass y")
    if window != "hann":
        raise NotImplementedError(f"window={window!r}: only the periodic Hann window is supported")
    if center is not True:
        raise NotImplementedError("center=False is not supported")
    if pad_mode != "constant":
        raise NotImplementedError(f"pad_mode={pad_mode!r}: only 'constant' (zeros) is supported")


def _each_channel(y, fn):
    """librosa's multichannel convention: features of every signal along the last axis."""
    if y.ndim == 1:
        return fn(y)
    if y.ndim == 0:
        raise ValueError("y must have at least one dimension")
    flat = y.reshape(-1, y.shape[-1])
    if flat.shape[0] == 0:
        raise ValueError(f"y of shape {y.shape} holds no signal")
    out = [fn(row) for row in flat]
    return np.stack(out).reshape(y.shape[:-1] + out[0].shape)


def melspectrogram(*, y=None, sr=22050, S=None, n_fft=2048, hop_length=512, win_length=None,
                   window="hann", center=True, pad_mode="constant", power=2.0, n_mels=128,
                   fmin=0.0, fmax=None, htk=False, norm="slaney"):
    """Mel spectrogram, ``n_mels x frames``. Equals :func:`librosa.feature.melspectrogram`
    (0.11) for the periodic Hann window, centred frames padded with zeros."""
    _unsupported(window, center, pad_mode, S)
    if norm not in ("slaney", None):
        raise NotImplementedError(f"norm={norm!r}: 'slaney' or None")
    x = real_array(y, "y")
    return _each_channel(x, lambda row: _native.mel_features(
        row, float(sr), int(n_fft), int(hop_length), None if win_length is None else int(win_length),
        float(power), int(n_mels), float(fmin), None if fmax is None else float(fmax), bool(htk),
        norm == "slaney", None, 0.0,
    ))


def mfcc(*, y=None, sr=22050, S=None, n_mfcc=20, dct_type=2, norm="ortho", lifter=0, n_fft=2048,
         hop_length=512, win_length=None, window="hann", center=True, pad_mode="constant",
         power=2.0, n_mels=128, fmin=0.0, fmax=None, htk=False, mel_norm="slaney"):
    """MFCCs, ``n_mfcc x frames``: the DCT-II (orthonormal) of the mel spectrogram in dB.
    Equals :func:`librosa.feature.mfcc` (0.11); the mel filter bank's ``norm`` (a keyword librosa
    passes through to ``melspectrogram``) is ``mel_norm`` here, as ``norm`` is the DCT's."""
    _unsupported(window, center, pad_mode, S)
    if dct_type != 2 or norm != "ortho":
        raise NotImplementedError("only dct_type=2 with norm='ortho' is supported")
    if mel_norm not in ("slaney", None):
        raise NotImplementedError(f"mel_norm={mel_norm!r}: 'slaney' or None")
    x = real_array(y, "y")
    return _each_channel(x, lambda row: _native.mel_features(
        row, float(sr), int(n_fft), int(hop_length), None if win_length is None else int(win_length),
        float(power), int(n_mels), float(fmin), None if fmax is None else float(fmax), bool(htk),
        mel_norm == "slaney", int(n_mfcc), float(lifter),
    ))
