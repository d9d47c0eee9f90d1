"""sigfeat: signals to features, fast.

Functions with the names, signatures and results of the scientific Python stack, computed by
sigfeat's Rust crates with the GIL released:

- :mod:`sigfeat.ndimage`: ``gaussian_filter``, ``gaussian_filter1d``, ``correlate1d``,
  ``convolve1d``, ``sobel`` (as :mod:`scipy.ndimage`);
- :mod:`sigfeat.fft`: ``rfft``, ``irfft``, ``rfft2`` (as :mod:`scipy.fft`);
- :mod:`sigfeat.signal`: ``convolve``, ``fftconvolve``, ``oaconvolve`` (as
  :mod:`scipy.signal`, 1-D);
- :mod:`sigfeat.feature`: ``canny`` (as :mod:`skimage.feature`);
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
- :mod:`sigfeat.timeseries`: ``MiniRocket`` (as sktime's / aeon's).

:mod:`sigfeat.dask` (``pip install 'sigfeat[dask]'``) applies fitted transformers partition by
partition on a Dask cluster and fits the scaler, PCA and k-means from per-partition statistics.

Arrays of ``float32`` and ``float64`` (``complex64`` / ``complex128`` for inverse transforms)
are read in place, whatever their strides; the result has the input's dtype. Other dtypes raise
``TypeError`` (convert with ``.astype(numpy.float64)``); bad values raise ``ValueError`` with
the Rust library's message.
"""

from importlib.metadata import PackageNotFoundError, version

from . import audio, feature, fft, filters, ndimage, signal, stats

try:
    __version__ = version("sigfeat")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = ["audio", "feature", "fft", "filters", "ndimage", "signal", "stats", "__version__"]
