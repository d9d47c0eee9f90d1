//! # sigfeat-datasets
//!
//! sigfeat's I/O layer: file formats and data-set loaders into `ndarray`,
//! together with the data the project ships under `datasets/`. Not built
//! yet: it holds no public items until the issues that need data fill it.
#![deny(missing_docs)]
