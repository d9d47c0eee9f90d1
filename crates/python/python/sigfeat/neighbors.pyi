from typing import Literal
from typing_extensions import Self

from numpy.typing import ArrayLike, NDArray
from sklearn.base import BaseEstimator, ClassifierMixin

class KNeighborsClassifier(ClassifierMixin, BaseEstimator):
    classes_: NDArray
    n_samples_fit_: int
    def __init__(
        self, n_neighbors: int = 5, *, weights: Literal["uniform"] = "uniform", algorithm: str = "auto",
        leaf_size: int = 30, p: int = 2, metric: Literal["minkowski", "euclidean"] = "minkowski",
    ) -> None: ...
    def fit(self, X: ArrayLike, y: ArrayLike) -> Self: ...
    def predict(self, X: ArrayLike) -> NDArray: ...
