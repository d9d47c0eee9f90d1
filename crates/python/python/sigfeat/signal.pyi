from typing import Literal

from numpy.typing import ArrayLike

from ._typing import Complex, ConvMode, IntOrSeq, Real

def convolve(in1: Real, in2: Real, mode: ConvMode = "full", method: Literal["auto", "direct", "fft"] = "auto") -> Real: ...
def fftconvolve(in1: Real, in2: Real, mode: ConvMode = "full", axes: IntOrSeq | None = None) -> Real: ...
def oaconvolve(in1: Real, in2: Real, mode: ConvMode = "full", axes: IntOrSeq | None = None) -> Real: ...
def stft(
    x: Real, fs: float = 1.0,
    window: Literal["hann", "hamming", "blackman", "boxcar"] | tuple[Literal["gaussian"], float] = "hann",
    nperseg: int = 256, noverlap: int | None = None, nfft: int | None = None,
    detrend: Literal[False] = False, return_onesided: Literal[True] = True,
    boundary: Literal["zeros"] | None = "zeros", padded: bool = True, axis: int = -1,
    scaling: Literal["spectrum", "psd"] = "spectrum",
) -> tuple[Real, Real, Complex]: ...
