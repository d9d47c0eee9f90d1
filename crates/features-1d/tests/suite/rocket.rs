//! MiniRocket and ROCKET: structure as published (84 kernels, the reference's dilations and
//! quantiles), determinism under a seed, PPV in [0, 1], and the algorithm itself checked
//! against a direct evaluation of the dilated kernels.

use features_1d::{
    Error, FeatureExtractor, Fit, MINIROCKET_NUM_KERNELS, MiniRocketParams, ReferenceLength,
    RocketParams, SeriesLengths, Transform, minirocket_dilations, minirocket_kernels,
    minirocket_quantiles,
};
use ndarray::{Array1, Array2};

#[test]
fn kernel_set_is_the_84_combinations() {
    let k = minirocket_kernels();
    assert_eq!(k.len(), MINIROCKET_NUM_KERNELS);
    assert_eq!(k[0], [0, 1, 2]);
    assert_eq!(k[1], [0, 1, 3]);
    assert_eq!(k[83], [6, 7, 8]);
    let mut u = k.clone();
    u.sort();
    u.dedup();
    assert_eq!(u.len(), 84);
    assert!(k.iter().all(|c| c[0] < c[1] && c[1] < c[2] && c[2] < 9));
}

/// (length, num_features, max dilations, dilations, features per dilation)
type DilationCase = (usize, usize, usize, &'static [usize], &'static [usize]);

#[test]
fn dilations_equal_the_reference() {
    // aeon 1.6.0 `_minirocket._fit_dilations(L, num_features, max_dilations)` (run here)
    let cases: [DilationCase; 8] = [
        (
            150,
            10000,
            32,
            &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 18],
            &[30, 15, 12, 12, 4, 8, 8, 4, 4, 4, 3, 3, 3, 3, 3, 3],
        ),
        (24, 10000, 32, &[1, 2], &[79, 40]),
        (
            427,
            10000,
            32,
            &[
                1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 14, 16, 19, 21, 24, 28, 31, 36, 41, 46, 53,
            ],
            &[
                23, 12, 8, 8, 4, 8, 4, 4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3,
            ],
        ),
        (9, 10000, 32, &[1], &[119]),
        (17, 10000, 32, &[1, 2], &[116, 3]),
        (
            150,
            1000,
            32,
            &[1, 2, 3, 4, 5, 7, 10, 13, 18],
            &[3, 1, 1, 1, 1, 1, 1, 1, 1],
        ),
        (150, 84, 32, &[1], &[1]),
        (150, 10000, 5, &[1, 2, 4, 8, 18], &[24, 24, 24, 24, 23]),
    ];
    for (l, nf, md, d, c) in cases {
        let (gd, gc) = minirocket_dilations(l, nf, md).unwrap();
        assert_eq!(
            (gd.as_slice(), gc.as_slice()),
            (d, c),
            "L={l} nf={nf} md={md}"
        );
        assert_eq!(gc.iter().sum::<usize>(), nf / 84);
    }
    // aeon's `_quantiles(5)`
    let q = minirocket_quantiles(5);
    let want = [0.618034, 0.23606798, 0.85410196, 0.47213596, 0.09016994];
    for (g, w) in q.iter().zip(want) {
        assert!((g - w).abs() < 5e-8);
    }
}

fn toy_set(n: usize, len: usize, seed: u64) -> Vec<Array1<f64>> {
    // deterministic, class-like series without an RNG dependency
    (0..n)
        .map(|i| {
            Array1::from_shape_fn(len, |t| {
                let s = (seed as f64 + 1.0) * 0.37;
                ((t as f64) * (0.05 + 0.01 * (i % 5) as f64) + s).sin()
                    + 0.3 * ((t * 7 + i * 13) as f64 * 0.61).cos()
            })
        })
        .collect()
}

