"""Deep features with scikit-learn's API: :class:`DeepFeatures`, the pooled 1280-d features of a
pretrained EfficientNet-Lite0 (the tutorial's "deep features from a pretrained network"),
computed by sigfeat's Rust ``cnn`` crate (burn, CPU).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from . import _native
from ._base import check_is_fitted
from ._checks import aligned

__all__ = ["DeepFeatures"]


def _images(X):
    """A list of ``height x width x channels`` float32 images in [0, 1]: float images as they
    are (converted to float32), uint8 images divided by 255; grey images get one channel."""
    items = list(X)  # the images of a 3-D / 4-D array, or of a list
    if not items:
        raise ValueError("X holds no image")
    out = []
    for i, im in enumerate(items):
        a = np.asarray(im)
        if a.ndim == 2:
            a = a[:, :, None]
        if a.ndim != 3 or a.shape[2] not in (1, 3):
            raise ValueError(f"image {i} must be height x width (x 1 or 3 channels), got shape {a.shape}")
        if a.dtype == np.uint8:
            a = a.astype(np.float32) / np.float32(255.0)
        elif np.issubdtype(a.dtype, np.floating):
            a = a.astype(np.float32, copy=False)
        else:
            raise TypeError(f"image {i} must be float (values in [0, 1]) or uint8, got {a.dtype}")
        out.append(aligned(np.ascontiguousarray(a)))
    return out


class DeepFeatures(TransformerMixin, BaseEstimator):
    """Pooled features (1280 values) or ImageNet logits (1000) of EfficientNet-Lite0.

    ``weights`` is the path of the network's safetensors file (the ``efficientnet_pytorch``
    layout; sigfeat's repository ships it as
    ``datasets/efficientnet-lite0/efficientnet-lite0.safetensors``, with its provenance).
    Images are ``height x width`` (grey) or ``height x width x 3`` (RGB), float in ``[0, 1]`` or
    uint8 (divided by 255), any size: each is resized bilinearly to 224 x 224 and normalised
    with ImageNet's mean and standard deviation, as the weights expect; ``X`` is a 3-D / 4-D
    array of images or a list of them. The network reproduces the reference float32 forward
    pass of the same weights to within 1e-3 in every logit.

    The network loads in ``fit`` (no training: the data are not used) and again after
    unpickling; the fitted estimator pickles without the weights, only their path.
    """

    def __init__(self, weights=None, output="features", batch_size=16):
        self.weights = weights
        self.output = output
        self.batch_size = batch_size

    def _load(self):
        if self.weights is None:
            raise ValueError(
                "DeepFeatures needs weights= (the EfficientNet-Lite0 safetensors file, e.g. "
                "datasets/efficientnet-lite0/efficientnet-lite0.safetensors of sigfeat's repository)"
            )
        if self.output not in ("features", "logits"):
            raise ValueError(f"output must be 'features' or 'logits', got {self.output!r}")
        self._net = _native.EfficientNet(str(Path(self.weights)))

    def fit(self, X=None, y=None):
        """Load the network."""
        self._load()
        self.n_features_out_ = 1280 if self.output == "features" else 1000
        return self

    def transform(self, X):
        """Features (or logits) of every image: ``n_images x 1280`` (``1000``), float32."""
        check_is_fitted(self, "n_features_out_")
        if getattr(self, "_net", None) is None:
            self._load()
        return self._net.run(_images(X), int(self.batch_size), self.output == "logits")

    def get_feature_names_out(self, input_features=None):
        """``deep0`` ... (features) or ``logit0`` ... (logits)."""
        check_is_fitted(self, "n_features_out_")
        prefix = "deep" if self.output == "features" else "logit"
        return np.array([f"{prefix}{i}" for i in range(self.n_features_out_)], dtype=object)

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_net", None)
        return state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.three_d_array = True
        tags.requires_fit = True
        return tags
