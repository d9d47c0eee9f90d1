//! The one float trait every numeric routine in sigfeat is generic over.

use std::fmt::{Debug, Display};
use std::iter::Sum;
use std::ops::{AddAssign, DivAssign, MulAssign, SubAssign};

use ndarray::{Array, ArrayView, CowArray, Dimension, ScalarOperand};
use num_traits::{FloatConst, FromPrimitive, ToPrimitive};

/// A real floating-point sample type: implemented for `f32` and `f64`.
///
/// Everything numeric in sigfeat is generic over `Float`, so one code path
/// serves both precisions and the compiler vectorises each.
pub trait Float:
    num_traits::Float
    + FloatConst
    + FromPrimitive
    + ToPrimitive
    + ScalarOperand
    + AddAssign
    + SubAssign
    + MulAssign
    + DivAssign
    + Sum
    + Default
    + Debug
    + Display
    + Send
    + Sync
    + 'static
{
    /// Converts an `f64` constant or parameter to this type (rounding for `f32`).
    fn of(x: f64) -> Self;
    /// Converts a count or index to this type.
    fn of_usize(n: usize) -> Self;
    /// This value as `f64` (exact for both `f32` and `f64`).
    fn to_f64_lossless(self) -> f64;

    /// An array of this type as `f64`: borrowed as it is for `f64` (no copy), widened exactly
    /// into a new array for `f32`. For solvers that compute in `f64` whatever the input type.
    fn view_f64<D: Dimension>(x: ArrayView<'_, Self, D>) -> CowArray<'_, f64, D>;

    /// An `f64` array as this type: moved as it is for `f64`, rounded for `f32`.
    fn from_f64_array<D: Dimension>(x: Array<f64, D>) -> Array<Self, D>;

    /// The slice as `f32` when this type is `f32` (`None` for `f64`): lets a generic routine
    /// hand `f32` data to a kernel written for `f32` alone, without copying or `unsafe`.
    fn as_f32_slice(x: &[Self]) -> Option<&[f32]>;
}

impl Float for f32 {
    #[inline(always)]
    fn of(x: f64) -> Self {
        x as f32
    }
    #[inline(always)]
    fn of_usize(n: usize) -> Self {
        n as f32
    }
    #[inline(always)]
    fn to_f64_lossless(self) -> f64 {
        f64::from(self)
    }
    fn view_f64<D: Dimension>(x: ArrayView<'_, Self, D>) -> CowArray<'_, f64, D> {
        CowArray::from(x.mapv(f64::from))
    }
    fn from_f64_array<D: Dimension>(x: Array<f64, D>) -> Array<Self, D> {
        x.mapv(|v| v as f32)
    }
    #[inline(always)]
    fn as_f32_slice(x: &[Self]) -> Option<&[f32]> {
        Some(x)
    }
}

impl Float for f64 {
    #[inline(always)]
    fn of(x: f64) -> Self {
        x
    }
    #[inline(always)]
    fn of_usize(n: usize) -> Self {
        n as f64
    }
    #[inline(always)]
    fn to_f64_lossless(self) -> f64 {
        self
    }
    fn view_f64<D: Dimension>(x: ArrayView<'_, Self, D>) -> CowArray<'_, f64, D> {
        CowArray::from(x)
    }
    fn from_f64_array<D: Dimension>(x: Array<f64, D>) -> Array<Self, D> {
        x
    }
    #[inline(always)]
    fn as_f32_slice(_: &[Self]) -> Option<&[f32]> {
        None
    }
}
