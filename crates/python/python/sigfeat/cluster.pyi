from typing import Literal
from typing_extensions import Self

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, ClusterMixin, TransformerMixin

from ._typing import Real

class KMeans(ClassNamePrefixFeaturesOutMixin, ClusterMixin, TransformerMixin, BaseEstimator):
    cluster_centers_: Real
    labels_: NDArray[np.int32]
    inertia_: float
    n_iter_: int
    def __init__(
        self, n_clusters: int = 8, *, init: Literal["k-means++", "random"] | ArrayLike = "k-means++",
        n_init: int | Literal["auto"] = "auto", max_iter: int = 300, tol: float = 1e-4,
        random_state: int | np.random.RandomState | np.random.Generator | None = None,
        copy_x: bool = True, algorithm: Literal["lloyd", "elkan"] = "lloyd",
    ) -> None: ...
    def fit(self, X: ArrayLike, y: object = None) -> Self: ...
    def predict(self, X: ArrayLike) -> NDArray[np.int32]: ...
    def transform(self, X: ArrayLike) -> Real: ...
    def score(self, X: ArrayLike, y: object = None) -> float: ...
