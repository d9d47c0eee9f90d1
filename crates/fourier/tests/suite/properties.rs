//! Identities of the transforms and convolutions, on seeded random inputs (proptest, fixed seed).

use crate::common::rel_err;
use dsp_core::ConvMode;
use fourier::{Complex, fft, fftconvolve, ifft, irfft, irfft2, naive_dft, oaconvolve, rfft, rfft2};
use ndarray::{Array1, Array2, ArrayView1};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

fn signal(max_len: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-1.0..1.0_f64, 1..max_len)
}

fn cx(x: &[f64]) -> Array1<Complex<f64>> {
    x.iter().map(|&v| Complex::new(v, 0.0)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, rng_seed: RngSeed::Fixed(11), ..ProptestConfig::default() })]

    #[test]
    fn rfft_equals_naive_dft(x in signal(300)) {
        let want = naive_dft(cx(&x).view(), false);
        let got = rfft(ArrayView1::from(&x)).unwrap();
        prop_assert!(rel_err(&got, want.iter().take(got.len()).collect::<Vec<_>>()) < 1e-12);
    }

    #[test]
    fn fft_and_ifft_equal_naive_dft(re in signal(200), seed in 0u64..1000) {
        let z: Array1<Complex<f64>> = re.iter().enumerate().map(|(i, &r)| Complex::new(r, ((i as u64 * 31 + seed) % 17) as f64 / 17.0)).collect();
        prop_assert!(rel_err(&fft(z.view()).unwrap(), &naive_dft(z.view(), false)) < 1e-12);
        prop_assert!(rel_err(&ifft(z.view()).unwrap(), &naive_dft(z.view(), true)) < 1e-12);
        prop_assert!(rel_err(&ifft(fft(z.view()).unwrap().view()).unwrap(), &z) < 1e-12);
    }

    #[test]
    fn irfft_inverts_rfft(x in signal(2000)) {
        let back = irfft(rfft(ArrayView1::from(&x)).unwrap().view(), Some(x.len())).unwrap();
        prop_assert!(rel_err(&back, &x) < 1e-12);
    }

    #[test]
    fn parseval(x in signal(1000)) {
        // sum |x|^2 = (1/n) sum_k |X_k|^2 over the full spectrum (rfft's middle terms count twice).
        let n = x.len();
        let spec = rfft(ArrayView1::from(&x)).unwrap();
        let mut e = 0.0;
        for (k, c) in spec.iter().enumerate() {
            let twice = k != 0 && !(n % 2 == 0 && k == n / 2);
            e += c.norm_sqr() * if twice { 2.0 } else { 1.0 };
        }
        let t: f64 = x.iter().map(|v| v * v).sum();
        prop_assert!((e / n as f64 - t).abs() <= 1e-12 * t.max(1e-300));
    }

    #[test]
    fn linearity(x in signal(500), alpha in -2.0..2.0_f64) {
        let y: Vec<f64> = x.iter().map(|v| (3.0 * v).cos()).collect();
        let xy: Vec<f64> = x.iter().zip(&y).map(|(a, b)| alpha * a + b).collect();
        let lhs = rfft(ArrayView1::from(&xy)).unwrap();
        let rhs = rfft(ArrayView1::from(&x)).unwrap().mapv(|c| c * alpha) + rfft(ArrayView1::from(&y)).unwrap();
        prop_assert!(rel_err(&lhs, &rhs) < 1e-12);
    }

    #[test]
    fn convolution_theorem(f in signal(300), g in signal(300)) {
        // rfft(f * g) == rfft(f) . rfft(g), both zero-padded to the full length.
        let l = f.len() + g.len() - 1;
        let pad = |x: &[f64]| { let mut p = x.to_vec(); p.resize(l, 0.0); Array1::from_vec(p) };
        let conv = dsp_core::convolve(ArrayView1::from(&f), ArrayView1::from(&g), ConvMode::Full).unwrap();
        let lhs = rfft(conv.view()).unwrap();
        let rhs = rfft(pad(&f).view()).unwrap() * rfft(pad(&g).view()).unwrap();
        prop_assert!(rel_err(&lhs, &rhs) < 1e-12);
    }

    #[test]
    fn fft_convolutions_equal_direct(f in signal(3000), g in signal(200)) {
        for mode in [ConvMode::Full, ConvMode::Same, ConvMode::Valid] {
            let d = dsp_core::convolve(ArrayView1::from(&f), ArrayView1::from(&g), mode).unwrap();
            let fc = fftconvolve(ArrayView1::from(&f), ArrayView1::from(&g), mode).unwrap();
            let oc = oaconvolve(ArrayView1::from(&f), ArrayView1::from(&g), mode).unwrap();
            prop_assert!(rel_err(&fc, &d) < 1e-12, "fft {:?}", mode);
            prop_assert!(rel_err(&oc, &d) < 1e-12, "oa {:?}", mode);
        }
    }
}

#[test]
fn rfft2_round_trip_large_enough_for_rayon() {
    // 300 x 257 exercises several column blocks, a ragged last block and odd widths.
    let x = Array2::from_shape_fn((300, 257), |(i, j)| {
        ((i * 131 + j * 71) % 97) as f64 / 97.0 - 0.5
    });
    let y = rfft2(x.view()).unwrap();
    let back = irfft2(y.view(), Some((300, 257))).unwrap();
    assert!(rel_err(&back, &x) < 1e-12);
    // Column pass equals transforming the columns one by one.
    let rows = fourier::rfft_axis(x.view(), 1).unwrap();
    let cols = fourier::fft_axis(rows.view(), 0).unwrap();
    assert!(rel_err(&y, &cols) < 1e-12);
}

#[test]
fn plans_are_shared_across_threads() {
    use fourier::FftFloat;
    let a = f64::planners().r2c(4096);
    let b = std::thread::spawn(|| f64::planners().r2c(4096))
        .join()
        .unwrap();
    assert!(std::sync::Arc::ptr_eq(&a, &b));
}

#[test]
fn two_core_rfft_equals_single_realfft_call() {
    // Lengths from 65536 up that are multiples of 4 take the split path in `rfft`;
    // `rfft_axis` on the same 1-d array is one realfft call per lane.
    for n in [65_536usize, 100_000, 131_076, 1 << 18] {
        let x = Array1::from_shape_fn(n, |i| ((i * 7919 + 13) % 1009) as f64 / 1009.0 - 0.5);
        let split = rfft(x.view()).unwrap();
        let plain = fourier::rfft_axis(x.view(), 0).unwrap();
        assert!(rel_err(&split, &plain) < 1e-12, "n = {n}");
        let x32 = x.mapv(|v| v as f32);
        let s32 = rfft(x32.view()).unwrap();
        let p32 = fourier::rfft_axis(x32.view(), 0).unwrap();
        let max = p32.iter().fold(0.0_f32, |m, c| m.max(c.norm()));
        assert!(
            s32.iter()
                .zip(&p32)
                .all(|(a, b)| (a - b).norm() <= 1e-5 * max),
            "f32 n = {n}"
        );
    }
}
