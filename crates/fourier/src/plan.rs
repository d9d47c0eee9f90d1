//! Plan caches and reusable scratch buffers, one set per float type.
//!
//! Plans are built once per (length, direction) by realfft's / rustfft's planners, which keep
//! every plan they build as an `Arc`. Each float type has one global planner behind a `Mutex`,
//! held only while a plan is looked up (or built the first time); the transform itself runs on
//! the returned `Arc` without the lock, so threads share plans freely.
//!
//! Scratch memory lives in per-thread buffers that grow to the largest size used on that thread
//! and are then reused, so a call allocates only the array it returns.

use std::cell::RefCell;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use num_complex::Complex;
use rayon::prelude::*;
use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};
use rustfft::{Fft, FftNum, FftPlanner};

/// A float type with FFT support: `f32` and `f64`.
///
/// Gives access to the type's global plan cache and its per-thread scratch buffers.
pub trait FftFloat: dsp_core::Float + FftNum {
    /// The global plan cache of this float type.
    fn planners() -> &'static Planners<Self>;
    /// Runs `f` with this thread's scratch buffers (fresh ones if they are already in use
    /// further up the stack, so nesting is safe).
    fn with_buffers<R>(f: impl FnOnce(&mut Buffers<Self>) -> R) -> R;
}

/// The plan cache of one float type: realfft's planner for real transforms, rustfft's for
/// complex ones. Obtain it through [`FftFloat::planners`].
pub struct Planners<T: FftFloat> {
    real: Mutex<RealFftPlanner<T>>,
    complex: Mutex<FftPlanner<T>>,
}

impl<T: FftFloat> Planners<T> {
    fn new() -> Self {
        Self {
            real: Mutex::new(RealFftPlanner::new()),
            complex: Mutex::new(FftPlanner::new()),
        }
    }

    /// The cached real-to-complex plan of length `n` (built on first use).
    pub fn r2c(&self, n: usize) -> Arc<dyn RealToComplex<T>> {
        // A panic while planning leaves the planner's cache consistent (plans are inserted
        // whole), so a poisoned lock is safe to keep using.
        self.real
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .plan_fft_forward(n)
    }

    /// The cached complex-to-real plan of length `n` (built on first use).
    pub fn c2r(&self, n: usize) -> Arc<dyn ComplexToReal<T>> {
        self.real
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .plan_fft_inverse(n)
    }

    /// The cached complex plan of length `n`, forward or inverse (unnormalised).
    pub fn complex(&self, n: usize, inverse: bool) -> Arc<dyn Fft<T>> {
        let mut p = self.complex.lock().unwrap_or_else(PoisonError::into_inner);
        if inverse {
            p.plan_fft_inverse(n)
        } else {
            p.plan_fft_forward(n)
        }
    }
}

/// Per-thread scratch: a real buffer, a complex buffer and an FFT scratch buffer.
#[derive(Default)]
pub struct Buffers<T> {
    /// Real work buffer.
    pub real: Vec<T>,
    /// Complex work buffer.
    pub complex: Vec<Complex<T>>,
    /// Scratch for `process_with_scratch`.
    pub scratch: Vec<Complex<T>>,
}

/// A zero-filled vector, filled (and so page-faulted in) by all rayon threads: for large
/// outputs the first touch of fresh memory costs as much as the transform's own passes.
pub(crate) fn par_zeros<A: Default + Copy + Send + Sync>(len: usize) -> Vec<A> {
    if len < 1 << 16 {
        return vec![A::default(); len];
    }
    (0..len)
        .into_par_iter()
        .with_min_len(1 << 14)
        .map(|_| A::default())
        .collect()
}

/// `buf` resized to exactly `len` (contents unspecified); grows only when needed.
pub(crate) fn sized<T: Clone + Default>(buf: &mut Vec<T>, len: usize) -> &mut [T] {
    if buf.len() < len {
        buf.resize(len, T::default());
    }
    &mut buf[..len]
}

macro_rules! impl_fft_float {
    ($t:ty, $planners:ident, $buffers:ident) => {
        static $planners: OnceLock<Planners<$t>> = OnceLock::new();
        thread_local! {
            static $buffers: RefCell<Buffers<$t>> = RefCell::new(Buffers::default());
        }
        impl FftFloat for $t {
            fn planners() -> &'static Planners<$t> {
                $planners.get_or_init(Planners::new)
            }
            fn with_buffers<R>(f: impl FnOnce(&mut Buffers<$t>) -> R) -> R {
                $buffers.with(|cell| match cell.try_borrow_mut() {
                    Ok(mut b) => f(&mut b),
                    Err(_) => f(&mut Buffers::default()),
                })
            }
        }
    };
}

impl_fft_float!(f32, PLANNERS_F32, BUFFERS_F32);
impl_fft_float!(f64, PLANNERS_F64, BUFFERS_F64);
