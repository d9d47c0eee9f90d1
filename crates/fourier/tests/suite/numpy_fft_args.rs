//! numpy's FFT arguments (`n`, `axis`, `norm`, `s`, `axes`), standard layout of `rfft2`, and
//! `rfft` of infinite inputs, against numpy fixtures (`fixtures/gen_fourier.py`).

use crate::common::{close, complex, real};
use fourier::{
    Complex, Error, Fft2Args, FftArgs, Norm, fft_axis, fft_with, ifft_with, irfft_with,
    irfft2_with, rfft, rfft_axis, rfft_with, rfft2, rfft2_col_major, rfft2_into, rfft2_with,
};
use ndarray::{Array1, Array2, Array3, Ix1, Ix3};

const NORMS: [(Norm, &str); 3] = [
    (Norm::Backward, "backward"),
    (Norm::Ortho, "ortho"),
    (Norm::Forward, "forward"),
];

#[test]
fn one_d_n_and_norm() {
    let x = real("args_x").into_dimensionality::<Ix1>().unwrap();
    let z = complex("args_z").into_dimensionality::<Ix1>().unwrap();
    for (norm, name) in NORMS {
        for n in [None, Some(6), Some(7), Some(16), Some(23)] {
            let tag = format!(
                "{name}_n{}",
                n.map_or("None".into(), |n: usize| n.to_string())
            );
            let mut args = FftArgs::new().norm(norm);
            if let Some(n) = n {
                args = args.n(n);
            }
            close(
                &format!("rfft {tag}"),
                &rfft_with(x.view(), &args).unwrap(),
                &complex(&format!("args_rfft_{tag}")),
            );
            close(
                &format!("fft {tag}"),
                &fft_with(z.view(), &args).unwrap(),
                &complex(&format!("args_fft_{tag}")),
            );
            close(
                &format!("ifft {tag}"),
                &ifft_with(z.view(), &args).unwrap(),
                &complex(&format!("args_ifft_{tag}")),
            );
            close(
                &format!("irfft {tag}"),
                &irfft_with(z.view(), &args).unwrap(),
                &real(&format!("args_irfft_{tag}")),
            );
        }
    }
}

#[test]
fn negative_axes_equal_their_positive_forms() {
    let x = real("axis_x").into_dimensionality::<Ix3>().unwrap();
    let z = complex("axis_z").into_dimensionality::<Ix3>().unwrap();
    for (neg, pos) in [(-1_isize, 2_usize), (-2, 1), (-3, 0)] {
        let args = FftArgs::new().axis(neg);
        close(
            &format!("rfft axis {neg}"),
            &rfft_with(x.view(), &args).unwrap(),
            &complex(&format!("axis_rfft_{pos}")),
        );
        assert_eq!(
            fft_with(z.view(), &args).unwrap(),
            fft_axis(z.view(), pos).unwrap()
        );
    }
    // The default axis is the last, as numpy's.
    assert_eq!(
        rfft_with(x.view(), &FftArgs::default()).unwrap(),
        rfft_axis(x.view(), 2).unwrap()
    );
}

#[test]
fn out_of_range_axes_and_zero_lengths_are_typed_errors() {
    let x = Array2::<f64>::zeros((3, 4));
    for axis in [2, -3, isize::MAX, isize::MIN] {
        assert_eq!(
            rfft_with(x.view(), &FftArgs::new().axis(axis)),
            Err(Error::InvalidAxis { axis, ndim: 2 })
        );
        assert_eq!(
            rfft2_with(x.view(), &Fft2Args::new().axes(0, axis)),
            Err(Error::InvalidAxis { axis, ndim: 2 })
        );
    }
    assert_eq!(
        rfft_with(x.view(), &FftArgs::new().n(0)),
        Err(Error::InvalidLength {
            what: "rfft n",
            n: 0
        })
    );
    assert!(matches!(
        rfft2_with(x.view(), &Fft2Args::new().s(0, 4)),
        Err(Error::InvalidLength { .. })
    ));
    // An empty axis is fine once `n` says how long the transform is (numpy zero-pads).
    let e = Array2::<f64>::zeros((3, 0));
    let y = rfft_with(e.view(), &FftArgs::new().n(4)).unwrap();
    assert_eq!(y.dim(), (3, 3));
    assert!(y.iter().all(|v| *v == Complex::new(0.0, 0.0)));
}

