//! filters's integration tests, one binary: each module used to be a test binary of its own,
//! and each binary compiled and linked the crate's generics again.

mod canny;
mod common;
mod convert;
mod frequency;
mod gabor;
mod gaussian_edges;
mod metrics;
mod properties;
mod resize;
mod scale;
