//! reduce's integration tests, one binary: each module used to be a test binary of its own,
//! and each binary compiled and linked the crate's generics again.

mod errors;
mod lda_shrinkage;
mod properties;
mod sklearn_fixtures;
