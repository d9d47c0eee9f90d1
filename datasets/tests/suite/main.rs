//! datasets's integration tests, one binary: each module used to be a test binary of its own,
//! and each binary compiled and linked the crate's generics again.

mod audio;
mod folder;
mod idx;
mod images;
mod length;
mod speech;
mod ucr;
