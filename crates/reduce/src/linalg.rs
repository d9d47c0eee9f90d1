//! Dense linear algebra for PCA, LDA and the solvers of `learn`, on `ndarray` arrays: the one
//! linear-algebra layer of sigfeat (`learn` uses it rather than a copy).
//!
//! Products always run on faer's GEMM (pure Rust, rayon-parallel over the current pool). The
//! decompositions (symmetric eigen, thin SVD, thin QR) use faer by default and LAPACK (through
//! `ndarray-linalg` on the system OpenBLAS) with the `lapack` feature; both give the same results
//! to rounding, and the same tests run against either.

use faer::{Accum, Mat, MatMut, MatRef, Par};
use ndarray::{Array1, Array2, ArrayView2};

use crate::{Error, Result};

/// A faer view of a C- or F-contiguous `ndarray` view, without copying.
fn faer_ref<'a>(a: ArrayView2<'a, f64>) -> Option<MatRef<'a, f64>> {
    let (rows, cols) = a.dim();
    if let Some(s) = a.to_slice() {
        return Some(MatRef::from_row_major_slice(s, rows, cols));
    }
    if let Some(s) = a.reversed_axes().to_slice() {
        return Some(MatRef::from_column_major_slice(s, rows, cols));
    }
    None
}

/// Runs `f` on a faer view of `a`, copying `a` into standard layout first only when it is neither
/// C- nor F-contiguous.
fn with_faer<R>(a: ArrayView2<'_, f64>, f: impl FnOnce(MatRef<'_, f64>) -> R) -> R {
    match faer_ref(a.view()) {
        Some(m) => f(m),
        None => {
            let owned = a.as_standard_layout().into_owned();
            let (rows, cols) = owned.dim();
            // `as_standard_layout().into_owned()` is C-contiguous by construction.
            let s = owned
                .as_slice()
                .expect("standard layout array is contiguous");
            f(MatRef::from_row_major_slice(s, rows, cols))
        }
    }
}