#[test]
fn two_d_s_axes_and_norm() {
    let x = real("args2_x").into_dimensionality::<Ix3>().unwrap();
    type Case = (Option<(usize, usize)>, (isize, isize), Norm);
    let cases: [Case; 6] = [
        (None, (-2, -1), Norm::Ortho),
        (None, (0, 2), Norm::Backward),
        (Some((5, 4)), (0, 2), Norm::Ortho),
        (Some((2, 8)), (2, 0), Norm::Forward),
        (Some((4, 3)), (-1, -3), Norm::Backward),
        (None, (1, 1), Norm::Backward),
    ];
    for (i, (s, (a0, a1), norm)) in cases.into_iter().enumerate() {
        let mut args = Fft2Args::new().axes(a0, a1).norm(norm);
        if let Some((r, c)) = s {
            args = args.s(r, c);
        }
        let want = complex(&format!("args2_{i}_rfft2"))
            .into_dimensionality::<Ix3>()
            .unwrap();
        let y = rfft2_with(x.view(), &args).unwrap();
        assert_eq!(y.shape(), want.shape(), "case {i}");
        assert!(y.is_standard_layout(), "case {i}");
        close(&format!("rfft2 case {i}"), &y, &want);
        close(
            &format!("irfft2 case {i}"),
            &irfft2_with(want.view(), &args).unwrap(),
            &real(&format!("args2_{i}_irfft2")),
        );
    }
}

#[test]
fn rfft2_is_standard_layout_and_equals_the_column_major_form() {
    for (r, c) in [(6, 8), (7, 9), (33, 20), (70, 130)] {
        let x = Array2::from_shape_fn((r, c), |(i, j)| ((i * 31 + j * 17) % 23) as f64 - 11.0);
        let y = rfft2(x.view()).unwrap();
        assert!(y.as_slice().is_some(), "{r}x{c}");
        let f = rfft2_col_major(x.view()).unwrap();
        assert!(
            f.as_slice().is_none() && f.t().as_slice().is_some(),
            "{r}x{c}"
        );
        close(&format!("col-major {r}x{c}"), &f, &y);
        // And the 2-D input through the general path (a 3-D view of it) agrees.
        let x3: Array3<f64> = x.clone().insert_axis(ndarray::Axis(0));
        let g = rfft2_with(x3.view(), &Fft2Args::new()).unwrap();
        close(
            &format!("general {r}x{c}"),
            g.index_axis(ndarray::Axis(0), 0),
            &y,
        );
    }
}

/// `got` equals numpy's `want` in every real and imaginary part numpy does not return as NaN:
/// the same infinity, or a finite value within 1e-12 of the largest finite magnitude. Where
/// numpy gives NaN, `got` is the DFT's defined value (checked by `exact`), or NaN as well.
#[track_caller]
fn same_where_numpy_is_defined(
    what: &str,
    got: &Array1<Complex<f64>>,
    want: &Array1<Complex<f64>>,
) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    let parts =
        |a: &Array1<Complex<f64>>| -> Vec<f64> { a.iter().flat_map(|z| [z.re, z.im]).collect() };
    let (g, w) = (parts(got), parts(want));
    let scale = w
        .iter()
        .filter(|v| v.is_finite())
        .fold(1.0_f64, |m, v| m.max(v.abs()));
    for (i, (g, w)) in g.iter().zip(&w).enumerate() {
        if w.is_nan() {
            continue;
        }
        let ok = if w.is_infinite() {
            g == w
        } else {
            g.is_finite() && (g - w).abs() <= 1e-12 * scale
        };
        assert!(ok, "{what}: part {i}: got {g}, numpy {w}");
    }
}

#[test]
fn rfft_of_infinite_inputs_equals_numpy() {
    for i in 0..16 {
        let x = real(&format!("inf_{i}_x"))
            .into_dimensionality::<Ix1>()
            .unwrap();
        let want = complex(&format!("inf_{i}_y"))
            .into_dimensionality::<Ix1>()
            .unwrap();
        let got = rfft(x.view()).unwrap();
        same_where_numpy_is_defined(&format!("inf case {i}"), &got, &want);
        // The axis form and the f32 path follow the same rule.
        let lanes = rfft_axis(x.view().insert_axis(ndarray::Axis(0)), 1).unwrap();
        assert_eq!(lanes.row(0).to_vec().len(), got.len());
        for (a, b) in lanes.row(0).iter().zip(&got) {
            assert!(
                (a.re == b.re || (a.re.is_nan() && b.re.is_nan()))
                    && (a.im == b.im || (a.im.is_nan() && b.im.is_nan())),
                "inf case {i}: axis form {a} vs {b}"
            );
        }
    }
    // Cases where pocketfft's answer is the DFT's in every part: equal everywhere, NaN included.
    for i in 0..=6 {
        let x = real(&format!("inf_{i}_x"))
            .into_dimensionality::<Ix1>()
            .unwrap();
        let want = complex(&format!("inf_{i}_y"))
            .into_dimensionality::<Ix1>()
            .unwrap();
        let got = rfft(x.view()).unwrap();
        for (a, b) in got.iter().zip(&want) {
            assert_eq!(a.re.is_nan(), b.re.is_nan(), "inf case {i}: {a} vs {b}");
            assert_eq!(a.im.is_nan(), b.im.is_nan(), "inf case {i}: {a} vs {b}");
        }
    }
}

