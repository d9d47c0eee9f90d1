//! 2-D and 1-D Gabor filters against skimage/scipy/numpy fixtures (gen_filters.py).

use crate::common::{assert_close, fixture, max_abs};
use dsp_core::BoundaryMode;
use filters::tutorial::{gabor_filter_bank_params, make_gabor_filter, make_gabor_filter_bank};
use filters::{
    Error, Gabor1dParams, GaborBank, GaborParams, compute_kernel_feats, gabor, gabor_kernel,
    gabor_with, ndimage_convolve2d,
};
use fourier::Method;
use ndarray::{Array1, Array2, Array3, Axis};

use crate::common::MODES;

fn params(i: usize) -> GaborParams {
    let t: Array2<f64> = fixture("gabor_params");
    let r = t.row(i);
    let mut p = GaborParams::new(r[0])
        .theta(r[1])
        .bandwidth(r[2])
        .n_stds(r[5])
        .offset(r[6]);
    if !r[3].is_nan() {
        p = p.sigma_x(r[3]);
    }
    if !r[4].is_nan() {
        p = p.sigma_y(r[4]);
    }
    p
}

#[test]
fn kernels_match_skimage() {
    for i in 0..6 {
        let k = gabor_kernel(&params(i)).unwrap();
        let want: Array3<f64> = fixture(&format!("gabor_kernel_{i}"));
        let scale = max_abs(want.view());
        let re = k.mapv(|z| z.re);
        let im = k.mapv(|z| z.im);
        // complex exp through exp/cos/sin: a few ulps of the largest sample.
        assert_close(
            re.view(),
            want.index_axis(Axis(0), 0),
            1e-13,
            1e-14 * scale,
            "re",
        );
        assert_close(
            im.view(),
            want.index_axis(Axis(0), 1),
            1e-13,
            1e-14 * scale,
            "im",
        );
    }
}

/// Absolute floor: the size of the terms summed, `sum |k| * max(|img|, |cval|)`.
fn term_scale(p: &GaborParams, img: &Array2<f64>) -> f64 {
    let k = gabor_kernel(p).unwrap();
    let s: f64 = k.iter().map(|z| z.re.abs().max(z.im.abs())).sum();
    s * img.iter().fold(0.75_f64, |m, &v| m.max(v.abs()))
}

#[test]
fn responses_match_skimage_every_mode_and_shape() {
    for name in ["img", "row", "col", "tiny"] {
        let img: Array2<f64> = fixture(&format!("gabor_input_{name}"));
        for i in 0..6 {
            for (mode_name, mode) in MODES {
                let fname = format!("gabor_{name}_{i}_{mode_name}");
                if name != "img" && mode_name != "reflect" && i != 1 && i != 2 {
                    continue;
                }
                let want: Array3<f64> = fixture(&fname);
                let p = params(i);
                let floor = term_scale(&p, &img);
                for method in [Method::Direct, Method::Fft, Method::Auto] {
                    let (re, im) = gabor_with(img.view(), &p, mode, method).unwrap();
                    let (rel, abs) = match method {
                        Method::Direct => (1e-12, 1e-14 * floor),
                        _ => (1e-10, 1e-13 * floor),
                    };
                    let what = format!("{fname} {method:?}");
                    assert_close(re.view(), want.index_axis(Axis(0), 0), rel, abs, &what);
                    assert_close(im.view(), want.index_axis(Axis(0), 1), rel, abs, &what);
                }
            }
        }
    }
}

#[test]
fn f32_responses_match_skimage() {
    let img: Array2<f32> = fixture("gabor_input_f32");
    let img64 = img.mapv(f64::from);
    for i in [0, 2] {
        let want: Array3<f32> = fixture(&format!("gabor_f32_{i}"));
        let want = want.mapv(f64::from);
        let p = params(i);
        // scipy sums f32 data in f64; ours sums in f32: a few f32 ulps of the terms.
        let floor = 1e-6 * term_scale(&p, &img64);
        for method in [Method::Direct, Method::Fft] {
            let (re, im) = gabor_with(img.view(), &p, BoundaryMode::Reflect, method).unwrap();
            assert_close(
                re.mapv(f64::from).view(),
                want.index_axis(Axis(0), 0),
                1e-5,
                floor,
                "re32",
            );
            assert_close(
                im.mapv(f64::from).view(),
                want.index_axis(Axis(0), 1),
                1e-5,
                floor,
                "im32",
            );
        }
    }
}

