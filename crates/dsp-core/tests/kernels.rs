//! Windows and Gaussian kernels against scipy fixtures written by `fixtures/gen_kernels.py`.

use std::path::PathBuf;

use dsp_core::{Error, Window, get_window};
use ndarray::Array1;
use ndarray_npy::read_npy;
use proptest::prelude::*;

fn fixture(name: &str) -> Array1<f64> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "kernels", name]
        .iter()
        .collect();
    read_npy(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
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
