from numpy.typing import ArrayLike

from ._typing import FloatOrSeq, IntOrSeq, Mode, Modes, Real

def gaussian_filter1d(
    input: Real, sigma: float, axis: int = -1, order: int = 0, output: None = None,
    mode: Mode = "reflect", cval: float = 0.0, truncate: float = 4.0, *, radius: int | None = None,
) -> Real: ...
def gaussian_filter(
    input: Real, sigma: FloatOrSeq, order: IntOrSeq = 0, output: None = None,
    mode: Modes = "reflect", cval: float = 0.0, truncate: float = 4.0, *,
    radius: IntOrSeq | None = None, axes: IntOrSeq | None = None,
) -> Real: ...
def correlate1d(
    input: Real, weights: ArrayLike, axis: int = -1, output: None = None, mode: Mode = "reflect",
    cval: float = 0.0, origin: int = 0,
) -> Real: ...
def convolve1d(
    input: Real, weights: ArrayLike, axis: int = -1, output: None = None, mode: Mode = "reflect",
    cval: float = 0.0, origin: int = 0,
) -> Real: ...
def correlate(
    input: Real, weights: ArrayLike, output: None = None, mode: Mode = "reflect", cval: float = 0.0,
    origin: IntOrSeq = 0, *, axes: None = None,
) -> Real: ...
def convolve(
    input: Real, weights: ArrayLike, output: None = None, mode: Mode = "reflect", cval: float = 0.0,
    origin: IntOrSeq = 0, *, axes: None = None,
) -> Real: ...
def sobel(input: Real, axis: int = -1, output: None = None, mode: Modes = "reflect", cval: float = 0.0) -> Real: ...
