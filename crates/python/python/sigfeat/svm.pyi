from typing import Literal
from typing_extensions import Self

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import BaseEstimator, ClassifierMixin

class SVC(ClassifierMixin, BaseEstimator):
    classes_: NDArray
    support_: NDArray[np.int32]
    support_vectors_: NDArray[np.floating]
    n_support_: NDArray[np.int32]
    dual_coef_: NDArray[np.float64]
    intercept_: NDArray[np.float64]
    def __init__(
        self, *, C: float = 1.0, kernel: Literal["linear", "rbf"] = "rbf",
        gamma: Literal["scale", "auto"] | float = "scale", tol: float = 1e-3,
        decision_function_shape: Literal["ovr", "ovo"] = "ovr", break_ties: Literal[False] = False,
    ) -> None: ...
    def fit(self, X: ArrayLike, y: ArrayLike) -> Self: ...
    def decision_function(self, X: ArrayLike) -> NDArray[np.float64]: ...
    def predict(self, X: ArrayLike) -> NDArray: ...
