//! Empty: the build-dependencies of Cargo.toml only align the proc-macros' `syn` features with
//! the workspace's, so that maturin's build of this crate reuses the workspace's artifacts.

fn main() {}
