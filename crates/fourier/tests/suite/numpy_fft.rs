//! Transforms, frequencies, shifts and spectra against numpy fixtures (`fixtures/gen_fourier.py`).

use crate::common::{close, complex, real};
use dsp_core::Error as CoreError;
use fourier::{
    Error, fft, fft_axis, fftfreq, fftshift, ifft, ifft_axis, ifftshift, irfft, irfft_axis, irfft2,
    magnitude_spectrum, power_spectrum, rfft, rfft_axis, rfft2, rfftfreq,
};
use ndarray::{Array1, Array2, Ix1, Ix2, Ix3};

#[test]
fn rfft_any_length() {
    for n in [1, 2, 3, 7, 16, 97, 1000] {
        let x = real(&format!("rfft_{n}_x"))
            .into_dimensionality::<Ix1>()
            .unwrap();
        let want = complex(&format!("rfft_{n}_y"));
        close(&format!("rfft {n}"), &rfft(x.view()).unwrap(), &want);
        // And back.
        let back = irfft(rfft(x.view()).unwrap().view(), Some(n)).unwrap();
        close(&format!("irfft(rfft) {n}"), &back, &x);
    }
}

#[test]
fn irfft_lengths_and_ignored_imaginary_parts() {
    let x = complex("irfft_x").into_dimensionality::<Ix1>().unwrap();
    for (n, name) in [
        (None, "None"),
        (Some(17), "17"),
        (Some(10), "10"),
        (Some(30), "30"),
        (Some(1), "1"),
        (Some(16), "16"),
    ] {
        let want = real(&format!("irfft_n{name}"));
        close(
            &format!("irfft n={name}"),
            &irfft(x.view(), n).unwrap(),
            &want,
        );
    }
}

#[test]
fn complex_transforms() {
    for n in [1, 5, 64, 101] {
        let x = complex(&format!("fft_{n}_x"))
            .into_dimensionality::<Ix1>()
            .unwrap();
        close(
            &format!("fft {n}"),
            &fft(x.view()).unwrap(),
            &complex(&format!("fft_{n}_y")),
        );
        close(
            &format!("ifft {n}"),
            &ifft(x.view()).unwrap(),
            &complex(&format!("ifft_{n}_y")),
        );
    }
}

#[test]
fn along_each_axis_of_a_3d_array() {
    let x = real("axis_x").into_dimensionality::<Ix3>().unwrap();
    let z = complex("axis_z").into_dimensionality::<Ix3>().unwrap();
    for ax in 0..3 {
        close(
            &format!("rfft axis {ax}"),
            &rfft_axis(x.view(), ax).unwrap(),
            &complex(&format!("axis_rfft_{ax}")),
        );
        close(
            &format!("fft axis {ax}"),
            &fft_axis(z.view(), ax).unwrap(),
            &complex(&format!("axis_fft_{ax}")),
        );
        close(
            &format!("ifft axis {ax}"),
            &ifft_axis(z.view(), ax).unwrap(),
            &complex(&format!("axis_ifft_{ax}")),
        );
        close(
            &format!("irfft axis {ax}"),
            &irfft_axis(z.view(), Some(7), ax).unwrap(),
            &real(&format!("axis_irfft_{ax}")),
        );
    }
    // Shapes follow numpy.
    assert_eq!(rfft_axis(x.view(), 1).unwrap().shape(), &[4, 3, 6]);
    assert_eq!(irfft_axis(z.view(), None, 2).unwrap().shape(), &[4, 5, 10]);
}

#[test]
fn two_dimensional() {
    for (r, c) in [(6, 8), (7, 9), (33, 20)] {
        let tag = format!("{r}x{c}");
        let x = real(&format!("rfft2_{tag}_x"))
            .into_dimensionality::<Ix2>()
            .unwrap();
        let y = rfft2(x.view()).unwrap();
        close(
            &format!("rfft2 {tag}"),
            &y,
            &complex(&format!("rfft2_{tag}_y")),
        );
        close(
            &format!("irfft2 {tag}"),
            &irfft2(y.view(), None).unwrap(),
            &real(&format!("irfft2_{tag}_default")),
        );
        let s = irfft2(y.view(), Some((r + 2, c - 1))).unwrap();
        assert_eq!(s.dim(), (r + 2, c - 1));
        close(
            &format!("irfft2 s {tag}"),
            &s,
            &real(&format!("irfft2_{tag}_s")),
        );
    }
}

