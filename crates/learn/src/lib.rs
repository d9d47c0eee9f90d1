//! # sigfeat-learn
//!
//! This layer is not built yet: it holds no public items. Its capabilities
//! arrive with the issue that fills it (see the README's crate map); until
//! then nothing here claims to work.
#![deny(missing_docs)]
