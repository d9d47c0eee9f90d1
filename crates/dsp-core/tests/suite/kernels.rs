//! Windows and Gaussian kernels against scipy fixtures written by `fixtures/gen_kernels.py`.

use dsp_core::{
    Error, Window, gaussian_kernel1d, gaussian_radius, gaussian_weights, get_window, tutorial,
};
use ndarray::Array1;
use proptest::prelude::*;

fn fixture(name: &str) -> Array1<f64> {
    crate::common::npy("kernels", name)
}

/// 1e-12 relative, with an absolute floor of 1e-15 for values that cross zero.
fn assert_close(got: &[f64], want: &[f64], what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        let tol = 1e-12 * w.abs() + 1e-15;
        assert!((g - w).abs() <= tol, "{what}[{i}]: got {g:e}, want {w:e}");
    }
}

const WIN_MAX_M: usize = 33;

fn windows() -> [(&'static str, Window); 6] {
    [
        ("boxcar", Window::Boxcar),
        ("hann", Window::Hann),
        ("hamming", Window::Hamming),
        ("blackman", Window::Blackman),
        ("gaussian2.5", Window::Gaussian { std: 2.5 }),
        ("gaussian7", Window::Gaussian { std: 7.0 }),
    ]
}

#[test]
fn windows_equal_scipy_get_window() {
    for (name, window) in windows() {
        for fftbins in [false, true] {
            let tag = if fftbins { "periodic" } else { "sym" };
            let want = fixture(&format!("win_{name}_{tag}.npy"));
            let mut got = Vec::new();
            for m in 1..=WIN_MAX_M {
                got.extend(get_window::<f64>(window, m, fftbins).unwrap());
            }
            assert_close(&got, want.as_slice().unwrap(), &format!("{name} {tag}"));
            // f32 is the f64 value rounded once.
            let mut got32 = Vec::new();
            for m in 1..=WIN_MAX_M {
                got32.extend(get_window::<f32>(window, m, fftbins).unwrap());
            }
            for (g, w) in got32.iter().zip(want.iter()) {
                assert!((f64::from(*g) - w).abs() <= 1e-7 * w.abs() + 1e-7);
            }
        }
    }
}

#[test]
fn window_functions_match_get_window() {
    for m in [1, 2, 7, 16] {
        for sym in [true, false] {
            let pairs = [
                (dsp_core::hann::<f64>(m, sym), Window::Hann),
                (dsp_core::hamming::<f64>(m, sym), Window::Hamming),
                (dsp_core::blackman::<f64>(m, sym), Window::Blackman),
                (
                    dsp_core::gaussian_window::<f64>(m, 1.5, sym),
                    Window::Gaussian { std: 1.5 },
                ),
            ];
            for (direct, w) in pairs {
                assert_eq!(direct.unwrap(), get_window::<f64>(w, m, !sym).unwrap());
            }
        }
        assert_eq!(
            dsp_core::boxcar::<f64>(m).unwrap(),
            get_window::<f64>(Window::Boxcar, m, true).unwrap()
        );
    }
}

#[test]
fn window_errors() {
    assert!(matches!(
        dsp_core::hann::<f64>(0, true),
        Err(Error::TooShort { min: 1, got: 0, .. })
    ));
    assert!(matches!(
        dsp_core::boxcar::<f32>(0),
        Err(Error::TooShort { .. })
    ));
    for std in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            get_window::<f64>(Window::Gaussian { std }, 8, true),
            Err(Error::InvalidParameter { name: "std", .. })
        ));
    }
    assert_eq!(Window::Hann.scipy_name(), "hann");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Symmetric windows read the same backwards; a periodic window of length m is the
    /// symmetric one of length m + 1 without its last sample.
    #[test]
    fn windows_symmetric_and_periodic_is_truncated(m in 2usize..200, std in 0.1f64..50.0, k in 0usize..5) {
        let window = match k {
            0 => Window::Boxcar,
            1 => Window::Hann,
            2 => Window::Hamming,
            3 => Window::Blackman,
            _ => Window::Gaussian { std },
        };
        let sym = get_window::<f64>(window, m, false).unwrap();
        for i in 0..m {
            prop_assert!((sym[i] - sym[m - 1 - i]).abs() <= 1e-15);
            prop_assert!(sym[i] <= 1.0 + 1e-15 && sym[i] >= -1e-15);
        }
        let periodic = get_window::<f64>(window, m, true).unwrap();
        let longer = get_window::<f64>(window, m + 1, false).unwrap();
        prop_assert_eq!(periodic.as_slice().unwrap(), &longer.as_slice().unwrap()[..m]);
    }
}

const SIGMAS: [f64; 4] = [0.5, 1.0, 2.5, 4.2];

fn sigma_tag(s: f64) -> String {
    // Python's str(float): 1.0 -> "1.0", 2.5 -> "2.5".
    if s.fract() == 0.0 {
        format!("{s:.1}")
    } else {
        format!("{s}")
    }
}

#[test]
fn kernels_equal_scipy_gaussian_kernel1d() {
    let mut bitwise = 0;
    let mut total = 0;
    for sigma in SIGMAS {
        let radius = gaussian_radius(sigma, 4.0).unwrap();
        for order in 0..4 {
            let want = fixture(&format!("gk_s{}_o{order}.npy", sigma_tag(sigma)));
            assert_eq!(want.len(), 2 * radius + 1, "scipy's radius rule");
            let got = gaussian_kernel1d::<f64>(sigma, order, radius).unwrap();
            assert_close(
                &got,
                want.as_slice().unwrap(),
                &format!("kernel s={sigma} o={order}"),
            );
            bitwise += got.iter().zip(want.iter()).filter(|(g, w)| g == w).count();
            total += got.len();
            let got32 = gaussian_kernel1d::<f32>(sigma, order, radius).unwrap();
            for (g, w) in got32.iter().zip(want.iter()) {
                assert_eq!(*g, *w as f32, "f32 is the f64 value rounded once");
            }
        }
    }
    // Same operations in the same order as scipy: nearly all samples are bit-identical.
    assert!(
        bitwise * 10 >= total * 9,
        "{bitwise} of {total} bit-identical"
    );
}

