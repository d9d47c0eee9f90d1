//! `dsp_core::ndimage` against scipy.ndimage golden fixtures, a naive oracle and identities.
//!
//! Fixtures: `tests/fixtures/gen_ndimage.py` (numpy 2.2.6, scipy 1.16.3).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use dsp_core::boundary::{self, source_index};
use dsp_core::ndimage::{
    convolve, convolve1d, correlate, correlate_separable, correlate1d, correlate1d_sequence,
};
use dsp_core::{BoundaryMode, Error, Float};
use ndarray::{Array, Array1, Array2, Array3, ArrayD, Axis, Dimension, IxDyn, array};
use ndarray_npy::read_npy;
use proptest::prelude::*;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ndimage")
}

fn mode_of(name: &str, cval: f64) -> BoundaryMode {
    match name {
        "reflect" => BoundaryMode::Reflect,
        "constant" => BoundaryMode::Constant(cval),
        "nearest" => BoundaryMode::Nearest,
        "mirror" => BoundaryMode::Mirror,
        "wrap" => BoundaryMode::Wrap,
        other => panic!("unknown mode {other}"),
    }
}

struct Fixtures {
    arrays: HashMap<String, ArrayD<f64>>,
    out_f64: Array1<f64>,
    out_f32: Array1<f32>,
    cases: Vec<Vec<String>>,
}

fn fixtures() -> Fixtures {
    let dir = fixture_dir();
    let mut arrays = HashMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.extension().is_some_and(|e| e == "npy") && !name.starts_with("out_") {
            let a: ArrayD<f64> = read_npy(&path).unwrap();
            arrays.insert(name, a);
        }
    }
    let cases = std::fs::read_to_string(dir.join("cases.txt"))
        .unwrap()
        .lines()
        .map(|l| l.split_whitespace().map(str::to_owned).collect())
        .collect();
    Fixtures {
        arrays,
        out_f64: read_npy(dir.join("out_f64.npy")).unwrap(),
        out_f32: read_npy(dir.join("out_f32.npy")).unwrap(),
        cases,
    }
}

/// Runs one fixture case in precision `T`; returns the flattened result and
/// the bound on the rounding of a sum of `|w x|` terms (for the f32 tolerance).
fn run_case<T: Float>(fx: &Fixtures, c: &[String]) -> (Vec<f64>, f64) {
    let (func, xname, wname, axis, mode, cval, origins) =
        (&c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6]);
    let mode = mode_of(mode, cval.parse().unwrap());
    let origins: Vec<isize> = origins.split(',').map(|o| o.parse().unwrap()).collect();
    let x = fx.arrays[xname.as_str()].mapv(T::of);
    let xmax = x
        .iter()
        .fold(0.0_f64, |m, v| m.max(v.to_f64_lossless().abs()));
    let scale = xmax.max(cval.parse::<f64>().unwrap().abs());
    let (out, wsum): (ArrayD<T>, f64) = match func.as_str() {
        "correlate1d" | "convolve1d" => {
            let w: Vec<T> = fx.arrays[wname.as_str()]
                .iter()
                .map(|&v| T::of(v))
                .collect();
            let axis: usize = axis.parse().unwrap();
            let f = if func == "correlate1d" {
                correlate1d::<T, IxDyn>
            } else {
                convolve1d::<T, IxDyn>
            };
            let wsum = w.iter().map(|v| v.to_f64_lossless().abs()).sum::<f64>() * w.len() as f64;
            (f(x.view(), &w, axis, mode, origins[0]).unwrap(), wsum)
        }
        "correlate" | "convolve" => {
            let k = fx.arrays[wname.as_str()].mapv(T::of);
            let f = if func == "correlate" {
                correlate::<T, IxDyn>
            } else {
                convolve::<T, IxDyn>
            };
            let wsum = k.iter().map(|v| v.to_f64_lossless().abs()).sum::<f64>() * k.len() as f64;
            (f(x.view(), k.view(), mode, &origins).unwrap(), wsum)
        }
        "separable" => {
            let ws: Vec<Option<Vec<T>>> = wname
                .split(',')
                .map(|n| (n != "-").then(|| fx.arrays[n].iter().map(|&v| T::of(v)).collect()))
                .collect();
            let refs: Vec<Option<&[T]>> = ws.iter().map(|w| w.as_deref()).collect();
            (
                correlate_separable(x.view(), &refs, mode, &origins).unwrap(),
                f64::NAN,
            )
        }
        other => panic!("unknown function {other}"),
    };
    (
        out.iter().map(|v| v.to_f64_lossless()).collect(),
        wsum * scale,
    )
}

