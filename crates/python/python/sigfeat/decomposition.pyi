from typing import Literal
from typing_extensions import Self

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, TransformerMixin

from ._typing import Real

class PCA(ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator):
    components_: NDArray[np.float64]
    explained_variance_: NDArray[np.float64]
    explained_variance_ratio_: NDArray[np.float64]
    singular_values_: NDArray[np.float64]
    mean_: NDArray[np.float64]
    noise_variance_: float
    n_components_: int
    n_samples_: int
    n_features_in_: int
    def __init__(
        self, n_components: int | float | None = None, *, copy: bool = True, whiten: bool = False,
        svd_solver: Literal["auto", "full", "covariance_eigh", "randomized"] = "auto",
        iterated_power: int | Literal["auto"] = "auto", n_oversamples: int = 10,
        random_state: int | np.random.RandomState | np.random.Generator | None = None,
    ) -> None: ...
    def fit(self, X: ArrayLike, y: object = None) -> Self: ...
    def transform(self, X: ArrayLike) -> Real: ...
    def inverse_transform(self, X: ArrayLike) -> Real: ...
