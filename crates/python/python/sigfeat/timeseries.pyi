from typing import Literal, Sequence
from typing_extensions import Self

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, TransformerMixin

from ._typing import Real

MIN_LENGTH: int

class MiniRocket(ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator):
    input_length_: int
    dilations_: NDArray[np.int64]
    num_features_per_dilation_: NDArray[np.int64]
    biases_: Real
    def __init__(
        self, num_kernels: int = 10_000, max_dilations_per_kernel: int = 32,
        random_state: int | np.random.RandomState | np.random.Generator | None = None,
    ) -> None: ...
    def fit(self, X: ArrayLike, y: object = None) -> Self: ...
    def transform(self, X: ArrayLike) -> Real: ...

class FilterBankFeatures(TransformerMixin, BaseEstimator):
    def __init__(
        self, kernels: Sequence[ArrayLike] | None = None, poolings: Sequence[str] = ("mean", "std", "max"),
        mode: Literal["valid", "same", "full"] = "valid",
    ) -> None: ...
    def fit(self, X: ArrayLike, y: object = None) -> Self: ...
    def transform(self, X: ArrayLike) -> Real: ...
    def get_feature_names_out(self, input_features: object = None) -> NDArray[np.object_]: ...