#[test]
fn matches_scipy_fixtures() {
    let fx = fixtures();
    assert!(fx.cases.len() > 4000, "fixture set looks truncated");
    let (mut n64, mut n32) = (0, 0);
    for c in &fx.cases {
        let (offset, len): (usize, usize) = (c[8].parse().unwrap(), c[9].parse().unwrap());
        if c[7] == "f64" {
            let (got, _) = run_case::<f64>(&fx, c);
            let want = &fx.out_f64.as_slice().unwrap()[offset..offset + len];
            assert_eq!(got.len(), len, "{c:?}");
            for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
                // f64 sums run in scipy's order: equal up to 1e-12 relative.
                assert!(
                    (g - w).abs() <= 1e-12 * w.abs() + 1e-14,
                    "{c:?}[{i}]: got {g}, scipy {w}"
                );
            }
            n64 += 1;
        } else {
            let (got, bound) = run_case::<f32>(&fx, c);
            let want = &fx.out_f32.as_slice().unwrap()[offset..offset + len];
            assert_eq!(got.len(), len, "{c:?}");
            for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
                // scipy sums f32 data in f64 and rounds once; we sum in f32. Each
                // of the m additions may round by eps32 of the running |sum|, so
                // |error| <= eps32 * m * sum|w| * max|x| (+ scipy's final rounding).
                let tol = f64::from(f32::EPSILON) * (bound + f64::from(w.abs()));
                assert!(
                    (g - f64::from(w)).abs() <= tol,
                    "{c:?}[{i}]: got {g}, scipy {w}, tol {tol}"
                );
            }
            n32 += 1;
        }
    }
    assert!(n64 > 3000 && n32 > 500, "{n64} f64 / {n32} f32 cases");
}

/// The definition, straight from scipy's docs: every output reads the kernel
/// window through the boundary rule.
fn oracle_correlate1d(
    x: &Array3<f64>,
    w: &[f64],
    axis: usize,
    mode: BoundaryMode,
    origin: isize,
) -> Array3<f64> {
    let n = x.shape()[axis];
    let before = (w.len() / 2) as isize + origin;
    let cval = match mode {
        BoundaryMode::Constant(c) => c,
        _ => 0.0,
    };
    Array3::from_shape_fn(x.raw_dim(), |(i, j, k)| {
        let mut idx = [i, j, k];
        let pos = idx[axis] as isize;
        w.iter()
            .enumerate()
            .map(|(t, &wt)| {
                let v = match source_index(pos + t as isize - before, n, mode) {
                    Some(s) => {
                        idx[axis] = s;
                        x[idx]
                    }
                    None => cval,
                };
                wt * v
            })
            .sum()
    })
}

fn close(a: &ArrayD<f64>, b: &ArrayD<f64>, rel: f64) -> bool {
    let scale = b.iter().fold(1.0_f64, |m, v| m.max(v.abs()));
    a.shape() == b.shape() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= rel * scale)
}

fn mode_strategy() -> impl Strategy<Value = BoundaryMode> {
    prop_oneof![
        Just(BoundaryMode::Reflect),
        Just(BoundaryMode::Constant(0.0)),
        Just(BoundaryMode::Constant(-2.5)),
        Just(BoundaryMode::Nearest),
        Just(BoundaryMode::Mirror),
        Just(BoundaryMode::Wrap),
    ]
}

