from typing import Literal

from ._typing import Real

def melspectrogram(
    *, y: Real | None = None, sr: float = 22050, S: None = None, n_fft: int = 2048,
    hop_length: int = 512, win_length: int | None = None, window: Literal["hann"] = "hann",
    center: Literal[True] = True, pad_mode: Literal["constant"] = "constant", power: float = 2.0,
    n_mels: int = 128, fmin: float = 0.0, fmax: float | None = None, htk: bool = False,
    norm: Literal["slaney"] | None = "slaney",
) -> Real: ...
def mfcc(
    *, y: Real | None = None, sr: float = 22050, S: None = None, n_mfcc: int = 20,
    dct_type: Literal[2] = 2, norm: Literal["ortho"] = "ortho", lifter: float = 0,
    n_fft: int = 2048, hop_length: int = 512, win_length: int | None = None,
    window: Literal["hann"] = "hann", center: Literal[True] = True,
    pad_mode: Literal["constant"] = "constant", power: float = 2.0, n_mels: int = 128,
    fmin: float = 0.0, fmax: float | None = None, htk: bool = False,
    mel_norm: Literal["slaney"] | None = "slaney",
) -> Real: ...