#[test]
fn rfft_of_infinite_long_inputs_takes_the_exact_path() {
    // 2^16 samples: a length the two-core path would take for finite input.
    let n = 1 << 16;
    let mut x = Array1::<f64>::zeros(n);
    x[0] = f64::INFINITY;
    let y = rfft(x.view()).unwrap();
    assert!(y.iter().all(|z| z.re == f64::INFINITY && z.im == 0.0));
    let mut x32 = Array1::<f32>::zeros(12);
    x32[3] = f32::NEG_INFINITY;
    let y = rfft(x32.view()).unwrap();
    // Bin 3: -inf * cos(3 pi / 2) is an exact zero; -(-inf) * sin(3 pi / 2) = -inf.
    assert_eq!((y[3].re, y[3].im), (0.0, f32::NEG_INFINITY));
    assert_eq!(y[0].re, f32::NEG_INFINITY);
}

#[test]
fn rfft2_into_any_layout_equals_rfft2_and_checks_the_shape() {
    use ndarray::ShapeBuilder;
    for (r, c) in [(1, 1), (6, 8), (7, 9), (33, 20), (70, 130), (300, 17)] {
        let x = Array2::from_shape_fn((r, c), |(i, j)| ((i * 13 + j * 7) % 19) as f64 - 9.0);
        let want = rfft2(x.view()).unwrap();
        let m = c / 2 + 1;
        // Standard layout, pre-filled with NaN: every element must be overwritten.
        let mut out = Array2::from_elem((r, m), Complex::new(f64::NAN, f64::NAN));
        rfft2_into(x.view(), out.view_mut()).unwrap();
        assert_eq!(out, want, "{r}x{c}");
        // Column-major, and a strided view.
        let mut f = Array2::from_elem((r, m).f(), Complex::new(f64::NAN, 0.0));
        rfft2_into(x.view(), f.view_mut()).unwrap();
        assert_eq!(f, want, "{r}x{c} column-major");
        let mut wide = Array2::from_elem((r, 2 * m), Complex::new(f64::NAN, 0.0));
        rfft2_into(x.view(), wide.slice_mut(ndarray::s![.., ..;2])).unwrap();
        assert_eq!(wide.slice(ndarray::s![.., ..;2]), want, "{r}x{c} strided");
        assert!(
            wide.slice(ndarray::s![.., 1..;2])
                .iter()
                .all(|v| v.re.is_nan())
        );
        // A wrong shape is a typed error naming both shapes.
        let mut bad = Array2::<Complex<f64>>::zeros((r, m + 1));
        let err = rfft2_into(x.view(), bad.view_mut()).unwrap_err();
        assert!(err.to_string().contains("rfft2 output"), "{err}");
    }
    let empty = Array2::<f64>::zeros((0, 4));
    let mut out = Array2::<Complex<f64>>::zeros((0, 3));
    assert!(rfft2_into(empty.view(), out.view_mut()).is_err());
}

#[test]
fn rfft_with_of_one_long_lane_equals_rfft_in_every_shape_and_norm() {
    // Long enough for `rfft`'s two-core transform, which `rfft_with` takes for a single lane.
    let n = 1 << 17;
    let x = Array1::from_shape_fn(n, |i| ((i * 7919) % 1009) as f64 / 1009.0 - 0.5);
    let want = rfft(x.view()).unwrap();
    for (norm, name) in NORMS {
        let scale = match norm {
            Norm::Backward => 1.0,
            Norm::Ortho => 1.0 / (n as f64).sqrt(),
            Norm::Forward => 1.0 / n as f64,
        };
        let want = want.mapv(|v| if scale == 1.0 { v } else { v * scale });
        let args = FftArgs::new().norm(norm);
        let one = rfft_with(x.view(), &args).unwrap();
        assert_eq!(one, want, "1-D, {name}");
        let row = x.view().insert_axis(ndarray::Axis(0));
        let got = rfft_with(row, &args).unwrap();
        assert_eq!(got.dim(), (1, n / 2 + 1));
        assert_eq!(got.row(0), want, "one row, {name}");
        let col = x.view().insert_axis(ndarray::Axis(1));
        let got = rfft_with(col, &FftArgs::new().norm(norm).axis(0)).unwrap();
        assert_eq!(got.dim(), (n / 2 + 1, 1));
        assert_eq!(got.column(0), want, "one column, {name}");
    }
    // The DC and Nyquist terms are real, as numpy's.
    assert_eq!((want[0].im, want[n / 2].im), (0.0, 0.0));
    // With n given (cropped) the lane loop runs, on one core: the same transform to rounding.
    let cropped = rfft_with(x.view(), &FftArgs::new().n(n - 4)).unwrap();
    let direct = rfft(x.slice(ndarray::s![..n - 4])).unwrap();
    let scale = direct.iter().map(|v| v.norm()).fold(0.0, f64::max);
    for (a, b) in cropped.iter().zip(&direct) {
        assert!((a - b).norm() <= 1e-12 * scale, "{a} {b}");
    }
    assert_eq!((cropped[0].im, cropped[(n - 4) / 2].im), (0.0, 0.0));
}
