//! Gaussian family and derivative filters against scipy.ndimage / skimage fixtures.

use crate::common::{assert_close, fixture, max_abs};
use dsp_core::BoundaryMode;
use filters::{
    Error, GaussianParams, GradientOperator, gaussian_derivative, gaussian_derivatives,
    gaussian_filter, gaussian_filter1d, gaussian_gradient_magnitude, gaussian_laplace,
    gaussian_scale_space, gradient, prewitt, scharr, scharr_magnitude, sobel,
};
use ndarray::{Array2, Array3, Axis};

use crate::common::MODES;
const ORDERS: [[usize; 2]; 5] = [[0, 0], [1, 0], [0, 2], [3, 1], [2, 3]];

/// f64 tolerance: 1e-12 relative, with an absolute floor of 1e-12 of the
/// largest output (derivatives cross zero, where relative error means nothing).
fn check2(got: &Array2<f64>, want: ndarray::ArrayView2<'_, f64>, what: &str) {
    let floor = 1e-12 * max_abs(want).max(1e-300);
    assert_close(got.view(), want, 1e-12, floor, what);
}

#[test]
fn gaussian_filter_matches_scipy_every_mode_sigma_and_order() {
    let img: Array2<f64> = fixture("gauss_input");
    for sigma in ["0.7", "1.5", "3.0", "20.0"] {
        for (mname, mode) in MODES {
            let want: Array3<f64> = fixture(&format!("gauss_{sigma}_{mname}"));
            for (k, o) in ORDERS.iter().enumerate() {
                let p = GaussianParams::new(sigma.parse().unwrap())
                    .orders(o)
                    .mode(mode);
                let got = gaussian_filter(img.view(), &p).unwrap();
                check2(
                    &got,
                    want.index_axis(Axis(0), k),
                    &format!("{sigma} {mname} {o:?}"),
                );
            }
        }
    }
}

#[test]
fn per_axis_sigma_truncate_and_radius() {
    let img: Array2<f64> = fixture("gauss_input");
    let p = GaussianParams::per_axis(&[1.0, 2.5])
        .orders(&[1, 0])
        .mode(BoundaryMode::Nearest)
        .truncate(3.0);
    check2(
        &gaussian_filter(img.view(), &p).unwrap(),
        fixture::<f64, _>("gauss_peraxis").view(),
        "per-axis",
    );
    let p = GaussianParams::per_axis(&[1.0, 2.5])
        .orders(&[0, 2])
        .mode(BoundaryMode::Wrap)
        .radii(&[2, 5]);
    check2(
        &gaussian_filter(img.view(), &p).unwrap(),
        fixture::<f64, _>("gauss_radius").view(),
        "radius",
    );
}

#[test]
fn odd_shapes_and_3d() {
    for name in ["row", "col", "tiny"] {
        let x: Array2<f64> = fixture(&format!("gauss_input_{name}"));
        let want: Array3<f64> = fixture(&format!("gauss_{name}"));
        for (k, (mname, mode)) in MODES.iter().enumerate() {
            let p = GaussianParams::new(2.0).order(1).mode(*mode);
            let got = gaussian_filter(x.view(), &p).unwrap();
            // order 1 across an axis of length 1 is exactly 0 in scipy too
            // up to rounding, so the floor is absolute here.
            assert_close(
                got.view(),
                want.index_axis(Axis(0), k),
                1e-12,
                1e-15,
                &format!("{name} {mname}"),
            );
        }
    }
    let x: Array3<f64> = fixture("gauss_input_3d");
    let p = GaussianParams::per_axis(&[1.0, 0.5, 2.0]).orders(&[1, 0, 2]);
    let want: Array3<f64> = fixture("gauss_3d");
    let floor = 1e-12 * max_abs(want.view());
    assert_close(
        gaussian_filter(x.view(), &p).unwrap().view(),
        want.view(),
        1e-12,
        floor,
        "3d",
    );
}

#[test]
fn gaussian_filter1d_matches_scipy() {
    let img: Array2<f64> = fixture("gauss_input");
    let want: Array3<f64> = fixture("gauss_1d");
    let mut k = 0;
    for axis in 0..2 {
        for order in 0..4 {
            let p = GaussianParams::new(1.3)
                .order(order)
                .mode(BoundaryMode::Mirror);
            let got = gaussian_filter1d(img.view(), axis, &p).unwrap();
            check2(
                &got,
                want.index_axis(Axis(0), k),
                &format!("axis {axis} order {order}"),
            );
            k += 1;
        }
    }
}

