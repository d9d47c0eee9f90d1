//! features-1d's integration tests, one binary: each module used to be a test binary of its own,
//! and each binary compiled and linked the crate's generics again.

mod bands;
mod errors;
mod numpy;
mod rocket;
mod speech;
mod speech_props;
