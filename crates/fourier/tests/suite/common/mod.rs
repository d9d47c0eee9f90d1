//! Fixture loading and comparison shared by the integration tests.
#![allow(dead_code)]

use fourier::Complex;
use ndarray::{ArrayD, Axis, IxDyn};
use ndarray_npy::read_npy;

/// A float64 fixture of any shape.
pub fn real(name: &str) -> ArrayD<f64> {
    let path = format!(
        "{}/tests/fixtures/fourier/{name}.npy",
        env!("CARGO_MANIFEST_DIR")
    );
    read_npy(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A complex fixture stored as float64 with a trailing (re, im) axis.
pub fn complex(name: &str) -> ArrayD<Complex<f64>> {
    let r = real(name);
    let last = r.ndim() - 1;
    let shape: Vec<usize> = r.shape()[..last].to_vec();
    let re = r.index_axis(Axis(last), 0);
    let im = r.index_axis(Axis(last), 1);
    let mut out = ArrayD::from_elem(IxDyn(&shape), Complex::new(0.0, 0.0));
    ndarray::Zip::from(&mut out)
        .and(&re)
        .and(&im)
        .for_each(|o, &a, &b| *o = Complex::new(a, b));
    out
}

/// Max abs difference relative to the reference's max abs.
pub fn rel_err<'a, A, I, J>(got: I, want: J) -> f64
where
    A: Norm + 'a,
    I: IntoIterator<Item = &'a A>,
    J: IntoIterator<Item = &'a A>,
{
    let got: Vec<&A> = got.into_iter().collect();
    let want: Vec<&A> = want.into_iter().collect();
    assert_eq!(got.len(), want.len(), "length");
    let scale = want.iter().fold(1e-300_f64, |m, x| m.max(x.abs_f64()));
    got.iter()
        .zip(&want)
        .map(|(g, w)| g.diff_f64(w))
        .fold(0.0, f64::max)
        / scale
}

/// Magnitude and difference in f64 for real and complex values.
pub trait Norm {
    /// |x|.
    fn abs_f64(&self) -> f64;
    /// |x - y|.
    fn diff_f64(&self, other: &Self) -> f64;
}

impl Norm for f64 {
    fn abs_f64(&self) -> f64 {
        self.abs()
    }
    fn diff_f64(&self, other: &Self) -> f64 {
        (self - other).abs()
    }
}

impl Norm for Complex<f64> {
    fn abs_f64(&self) -> f64 {
        self.norm()
    }
    fn diff_f64(&self, other: &Self) -> f64 {
        (self - other).norm()
    }
}

/// Asserts `rel_err < 1e-12`, naming the case.
#[track_caller]
pub fn close<'a, A, I, J>(what: &str, got: I, want: J)
where
    A: Norm + 'a,
    I: IntoIterator<Item = &'a A>,
    J: IntoIterator<Item = &'a A>,
{
    let e = rel_err(got, want);
    assert!(e < 1e-12, "{what}: relative error {e:e}");
}