#[test]
fn gradient_magnitude_and_laplace_match_scipy() {
    let img: Array2<f64> = fixture("gauss_input");
    for (mname, mode) in MODES {
        let p = GaussianParams::new(1.5).mode(mode);
        let gm = gaussian_gradient_magnitude(img.view(), &p).unwrap();
        check2(
            &gm,
            fixture::<f64, _>(&format!("gauss_gradmag_{mname}")).view(),
            mname,
        );
        let gl = gaussian_laplace(img.view(), &p).unwrap();
        check2(
            &gl,
            fixture::<f64, _>(&format!("gauss_laplace_{mname}")).view(),
            mname,
        );
    }
}

#[test]
fn f32_gaussian_matches_scipy_to_f32_rounding() {
    let img: Array2<f32> = fixture("gauss_input_f32");
    let want: Array3<f32> = fixture("gauss_f32");
    for (k, (mname, mode)) in MODES.iter().enumerate() {
        let p = GaussianParams::new(2.0).orders(&[1, 0]).mode(*mode);
        let got = gaussian_filter(img.view(), &p).unwrap().mapv(f64::from);
        let w = want.index_axis(Axis(0), k).mapv(f64::from);
        // scipy sums in f64 and rounds once; we sum in f32 (~25 terms per pass).
        assert_close(got.view(), w.view(), 1e-5, 1e-6 * max_abs(w.view()), mname);
    }
}

#[test]
fn scale_space_and_derivative_family() {
    let img: Array2<f64> = fixture("gauss_input");
    let ss =
        gaussian_scale_space(img.view(), &[0.7, 1.5, 3.0], &GaussianParams::default()).unwrap();
    assert_eq!(ss.dim(), (3, 11, 13));
    let want: Array3<f64> = fixture("gauss_1.5_reflect");
    check2(
        &ss.index_axis(Axis(0), 1).to_owned(),
        want.index_axis(Axis(0), 0),
        "scale 1.5",
    );
    let fam = gaussian_derivatives(img.view(), 1.5, 2, BoundaryMode::Reflect).unwrap();
    assert_eq!(fam.len(), 9);
    assert_eq!(fam[5].0, (1, 2));
    check2(&fam[3].1, want.index_axis(Axis(0), 1), "order (1, 0)");
    check2(&fam[2].1, want.index_axis(Axis(0), 2), "order (0, 2)");
    let d = gaussian_derivative(img.view(), 1.5, (1, 0), BoundaryMode::Reflect).unwrap();
    assert_eq!(d, fam[3].1);
}

#[test]
fn sobel_prewitt_scharr_match_scipy_and_skimage() {
    let img: Array2<f64> = fixture("gauss_input");
    for (mname, mode) in MODES {
        let s: Array3<f64> = fixture(&format!("sobel_{mname}"));
        let p: Array3<f64> = fixture(&format!("prewitt_{mname}"));
        let sc: Array3<f64> = fixture(&format!("scharr_{mname}"));
        for axis in 0..2 {
            check2(
                &sobel(img.view(), axis, mode).unwrap(),
                s.index_axis(Axis(0), axis),
                mname,
            );
            check2(
                &prewitt(img.view(), axis, mode).unwrap(),
                p.index_axis(Axis(0), axis),
                mname,
            );
            check2(
                &scharr(img.view(), axis, mode).unwrap(),
                sc.index_axis(Axis(0), axis),
                mname,
            );
        }
        check2(
            &scharr_magnitude(img.view(), mode).unwrap(),
            sc.index_axis(Axis(0), 2),
            mname,
        );
    }
    let hv: Array3<f64> = fixture("scharr_h_v");
    check2(
        &scharr(img.view(), 0, BoundaryMode::Reflect).unwrap(),
        hv.index_axis(Axis(0), 0),
        "scharr_h",
    );
    check2(
        &scharr(img.view(), 1, BoundaryMode::Reflect).unwrap(),
        hv.index_axis(Axis(0), 1),
        "scharr_v",
    );
    let x3: Array3<f64> = fixture("gauss_input_3d");
    let want: Array3<f64> = fixture("sobel_3d");
    assert_close(
        sobel(x3.view(), 2, BoundaryMode::Reflect).unwrap().view(),
        want.view(),
        1e-12,
        1e-12,
        "3d",
    );
    let x32: Array2<f32> = fixture("gauss_input_f32");
    let want32: Array2<f32> = fixture("sobel_f32");
    assert_close(
        sobel(x32.view(), 1, BoundaryMode::Reflect)
            .unwrap()
            .mapv(f64::from)
            .view(),
        want32.mapv(f64::from).view(),
        1e-6,
        1e-6,
        "f32",
    );
    let g: Array3<f64> = fixture("gradient_sobel");
    let (mag, ang) = gradient(img.view(), GradientOperator::Sobel, BoundaryMode::Reflect).unwrap();
    check2(&mag, g.index_axis(Axis(0), 0), "magnitude");
    check2(&ang, g.index_axis(Axis(0), 1), "orientation");
    let (m2, _) = gradient(img.view(), GradientOperator::Scharr, BoundaryMode::Reflect).unwrap();
    assert_eq!(m2.dim(), (11, 13));
    let (m3, _) = gradient(img.view(), GradientOperator::Prewitt, BoundaryMode::Reflect).unwrap();
    assert_eq!(m3.dim(), (11, 13));
}

