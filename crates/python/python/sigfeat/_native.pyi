"""Types of the extension module; call the functions of sigfeat.ndimage / fft / signal instead."""

from typing import Literal, final

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
def canny(
    image: _Real, sigma: float, low_threshold: float, high_threshold: float, use_quantiles: bool,
    mode: _Mode, cval: float,
) -> NDArray[np.bool_]: ...
def gabor_kernel(
    frequency: float, theta: float, bandwidth: float, sigma_x: float | None, sigma_y: float | None,
    n_stds: float, offset: float,
) -> NDArray[np.complex128]: ...
def mel_features(
    y: _Real, sr: float, n_fft: int, hop_length: int, win_length: int | None, power: float,
    n_mels: int, fmin: float, fmax: float | None, htk: bool, slaney_norm: bool,
    n_mfcc: int | None, lifter: float,
) -> _Real: ...

@final
class GaussianKde:
    def __new__(
        cls, dataset: NDArray[np.float64], bw: str, factor: float,
        weights: NDArray[np.float64] | None,
    ) -> GaussianKde: ...
    def evaluate(self, points: NDArray[np.float64]) -> NDArray[np.float64]: ...
    d: int
    n: int
    factor: float
    neff: float
    weights: NDArray[np.float64]
    data_covariance: NDArray[np.float64]
    covariance: NDArray[np.float64]

# the fits behind the scikit-learn-compatible estimators (labels encoded as 0..n_classes)
_Labels = NDArray[np.uintp]

def standard_scaler_fit(
    x: _Real, with_mean: bool, with_std: bool
) -> tuple[NDArray[np.float64], NDArray[np.float64] | None, NDArray[np.float64] | None, int]: ...
def pca_fit(
    x: _Real, n_components: int | None, variance: float | None, whiten: bool, solver: str,
    n_oversamples: int, iterated_power: int | None, seed: int,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64],
           NDArray[np.float64], float]: ...
def lda_fit(
    x: _Real, y: _Labels, solver: str, shrinkage: str | float | None, n_components: int | None,
    priors: list[float] | None, tol: float,
) -> tuple: ...
def logistic_fit(
    x: _Real, y: _Labels, c: float, tol: float, max_iter: int
) -> tuple[NDArray[np.float64], NDArray[np.float64], int]: ...
def ridge_cv_fit(
    x: _Real, y: _Labels, alphas: list[float]
) -> tuple[NDArray[np.float64], NDArray[np.float64], float]: ...
def svc_fit(
    x: _Real, y: _Labels, kernel: str, c: float, gamma: float | None, tol: float
) -> tuple[float | None, list[tuple[int, int, NDArray[np.uintp], NDArray[np.float64], float]]]: ...
def knn_predict(x_train: _Real, y: _Labels, x: _Real, k: int) -> NDArray[np.uintp]: ...
def kmeans_fit(
    x: _Real, n_clusters: int, init: str, init_centers: NDArray[np.float64] | None,
    n_init: int | None, max_iter: int, tol: float, seed: int, algorithm: str,
) -> tuple[_Real, NDArray[np.uintp], float, int]: ...
def minirocket_fit(
    x: _Real, num_features: int, max_dilations_per_kernel: int, seed: int
) -> tuple[int, NDArray[np.uintp], NDArray[np.uintp], _Real]: ...
def minirocket_transform(
    x: _Real, input_length: int, dilations: list[int], features_per_dilation: list[int],
    biases: _Real,
) -> _Real: ...
def filter_bank_transform(
    x: _Real, kernels: list[list[float]], poolings: list[str], mode: Literal["full", "same", "valid"]
) -> _Real: ...

# n-d scipy.ndimage, scipy.signal.stft, skimage's hog, mahotas' SURF
def correlate_nd(
    input: _Real, weights: NDArray[np.float64], mode: _Mode, cval: float, origin: list[int],
    convolve: bool,
) -> _Real: ...
def stft(
    x: _Real, window: str, gaussian_std: float | None, nperseg: int, noverlap: int, nfft: int,
    fs: float, boundary: bool, padded: bool,
) -> tuple[_Real, _Real, _Complex, float, float]: ...
def hog(
    image: _Real, orientations: int, pixels_per_cell: tuple[int, int],
    cells_per_block: tuple[int, int], block_norm: str, transform_sqrt: bool, feature_vector: bool,
) -> _Real: ...
def surf(
    image: _Real, nr_octaves: int, nr_scales: int, initial_step_size: int, threshold: float,
    max_points: int,
) -> NDArray[np.float64]: ...
def dense_surf(
    image: _Real, spacing: int, scale: float | None, include_interest_point: bool
) -> NDArray[np.float64]: ...

@final
class EfficientNet:
    def __new__(cls, path: str) -> EfficientNet: ...
    def run(
        self, images: list[NDArray[np.float32]], batch: int, logits: bool
    ) -> NDArray[np.float32]: ...
