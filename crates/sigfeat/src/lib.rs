//! # sigfeat
//!
//! Signals to features for machine learning. This facade re-exports each
//! layer as a module; `use sigfeat::prelude::*` brings the common names.
#![deny(missing_docs)]

pub use dsp_core;
pub use fourier;

/// The names most programs need.
pub mod prelude {
    pub use dsp_core::{BoundaryMode, ConvMode, Error as DspError, Float};
}