#[test]
fn gallery_bank_feats_match_skimage_example() {
    let img: Array2<f64> = fixture("feats_input");
    let bank = GaborBank::skimage_gallery().unwrap();
    assert_eq!(bank.len(), 16);
    for (mode_name, mode) in [
        ("wrap", BoundaryMode::Wrap),
        ("reflect", BoundaryMode::Reflect),
    ] {
        let want: Array2<f64> = fixture(&format!("feats_{mode_name}"));
        let got = bank.kernel_feats(img.view(), mode).unwrap();
        assert_close(got.view(), want.view(), 1e-11, 1e-15, mode_name);
        for method in [Method::Direct, Method::Fft] {
            let got = compute_kernel_feats(img.view(), &bank.real_kernels(), mode, method).unwrap();
            assert_close(got.view(), want.view(), 1e-10, 1e-15, mode_name);
        }
    }
    let responses = bank.responses(img.view(), BoundaryMode::Wrap).unwrap();
    assert_eq!(responses.len(), 16);
    assert_eq!(responses[3].0.dim(), (40, 50));
}

#[test]
fn grid_orders_frequency_major() {
    let bank = GaborBank::grid(&[0.1, 0.2], &[0.0, 1.0, 2.0], GaborParams::default()).unwrap();
    assert_eq!(bank.len(), 6);
    assert_eq!(bank.params()[4].frequency(), 0.2);
    assert_eq!(bank.params()[4].theta(), 1.0);
    assert_eq!(
        bank.kernels()[0],
        gabor_kernel(&GaborParams::new(0.1)).unwrap()
    );
}

#[test]
fn fft_and_direct_convolution_agree_for_even_kernels() {
    // Even-sized kernels exercise scipy's origin shift in both paths.
    let img = Array2::from_shape_fn((9, 12), |(i, j)| ((i * 7 + j * 3) % 11) as f64 - 5.0);
    for (kh, kw) in [(2, 2), (4, 3), (1, 6), (10, 13)] {
        let k = Array2::from_shape_fn((kh, kw), |(i, j)| (i as f64 + 1.0) * 0.5 - j as f64 * 0.25);
        for (_, mode) in MODES {
            let d = ndimage_convolve2d(img.view(), k.view(), mode, Method::Direct).unwrap();
            let f = ndimage_convolve2d(img.view(), k.view(), mode, Method::Fft).unwrap();
            let scale = k.iter().map(|v| v.abs()).sum::<f64>() * 5.0;
            assert_close(
                f.view(),
                d.view(),
                0.0,
                1e-13 * scale,
                &format!("{kh}x{kw} {mode:?}"),
            );
        }
    }
}

#[test]
fn bad_gabor_parameters_are_typed_errors() {
    let img = Array2::<f64>::zeros((4, 4));
    let bad = [
        GaborParams::new(0.0),
        GaborParams::new(-0.1),
        GaborParams::new(f64::NAN),
        GaborParams::new(0.1).n_stds(0.0),
        GaborParams::new(0.1).n_stds(-1.0),
        GaborParams::new(0.1).bandwidth(0.0),
        GaborParams::new(0.1).sigma_x(0.0),
        GaborParams::new(0.1).sigma_y(f64::INFINITY),
        GaborParams::new(0.1).theta(f64::NAN),
        GaborParams::new(0.1).offset(f64::INFINITY),
    ];
    for p in bad {
        assert!(
            matches!(
                gabor_kernel(&p),
                Err(Error::Core(dsp_core::Error::InvalidParameter { .. }))
            ),
            "{p:?}"
        );
        assert!(gabor(img.view(), &p, BoundaryMode::Reflect).is_err());
    }
    assert!(matches!(
        gabor_kernel(&GaborParams::new(1e-9)),
        Err(Error::KernelTooLarge { .. })
    ));
    let empty = Array2::<f64>::zeros((0, 5));
    assert!(matches!(
        gabor(empty.view(), &GaborParams::new(0.1), BoundaryMode::Reflect),
        Err(Error::Core(dsp_core::Error::TooShort { .. }))
    ));
    assert!(matches!(
        gabor(
            img.view(),
            &GaborParams::new(0.1),
            BoundaryMode::Constant(f64::NAN)
        ),
        Err(Error::Core(dsp_core::Error::InvalidParameter { .. }))
    ));
    assert!(GaborBank::new(vec![]).is_err());
    assert!(
        compute_kernel_feats::<f64>(img.view(), &[], BoundaryMode::Wrap, Method::Auto).is_err()
    );
    let c = filters::FftConvolver2d::new(img.view(), (3, 3), BoundaryMode::Wrap).unwrap();
    assert!(matches!(
        c.convolve(Array2::<f64>::ones((4, 3)).view()),
        Err(Error::Core(dsp_core::Error::ShapeMismatch { .. }))
    ));
}