/// Direct evaluation of MiniRocket kernel `betas` at `dilation` (weights -1/2, zero padding).
fn direct(x: &[f64], betas: [usize; 3], d: usize) -> Vec<f64> {
    let n = x.len() as isize;
    (0..n)
        .map(|t| {
            (0..9)
                .map(|k| {
                    let i = t + (k as isize - 4) * d as isize;
                    let w = if betas.contains(&k) { 2.0 } else { -1.0 };
                    if (0..n).contains(&i) {
                        w * x[i as usize]
                    } else {
                        0.0
                    }
                })
                .sum()
        })
        .collect()
}

#[test]
fn minirocket_structure_and_determinism() {
    let train = toy_set(20, 150, 0);
    let p = MiniRocketParams::default().seed(7);
    let m = p.fit(&train, &()).unwrap();
    assert_eq!(m.n_features(), 9996);
    assert_eq!(m.biases().len(), 9996);
    assert_eq!(m.feature_names().len(), 9996);
    assert_eq!(
        m.dilations(),
        minirocket_dilations(150, 10000, 32).unwrap().0.as_slice()
    );
    // same seed, same model; another seed, other biases
    assert_eq!(p.fit(&train, &()).unwrap(), m);
    assert_ne!(p.seed(8).fit(&train, &()).unwrap().biases(), m.biases());
    let test = toy_set(6, 150, 3);
    let f: Array2<f64> = m.transform(&test).unwrap();
    assert_eq!(f.dim(), (6, 9996));
    assert!(f.iter().all(|&v| (0.0..=1.0).contains(&v)));
    assert_eq!(f, m.transform(&test).unwrap());
    // not constant: the transform sees the data
    assert!(f.iter().any(|&v| v > 0.0 && v < 1.0));
}

#[test]
fn minirocket_features_equal_direct_ppv() {
    // each feature is PPV of the dilated kernel output against its bias, over the padded
    // output or the unpadded part, alternating with dilation and kernel index
    let train = toy_set(10, 60, 1);
    let m = MiniRocketParams::default()
        .num_features(840)
        .fit(&train, &())
        .unwrap();
    let x = toy_set(1, 60, 5).remove(0);
    let f = m.transform_one(x.view()).unwrap();
    let kernels = minirocket_kernels();
    let xs = x.as_slice().unwrap();
    let mut idx = 0;
    for (di, (&d, &nf)) in m
        .dilations()
        .iter()
        .zip(m.features_per_dilation())
        .enumerate()
    {
        for (ki, &b) in kernels.iter().enumerate() {
            let c = direct(xs, b, d);
            let c = if (di + ki) % 2 == 1 {
                &c[4 * d..60 - 4 * d]
            } else {
                &c[..]
            };
            for _ in 0..nf {
                let bias = m.biases()[idx];
                // the bias is an exact quantile of some output: values within 1e-12 of it
                // may flip with summation order, so compare counts away from ties
                let above = c.iter().filter(|&&v| v > bias + 1e-12).count();
                let at_or_above = c.iter().filter(|&&v| v > bias - 1e-12).count();
                let got = f[idx] * c.len() as f64;
                assert!(
                    got + 1e-9 >= above as f64 && got - 1e-9 <= at_or_above as f64,
                    "feature {idx}: {got} not in [{above}, {at_or_above}]"
                );
                idx += 1;
            }
        }
    }
    assert_eq!(idx, 840);
}

