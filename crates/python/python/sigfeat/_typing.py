"""Shared type aliases of sigfeat's type stubs (``*.pyi``)."""

from __future__ import annotations

from typing import Literal, Sequence, TypeAlias, Union

import numpy as np
from numpy.typing import ArrayLike, NDArray

Real: TypeAlias = Union[NDArray[np.float32], NDArray[np.float64]]
Complex: TypeAlias = Union[NDArray[np.complex64], NDArray[np.complex128]]
Mode: TypeAlias = Literal[
    "reflect", "constant", "nearest", "mirror", "wrap", "grid-mirror", "grid-constant", "grid-wrap"
]
Modes: TypeAlias = Union[Mode, Sequence[Mode]]
Norm: TypeAlias = Union[Literal["backward", "ortho", "forward"], None]
ConvMode: TypeAlias = Literal["full", "same", "valid"]
IntOrSeq: TypeAlias = Union[int, Sequence[int]]
FloatOrSeq: TypeAlias = Union[float, Sequence[float]]
__all__ = ["ArrayLike", "Complex", "ConvMode", "FloatOrSeq", "IntOrSeq", "Mode", "Modes", "Norm", "Real"]
