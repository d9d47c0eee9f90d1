from typing import Literal
from typing_extensions import Self

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import BaseEstimator, ClassifierMixin, ClassNamePrefixFeaturesOutMixin, TransformerMixin

from ._typing import Real

class LinearDiscriminantAnalysis(ClassNamePrefixFeaturesOutMixin, ClassifierMixin, TransformerMixin, BaseEstimator):
    classes_: NDArray
    priors_: NDArray[np.float64]
    means_: NDArray[np.float64]
    xbar_: NDArray[np.float64]
    scalings_: NDArray[np.float64]
    coef_: NDArray[np.float64]
    intercept_: NDArray[np.float64]
    explained_variance_ratio_: NDArray[np.float64]
    covariance_: NDArray[np.float64]
    def __init__(
        self, solver: Literal["svd", "lsqr", "eigen"] = "svd",
        shrinkage: Literal["auto"] | float | None = None, priors: ArrayLike | None = None,
        n_components: int | None = None, store_covariance: bool = False, tol: float = 1e-4,
        covariance_estimator: None = None,
    ) -> None: ...
    def fit(self, X: ArrayLike, y: ArrayLike) -> Self: ...
    def decision_function(self, X: ArrayLike) -> NDArray[np.float64]: ...
    def predict(self, X: ArrayLike) -> NDArray: ...
    def predict_proba(self, X: ArrayLike) -> NDArray[np.float64]: ...
    def predict_log_proba(self, X: ArrayLike) -> NDArray[np.float64]: ...
    def transform(self, X: ArrayLike) -> Real: ...