#[test]
fn minirocket_refuses_ragged_sets_unless_variable() {
    let train: Vec<Array1<f32>> = toy_set(8, 100, 2)
        .into_iter()
        .map(|a| a.mapv(|v| v as f32))
        .collect();
    let m = MiniRocketParams::default().fit(&train, &()).unwrap();
    assert!(!m.is_variable_length());
    // a batch of another common length is transformed (as aeon), a ragged one refused
    let short: Vec<Array1<f32>> = vec![
        Array1::from_elem(40, 0.5f32),
        train[0].iter().take(40).copied().collect(),
    ];
    let f = m.transform(&short).unwrap();
    assert!(f.iter().all(|&v| (0.0..=1.0).contains(&v)));
    let ragged: Vec<Array1<f32>> = vec![
        train[0].clone(),
        Array1::from_elem(40, 0.5f32),
        train[1].iter().take(70).copied().collect(),
    ];
    assert_eq!(
        m.transform(&ragged).unwrap_err(),
        Error::UnequalLengths {
            index: 1,
            len: 40,
            expected: 100
        }
    );
    // ... and so is a ragged training set: the dilations would have to follow one length
    assert_eq!(
        MiniRocketParams::default().fit(&ragged, &()).unwrap_err(),
        Error::UnequalLengths {
            index: 1,
            len: 40,
            expected: 100
        }
    );
    // the variable-length variant fits and transforms it
    let v = MiniRocketParams::default()
        .series_lengths(SeriesLengths::Variable(ReferenceLength::Max))
        .fit(&ragged, &())
        .unwrap();
    assert!(v.is_variable_length());
    assert_eq!(v.input_length(), 100);
    assert_eq!(
        v.dilations(),
        minirocket_dilations(100, 10000, 32).unwrap().0.as_slice()
    );
    let f = v.transform(&ragged).unwrap();
    assert_eq!(f.dim(), (3, 9996));
    assert!(f.iter().all(|&v| (0.0..=1.0).contains(&v)));
}

#[test]
fn variable_length_reference_lengths() {
    let lens = [30usize, 100, 41, 60];
    let set: Vec<Array1<f64>> = lens
        .iter()
        .enumerate()
        .map(|(i, &n)| toy_set(1, n, i as u64).remove(0))
        .collect();
    // aeon: int(max(9, numpy.<mode>(L)))
    for (r, want) in [
        (ReferenceLength::Max, 100),
        (ReferenceLength::Min, 30),
        (ReferenceLength::Mean, 57),   // 57.75
        (ReferenceLength::Median, 50), // (41 + 60) / 2 = 50.5
        (ReferenceLength::Fixed(12), 12),
    ] {
        let m = MiniRocketParams::default()
            .num_features(840)
            .series_lengths(SeriesLengths::Variable(r))
            .fit(&set, &())
            .unwrap();
        assert_eq!(m.input_length(), want, "{r:?}");
    }
    assert!(matches!(
        MiniRocketParams::default()
            .series_lengths(SeriesLengths::Variable(ReferenceLength::Fixed(8)))
            .fit(&set, &()),
        Err(Error::Core(dsp_core::Error::InvalidParameter {
            name: "reference_length",
            ..
        }))
    ));
}

#[test]
fn variable_length_features_are_ppv_over_the_padded_output() {
    // the reference's variable-length transform forces padding: every feature is PPV over the
    // zero-padded output of the series' own length, with dilations of the reference length
    let train: Vec<Array1<f64>> = [60usize, 45, 33]
        .iter()
        .enumerate()
        .map(|(i, &n)| toy_set(1, n, 10 + i as u64).remove(0))
        .collect();
    let m = MiniRocketParams::default()
        .num_features(840)
        .series_lengths(SeriesLengths::Variable(ReferenceLength::Max))
        .fit(&train, &())
        .unwrap();
    let x = toy_set(1, 20, 5).remove(0); // shorter than 8 * the largest dilation
    assert!(m.dilations().iter().any(|&d| 8 * d >= 20));
    let f = m.transform_one(x.view()).unwrap();
    let xs = x.as_slice().unwrap();
    let mut idx = 0;
    for (&d, &nf) in m.dilations().iter().zip(m.features_per_dilation()) {
        for &b in &minirocket_kernels() {
            let c = direct(xs, b, d);
            for _ in 0..nf {
                let bias = m.biases()[idx];
                let above = c.iter().filter(|&&v| v > bias + 1e-12).count();
                let at_or_above = c.iter().filter(|&&v| v > bias - 1e-12).count();
                let got = f[idx] * 20.0;
                assert!(got + 1e-9 >= above as f64 && got - 1e-9 <= at_or_above as f64);
                idx += 1;
            }
        }
    }
    assert_eq!(idx, 840);
    // on an equal-length set the variable variant draws the same biases; the features differ
    // exactly where the standard one takes the unpadded output
    let eq = toy_set(5, 60, 6);
    let p = MiniRocketParams::default().num_features(840);
    let std_m = p.fit(&eq, &()).unwrap();
    let var_m = p
        .series_lengths(SeriesLengths::Variable(ReferenceLength::Max))
        .fit(&eq, &())
        .unwrap();
    assert_eq!(std_m.biases(), var_m.biases());
    let (fs, fv) = (std_m.transform(&eq).unwrap(), var_m.transform(&eq).unwrap());
    let mut idx = 0;
    for (di, &nf) in std_m.features_per_dilation().iter().enumerate() {
        for ki in 0..84 {
            for _ in 0..nf {
                if (di + ki) % 2 == 0 {
                    assert_eq!(fs.column(idx), fv.column(idx));
                }
                idx += 1;
            }
        }
    }
    assert_ne!(fs, fv);
}