#[test]
fn weights_are_what_gaussian_filter1d_correlates_with() {
    // gaussian_filter1d of a unit impulse at c (mode constant) is out[c + j - r] = w[r - j]:
    // the correlation weights reversed, read around the impulse.
    for sigma in SIGMAS {
        let r = gaussian_radius(sigma, 4.0).unwrap();
        for order in 0..4 {
            let impulse = fixture(&format!("gf_impulse_s{}_o{order}.npy", sigma_tag(sigma)));
            let w = gaussian_weights::<f64>(sigma, order, 4.0, None).unwrap();
            let c = r + 5;
            let around: Vec<f64> = (0..=2 * r).map(|j| impulse[c + j - r]).collect();
            let reversed: Vec<f64> = w.iter().rev().copied().collect();
            assert_close(&reversed, &around, &format!("impulse s={sigma} o={order}"));
        }
    }
}

#[test]
fn weights_radius_override_and_orientation() {
    let w = gaussian_weights::<f64>(2.0, 1, 4.0, Some(3)).unwrap();
    assert_eq!(w.len(), 7);
    // Correlation weights of the first derivative: negative on the left.
    assert!(w[0] < 0.0 && w[6] > 0.0);
    let k = gaussian_kernel1d::<f64>(2.0, 1, 3).unwrap();
    assert_eq!(w.iter().rev().copied().collect::<Vec<_>>(), k);
    assert_eq!(gaussian_radius(1.1, 4.0).unwrap(), 4);
    assert_eq!(gaussian_radius(0.1, 4.0).unwrap(), 0);
    assert_eq!(gaussian_kernel1d::<f64>(1.0, 0, 0).unwrap(), vec![1.0]);
}

#[test]
fn tutorial_g_equals_numpy_closed_forms() {
    for (s, n) in [(1.0, 9), (2.5, 20), (4.0, 33)] {
        for order in 0..4 {
            let want = fixture(&format!("tg_s{}_n{n}_o{order}.npy", sigma_tag(s)));
            let got = tutorial::g::<f64>(s, order, n).unwrap();
            assert_close(
                &got,
                want.as_slice().unwrap(),
                &format!("g s={s} o={order} n={n}"),
            );
        }
    }
}

#[test]
fn gaussian_errors() {
    for sigma in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            gaussian_kernel1d::<f64>(sigma, 0, 3),
            Err(Error::InvalidSigma { sigma: s }) if s.to_bits() == sigma.to_bits()
        ));
        assert!(matches!(
            gaussian_radius(sigma, 4.0),
            Err(Error::InvalidSigma { .. })
        ));
        assert!(matches!(
            tutorial::g::<f32>(sigma, 0, 3),
            Err(Error::InvalidSigma { .. })
        ));
    }
    assert_eq!(
        gaussian_kernel1d::<f64>(1.0, 4, 3),
        Err(Error::InvalidOrder { order: 4, max: 3 })
    );
    assert!(matches!(
        tutorial::g::<f64>(1.0, 4, 3),
        Err(Error::InvalidOrder { .. })
    ));
    assert!(matches!(
        tutorial::g::<f64>(1.0, 0, 0),
        Err(Error::TooShort { .. })
    ));
    for truncate in [0.0, -4.0, f64::NAN] {
        assert!(matches!(
            gaussian_weights::<f64>(1.0, 0, truncate, Some(3)),
            Err(Error::InvalidParameter {
                name: "truncate",
                ..
            })
        ));
    }
    assert!(matches!(
        gaussian_radius(1e300, 4.0),
        Err(Error::InvalidParameter { .. })
    ));
    assert!(matches!(
        gaussian_kernel1d::<f64>(1.0, 0, 1 << 29),
        Err(Error::InvalidParameter { name: "radius", .. })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Order 0 sums to 1; even orders are symmetric, odd antisymmetric; for sigma > 2 the
    /// first-order kernel integrates x against -1 (sum x k1(x) = -1 for the convolution kernel of the
    /// normalised Gaussian); g(s, 0, n) tends to a density.
    #[test]
    fn kernel_identities(sigma in 0.3f64..20.0, order in 0usize..4) {
        let r = gaussian_radius(sigma, 10.0).unwrap(); // tails below 1e-22
        let k = gaussian_kernel1d::<f64>(sigma, order, r).unwrap();
        if order == 0 {
            prop_assert!((k.iter().sum::<f64>() - 1.0).abs() < 1e-14);
        }
        let sign = if order % 2 == 0 { 1.0 } else { -1.0 };
        for i in 0..k.len() {
            prop_assert!((k[i] - sign * k[k.len() - 1 - i]).abs() <= 1e-15 * k[i].abs().max(1e-300) + 1e-18);
        }
        // Poisson summation: the discrete variance equals sigma^2 up to ~exp(-2 pi^2 sigma^2).
        if order == 1 && sigma > 2.0 {
            let m1: f64 = k.iter().enumerate().map(|(i, v)| (i as f64 - r as f64) * v).sum();
            prop_assert!((m1 + 1.0).abs() < 1e-12, "first moment {}", m1);
        }
        if sigma > 1.0 {
            let n = 2 * r + 1;
            let g = tutorial::g::<f64>(sigma, 0, n).unwrap();
            prop_assert!((g.iter().sum::<f64>() - 1.0).abs() < 1e-6);
        }
    }
}
