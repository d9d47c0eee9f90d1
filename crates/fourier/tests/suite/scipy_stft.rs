//! `Stft` and `spectrogram` against `scipy.signal.stft` / `scipy.signal.spectrogram` fixtures.

use crate::common::{close, complex, real};
use dsp_core::Window;
use fourier::{Error, Stft, spectrogram};
use ndarray::{Array1, Ix1, Ix2};

fn x() -> Array1<f64> {
    real("stft_x").into_dimensionality::<Ix1>().unwrap()
}

#[test]
fn stft_equals_scipy() {
    let x = x();
    let cases = [
        ("default", Stft::<f64>::new(Window::Hann, 64).unwrap()),
        (
            "hamming",
            Stft::new(Window::Hamming, 100)
                .unwrap()
                .noverlap(75)
                .unwrap()
                .nfft(128)
                .unwrap()
                .fs(8.0)
                .unwrap(),
        ),
        (
            "noboundary",
            Stft::new(Window::Hann, 50)
                .unwrap()
                .noverlap(10)
                .unwrap()
                .boundary(false)
                .padded(false),
        ),
        (
            "odd",
            Stft::new(Window::Blackman, 45)
                .unwrap()
                .noverlap(7)
                .unwrap()
                .nfft(51)
                .unwrap(),
        ),
    ];
    for (name, stft) in cases {
        let z = stft.process(x.view()).unwrap();
        let want = complex(&format!("stft_{name}_z"))
            .into_dimensionality::<Ix2>()
            .unwrap();
        assert_eq!(z.dim(), want.dim(), "{name} shape");
        assert_eq!(z.nrows(), stft.n_frames(x.len()));
        close(&format!("stft {name}"), &z, &want);
        close(
            &format!("stft {name} f"),
            &stft.frequencies(),
            &real(&format!("stft_{name}_f")),
        );
        close(
            &format!("stft {name} t"),
            &stft.times(x.len()),
            &real(&format!("stft_{name}_t")),
        );
    }
}

#[test]
fn spectrogram_equals_scipy() {
    let x = x();
    for (name, fs, n, nov) in [("hann128", 100.0, 128, None), ("hann75", 2.0, 75, Some(20))] {
        let s = spectrogram(x.view(), fs, Window::Hann, n, nov).unwrap();
        close(
            &format!("spectrogram {name}"),
            &s.power,
            &real(&format!("spectrogram_{name}_s")),
        );
        close(
            &format!("spectrogram {name} f"),
            &s.frequencies,
            &real(&format!("spectrogram_{name}_f")),
        );
        close(
            &format!("spectrogram {name} t"),
            &s.times,
            &real(&format!("spectrogram_{name}_t")),
        );
    }
}

#[test]
fn f32_stft_is_close() {
    let x = x();
    let z = Stft::<f32>::new(Window::Hann, 64)
        .unwrap()
        .process(x.mapv(|v| v as f32).view())
        .unwrap();
    let z = z.mapv(|c| fourier::Complex::new(f64::from(c.re), f64::from(c.im)));
    assert!(crate::common::rel_err(&z, &complex("stft_default_z")) < 1e-5);
}

#[test]
fn bad_parameters_are_typed_errors() {
    assert_eq!(
        Stft::<f64>::new(Window::Hann, 0).err(),
        Some(Error::InvalidSegment { nperseg: 0, len: 0 })
    );
    let s = Stft::<f64>::new(Window::Hann, 16).unwrap();
    assert_eq!(
        s.clone().noverlap(16).err(),
        Some(Error::InvalidOverlap {
            noverlap: 16,
            nperseg: 16
        })
    );
    assert_eq!(
        s.clone().nfft(8).err(),
        Some(Error::InvalidNfft {
            nfft: 8,
            nperseg: 16
        })
    );
    assert!(matches!(
        s.clone().fs(0.0),
        Err(Error::Core(dsp_core::Error::InvalidParameter { .. }))
    ));
    let short = Array1::<f64>::zeros(10);
    assert_eq!(
        s.process(short.view()).err(),
        Some(Error::InvalidSegment {
            nperseg: 16,
            len: 10
        })
    );
    assert!(matches!(
        Stft::<f64>::new(Window::Gaussian { std: -1.0 }, 16),
        Err(Error::Core(dsp_core::Error::InvalidParameter { .. }))
    ));
    assert!(matches!(
        spectrogram(short.view(), 1.0, Window::Hann, 16, None),
        Err(Error::InvalidSegment {
            nperseg: 16,
            len: 10
        })
    ));
}