/// A 3-D array with axes up to 40 long (past the 16-output blocks) and a kernel
/// up to 2.5x longer than the axis it runs along.
fn case_strategy() -> impl Strategy<Value = (Array3<f64>, Vec<f64>, usize, BoundaryMode, isize)> {
    (1usize..6, 1usize..5, 1usize..41, 0usize..3, mode_strategy())
        .prop_flat_map(|(a, b, c, axis, mode)| {
            let n = [a, b, c][axis];
            let mmax = (n * 5 / 2).max(1) + 1;
            (
                proptest::collection::vec(-4.0f64..4.0, a * b * c),
                Just((a, b, c)),
                (1usize..=mmax).prop_flat_map(|m| proptest::collection::vec(-2.0f64..2.0, m)),
                Just(axis),
                Just(mode),
                -3isize..=3,
                any::<bool>(),
            )
        })
        .prop_map(|(data, shape, mut w, axis, mode, origin, symmetric)| {
            if symmetric && w.len() % 2 == 1 {
                // exercise the paired-tap loops too
                let m = w.len();
                for i in 0..m / 2 {
                    w[m - 1 - i] = w[i];
                }
            }
            let m = w.len() as isize;
            let origin = origin.clamp(-(m / 2), (m - 1) / 2);
            (
                Array3::from_shape_vec(shape, data).unwrap(),
                w,
                axis,
                mode,
                origin,
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn correlate1d_equals_oracle((x, w, axis, mode, origin) in case_strategy()) {
        let got = correlate1d(x.view(), &w, axis, mode, origin).unwrap().into_dyn();
        let want = oracle_correlate1d(&x, &w, axis, mode, origin).into_dyn();
        prop_assert!(close(&got, &want, 1e-12), "{got:?}\nvs\n{want:?}");
        // f32 through the same loops
        let x32 = x.mapv(|v| v as f32);
        let w32: Vec<f32> = w.iter().map(|&v| v as f32).collect();
        let got32 = correlate1d(x32.view(), &w32, axis, mode, origin).unwrap();
        prop_assert!(close(&got32.mapv(f64::from).into_dyn(), &want, 2e-5));
    }

    #[test]
    fn correlate1d_is_linear((x, w, axis, mode, origin) in case_strategy(), a in -3.0f64..3.0, b in -3.0f64..3.0) {
        // Constant(c) is affine, not linear: use cval 0 there.
        let mode = match mode { BoundaryMode::Constant(_) => BoundaryMode::Constant(0.0), m => m };
        let y = x.mapv(|v| (v * 1.7).sin());
        let lhs = correlate1d((&x * a + &y * b).view(), &w, axis, mode, origin).unwrap();
        let rhs = correlate1d(x.view(), &w, axis, mode, origin).unwrap() * a
            + correlate1d(y.view(), &w, axis, mode, origin).unwrap() * b;
        prop_assert!(close(&lhs.into_dyn(), &rhs.into_dyn(), 1e-12));
    }

    #[test]
    fn correlate1d_equals_nd_with_line_kernel((x, w, axis, mode, origin) in case_strategy()) {
        // n-d correlate skips |w| <= eps, so keep the weights away from zero.
        let w: Vec<f64> = w.iter().map(|v| if v.abs() < 1e-3 { 0.5 } else { *v }).collect();
        let mut shape = [1, 1, 1];
        shape[axis] = w.len();
        let k = Array::from_shape_vec(shape, w.clone()).unwrap();
        let mut origins = [0; 3];
        origins[axis] = origin;
        let a = correlate1d(x.view(), &w, axis, mode, origin).unwrap();
        let b = correlate(x.view(), k.view(), mode, &origins).unwrap();
        prop_assert!(close(&a.into_dyn(), &b.into_dyn(), 1e-12));
        let a = convolve1d(x.view(), &w, axis, mode, origin).unwrap();
        let b = convolve(x.view(), k.view(), mode, &origins).unwrap();
        prop_assert!(close(&a.into_dyn(), &b.into_dyn(), 1e-12));
    }

    #[test]
    fn convolve1d_is_correlate1d_reversed((x, w, axis, mode, _o) in case_strategy()) {
        let mut w = w;
        if w.len() % 2 == 0 { w.push(0.25); }
        let rev: Vec<f64> = w.iter().rev().copied().collect();
        let a = convolve1d(x.view(), &w, axis, mode, 0).unwrap();
        let b = correlate1d(x.view(), &rev, axis, mode, 0).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn separable_equals_sequential_passes(
        (x, w, _axis, mode, _o) in case_strategy(),
        skip in 0usize..4,
    ) {
        let w2: Vec<f64> = w.iter().map(|v| v * 0.5 + 0.1).collect();
        let kernels: Vec<Option<&[f64]>> = (0..3)
            .map(|a| (a != skip).then_some(if a == 1 { &w2[..] } else { &w[..] }))
            .collect();
        let got = correlate_separable(x.view(), &kernels, mode, &[]).unwrap();
        let mut want = x.clone();
        for (a, k) in kernels.iter().enumerate() {
            if let Some(k) = k {
                want = correlate1d(want.view(), k, a, mode, 0).unwrap();
            }
        }
        prop_assert_eq!(got, want);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any order of axes (repeats included), so every fused pair is exercised:
    /// (axis, last) and (last, axis), on 3-D arrays with rows past one block.
    #[test]
    fn sequence_equals_chained_correlate1d(
        (x, w, _axis, mode, origin) in case_strategy(),
        axes in proptest::collection::vec(0usize..3, 0..4),
    ) {
        let w2: Vec<f64> = w.iter().rev().map(|v| v * 0.5 - 0.1).collect();
        let passes: Vec<(usize, &[f64], isize)> = axes
            .iter()
            .enumerate()
            .map(|(i, &a)| if i % 2 == 0 { (a, &w[..], origin) } else { (a, &w2[..], 0) })
            .collect();
        let got = correlate1d_sequence(x.view(), &passes, mode).unwrap();
        let mut want = x.clone();
        for &(a, k, o) in &passes {
            want = correlate1d(want.view(), k, a, mode, o).unwrap();
        }
        prop_assert_eq!(got, want);
    }
}

#[test]
fn sequence_fuses_long_axes_exactly() {
    // Axis 0 long enough for several row blocks, kernels longer than a block's halo.
    let x = Array2::from_shape_fn((300, 45), |(i, j)| ((i * 13 + j * 7) % 17) as f32 - 8.0);
    let d = [-1.0f32, 0.0, 1.0];
    let s: Vec<f32> = (0..41).map(|i| 1.0 + (i as f32 * 0.37).sin()).collect();
    for mode in [
        BoundaryMode::Reflect,
        BoundaryMode::Constant(1.5),
        BoundaryMode::Wrap,
    ] {
        for (a, b) in [(&d[..], &s[..]), (&s[..], &d[..])] {
            let y = correlate1d_sequence(x.view(), &[(1, a, 0), (0, b, 0)], mode).unwrap();
            let t = correlate1d(x.view(), a, 1, mode, 0).unwrap();
            assert_eq!(y, correlate1d(t.view(), b, 0, mode, 0).unwrap());
        }
    }
}

#[test]
fn any_layout_gives_the_same_result() {
    let x = Array2::from_shape_fn((23, 31), |(i, j)| ((i * 7 + j * 3) % 11) as f64 - 5.0);
    let t = x.t().to_owned();
    let w = [0.5, -1.0, 2.0, 0.25];
    for axis in 0..2 {
        let from_view = correlate1d(x.t(), &w, axis, BoundaryMode::Mirror, 1).unwrap();
        let from_owned = correlate1d(t.view(), &w, axis, BoundaryMode::Mirror, 1).unwrap();
        assert_eq!(from_view, from_owned);
    }
    let k = array![[1.0, 0.0, -2.0], [0.5, 3.0, 0.0]];
    assert_eq!(
        correlate(x.t(), k.view(), BoundaryMode::Wrap, &[]).unwrap(),
        correlate(t.view(), k.view(), BoundaryMode::Wrap, &[]).unwrap()
    );
}

#[test]
fn nan_propagates_like_scipy() {
    let mut x = Array1::from_elem(40, 1.0_f64);
    x[20] = f64::NAN;
    let y = correlate1d(x.view(), &[1.0, 1.0, 1.0], 0, BoundaryMode::Reflect, 0).unwrap();
    let nan: Vec<usize> = (0..40).filter(|&i| y[i].is_nan()).collect();
    assert_eq!(nan, vec![19, 20, 21]);
    // n-d correlate skips zero weights, so NaN under a zero weight stays out.
    let z = correlate(
        x.view(),
        array![1.0, 0.0, 0.0].view(),
        BoundaryMode::Reflect,
        &[],
    )
    .unwrap();
    let nan: Vec<usize> = (0..40).filter(|&i| z[i].is_nan()).collect();
    assert_eq!(nan, vec![21]);
}

#[test]
fn zero_dimensional_input() {
    let x = ndarray::arr0(3.0_f64);
    let k = ndarray::arr0(2.0_f64);
    assert_eq!(
        correlate(x.view(), k.view(), BoundaryMode::Reflect, &[])
            .unwrap()
            .into_scalar(),
        6.0
    );
    assert_eq!(
        correlate1d(x.view(), &[1.0], 0, BoundaryMode::Reflect, 0),
        Err(Error::AxisOutOfBounds { axis: 0, ndim: 0 })
    );
}

#[test]
fn errors() {
    let x = Array2::<f64>::ones((4, 5));
    let empty = Array2::<f64>::zeros((0, 5));
    let m = BoundaryMode::Reflect;
    assert!(matches!(
        correlate1d(empty.view(), &[1.0], 0, m, 0),
        Err(Error::TooShort { what: "input", .. })
    ));
    assert!(matches!(
        correlate1d(x.view(), &[], 0, m, 0),
        Err(Error::TooShort {
            what: "weights",
            ..
        })
    ));
    assert_eq!(
        correlate1d(x.view(), &[1.0], 2, m, 0),
        Err(Error::AxisOutOfBounds { axis: 2, ndim: 2 })
    );
    // scipy: -(len // 2) <= origin <= (len - 1) // 2
    assert_eq!(
        correlate1d(x.view(), &[1.0, 2.0, 3.0, 4.0], 1, m, 2),
        Err(Error::InvalidOrigin { origin: 2, len: 4 })
    );
    assert_eq!(
        convolve1d(x.view(), &[1.0, 2.0, 3.0, 4.0], 1, m, -3),
        Err(Error::InvalidOrigin { origin: -3, len: 4 })
    );
    assert!(convolve1d(x.view(), &[1.0, 2.0, 3.0, 4.0], 1, m, -2).is_ok());
    assert!(matches!(
        correlate1d(
            x.view(),
            &[1.0],
            0,
            BoundaryMode::Constant(f64::INFINITY),
            0
        ),
        Err(Error::InvalidParameter { name: "cval", .. })
    ));
    let k = Array2::<f64>::ones((3, 3));
    assert!(matches!(
        correlate(x.view(), k.view(), m, &[0]),
        Err(Error::ShapeMismatch { .. })
    ));
    assert_eq!(
        convolve(x.view(), k.view(), m, &[0, 2]),
        Err(Error::InvalidOrigin { origin: 2, len: 3 })
    );
    assert!(matches!(
        correlate(empty.view(), k.view(), m, &[]),
        Err(Error::TooShort { what: "input", .. })
    ));
    assert!(matches!(
        correlate(x.view(), Array2::<f64>::zeros((0, 3)).view(), m, &[]),
        Err(Error::TooShort {
            what: "weights",
            ..
        })
    ));
    let xd = x.clone().into_dyn();
    let kd = ArrayD::<f64>::ones(IxDyn(&[3]));
    assert!(matches!(
        correlate(xd.view(), kd.view(), m, &[]),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(matches!(
        correlate_separable(x.view(), &[None], m, &[]),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(matches!(
        correlate_separable(x.view(), &[Some(&[][..]), None], m, &[]),
        Err(Error::TooShort {
            what: "weights",
            ..
        })
    ));
    assert_eq!(
        correlate_separable(x.view(), &[Some(&[1.0, 1.0][..]), None], m, &[1, 0]),
        Err(Error::InvalidOrigin { origin: 1, len: 2 })
    );
    assert!(matches!(
        correlate_separable(
            x.view(),
            &[None, None],
            BoundaryMode::Constant(f64::NAN),
            &[]
        ),
        Err(Error::InvalidParameter { .. })
    ));
    let mut out = [0.0; 3];
    assert!(boundary::extend(&[1.0, 2.0], 1, 1, m, &mut out).is_err());
    assert_eq!(
        correlate1d_sequence(x.view(), &[(0, &[1.0][..], 0), (2, &[1.0][..], 0)], m),
        Err(Error::AxisOutOfBounds { axis: 2, ndim: 2 })
    );
    assert_eq!(
        correlate1d_sequence(x.view(), &[(1, &[1.0, 2.0, 3.0][..], -2)], m),
        Err(Error::InvalidOrigin { origin: -2, len: 3 })
    );
    assert!(matches!(
        correlate1d_sequence(x.view(), &[(1, &[][..], 0)], m),
        Err(Error::TooShort {
            what: "weights",
            ..
        })
    ));
    assert_eq!(correlate1d_sequence(x.view(), &[], m).unwrap(), x);
}

#[test]
fn separable_without_kernels_copies() {
    let x = Array2::from_shape_fn((3, 4), |(i, j)| (i * 4 + j) as f32);
    let y = correlate_separable(x.t(), &[None, None], BoundaryMode::Wrap, &[]).unwrap();
    assert_eq!(y, x.t());
    assert!(y.is_standard_layout());
    let _ = Axis(0);
    let _ = <ndarray::Ix2 as Dimension>::NDIM;
}

/// scipy's `NI_Correlate1D` to the operation: symmetric (antisymmetric) odd kernels as
/// `x[c] w[c] + (x[k] +- x[m-1-k]) w[k]` for `k = 0..c`, others as `x[m-1] w[m-1] + x[k] w[k]`
/// for `k = 0..m-1`, each rounded in that order.
fn scipy_order_correlate1d<T: Float>(
    x: &Array3<T>,
    w: &[T],
    axis: usize,
    mode: BoundaryMode,
) -> Array3<T> {
    let n = x.shape()[axis];
    let m = w.len();
    let before = (m / 2) as isize;
    let cval = match mode {
        BoundaryMode::Constant(c) => T::from_f64(c).unwrap(),
        _ => T::zero(),
    };
    let c = m / 2;
    let sym = m % 2 == 1 && (0..c).all(|k| w[k] == w[m - 1 - k]);
    let anti = m % 2 == 1 && (0..c).all(|k| w[k] == -w[m - 1 - k]);
    Array3::from_shape_fn(x.raw_dim(), |(i, j, l)| {
        let idx = [i, j, l];
        let at = |t: usize| {
            let mut p = idx;
            match source_index(idx[axis] as isize + t as isize - before, n, mode) {
                Some(s) => {
                    p[axis] = s;
                    x[p]
                }
                None => cval,
            }
        };
        if sym || anti {
            let mut acc = at(c) * w[c];
            for (k, &wk) in w[..c].iter().enumerate() {
                let s = if anti {
                    at(k) - at(m - 1 - k)
                } else {
                    at(k) + at(m - 1 - k)
                };
                acc += s * wk;
            }
            acc
        } else {
            let mut acc = at(m - 1) * w[m - 1];
            for (k, &wk) in w[..m - 1].iter().enumerate() {
                acc += at(k) * wk;
            }
            acc
        }
    })
}

/// Long kernels along a non-contiguous axis go through bands, compact column blocks (several
/// per row, the last one partial) and groups of output rows computed together: each output
/// must still be summed in scipy's order, so the results are equal, not close. Fused with a
/// pass along the last axis they equal the two passes chained.
fn long_kernels_case<T: Float + std::fmt::Debug>() {
    let kernels: Vec<Vec<T>> = {
        let f = |v: Vec<f64>| {
            v.into_iter()
                .map(|a| T::from_f64(a).unwrap())
                .collect::<Vec<T>>()
        };
        let sym = |m: usize| {
            f((0..m)
                .map(|i| {
                    let t = (i as f64 - (m / 2) as f64) / 7.0;
                    (-0.5 * t * t).exp()
                })
                .collect())
        };
        let anti = |m: usize| f((0..m).map(|i| i as f64 - (m / 2) as f64).collect());
        let general = |m: usize| f((0..m).map(|i| ((i * 7 % 5) as f64 - 2.0) * 0.3).collect());
        vec![sym(11), sym(81), anti(15), general(12), general(41)]
    };
    let shapes = [(1usize, 36usize, 700usize), (3, 37, 90)];
    for (a, b, c) in shapes {
        let x = Array3::from_shape_fn((a, b, c), |(i, j, k)| {
            T::from_f64(((i * 31 + j * 17 + k * 7) % 23) as f64 * 0.25 - 2.5).unwrap()
        });
        for w in &kernels {
            for mode in [
                BoundaryMode::Reflect,
                BoundaryMode::Constant(0.5),
                BoundaryMode::Wrap,
            ] {
                for axis in 0..2 {
                    let got = correlate1d(x.view(), w, axis, mode, 0).unwrap();
                    let want = scipy_order_correlate1d(&x, w, axis, mode);
                    assert_eq!(
                        got,
                        want,
                        "{:?} {} taps axis {axis} {mode:?}",
                        (a, b, c),
                        w.len()
                    );
                    let short = [T::one(), T::from_f64(2.0).unwrap(), T::one()];
                    let fused =
                        correlate1d_sequence(x.view(), &[(axis, w, 0), (2, &short, 0)], mode)
                            .unwrap();
                    let chained = correlate1d(want.view(), &short, 2, mode, 0).unwrap();
                    assert_eq!(
                        fused,
                        chained,
                        "{:?} {} taps axis {axis}+last",
                        (a, b, c),
                        w.len()
                    );
                }
            }
        }
    }
}

#[test]
fn long_kernels_along_rows_sum_in_scipy_order() {
    long_kernels_case::<f64>();
    long_kernels_case::<f32>();
}

/// Short kernels along a non-contiguous axis read the input rows in place, their register
/// blocks starting where the centre row is aligned to a cache line (numpy's arrays start 16
/// bytes into one): wherever the input starts, every output is summed in scipy's order, and
/// the passes fused with one along the last axis (either order) equal the passes chained.
fn inputs_at_every_offset_case<T: Float + std::fmt::Debug>() {
    let f = |v: &[f64]| -> Vec<T> { v.iter().map(|&a| T::from_f64(a).unwrap()).collect() };
    let kernels = [
        f(&[0.7]),
        f(&[0.25, 0.5, 0.25]),
        f(&[-1.0, 0.0, 1.0]),
        f(&[0.1, 0.2, 0.4, 0.2, 0.1]),
        f(&[0.5, -1.25, 2.0, 0.75]),
        f(&[0.05, 0.1, 0.15, 0.4, 0.15, 0.1, 0.05]),
        f(&[-4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0]),
        f(&[0.02, 0.05, 0.12, 0.2, 0.22, 0.2, 0.12, 0.05, 0.02]),
    ];
    let short = f(&[1.0, 2.0, 1.0]);
    let lanes = 64 / size_of::<T>();
    // Rows a whole number of cache lines long (every row at the same offset) and not.
    for (b, c) in [(29usize, 8 * lanes), (23, 5 * lanes + 3), (9, 7)] {
        let n = b * c;
        let buf: Vec<T> = (0..n + lanes)
            .map(|i| T::from_f64(((i * 37) % 29) as f64 * 0.125 - 1.75).unwrap())
            .collect();
        for off in 0..lanes {
            let x = ndarray::ArrayView3::from_shape((1, b, c), &buf[off..off + n]).unwrap();
            let owned = x.to_owned();
            for w in &kernels {
                for mode in [BoundaryMode::Reflect, BoundaryMode::Constant(0.5)] {
                    let got = correlate1d(x, w, 1, mode, 0).unwrap();
                    let want = scipy_order_correlate1d(&owned, w, 1, mode);
                    let case = format!("{b}x{c} offset {off} {} taps {mode:?}", w.len());
                    assert_eq!(got, want, "{case}");
                    let fused = correlate1d_sequence(x, &[(1, w, 0), (2, &short, 0)], mode);
                    let chained = correlate1d(want.view(), &short, 2, mode, 0).unwrap();
                    assert_eq!(fused.unwrap(), chained, "{case}, then the last axis");
                    let fused = correlate1d_sequence(x, &[(2, &short, 0), (1, w, 0)], mode);
                    let first = correlate1d(owned.view(), &short, 2, mode, 0).unwrap();
                    let chained = scipy_order_correlate1d(&first, w, 1, mode);
                    assert_eq!(fused.unwrap(), chained, "the last axis, then {case}");
                }
            }
        }
    }
}

#[test]
fn short_kernels_across_rows_are_exact_at_every_input_offset() {
    inputs_at_every_offset_case::<f32>();
    inputs_at_every_offset_case::<f64>();
}