#[test]
fn rocket_refuses_ragged_sets() {
    let p = RocketParams::default().num_kernels(20);
    let ragged = vec![Array1::<f64>::zeros(50), Array1::zeros(40)];
    let want = Error::UnequalLengths {
        index: 1,
        len: 40,
        expected: 50,
    };
    assert_eq!(p.fit(&ragged, &()).unwrap_err(), want);
    let r = p.fit(&ragged[..1], &()).unwrap();
    assert_eq!(r.transform(&ragged).unwrap_err(), want);
    // a matrix is one length by construction
    assert_eq!(
        r.transform(&Array2::<f64>::ones((2, 50))).unwrap().dim(),
        (2, 40)
    );
}

#[test]
fn rocket_structure_and_direct_check() {
    let p = RocketParams::default().num_kernels(200).seed(3);
    let train = toy_set(3, 150, 4);
    let r = p.fit(&train, &()).unwrap();
    assert_eq!(r.kernels().len(), 200);
    assert_eq!(
        r,
        p.fit(&toy_set(1, 150, 8), &()).unwrap(),
        "only the length counts"
    );
    for k in r.kernels() {
        assert!([7, 9, 11].contains(&k.weights.len()));
        assert!(k.weights.iter().sum::<f64>().abs() < 1e-12, "mean-centred");
        assert!((-1.0..1.0).contains(&k.bias));
        assert!(k.dilation >= 1 && (k.weights.len() - 1) * k.dilation <= 149);
        assert!(k.padding == 0 || k.padding == (k.weights.len() - 1) * k.dilation / 2);
    }
    assert!(
        r.kernels().iter().any(|k| k.padding > 0) && r.kernels().iter().any(|k| k.padding == 0)
    );
    assert!(r.kernels().iter().any(|k| k.dilation > 4));
    let x = toy_set(1, 150, 9).remove(0);
    let f = r.transform_one(x.view()).unwrap();
    assert_eq!(f.len(), 400);
    for (i, k) in r.kernels().iter().enumerate() {
        // the reference's apply_kernel, directly
        let (len, d, p) = (k.weights.len(), k.dilation, k.padding as isize);
        let out_len = 150 + 2 * k.padding - (len - 1) * d;
        let (mut ppv, mut max) = (0usize, f64::NEG_INFINITY);
        for t in 0..out_len {
            let mut s = k.bias;
            for j in 0..len {
                let idx = t as isize - p + (j * d) as isize;
                if (0..150).contains(&idx) {
                    s += k.weights[j] * x[idx as usize];
                }
            }
            max = max.max(s);
            ppv += usize::from(s > 0.0);
        }
        assert!((f[2 * i] - ppv as f64 / out_len as f64).abs() < 1e-12);
        assert!((f[2 * i + 1] - max).abs() < 1e-12 * max.abs().max(1.0));
    }
}
