from typing import Literal

import numpy as np
from numpy.typing import NDArray

from ._typing import Mode, Real

def canny(
    image: Real, sigma: float = 1.0, low_threshold: float | None = None,
    high_threshold: float | None = None, mask: None = None, use_quantiles: bool = False, *,
    mode: Mode = "constant", cval: float = 0.0,
) -> NDArray[np.bool_]: ...
def hog(
    image: Real, orientations: int = 9, pixels_per_cell: tuple[int, int] = (8, 8),
    cells_per_block: tuple[int, int] = (3, 3),
    block_norm: Literal["L1", "L1-sqrt", "L2", "L2-Hys"] = "L2-Hys", visualize: Literal[False] = False,
    transform_sqrt: bool = False, feature_vector: bool = True, channel_axis: None = None,
) -> Real: ...
def surf(
    f: Real, nr_octaves: int = 4, nr_scales: int = 6, initial_step_size: int = 1,
    threshold: float = 0.1, max_points: int = 1024, descriptor_only: bool = False,
) -> NDArray[np.float64]: ...
def dense_surf(
    f: Real, spacing: int, scale: float | None = None, include_interest_point: bool = False
) -> NDArray[np.float64]: ...
