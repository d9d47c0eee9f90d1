from ._typing import Complex, Norm, Real

def rfft(
    x: Real, n: int | None = None, axis: int = -1, norm: Norm = None, overwrite_x: bool = False,
    workers: int | None = None, *, plan: None = None,
) -> Complex: ...
def irfft(
    x: Complex | Real, n: int | None = None, axis: int = -1, norm: Norm = None,
    overwrite_x: bool = False, workers: int | None = None, *, plan: None = None,
) -> Real: ...
def rfft2(
    x: Real, s: tuple[int, int] | None = None, axes: tuple[int, int] = (-2, -1), norm: Norm = None,
    overwrite_x: bool = False, workers: int | None = None, *, plan: None = None,
) -> Complex: ...
