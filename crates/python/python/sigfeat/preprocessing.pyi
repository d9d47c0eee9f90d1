from typing_extensions import Self

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin

from ._typing import Real

class StandardScaler(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    copy: bool
    with_mean: bool
    with_std: bool
    mean_: NDArray[np.float64] | None
    var_: NDArray[np.float64] | None
    scale_: NDArray[np.float64] | None
    n_samples_seen_: int
    n_features_in_: int
    def __init__(self, *, copy: bool = True, with_mean: bool = True, with_std: bool = True) -> None: ...
    def fit(self, X: ArrayLike, y: object = None) -> Self: ...
    def transform(self, X: ArrayLike, copy: bool | None = None) -> Real: ...
    def inverse_transform(self, X: ArrayLike, copy: bool | None = None) -> Real: ...