#[test]
fn tutorial_1d_bank_matches_numpy() {
    let pairs = gabor_filter_bank_params();
    assert_eq!(pairs.len(), 9);
    for (sr, name) in [(100.0, "gabor1d_bank_100"), (37.5, "gabor1d_bank_37_5")] {
        let want: Array2<f64> = fixture(name);
        let bank = make_gabor_filter_bank::<f64>(&pairs, sr).unwrap();
        for (k, f) in bank.iter().enumerate() {
            // cos(2 pi f t) for |2 pi f t| up to 6 pi: its argument rounds by ~4e-15,
            // which is the absolute error where the cosine crosses zero.
            assert_close(f.view(), want.row(k), 1e-12, 1e-13, name);
        }
    }
    let g32 = make_gabor_filter::<f32>(pairs[4].0, pairs[4].1, 100.0).unwrap();
    assert_eq!(g32.len(), 200);
}

#[test]
fn complex_1d_gabor_matches_numpy() {
    let want: Array2<f64> = fixture("gabor1d_complex");
    let g = Gabor1dParams::new(10.0, 0.05, 1000.0)
        .kernel::<f64>()
        .unwrap();
    let re: Array1<f64> = g.mapv(|z| z.re);
    let im: Array1<f64> = g.mapv(|z| z.im);
    assert_close(re.view(), want.row(0), 1e-12, 1e-16, "re");
    assert_close(im.view(), want.row(1), 1e-12, 1e-16, "im");
}

#[test]
fn bad_1d_parameters_are_typed_errors() {
    for (s, f, sr) in [
        (0.0, 1.0, 100.0),
        (1.0, 0.0, 100.0),
        (1.0, 1.0, -1.0),
        (f64::NAN, 1.0, 1.0),
    ] {
        assert!(matches!(
            make_gabor_filter::<f64>(s, f, sr),
            Err(Error::Core(dsp_core::Error::InvalidParameter { .. }))
        ));
    }
    assert!(make_gabor_filter::<f64>(1.0, 1.0, 1e12).is_err());
    assert!(Gabor1dParams::new(1.0, 0.0, 10.0).kernel::<f64>().is_err());
    assert!(
        Gabor1dParams::new(1.0, 1.0, 10.0)
            .n_stds(0.0)
            .kernel::<f64>()
            .is_err()
    );
    assert!(matches!(
        Gabor1dParams::new(1.0, 1e9, 1e9).kernel::<f64>(),
        Err(Error::KernelTooLarge { .. })
    ));
    assert!(make_gabor_filter_bank::<f64>(&[], 100.0).is_err());
}

#[test]
fn wrap_feats_through_spectra_equal_direct_for_any_kernel_size() {
    // Even sizes and kernels longer than the image (which fold onto themselves).
    let img = Array2::from_shape_fn((7, 5), |(i, j)| ((i * 13 + j * 7) % 9) as f64 * 0.1 - 0.3);
    let kernels: Vec<Array2<f64>> = [(1, 1), (2, 3), (4, 6), (9, 11)]
        .iter()
        .map(|&(h, w)| Array2::from_shape_fn((h, w), |(i, j)| ((i + 2 * j) % 5) as f64 - 1.5))
        .collect();
    let d = compute_kernel_feats(img.view(), &kernels, BoundaryMode::Wrap, Method::Direct).unwrap();
    let f = compute_kernel_feats(img.view(), &kernels, BoundaryMode::Wrap, Method::Fft).unwrap();
    assert_close(f.view(), d.view(), 1e-12, 1e-13, "wrap feats");
}

#[test]
fn planned_wrap_feats_reuse_and_check_the_shape() {
    let img: Array2<f64> = fixture("feats_input");
    let bank = GaborBank::skimage_gallery().unwrap();
    let plan = filters::WrapKernelFeats::new(&bank.real_kernels(), img.dim()).unwrap();
    let want: Array2<f64> = fixture("feats_wrap");
    assert_close(
        plan.feats(img.view()).unwrap().view(),
        want.view(),
        1e-11,
        1e-15,
        "planned",
    );
    let other = Array2::<f64>::zeros((40, 51));
    assert!(matches!(
        plan.feats(other.view()),
        Err(Error::Core(dsp_core::Error::ShapeMismatch { .. }))
    ));
    assert!(filters::WrapKernelFeats::<f64>::new(&[], (4, 4)).is_err());
    assert!(filters::WrapKernelFeats::new(&bank.real_kernels::<f64>(), (0, 4)).is_err());
}
