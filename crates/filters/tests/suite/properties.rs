//! Identities checked on random inputs (proptest, fixed small case counts).

use dsp_core::BoundaryMode;
use filters::{
    CannyParams, GaborParams, GaussianParams, canny, gabor_kernel, gaussian_filter,
    lowpass_compress, ndimage_convolve2d, sobel,
};
use fourier::Method;
use ndarray::Array2;
use proptest::prelude::*;

fn mode_of(k: u8) -> BoundaryMode {
    match k % 5 {
        0 => BoundaryMode::Reflect,
        1 => BoundaryMode::Constant(0.5),
        2 => BoundaryMode::Nearest,
        3 => BoundaryMode::Mirror,
        _ => BoundaryMode::Wrap,
    }
}

/// A `rows x cols` array from a flat vector of at least that many values.
fn arr(rows: usize, cols: usize, v: &[f64]) -> Array2<f64> {
    Array2::from_shape_fn((rows, cols), |(i, j)| v[i * cols + j])
}

fn values(n: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-1.0..1.0_f64, n)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn gaussian_is_linear(r in 1usize..9, c in 1usize..9, v in values(64), w in values(64),
                          a in -2.0..2.0_f64, b in -2.0..2.0_f64, s in 0.3..4.0_f64,
                          o in 0usize..4, m in 0u8..5) {
        // Constant(0) keeps the operator linear; the other modes are linear anyway.
        let mode = match mode_of(m) { BoundaryMode::Constant(_) => BoundaryMode::Constant(0.0), x => x };
        let (x, y) = (arr(r, c, &v), arr(r, c, &w));
        let p = GaussianParams::new(s).orders(&[o, 3 - o]).mode(mode);
        let lhs = gaussian_filter((&x * a + &y * b).view(), &p).unwrap();
        let rhs = gaussian_filter(x.view(), &p).unwrap() * a + gaussian_filter(y.view(), &p).unwrap() * b;
        for (l, q) in lhs.iter().zip(&rhs) {
            prop_assert!((l - q).abs() <= 1e-12 * (1.0 + a.abs() + b.abs()) * 10.0);
        }
    }

    #[test]
    fn fft_convolution_equals_direct(r in 1usize..12, c in 1usize..12, kr in 1usize..10,
                                     kc in 1usize..10, v in values(144), k in values(100),
                                     m in 0u8..5) {
        let x = arr(r, c, &v);
        let kern = arr(kr, kc, &k);
        let mode = mode_of(m);
        let d = ndimage_convolve2d(x.view(), kern.view(), mode, Method::Direct).unwrap();
        let f = ndimage_convolve2d(x.view(), kern.view(), mode, Method::Fft).unwrap();
        let scale: f64 = kern.iter().map(|t| t.abs()).sum();
        for (p, q) in d.iter().zip(&f) {
            prop_assert!((p - q).abs() <= 1e-13 * scale.max(1e-300) + 1e-15);
        }
    }

    #[test]
    fn gabor_kernel_is_conjugate_symmetric(f in 0.02..0.5_f64, t in -3.2..3.2_f64,
                                           sx in 0.5..4.0_f64, sy in 0.5..4.0_f64) {
        let k = gabor_kernel(&GaborParams::new(f).theta(t).sigma_x(sx).sigma_y(sy)).unwrap();
        let (h, w) = k.dim();
        let peak = k.iter().map(|z| z.norm()).fold(0.0, f64::max);
        for ((i, j), z) in k.indexed_iter() {
            let m = k[[h - 1 - i, w - 1 - j]].conj();
            prop_assert!((z - m).norm() <= 1e-14 * peak);
        }
    }

    #[test]
    fn sobel_of_a_plane_is_constant_inside(a in -3.0..3.0_f64, b in -3.0..3.0_f64,
                                           r in 3usize..10, c in 3usize..10, m in 0u8..5) {
        let x = Array2::from_shape_fn((r, c), |(i, j)| a * i as f64 + b * j as f64);
        let gy = sobel(x.view(), 0, mode_of(m)).unwrap();
        let gx = sobel(x.view(), 1, mode_of(m)).unwrap();
        for i in 1..r - 1 {
            for j in 1..c - 1 {
                prop_assert!((gy[[i, j]] - 8.0 * a).abs() < 1e-11);
                prop_assert!((gx[[i, j]] - 8.0 * b).abs() < 1e-11);
            }
        }
    }

    #[test]
    fn lowpass_keep_all_round_trips(r in 1usize..12, c in 1usize..12, v in values(144)) {
        let x = arr(r, c, &v);
        let y = lowpass_compress(x.view(), 1.0).unwrap();
        for (p, q) in x.iter().zip(&y) {
            prop_assert!((p - q).abs() < 1e-14);
        }
    }

    #[test]
    fn canny_never_marks_the_border(r in 1usize..16, c in 1usize..16, v in values(256),
                                    s in 0.5..3.0_f64) {
        let x = arr(r, c, &v);
        let e = canny(x.view(), &CannyParams::new(s).thresholds(0.0, 0.05)).unwrap();
        for ((i, j), &on) in e.indexed_iter() {
            if i == 0 || j == 0 || i == r - 1 || j == c - 1 {
                prop_assert!(!on);
            }
        }
    }
}
