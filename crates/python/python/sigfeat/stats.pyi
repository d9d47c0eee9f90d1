from typing import Callable, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

class gaussian_kde:  # noqa: N801 - scipy's name
    dataset: NDArray[np.float64]
    d: int
    n: int
    factor: float
    neff: float
    weights: NDArray[np.float64]
    covariance: NDArray[np.float64]
    def __init__(
        self, dataset: ArrayLike,
        bw_method: Literal["scott", "silverman"] | float | Callable[..., float] | None = None,
        weights: ArrayLike | None = None,
    ) -> None: ...
    def evaluate(self, points: ArrayLike) -> NDArray[np.float64]: ...
    def __call__(self, points: ArrayLike) -> NDArray[np.float64]: ...
    def pdf(self, x: ArrayLike) -> NDArray[np.float64]: ...
