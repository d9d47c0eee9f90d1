//! # sigfeat-fourier
//!
//! FFTs done properly on top of realfft/rustfft.
#![deny(missing_docs)]
