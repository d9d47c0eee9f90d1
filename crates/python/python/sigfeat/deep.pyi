from os import PathLike
from typing import Literal, Sequence
from typing_extensions import Self

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import BaseEstimator, TransformerMixin

class DeepFeatures(TransformerMixin, BaseEstimator):
    n_features_out_: int
    def __init__(
        self, weights: str | PathLike[str] | None = None,
        output: Literal["features", "logits"] = "features", batch_size: int = 16,
    ) -> None: ...
    def fit(self, X: object = None, y: object = None) -> Self: ...
    def transform(self, X: ArrayLike | Sequence[ArrayLike]) -> NDArray[np.float32]: ...
    def get_feature_names_out(self, input_features: object = None) -> NDArray[np.object_]: ...
