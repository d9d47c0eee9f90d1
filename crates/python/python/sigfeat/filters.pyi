import numpy as np
from numpy.typing import DTypeLike

from ._typing import Complex

def gabor_kernel(
    frequency: float, theta: float = 0, bandwidth: float = 1, sigma_x: float | None = None,
    sigma_y: float | None = None, n_stds: float = 3, offset: float = 0,
    dtype: DTypeLike = np.complex128,
) -> Complex: ...
