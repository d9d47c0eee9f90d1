"""Shared type aliases of sigfeat's stubs."""

from typing import Literal, Sequence, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

Real: TypeAlias = NDArray[np.float32] | NDArray[np.float64]
Complex: TypeAlias = NDArray[np.complex64] | NDArray[np.complex128]
Mode: TypeAlias = Literal[
    "reflect", "constant", "nearest", "mirror", "wrap", "grid-mirror", "grid-constant", "grid-wrap"
]
Modes: TypeAlias = Mode | Sequence[Mode]
Norm: TypeAlias = Literal["backward", "ortho", "forward"] | None
ConvMode: TypeAlias = Literal["full", "same", "valid"]
IntOrSeq: TypeAlias = int | Sequence[int]
FloatOrSeq: TypeAlias = float | Sequence[float]
__all__ = ["ArrayLike", "Complex", "ConvMode", "FloatOrSeq", "IntOrSeq", "Mode", "Modes", "Norm", "Real"]
