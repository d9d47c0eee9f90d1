from typing import Literal, Sequence
from typing_extensions import Self

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, TransformerMixin

from ._typing import Real

_Encoding = Literal["histogram", "soft", "vlad"]
_Norm = Literal["l1", "l2"] | None

class Vocabulary(ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator):
    words_: Real
    inertia_: float
    n_iter_: int
    def __init__(
        self, n_words: int = 100, *, init: Literal["k-means++", "random"] | ArrayLike = "k-means++",
        n_init: int | Literal["auto"] = "auto", max_iter: int = 300, tol: float = 1e-4,
        random_state: int | np.random.RandomState | np.random.Generator | None = None,
        algorithm: Literal["lloyd", "elkan"] = "lloyd",
    ) -> None: ...
    def fit(self, X: ArrayLike | Sequence[ArrayLike], y: object = None) -> Self: ...
    def predict(self, X: ArrayLike) -> NDArray[np.int32]: ...
    def transform(self, X: ArrayLike) -> Real: ...
    def encode(
        self, sets: Sequence[ArrayLike], encoding: _Encoding = "histogram", norm: _Norm = "l1",
        sigma: float | None = None, vlad: dict[str, bool] | None = None,
    ) -> Real: ...

class BagOfWords(TransformerMixin, BaseEstimator):
    vocabulary_: Vocabulary
    def __init__(
        self, n_words: int = 100, encoding: _Encoding = "histogram", norm: _Norm = "l1",
        sigma: float | None = None, vlad: dict[str, bool] | None = None, max_iter: int = 300,
        random_state: int | np.random.RandomState | np.random.Generator | None = None,
    ) -> None: ...
    def fit(self, X: Sequence[ArrayLike], y: object = None) -> Self: ...
    def transform(self, X: Sequence[ArrayLike]) -> Real: ...
