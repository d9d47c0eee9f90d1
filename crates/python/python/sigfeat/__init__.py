"""sigfeat: signals to features, fast.

Functions with the names, signatures and results of the scientific Python stack, computed by
sigfeat's Rust crates with the GIL released:

- :mod:`sigfeat.ndimage`: ``gaussian_filter``, ``gaussian_filter1d``, ``correlate1d``,
  ``convolve1d``, ``correlate``, ``convolve``, ``sobel`` (as :mod:`scipy.ndimage`);
- :mod:`sigfeat.fft`: ``rfft``, ``irfft``, ``rfft2`` (as :mod:`scipy.fft`);
- :mod:`sigfeat.signal`: ``convolve``, ``fftconvolve``, ``oaconvolve`` (1-D), ``stft`` (as
  :mod:`scipy.signal`);
- :mod:`sigfeat.feature`: ``canny``, ``hog`` (as :mod:`skimage.feature`), ``surf``,
  ``dense_surf`` (as ``mahotas.features.surf``);
- :mod:`sigfeat.filters`: ``gabor_kernel`` (as :mod:`skimage.filters`);
- :mod:`sigfeat.audio`: ``melspectrogram``, ``mfcc`` (as :mod:`librosa.feature`);
- :mod:`sigfeat.stats`: ``gaussian_kde`` (as :mod:`scipy.stats`).

Estimators with scikit-learn's API (``fit`` / ``transform`` / ``predict``, ``get_params``,
fitted attributes with a trailing underscore; they pass
``sklearn.utils.estimator_checks.check_estimator``), in modules named as scikit-learn's and
imported on demand (``pip install 'sigfeat[sklearn]'``):

- :mod:`sigfeat.preprocessing`: ``StandardScaler``;
- :mod:`sigfeat.decomposition`: ``PCA``;
- :mod:`sigfeat.discriminant_analysis`: ``LinearDiscriminantAnalysis``;
- :mod:`sigfeat.linear_model`: ``LogisticRegression``, ``RidgeClassifierCV``;
- :mod:`sigfeat.neighbors`: ``KNeighborsClassifier``;
- :mod:`sigfeat.svm`: ``SVC``;
- :mod:`sigfeat.cluster`: ``KMeans``;
- :mod:`sigfeat.timeseries`: ``MiniRocket`` (as sktime's / aeon's), ``FilterBankFeatures``
  (the tutorial's pooled filter-bank responses);
- :mod:`sigfeat.bovw`: ``Vocabulary`` (k-means words of local descriptors) and ``BagOfWords``
  (histogram, soft-assignment or VLAD encodings of per-image descriptor sets);
- :mod:`sigfeat.deep`: ``DeepFeatures`` (pooled features of a pretrained EfficientNet-Lite0).

:mod:`sigfeat.dask` (``pip install 'sigfeat[dask]'``) applies fitted transformers partition by
partition on a Dask cluster and fits the scaler, PCA and k-means from per-partition statistics.

Arrays of ``float32`` and ``float64`` (``complex64`` / ``complex128`` for inverse transforms)
are read in place, whatever their strides; the result has the input's dtype. Other dtypes raise
``TypeError`` (convert with ``.astype(numpy.float64)``); bad values raise ``ValueError`` with
the Rust library's message.
"""

import os
from importlib.metadata import PackageNotFoundError, version

# The extension allocates with mimalloc, which by default returns freed memory to the OS after
# 10 ms: a large result (a 2048x2048 float64 image is 32 MiB) freed and allocated again call
# after call was then mapped and page-faulted anew each time (measured: a float64 Gaussian at
# sigma 1 from Python, 9.5 ms against 8.3 ms from Rust; 8.5 ms with a 1 s delay). mimalloc reads
# this when the extension loads, below; a value the user set is kept.
os.environ.setdefault("MIMALLOC_PURGE_DELAY", "1000")

from . import audio, feature, fft, filters, ndimage, signal, stats

try:
    __version__ = version("sigfeat")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = ["audio", "feature", "fft", "filters", "ndimage", "signal", "stats", "__version__"]
