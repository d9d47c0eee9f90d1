//! FFT / overlap / auto convolution against scipy fixtures and the direct method.

use crate::common::{close, real};
use dsp_core::{ConvMode, Error as CoreError};
use fourier::{
    Error, Method, choose_method, convolve_auto, convolve_with, fftconvolve, next_fast_len,
    oaconvolve,
};
use ndarray::{Array1, Ix1};

const MODES: [(ConvMode, &str); 3] = [
    (ConvMode::Full, "full"),
    (ConvMode::Same, "same"),
    (ConvMode::Valid, "valid"),
];

fn vec1(name: &str) -> Array1<f64> {
    real(name).into_dimensionality::<Ix1>().unwrap()
}

#[test]
fn fft_and_overlap_equal_scipy_in_every_mode() {
    for i in 0..6 {
        let a = vec1(&format!("conv{i}_a"));
        let v = vec1(&format!("conv{i}_v"));
        for (mode, name) in MODES {
            let f = fftconvolve(a.view(), v.view(), mode).unwrap();
            close(
                &format!("fftconvolve {i} {name}"),
                &f,
                &vec1(&format!("conv{i}_fft_{name}")),
            );
            let o = oaconvolve(a.view(), v.view(), mode).unwrap();
            close(
                &format!("oaconvolve {i} {name}"),
                &o,
                &vec1(&format!("conv{i}_oa_{name}")),
            );
            for method in [
                Method::Auto,
                Method::Direct,
                Method::Fft,
                Method::OverlapAdd,
            ] {
                let c = convolve_with(a.view(), v.view(), mode, method).unwrap();
                close(
                    &format!("{method:?} {i} {name}"),
                    &c,
                    &vec1(&format!("conv{i}_fft_{name}")),
                );
            }
        }
    }
}

#[test]
fn next_fast_len_equals_scipy() {
    let want = vec1("next_fast_len");
    let targets: Vec<usize> = (1..400)
        .chain([1000001, 1001000, 123457, (1 << 20) + 1])
        .collect();
    for (t, w) in targets.iter().zip(&want) {
        assert_eq!(next_fast_len(*t) as f64, *w, "target {t}");
    }
}

#[test]
fn overlap_on_long_signals_equals_direct() {
    // Long enough for many blocks (kernel 31: blocks of a few hundred; kernel 1001: ~12k).
    let a = Array1::from_shape_fn(60_000, |i| ((i * 7919) % 1000) as f64 / 500.0 - 1.0);
    for m in [31, 1001] {
        let v = Array1::from_shape_fn(m, |i| ((i * 31) % 17) as f64 - 8.0);
        for (mode, name) in MODES {
            let d = dsp_core::convolve(a.view(), v.view(), mode).unwrap();
            close(
                &format!("oa {m} {name}"),
                &oaconvolve(a.view(), v.view(), mode).unwrap(),
                &d,
            );
            close(
                &format!("oa swapped {m} {name}"),
                &oaconvolve(v.view(), a.view(), mode).unwrap(),
                &d,
            );
            close(
                &format!("auto {m} {name}"),
                &convolve_auto(a.view(), v.view(), mode).unwrap(),
                &d,
            );
        }
    }
}

#[test]
fn choice_follows_the_cost_model() {
    assert_eq!(choose_method(10, 3), Method::Direct);
    assert_eq!(choose_method(1_000_000, 31), Method::OverlapAdd);
    assert_eq!(choose_method(10_000, 16), Method::Direct);
    assert_eq!(choose_method(1_000_000, 1001), Method::OverlapAdd);
    assert_eq!(choose_method(100_000, 90_000), Method::Fft);
    assert_eq!(choose_method(31, 1_000_000), choose_method(1_000_000, 31));
}

#[test]
fn empty_inputs_are_typed_errors() {
    let e = Array1::<f64>::zeros(0);
    let a = Array1::<f64>::ones(5);
    let err = |what| {
        Err(Error::Core(CoreError::TooShort {
            what,
            min: 1,
            got: 0,
        }))
    };
    assert_eq!(fftconvolve(e.view(), a.view(), ConvMode::Full), err("a"));
    assert_eq!(oaconvolve(a.view(), e.view(), ConvMode::Same), err("v"));
    assert_eq!(convolve_auto(a.view(), e.view(), ConvMode::Valid), err("v"));
}

#[test]
fn f32_overlap_is_close() {
    let a = vec1("conv0_a");
    let v = vec1("conv0_v");
    let got = oaconvolve(
        a.mapv(|x| x as f32).view(),
        v.mapv(|x| x as f32).view(),
        ConvMode::Full,
    )
    .unwrap()
    .mapv(f64::from);
    // f32 FFT round trip: ~log2(L) * 6e-8 relative to the max.
    assert!(crate::common::rel_err(&got, &vec1("conv0_oa_full")) < 1e-5);
}