#[test]
fn frequencies_and_shifts() {
    for n in [1, 8, 9] {
        close(
            &format!("fftfreq {n}"),
            &fftfreq::<f64>(n, 0.1).unwrap(),
            &real(&format!("fftfreq_{n}")),
        );
        close(
            &format!("rfftfreq {n}"),
            &rfftfreq::<f64>(n, 0.1).unwrap(),
            &real(&format!("rfftfreq_{n}")),
        );
    }
    let s = real("shift_x").into_dimensionality::<Ix2>().unwrap();
    assert_eq!(
        fftshift(s.view()),
        real("fftshift_y").into_dimensionality::<Ix2>().unwrap()
    );
    assert_eq!(
        ifftshift(s.view()),
        real("ifftshift_y").into_dimensionality::<Ix2>().unwrap()
    );
    assert_eq!(ifftshift(fftshift(s.view()).view()), s);
}

#[test]
fn spectra() {
    let x = real("rfft_97_x").into_dimensionality::<Ix1>().unwrap();
    close(
        "power",
        &power_spectrum(x.view()).unwrap(),
        &real("spec_power_y"),
    );
    close(
        "magnitude",
        &magnitude_spectrum(x.view()).unwrap(),
        &real("spec_magnitude_y"),
    );
}

#[test]
fn f32_transforms_follow_f64() {
    // f32 FFTs carry ~log2(n) * 6e-8 relative error: 1e-5 of the max is generous.
    let x = real("rfft_1000_x").into_dimensionality::<Ix1>().unwrap();
    let y32 = rfft(x.mapv(|v| v as f32).view())
        .unwrap()
        .mapv(|c| fourier::Complex::new(f64::from(c.re), f64::from(c.im)));
    assert!(crate::common::rel_err(&y32, &complex("rfft_1000_y")) < 1e-5);
}

#[test]
fn errors_are_typed() {
    let empty = Array1::<f64>::zeros(0);
    let ce = Array1::<fourier::Complex<f64>>::zeros(0);
    let too_short = |what| {
        Error::Core(CoreError::TooShort {
            what,
            min: 1,
            got: 0,
        })
    };
    assert_eq!(rfft(empty.view()), Err(too_short("x")));
    assert_eq!(fft(ce.view()), Err(too_short("x")));
    assert_eq!(ifft(ce.view()), Err(too_short("x")));
    assert_eq!(irfft(ce.view(), None), Err(too_short("x")));
    let one = Array1::from_elem(1, fourier::Complex::new(1.0, 0.0));
    assert_eq!(
        irfft(one.view(), None),
        Err(Error::InvalidLength {
            what: "irfft output",
            n: 0
        })
    );
    assert_eq!(
        irfft(one.view(), Some(0)),
        Err(Error::InvalidLength {
            what: "irfft output",
            n: 0
        })
    );
    let x = Array2::<f64>::zeros((3, 4));
    assert_eq!(
        rfft_axis(x.view(), 2),
        Err(Error::Core(CoreError::AxisOutOfBounds { axis: 2, ndim: 2 }))
    );
    let e2 = Array2::<f64>::zeros((0, 4));
    assert_eq!(rfft_axis(e2.view(), 0), Err(too_short("x along axis")));
    assert!(rfft2(e2.view()).is_err());
    let c2 = Array2::<fourier::Complex<f64>>::zeros((3, 4));
    assert!(matches!(
        irfft2(c2.view(), Some((0, 4))),
        Err(Error::InvalidLength { .. })
    ));
    assert!(matches!(
        fftfreq::<f64>(0, 1.0),
        Err(Error::Core(CoreError::TooShort { .. }))
    ));
    assert!(matches!(
        rfftfreq::<f64>(4, 0.0),
        Err(Error::Core(CoreError::InvalidParameter { .. }))
    ));
}