#[test]
fn bad_input_is_a_typed_error() {
    let img = Array2::<f64>::zeros((4, 5));
    for s in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            gaussian_filter(img.view(), &GaussianParams::new(s)),
            Err(Error::Core(dsp_core::Error::InvalidSigma { .. }))
        ));
    }
    assert!(matches!(
        gaussian_filter(img.view(), &GaussianParams::new(1.0).order(4)),
        Err(Error::Core(dsp_core::Error::InvalidOrder { order: 4, .. }))
    ));
    assert!(matches!(
        gaussian_filter(img.view(), &GaussianParams::per_axis(&[1.0, 2.0, 3.0])),
        Err(Error::Core(dsp_core::Error::ShapeMismatch { .. }))
    ));
    assert!(gaussian_filter(img.view(), &GaussianParams::new(1.0).truncate(0.0)).is_err());
    assert!(
        gaussian_filter(
            img.view(),
            &GaussianParams::new(1.0).mode(BoundaryMode::Constant(f64::NAN))
        )
        .is_err()
    );
    let empty = Array2::<f64>::zeros((0, 3));
    assert!(matches!(
        gaussian_filter(empty.view(), &GaussianParams::new(1.0)),
        Err(Error::Core(dsp_core::Error::TooShort { .. }))
    ));
    assert!(gaussian_laplace(empty.view(), &GaussianParams::new(1.0)).is_err());
    assert!(gaussian_gradient_magnitude(empty.view(), &GaussianParams::new(1.0)).is_err());
    assert!(matches!(
        gaussian_filter1d(img.view(), 2, &GaussianParams::new(1.0)),
        Err(Error::Core(dsp_core::Error::AxisOutOfBounds { .. }))
    ));
    assert!(gaussian_filter1d(img.view(), 0, &GaussianParams::per_axis(&[1.0, 2.0])).is_err());
    assert!(gaussian_scale_space(img.view(), &[], &GaussianParams::default()).is_err());
    assert!(gaussian_scale_space(img.view(), &[1.0, -1.0], &GaussianParams::default()).is_err());
    assert!(matches!(
        gaussian_derivatives(img.view(), 1.0, 4, BoundaryMode::Reflect),
        Err(Error::Core(dsp_core::Error::InvalidOrder { .. }))
    ));
    assert!(sobel(empty.view(), 0, BoundaryMode::Reflect).is_err());
    assert!(matches!(
        sobel(img.view(), 2, BoundaryMode::Reflect),
        Err(Error::Core(dsp_core::Error::AxisOutOfBounds { .. }))
    ));
    assert!(prewitt(img.view(), 0, BoundaryMode::Constant(f64::INFINITY)).is_err());
    assert!(matches!(
        scharr(img.view(), 2, BoundaryMode::Reflect),
        Err(Error::Core(dsp_core::Error::AxisOutOfBounds { .. }))
    ));
    assert!(scharr(empty.view(), 0, BoundaryMode::Reflect).is_err());
}
