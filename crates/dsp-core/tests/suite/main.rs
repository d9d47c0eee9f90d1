//! dsp-core's integration tests, one binary: each module used to be a test binary of its own,
//! and each binary compiled and linked the crate's generics again.

mod common;
mod convolve;
mod kde;
mod kernels;
mod ndimage;
mod signal;
