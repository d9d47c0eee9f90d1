//! The few dense linear-algebra kernels the solvers need, on faer (pure Rust, rayon GEMM).

use faer::{Accum, Mat, MatMut, MatRef, Par};
use ndarray::{Array1, Array2, ArrayView2};

use crate::{Error, Result};

fn with_faer<R>(a: ArrayView2<'_, f64>, f: impl FnOnce(MatRef<'_, f64>) -> R) -> R {
    let (rows, cols) = a.dim();
    if let Some(s) = a.to_slice() {
        return f(MatRef::from_row_major_slice(s, rows, cols));
    }
    if let Some(s) = a.t().to_slice() {
        return f(MatRef::from_column_major_slice(s, rows, cols));
    }
    let owned = a.as_standard_layout().into_owned();
    // `as_standard_layout().into_owned()` is C-contiguous by construction
    let s = owned.as_slice().unwrap_or(&[]);
    f(MatRef::from_row_major_slice(s, rows, cols))
}

/// `a @ b` on faer's parallel GEMM (callers guarantee the shapes fit).
pub(crate) fn matmul(a: ArrayView2<'_, f64>, b: ArrayView2<'_, f64>) -> Array2<f64> {
    let (m, n) = (a.nrows(), b.ncols());
    let mut out = Array2::<f64>::zeros((m, n));
    with_faer(a, |fa| {
        with_faer(b, |fb| {
            // a fresh `zeros` array is C-contiguous
            if let Some(s) = out.as_slice_mut() {
                let dst: MatMut<'_, f64> = MatMut::from_row_major_slice_mut(s, m, n);
                faer::linalg::matmul::matmul(dst, Accum::Replace, fa, fb, 1.0, Par::rayon(0));
            }
        })
    });
    out
}

/// Eigenvalues (ascending) and eigenvectors (columns) of a symmetric matrix.
pub(crate) fn sym_eigh(c: ArrayView2<'_, f64>) -> Result<(Array1<f64>, Array2<f64>)> {
    let n = c.nrows();
    let evd = with_faer(c, |m| m.self_adjoint_eigen(faer::Side::Lower)).map_err(|_| {
        Error::NotConverged {
            what: "symmetric eigendecomposition",
            iterations: 0,
            residual: f64::NAN,
        }
    })?;
    let s = evd.S().column_vector();
    let u = evd.U();
    Ok((
        Array1::from_shape_fn(n, |i| s[i]),
        Array2::from_shape_fn((n, n), |(i, j)| u[(i, j)]),
    ))
}

/// A Cholesky factor of a symmetric positive-definite matrix, for repeated solves.
pub(crate) struct Cholesky {
    llt: faer::linalg::solvers::Llt<f64>,
    n: usize,
}

impl Cholesky {
    pub(crate) fn new(what: &'static str, a: ArrayView2<'_, f64>) -> Result<Self> {
        let llt = with_faer(a, |m| m.llt(faer::Side::Lower))
            .map_err(|_| Error::NotPositiveDefinite { what })?;
        Ok(Self { llt, n: a.nrows() })
    }

    /// Solves `A x = b` in place.
    pub(crate) fn solve(&self, b: &mut [f64]) {
        use faer::linalg::solvers::Solve;
        let rhs = Mat::<f64>::from_fn(self.n, 1, |i, _| b[i]);
        let x = self.llt.solve(rhs);
        for (i, v) in b.iter_mut().enumerate() {
            *v = x[(i, 0)];
        }
    }
}
