from typing import Literal, Sequence
from typing_extensions import Self

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import BaseEstimator, ClassifierMixin

NEWTON_TOL: float

class _LinearClassifier(ClassifierMixin, BaseEstimator):
    classes_: NDArray
    coef_: NDArray[np.float64]
    intercept_: NDArray[np.float64]
    def decision_function(self, X: ArrayLike) -> NDArray[np.float64]: ...
    def predict(self, X: ArrayLike) -> NDArray: ...

class LogisticRegression(_LinearClassifier):
    n_iter_: NDArray[np.int32]
    def __init__(
        self, penalty: Literal["l2"] = "l2", *, tol: float = 1e-4, C: float = 1.0,
        fit_intercept: Literal[True] = True, max_iter: int = 100,
    ) -> None: ...
    def fit(self, X: ArrayLike, y: ArrayLike) -> Self: ...
    def predict_proba(self, X: ArrayLike) -> NDArray[np.float64]: ...
    def predict_log_proba(self, X: ArrayLike) -> NDArray[np.float64]: ...

class RidgeClassifierCV(_LinearClassifier):
    alpha_: float
    def __init__(
        self, alphas: Sequence[float] | NDArray[np.float64] = (0.1, 1.0, 10.0), *,
        fit_intercept: Literal[True] = True, scoring: None = None, cv: None = None,
    ) -> None: ...
    def fit(self, X: ArrayLike, y: ArrayLike) -> Self: ...
