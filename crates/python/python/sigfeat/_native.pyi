"""Types of the extension module; call the functions of sigfeat.ndimage / fft / signal instead."""

from typing import Literal

import numpy as np
from numpy.typing import NDArray

_Real = NDArray[np.float32] | NDArray[np.float64]
_Complex = NDArray[np.complex64] | NDArray[np.complex128]
_Mode = Literal["reflect", "constant", "nearest", "mirror", "wrap"]
_Norm = Literal["backward", "ortho", "forward"] | None

def gaussian_filter(
    input: _Real, sigma: list[float], order: list[int], mode: _Mode, cval: float, truncate: float,
    radius: list[int] | None,
) -> _Real: ...
def gaussian_filter1d(
    input: _Real, sigma: float, axis: int, order: int, mode: _Mode, cval: float, truncate: float,
    radius: int | None,
) -> _Real: ...
def correlate1d(
    input: _Real, weights: list[float], axis: int, mode: _Mode, cval: float, origin: int, convolve: bool
) -> _Real: ...
def sobel(input: _Real, axis: int, mode: _Mode, cval: float) -> _Real: ...
def rfft(x: _Real, n: int | None, axis: int, norm_: _Norm) -> _Complex: ...
def irfft(x: _Complex, n: int | None, axis: int, norm_: _Norm) -> _Real: ...
def rfft2(x: _Real, s: tuple[int, int] | None, axes: tuple[int, int], norm_: _Norm) -> _Complex: ...
def convolve1(a: _Real, v: _Real, mode: Literal["full", "same", "valid"], method: str) -> _Real: ...