/// Writes a faer product into a fresh standard-layout `rows x cols` array.
fn into_array(rows: usize, cols: usize, f: impl FnOnce(MatMut<'_, f64>)) -> Array2<f64> {
    let mut out = Array2::<f64>::zeros((rows, cols));
    // A freshly allocated `zeros` array is C-contiguous.
    let s = out.as_slice_mut().expect("fresh array is contiguous");
    f(MatMut::from_row_major_slice_mut(s, rows, cols));
    out
}

/// `a @ b` (shapes `m x k` and `k x n`; callers guarantee they fit).
pub fn matmul(a: ArrayView2<'_, f64>, b: ArrayView2<'_, f64>) -> Array2<f64> {
    let (m, n) = (a.nrows(), b.ncols());
    with_faer(a, |fa| {
        with_faer(b, |fb| {
            into_array(m, n, |dst| {
                faer::linalg::matmul::matmul(dst, Accum::Replace, fa, fb, 1.0, Par::rayon(0));
            })
        })
    })
}

/// `a^T @ a` (the `p x p` Gram matrix of an `n x p` matrix): one GEMM that computes only the
/// lower triangle (half the flops), mirrored into the upper one.
pub fn gram(a: ArrayView2<'_, f64>) -> Array2<f64> {
    use faer::linalg::matmul::triangular::{BlockStructure, matmul as tri_matmul};
    let p = a.ncols();
    let mut out = with_faer(a, |fa| {
        into_array(p, p, |dst| {
            tri_matmul(
                dst,
                BlockStructure::TriangularLower,
                Accum::Replace,
                fa.transpose(),
                BlockStructure::Rectangular,
                fa,
                BlockStructure::Rectangular,
                1.0,
                Par::rayon(0),
            );
        })
    });
    for i in 0..p {
        for j in i + 1..p {
            out[[i, j]] = out[[j, i]];
        }
    }
    out
}

/// Eigen-decomposition of a symmetric matrix (lower triangle read): eigenvalues in ascending
/// order and the eigenvectors as columns.
///
/// # Errors
/// [`Error::NoConvergence`] if the eigensolver fails.
pub fn sym_eigh(c: ArrayView2<'_, f64>) -> Result<(Array1<f64>, Array2<f64>)> {
    #[cfg(not(feature = "lapack"))]
    {
        let n = c.nrows();
        let evd = with_faer(c, |m| m.self_adjoint_eigen(faer::Side::Lower)).map_err(|_| {
            Error::NoConvergence {
                what: "symmetric eigendecomposition",
            }
        })?;
        let s = evd.S().column_vector();
        let u = evd.U();
        let values = Array1::from_shape_fn(n, |i| s[i]);
        let vectors = Array2::from_shape_fn((n, n), |(i, j)| u[(i, j)]);
        Ok((values, vectors))
    }
    #[cfg(feature = "lapack")]
    {
        use ndarray_linalg::{Eigh, UPLO};
        let c = c.as_standard_layout().into_owned();
        c.eigh(UPLO::Lower).map_err(|_| Error::NoConvergence {
            what: "symmetric eigendecomposition",
        })
    }
}

/// Eigenvectors of the symmetric tridiagonal matrix with diagonal `d` and off-diagonal `e` for
/// the given eigenvalues (descending), as the columns of an `n x k` matrix, by inverse iteration
/// (LAPACK `dstein`'s method: a pivoted tridiagonal LU of `T - lambda I`, a few solves from a
/// fixed pseudo-random start, Gram-Schmidt against earlier vectors of the same cluster).
///
/// Returns `None` unless every vector passes the check `||T z - lambda z|| <= 1e-12 ||T||` and
/// the vectors are orthonormal to 1e-12; the caller then falls back to the full decomposition.
#[cfg(not(feature = "lapack"))]
fn tridiagonal_inverse_iteration(d: &[f64], e: &[f64], lambdas: &[f64]) -> Option<faer::Mat<f64>> {
    let n = d.len();
    let k = lambdas.len();
    let mut z = faer::Mat::<f64>::zeros(n, k);
    if k == 0 {
        return Some(z);
    }
    let tnorm = (0..n)
        .map(|i| {
            d[i].abs()
                + if i > 0 { e[i - 1].abs() } else { 0.0 }
                + if i + 1 < n { e[i].abs() } else { 0.0 }
        })
        .fold(0.0, f64::max);
    if !tnorm.is_finite() {
        return None;
    }
    if tnorm == 0.0 {
        // T = 0: any orthonormal basis; the unit vectors.
        for j in 0..k {
            z[(j, j)] = 1.0;
        }
        return Some(z);
    }
    let tiny = f64::EPSILON * tnorm;
    let cluster = 1e-3 * tnorm;
    // LU workspace of T - lambda I with partial pivoting (dgttrf's layout).
    let (mut dl, mut dd, mut du, mut du2) =
        (vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    let mut swap = vec![false; n];
    let mut x = vec![0.0; n];
    let mut cluster_start = 0;
    for (j, &lambda) in lambdas.iter().enumerate() {
        if j > 0 && (lambdas[j - 1] - lambda).abs() > cluster {
            cluster_start = j;
        }
        // Factor.
        dd.copy_from_slice(d);
        for v in &mut dd {
            *v -= lambda;
        }
        dl[..n - 1].copy_from_slice(e);
        du[..n - 1].copy_from_slice(e);
        du2.iter_mut().for_each(|v| *v = 0.0);
        for i in 0..n.saturating_sub(1) {
            if dd[i].abs() >= dl[i].abs() {
                swap[i] = false;
                if dd[i] == 0.0 {
                    dd[i] = tiny;
                }
                let fact = dl[i] / dd[i];
                dl[i] = fact;
                dd[i + 1] -= fact * du[i];
            } else {
                swap[i] = true;
                let fact = dd[i] / dl[i];
                dd[i] = dl[i];
                dl[i] = fact;
                let temp = du[i];
                du[i] = dd[i + 1];
                dd[i + 1] = temp - fact * dd[i + 1];
                if i + 2 < n {
                    du2[i] = du[i + 1];
                    du[i + 1] *= -fact;
                }
            }
        }
        for v in &mut dd {
            if v.abs() < tiny {
                *v = if *v < 0.0 { -tiny } else { tiny };
            }
        }
        // Start: a fixed pseudo-random vector (splitmix64), never orthogonal by construction.
        let mut state = 0x9E37_79B9_7F4A_7C15_u64 ^ (j as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        for v in &mut x {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut h = state;
            h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            h ^= h >> 31;
            *v = (h >> 11) as f64 / (1u64 << 53) as f64 - 0.5;
        }
        for _ in 0..4 {
            // Solve L U x = P b.
            for i in 0..n - 1 {
                if swap[i] {
                    let t = x[i];
                    x[i] = x[i + 1];
                    x[i + 1] = t - dl[i] * x[i];
                } else {
                    x[i + 1] -= dl[i] * x[i];
                }
            }
            x[n - 1] /= dd[n - 1];
            if n > 1 {
                x[n - 2] = (x[n - 2] - du[n - 2] * x[n - 1]) / dd[n - 2];
            }
            for i in (0..n.saturating_sub(2)).rev() {
                x[i] = (x[i] - du[i] * x[i + 1] - du2[i] * x[i + 2]) / dd[i];
            }
            // Orthogonalise against the earlier vectors of this cluster, then normalise.
            for c in cluster_start..j {
                let dot: f64 = (0..n).map(|i| x[i] * z[(i, c)]).sum();
                for (i, v) in x.iter_mut().enumerate() {
                    *v -= dot * z[(i, c)];
                }
            }
            let norm = x.iter().map(|v| v * v).sum::<f64>().sqrt();
            if !norm.is_finite() || norm == 0.0 {
                return None;
            }
            for v in &mut x {
                *v /= norm;
            }
        }
        // Check the residual of this vector.
        let mut r2 = 0.0;
        for i in 0..n {
            let mut t = (d[i] - lambda) * x[i];
            if i > 0 {
                t += e[i - 1] * x[i - 1];
            }
            if i + 1 < n {
                t += e[i] * x[i + 1];
            }
            r2 += t * t;
        }
        if r2.sqrt() > 1e-12 * tnorm {
            return None;
        }
        for i in 0..n {
            z[(i, j)] = x[i];
        }
    }
    // Orthonormality of the whole set (vectors of different clusters are orthogonal by the
    // residual bound and the gap; checked all the same).
    for a in 0..k {
        for b in a..k {
            let dot: f64 = (0..n).map(|i| z[(i, a)] * z[(i, b)]).sum();
            let want = if a == b { 1.0 } else { 0.0 };
            if (dot - want).abs() > 1e-12 {
                return None;
            }
        }
    }
    Some(z)
}

/// Symmetric eigendecomposition (lower triangle read) that back-transforms only the leading
/// eigenvectors: all eigenvalues in descending order, and the eigenvectors of the first
/// `pick(&values)` of them (capped at the dimension) as the rows of a `k x n` array.
///
/// With faer: Householder tridiagonalisation, the tridiagonal eigenvalues alone, then the
/// eigenvectors of the kept `k` only — by inverse iteration on the tridiagonal when `k <= n / 4`
/// (checked: residual and orthonormality to 1e-12, else the divide and conquer for all of them)
/// — mapped back through the Householder reflections: the `n x n x n` vector work of a full
/// decomposition shrinks to `n x n x k`.
pub(crate) fn sym_eigh_top(
    c: ArrayView2<'_, f64>,
    pick: impl FnOnce(&Array1<f64>) -> usize,
) -> Result<(Array1<f64>, Array2<f64>)> {
    #[cfg(not(feature = "lapack"))]
    {
        use faer::dyn_stack::{MemBuffer, MemStack};
        use faer::linalg::evd;
        use faer::{Col, Conj, Mat};

        let n = c.nrows();
        let err = |_| Error::NoConvergence {
            what: "symmetric eigendecomposition",
        };
        let par = Par::rayon(0);
        let mut trid = Mat::<f64>::from_fn(n, n, |i, j| if i >= j { c[[i, j]] } else { 0.0 });
        let bs = faer::linalg::qr::no_pivoting::factor::recommended_block_size::<f64>(n, n);
        let mut house = Mat::<f64>::zeros(bs, n.saturating_sub(1));
        let mut mem = MemBuffer::new(evd::self_adjoint_evd_scratch::<f64>(
            n,
            evd::ComputeEigenvectors::Yes,
            par,
            Default::default(),
        ));
        let stack = MemStack::new(&mut mem);
        // faer's threaded tridiagonalisation is slower than its sequential one at PCA sizes
        // (784 x 784 on 2 threads: ~50 ms against ~25 ms, measured 2026-11-27); thread only
        // large matrices.
        let tpar = if n <= 1024 { Par::Seq } else { par };
        let mut tmem = MemBuffer::new(evd::tridiag::tridiag_in_place_scratch::<f64>(
            n,
            tpar,
            Default::default(),
        ));
        evd::tridiag::tridiag_in_place(
            trid.as_mut(),
            house.as_mut(),
            tpar,
            MemStack::new(&mut tmem),
            Default::default(),
        );
        let d: Vec<f64> = (0..n).map(|i| trid[(i, i)]).collect();
        let e: Vec<f64> = (0..n.saturating_sub(1)).map(|i| trid[(i + 1, i)]).collect();
        let diag = Col::<f64>::from_fn(n, |i| d[i]);
        let sub = Col::<f64>::from_fn(n.saturating_sub(1), |i| e[i]);
        let mut s = Col::<f64>::zeros(n);
        // Eigenvalues first (no vectors: O(n^2)), then vectors only for the kept ones.
        evd::tridiagonal_self_adjoint_evd(
            diag.as_diagonal(),
            sub.as_diagonal(),
            s.as_diagonal_mut(),
            None,
            par,
            stack,
            Default::default(),
        )
        .map_err(err)?;
        // faer returns ascending eigenvalues.
        let values: Array1<f64> = (0..n).rev().map(|i| s[i]).collect();
        let k = pick(&values).min(n);
        let wanted: Vec<f64> = values.iter().take(k).copied().collect();
        // A few kept vectors: inverse iteration on the tridiagonal, verified; otherwise (many
        // vectors, or a check failing) the divide and conquer for all of them.
        let z = if 4 * k <= n {
            tridiagonal_inverse_iteration(&d, &e, &wanted)
        } else {
            None
        };
        let mut top = match z {
            Some(z) => z,
            None => {
                let mut s = Col::<f64>::zeros(n);
                let mut u = Mat::<f64>::zeros(n, n);
                evd::tridiagonal_self_adjoint_evd(
                    diag.as_diagonal(),
                    sub.as_diagonal(),
                    s.as_diagonal_mut(),
                    Some(u.as_mut()),
                    par,
                    stack,
                    Default::default(),
                )
                .map_err(err)?;
                Mat::<f64>::from_fn(n, k, |i, j| u[(i, n - 1 - j)])
            }
        };
        if n > 1 {
            faer::linalg::householder::apply_block_householder_sequence_on_the_left_in_place_with_conj(
                trid.as_ref().submatrix(1, 0, n - 1, n - 1),
                house.as_ref(),
                Conj::No,
                top.as_mut().subrows_mut(1, n - 1),
                par,
                stack,
            );
        }
        let vt = Array2::from_shape_fn((k, n), |(i, j)| top[(j, i)]);
        Ok((values, vt))
    }
    #[cfg(feature = "lapack")]
    {
        let (values, vectors) = sym_eigh(c)?;
        let n = values.len();
        let values: Array1<f64> = values.iter().rev().copied().collect();
        let k = pick(&values).min(n);
        let vt = Array2::from_shape_fn((k, n), |(i, j)| vectors[[j, n - 1 - i]]);
        Ok((values, vt))
    }
}

/// Thin SVD `a = U diag(S) Vt` of an `m x n` matrix: `(U (m x r), S (r, descending), Vt (r x n))`
/// with `r = min(m, n)`.
///
/// # Errors
/// [`Error::NoConvergence`] if the SVD fails.
pub fn thin_svd(a: ArrayView2<'_, f64>) -> Result<(Array2<f64>, Array1<f64>, Array2<f64>)> {
    #[cfg(not(feature = "lapack"))]
    {
        let (m, n) = a.dim();
        let r = m.min(n);
        let svd =
            with_faer(a, |f| f.thin_svd()).map_err(|_| Error::NoConvergence { what: "SVD" })?;
        let (u, s, v) = (svd.U(), svd.S().column_vector(), svd.V());
        let uu = Array2::from_shape_fn((m, r), |(i, j)| u[(i, j)]);
        let ss = Array1::from_shape_fn(r, |i| s[i]);
        let vt = Array2::from_shape_fn((r, n), |(i, j)| v[(j, i)]);
        Ok((uu, ss, vt))
    }
    #[cfg(feature = "lapack")]
    {
        use ndarray_linalg::{JobSvd, SVDDC};
        let a = a.as_standard_layout().into_owned();
        let (u, s, vt) = a
            .svddc(JobSvd::Some)
            .map_err(|_| Error::NoConvergence { what: "SVD" })?;
        match (u, vt) {
            (Some(u), Some(vt)) => Ok((u, s, vt)),
            _ => Err(Error::NoConvergence { what: "SVD" }),
        }
    }
}

/// The orthonormal factor `Q` (`m x min(m, n)`) of a thin QR decomposition of an `m x n` matrix.
///
/// # Errors
/// [`Error::NoConvergence`] if the QR decomposition fails (LAPACK only).
pub fn thin_q(a: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
    #[cfg(not(feature = "lapack"))]
    {
        let (m, n) = a.dim();
        let r = m.min(n);
        let q = with_faer(a, |f| f.qr().compute_thin_Q());
        Ok(Array2::from_shape_fn((m, r), |(i, j)| q[(i, j)]))
    }
    #[cfg(feature = "lapack")]
    {
        use ndarray_linalg::QR;
        let a = a.as_standard_layout().into_owned();
        let (q, _r) = a.qr().map_err(|_| Error::NoConvergence { what: "QR" })?;
        Ok(q)
    }
}

/// The upper-triangular factor `R` (`min(m, n) x n`) of a thin QR decomposition of an `m x n`
/// matrix.
///
/// # Errors
/// [`Error::NoConvergence`] if the QR decomposition fails (LAPACK only).
pub fn thin_r(a: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
    #[cfg(not(feature = "lapack"))]
    {
        let (m, n) = a.dim();
        let r = m.min(n);
        let rr = with_faer(a, |f| f.qr().thin_R().to_owned());
        Ok(Array2::from_shape_fn((r, n), |(i, j)| rr[(i, j)]))
    }
    #[cfg(feature = "lapack")]
    {
        use ndarray_linalg::QR;
        let a = a.as_standard_layout().into_owned();
        let (_q, r) = a.qr().map_err(|_| Error::NoConvergence { what: "QR" })?;
        Ok(r)
    }
}

/// A Cholesky factor `A = L L^T` of a symmetric positive-definite matrix (lower triangle read),
/// kept for repeated solves. Always on faer (also with the `lapack` feature).
#[derive(Debug)]
pub struct Cholesky {
    llt: faer::linalg::solvers::Llt<f64>,
    n: usize,
}

impl Cholesky {
    /// Factors `a` (`n x n`); `what` names the matrix in the error.
    ///
    /// # Errors
    /// [`Error::NotPositiveDefinite`] when `a` is not (numerically) positive definite;
    /// [`Error::FeatureCountMismatch`] when `a` is not square.
    pub fn new(what: &'static str, a: ArrayView2<'_, f64>) -> Result<Self> {
        if a.nrows() != a.ncols() {
            return Err(Error::FeatureCountMismatch {
                expected: a.nrows(),
                got: a.ncols(),
            });
        }
        let llt = with_faer(a, |m| m.llt(faer::Side::Lower))
            .map_err(|_| Error::NotPositiveDefinite { what })?;
        Ok(Self { llt, n: a.nrows() })
    }

    /// The order `n` of the factored matrix.
    #[must_use]
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether the factored matrix is `0 x 0`.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Solves `A x = b` in place.
    ///
    /// # Errors
    /// [`Error::FeatureCountMismatch`] when `b.len() != n`.
    pub fn solve(&self, b: &mut [f64]) -> Result<()> {
        use faer::linalg::solvers::Solve;
        if b.len() != self.n {
            return Err(Error::FeatureCountMismatch {
                expected: self.n,
                got: b.len(),
            });
        }
        let rhs = Mat::<f64>::from_fn(self.n, 1, |i, _| b[i]);
        let x = self.llt.solve(rhs);
        for (i, v) in b.iter_mut().enumerate() {
            *v = x[(i, 0)];
        }
        Ok(())
    }
}

/// Minimum-norm least-squares solution of `a x = b` (`a` is `m x n`, `b` is `m x k`; returns
/// `x`, `n x k`, and the effective rank of `a`), through the thin SVD as `scipy.linalg.lstsq`'s
/// default driver (`gelsd`): singular values at or below `rcond * s_max` count as zero.
///
/// # Errors
/// [`Error::FeatureCountMismatch`] when `b` does not have `m` rows; [`Error::NoConvergence`] if
/// the SVD fails.
pub fn lstsq(
    a: ArrayView2<'_, f64>,
    b: ArrayView2<'_, f64>,
    rcond: f64,
) -> Result<(Array2<f64>, usize)> {
    if a.nrows() != b.nrows() {
        return Err(Error::FeatureCountMismatch {
            expected: a.nrows(),
            got: b.nrows(),
        });
    }
    let (u, s, vt) = thin_svd(a)?;
    let cut = rcond * s.first().copied().unwrap_or(0.0);
    let rank = s.iter().filter(|&&v| v > cut).count();
    // x = V[:, :r] diag(1 / s[:r]) U[:, :r]^T b
    let mut utb = matmul(
        u.slice_axis(ndarray::Axis(1), ndarray::Slice::from(..rank))
            .t(),
        b,
    );
    for (mut row, &sv) in utb.rows_mut().into_iter().zip(&s) {
        row.mapv_inplace(|v| v / sv);
    }
    Ok((
        matmul(
            vt.slice_axis(ndarray::Axis(0), ndarray::Slice::from(..rank))
                .t(),
            utb.view(),
        ),
        rank,
    ))
}

/// The generalized symmetric-definite eigenproblem `a x = lambda b x` (`a` symmetric, `b`
/// symmetric positive definite, lower triangles read), equal to `scipy.linalg.eigh(a, b)`:
/// eigenvalues in ascending order and the eigenvectors as columns, normalised so that
/// `X^T b X = I`.
///
/// LAPACK `sygvd`'s method: the Cholesky factor `b = L L^T` (faer, with either backend),
/// the standard problem `C = L^-1 a L^-T` solved by [`sym_eigh`] (faer or LAPACK), and the
/// eigenvectors mapped back as `L^-T Y`.
///
/// `b` is refused when its Cholesky factorisation fails, as LAPACK's, and also when it is
/// numerically singular: its smallest eigenvalue at or below `n * eps` times its largest (the
/// eigenvectors of such a pencil are rounding noise, and whether a Cholesky factorisation fails
/// on it is itself decided by rounding).
///
/// # Errors
/// [`Error::NotPositiveDefinite`] (naming `what`) for such a `b`; [`Error::FeatureCountMismatch`]
/// when the matrices are not square of one size; [`Error::NoConvergence`] if the eigensolver
/// fails.
pub fn sym_eigh_generalized(
    a: ArrayView2<'_, f64>,
    b: ArrayView2<'_, f64>,
    what: &'static str,
) -> Result<(Array1<f64>, Array2<f64>)> {
    use faer::linalg::triangular_solve::{
        solve_lower_triangular_in_place, solve_upper_triangular_in_place,
    };
    let n = b.nrows();
    for (rows, cols) in [a.dim(), (b.ncols(), n)] {
        if rows != n || cols != n {
            return Err(Error::FeatureCountMismatch {
                expected: n,
                got: if rows == n { cols } else { rows },
            });
        }
    }
    // Singular (or indefinite) b: its smallest eigenvalue within rounding of zero. The
    // eigenvalues alone (no vectors) cost a fraction of the decomposition below.
    let (b_values, _) = sym_eigh_top(b, |_| 0)?;
    let (max, min) = (
        b_values.first().copied().unwrap_or(0.0),
        b_values.last().copied().unwrap_or(0.0),
    );
    if !(max > 0.0 && min > n as f64 * f64::EPSILON * max) {
        return Err(Error::NotPositiveDefinite { what });
    }
    let llt = with_faer(b, |m| m.llt(faer::Side::Lower))
        .map_err(|_| Error::NotPositiveDefinite { what })?;
    let l = llt.L();
    // W = L^-1 a, then C = L^-1 W^T = L^-1 a L^-T (a symmetric).
    let mut w = Mat::<f64>::from_fn(n, n, |i, j| if i >= j { a[[i, j]] } else { a[[j, i]] });
    solve_lower_triangular_in_place(l, w.as_mut(), Par::rayon(0));
    let mut c = w.transpose().to_owned();
    solve_lower_triangular_in_place(l, c.as_mut(), Par::rayon(0));
    let c = Array2::from_shape_fn((n, n), |(i, j)| 0.5 * (c[(i, j)] + c[(j, i)]));
    let (values, y) = sym_eigh(c.view())?;
    // X = L^-T Y.
    let mut x = Mat::<f64>::from_fn(n, n, |i, j| y[[i, j]]);
    solve_upper_triangular_in_place(l.transpose(), x.as_mut(), Par::rayon(0));
    Ok((values, Array2::from_shape_fn((n, n), |(i, j)| x[(i, j)])))
}

/// sklearn's `svd_flip(u, vt, u_based_decision=False)` on the rows of `vt`: each row is negated
/// when its entry of largest absolute value (the first such, as `numpy.argmax`) is negative.
/// Returns the sign applied to each row, so callers can flip matching `U` columns.
pub(crate) fn flip_rows_by_max_abs(vt: &mut Array2<f64>) -> Vec<f64> {
    let mut signs = Vec::with_capacity(vt.nrows());
    for mut row in vt.rows_mut() {
        let mut best = 0.0_f64;
        let mut sign = 1.0;
        for &v in row.iter() {
            if v.abs() > best {
                best = v.abs();
                sign = if v < 0.0 { -1.0 } else { 1.0 };
            }
        }
        if sign < 0.0 {
            row.mapv_inplace(|v| -v);
        }
        signs.push(sign);
    }
    signs
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn matmul_handles_c_f_and_strided_views() {
        let a = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
        let b = array![[1.0, 0.5], [0.0, -1.0], [2.0, 1.0]];
        let want = a.dot(&b);
        assert_eq!(matmul(a.view(), b.view()), want);
        assert_eq!(matmul(b.t(), a.t()), want.t());
        let strided = a
            .slice_axis(ndarray::Axis(1), ndarray::Slice::new(0, None, 2))
            .to_owned();
        assert_eq!(
            matmul(
                a.slice_axis(ndarray::Axis(1), ndarray::Slice::new(0, None, 2)),
                array![[1.0], [1.0]].view()
            ),
            strided.dot(&array![[1.0], [1.0]])
        );
        assert_eq!(gram(a.view()), a.t().dot(&a));
        let tall = Array2::from_shape_fn((37, 9), |(i, j)| ((i * 5 + j * 3) % 7) as f64 - 2.5);
        let g = gram(tall.view());
        assert!((&g - &tall.t().dot(&tall)).iter().all(|d| d.abs() < 1e-12));
    }

    #[test]
    fn eigh_svd_qr_reconstruct() {
        let a = array![[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]];
        let (w, v) = sym_eigh(a.view()).unwrap();
        assert!(w[0] <= w[1] && w[1] <= w[2]);
        let back = v.dot(&Array2::from_diag(&w)).dot(&v.t());
        assert!((&back - &a).iter().all(|d| d.abs() < 1e-12));
        let b = array![[1.0, 2.0], [3.0, 4.0], [5.0, 7.0]];
        let (u, s, vt) = thin_svd(b.view()).unwrap();
        assert!(s[0] >= s[1]);
        let back = u.dot(&Array2::from_diag(&s)).dot(&vt);
        assert!((&back - &b).iter().all(|d| d.abs() < 1e-12));
        let r = thin_r(b.view()).unwrap();
        let (_, s2, vt2) = thin_svd(r.view()).unwrap();
        assert!((&s2 - &s).iter().all(|d| d.abs() < 1e-12));
        assert!(
            (&vt2.t().dot(&vt2) - &vt.t().dot(&vt))
                .iter()
                .all(|d| d.abs() < 1e-12)
        );
        let q = thin_q(b.view()).unwrap();
        assert_eq!(q.dim(), (3, 2));
        let qtq = q.t().dot(&q);
        assert!(
            (&qtq - &Array2::<f64>::eye(2))
                .iter()
                .all(|d| d.abs() < 1e-12)
        );
    }

    #[test]
    #[cfg(not(feature = "lapack"))]
    fn tridiagonal_inverse_iteration_gives_eigenvectors() {
        // A symmetric tridiagonal matrix as a dense one, for the reference decomposition.
        let n = 40;
        let d: Vec<f64> = (0..n).map(|i| ((i * 17) % 11) as f64 - 5.0).collect();
        let e: Vec<f64> = (0..n - 1)
            .map(|i| 1.0 + ((i * 5) % 7) as f64 / 3.0)
            .collect();
        let t = Array2::from_shape_fn((n, n), |(i, j)| {
            if i == j {
                d[i]
            } else if i == j + 1 {
                e[j]
            } else if j == i + 1 {
                e[i]
            } else {
                0.0
            }
        });
        let (w, _) = sym_eigh(t.view()).unwrap();
        let top: Vec<f64> = (0..8).map(|i| w[n - 1 - i]).collect();
        let z = tridiagonal_inverse_iteration(&d, &e, &top).expect("well separated: converges");
        for (j, &lambda) in top.iter().enumerate() {
            let v = Array1::from_shape_fn(n, |i| z[(i, j)]);
            let r = t.dot(&v) - &v * lambda;
            assert!(r.iter().all(|x| x.abs() < 1e-12 * 20.0), "vector {j}");
            assert!((v.dot(&v) - 1.0).abs() < 1e-12);
        }
        // Two identical decoupled blocks: every eigenvalue is double. Either orthonormal
        // eigenvectors come back, or None (the caller's fallback) — never wrong vectors.
        let mut d2 = d[..10].to_vec();
        d2.extend_from_slice(&d[..10]);
        let mut e2 = e[..9].to_vec();
        e2.push(0.0);
        e2.extend_from_slice(&e[..9]);
        let t2 = Array2::from_shape_fn((20, 20), |(i, j)| {
            if i == j {
                d2[i]
            } else if i == j + 1 {
                e2[j]
            } else if j == i + 1 {
                e2[i]
            } else {
                0.0
            }
        });
        let (w2, _) = sym_eigh(t2.view()).unwrap();
        let top2: Vec<f64> = (0..4).map(|i| w2[19 - i]).collect();
        if let Some(z2) = tridiagonal_inverse_iteration(&d2, &e2, &top2) {
            for (j, &lambda) in top2.iter().enumerate() {
                let v = Array1::from_shape_fn(20, |i| z2[(i, j)]);
                let r = t2.dot(&v) - &v * lambda;
                assert!(
                    r.iter().all(|x| x.abs() < 1e-10),
                    "double eigenvalue, vector {j}"
                );
                for c in 0..j {
                    let u = Array1::from_shape_fn(20, |i| z2[(i, c)]);
                    assert!(u.dot(&v).abs() < 1e-10);
                }
            }
        }
    }

    #[test]
    fn top_eigenvectors_match_the_full_decomposition() {
        let n = 150;
        let b = Array2::from_shape_fn((n + 10, n), |(i, j)| {
            (((i * 7 + j * 13) % 29) as f64 - 14.0) / 7.0 + if i == j { 3.0 } else { 0.0 }
        });
        let c = gram(b.view());
        let (w, v) = sym_eigh(c.view()).unwrap();
        let mut seen = 0;
        let (values, vt) = sym_eigh_top(c.view(), |values| {
            seen = values.len();
            12
        })
        .unwrap();
        assert_eq!(seen, n);
        assert_eq!(vt.dim(), (12, n));
        let scale = w[n - 1];
        for i in 0..n {
            assert!((values[i] - w[n - 1 - i]).abs() < 1e-12 * scale);
        }
        for i in 0..12 {
            let top = vt.row(i);
            let full = v.column(n - 1 - i);
            let sign = top.dot(&full).signum();
            for (x, y) in top.iter().zip(full.iter()) {
                assert!((x - sign * y).abs() < 1e-9, "vector {i}: {x} vs {y}");
            }
            // An eigenvector of c.
            let r = c.dot(&top) - &top * values[i];
            assert!(r.iter().all(|d| d.abs() < 1e-9 * scale));
        }
        let (_, none) = sym_eigh_top(c.view(), |_| 0).unwrap();
        assert_eq!(none.dim(), (0, n));
        let (_, capped) = sym_eigh_top(c.view(), |_| n + 5).unwrap();
        assert_eq!(capped.dim(), (n, n));
    }

    #[test]
    fn lstsq_is_the_minimum_norm_solution() {
        // Nonsingular: the solve.
        let a = array![[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]];
        let b = array![[1.0, 0.0], [2.0, 1.0], [0.5, -1.0]];
        let (x, rank) = lstsq(a.view(), b.view(), 1e-15).unwrap();
        assert_eq!(rank, 3);
        assert!((&a.dot(&x) - &b).iter().all(|d| d.abs() < 1e-13));
        // Rank 2 (third column = first + second): normal equations hold and x has no component
        // along the null vector (1, 1, -1).
        let a = array![
            [1.0, 2.0, 3.0],
            [0.0, 1.0, 1.0],
            [2.0, 0.0, 2.0],
            [1.0, 1.0, 2.0]
        ];
        let b = array![[1.0], [2.0], [0.0], [1.0]];
        let (x, rank) = lstsq(a.view(), b.view(), 1e-12).unwrap();
        assert_eq!(rank, 2);
        let normal = a.t().dot(&a).dot(&x) - a.t().dot(&b);
        assert!(normal.iter().all(|d| d.abs() < 1e-12));
        assert!((x[[0, 0]] + x[[1, 0]] - x[[2, 0]]).abs() < 1e-12);
        assert!(matches!(
            lstsq(
                a.view(),
                b.slice_axis(ndarray::Axis(0), ndarray::Slice::from(..3)),
                1e-12
            ),
            Err(Error::FeatureCountMismatch {
                expected: 4,
                got: 3
            })
        ));
    }

    #[test]
    fn generalized_eigh_solves_the_pencil() {
        let a = array![[2.0, 1.0, 0.0], [1.0, -1.0, 0.5], [0.0, 0.5, 3.0]];
        let b = array![[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]];
        let (w, x) = sym_eigh_generalized(a.view(), b.view(), "b").unwrap();
        assert!(w[0] <= w[1] && w[1] <= w[2]);
        let ax = a.dot(&x);
        let bxw = b.dot(&x).dot(&Array2::from_diag(&w));
        assert!((&ax - &bxw).iter().all(|d| d.abs() < 1e-12));
        let xtbx = x.t().dot(&b).dot(&x);
        assert!(
            (&xtbx - &Array2::<f64>::eye(3))
                .iter()
                .all(|d| d.abs() < 1e-12)
        );
        // b singular (rank 2) or indefinite: refused.
        let singular = array![[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 2.0]];
        let indefinite = array![[1.0, 0.0, 0.0], [0.0, -1.0, 0.0], [0.0, 0.0, 2.0]];
        for bad in [singular, indefinite] {
            assert!(matches!(
                sym_eigh_generalized(a.view(), bad.view(), "b"),
                Err(Error::NotPositiveDefinite { what: "b" })
            ));
        }
    }

    #[test]
    fn flip_makes_largest_entry_positive() {
        let mut vt = array![[0.1, -0.9, 0.3], [0.5, 0.2, -0.1]];
        let signs = flip_rows_by_max_abs(&mut vt);
        assert_eq!(signs, vec![-1.0, 1.0]);
        assert_eq!(vt.row(0).to_vec(), vec![-0.1, 0.9, -0.3]);
    }
}
