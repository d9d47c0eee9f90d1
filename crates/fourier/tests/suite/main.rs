//! fourier's integration tests, one binary: each module used to be a test binary of its own,
//! and each binary compiled and linked the crate's generics again (about 15 s apiece).

mod common;
mod kde;
mod numpy_fft;
mod numpy_fft_args;
mod properties;
mod scipy_convolve;
mod scipy_stft;
