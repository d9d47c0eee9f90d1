//! Every bad input gives its typed error, never a panic.

use dsp_core::ConvMode;
use features_1d::{
    Error, FeatureExtractor, FilterBank, Fit, LocalFeatures, MiniRocketParams, Pooling,
    RocketParams, Transform, pool,
};
use ndarray::{Array1, array};

fn bank(mode: ConvMode) -> FilterBank<f64> {
    FilterBank::new(
        vec![array![1.0, 2.0, 1.0], array![1.0, -1.0]],
        vec![Pooling::Mean],
        mode,
    )
    .unwrap()
}

#[test]
fn empty_bank_and_bad_kernels() {
    assert_eq!(
        FilterBank::<f64>::new(vec![], vec![Pooling::Mean], ConvMode::Same).unwrap_err(),
        Error::Empty { what: "kernels" }
    );
    assert_eq!(
        FilterBank::new(vec![array![1.0]], vec![], ConvMode::Same).unwrap_err(),
        Error::Empty { what: "poolings" }
    );
    assert!(matches!(
        FilterBank::new(
            vec![Array1::<f64>::zeros(0)],
            vec![Pooling::Max],
            ConvMode::Same
        ),
        Err(Error::Core(dsp_core::Error::TooShort { .. }))
    ));
    assert!(matches!(
        FilterBank::new(
            vec![array![1.0, f64::NAN]],
            vec![Pooling::Max],
            ConvMode::Same
        ),
        Err(Error::Core(dsp_core::Error::NonFinite { index: 1, .. }))
    ));
    assert_eq!(
        FilterBank::new(
            vec![array![1.0]],
            vec![Pooling::Percentile(-1.0)],
            ConvMode::Same
        )
        .unwrap_err(),
        Error::InvalidPercentile { q: -1.0 }
    );
    assert!(matches!(
        bank(ConvMode::Same).with_kernel_names(vec!["a".into()]),
        Err(Error::Core(dsp_core::Error::ShapeMismatch { .. }))
    ));
    assert!(matches!(
        FilterBank::<f64>::tutorial_gabor(-1.0, vec![Pooling::Mean], ConvMode::Same),
        Err(Error::Filters(_))
    ));
}

#[test]
fn bad_signals_for_a_bank() {
    let b = bank(ConvMode::Valid);
    assert!(matches!(
        b.transform_one(Array1::<f64>::zeros(0).view()),
        Err(Error::Core(dsp_core::Error::TooShort { .. }))
    ));
    assert_eq!(
        b.transform_one(array![1.0, 2.0].view()).unwrap_err(),
        Error::SignalShorterThanKernel {
            signal_len: 2,
            kernel: 0,
            kernel_len: 3
        }
    );
    // in same mode the short signal is fine (numpy's max(n, m) outputs)
    assert_eq!(
        bank(ConvMode::Same)
            .transform_one(array![1.0, 2.0].view())
            .unwrap()
            .len(),
        2
    );
    assert!(matches!(
        b.transform_one(array![1.0, f64::INFINITY, 3.0].view()),
        Err(Error::Core(dsp_core::Error::NonFinite { index: 1, .. }))
    ));
    // in a batch, the failing signal is named
    let batch = vec![
        array![1.0, 2.0, 3.0],
        array![1.0, 2.0, 3.0, 4.0],
        array![1.0],
    ];
    match b.transform(&batch) {
        Err(Error::AtSignal { index: 2, source }) => {
            assert!(matches!(*source, Error::SignalShorterThanKernel { .. }));
        }
        other => panic!("{other:?}"),
    }
    let mut out = [0.0; 3];
    assert!(matches!(
        b.transform_into(array![1.0, 2.0, 3.0].view(), &mut out),
        Err(Error::Core(dsp_core::Error::ShapeMismatch { .. }))
    ));
    assert!(b.response(array![1.0, 2.0, 3.0].view(), 5).is_err());
}

#[test]
fn bad_windows_and_percentiles() {
    assert!(matches!(
        LocalFeatures::new(4, 0, vec![Pooling::Mean]),
        Err(Error::Core(dsp_core::Error::InvalidParameter {
            name: "hop",
            ..
        }))
    ));
    assert!(matches!(
        LocalFeatures::new(0, 1, vec![Pooling::Mean]),
        Err(Error::Core(dsp_core::Error::InvalidParameter {
            name: "window",
            ..
        }))
    ));
    assert_eq!(
        LocalFeatures::new(4, 1, vec![]).unwrap_err(),
        Error::Empty { what: "poolings" }
    );
    let lf = LocalFeatures::new(4, 2, vec![Pooling::Max]).unwrap();
    assert_eq!(
        lf.transform(&array![1.0, 2.0, 3.0]).unwrap_err(),
        Error::WindowTooLong {
            window: 4,
            signal_len: 3
        }
    );
    assert!(lf.transform(&array![1.0, f64::NAN, 3.0, 4.0]).is_err());
    assert_eq!(
        pool(&[1.0, 2.0], Pooling::Percentile(101.0)).unwrap_err(),
        Error::InvalidPercentile { q: 101.0 }
    );
}

#[test]
fn bad_rocket_input() {
    let p = MiniRocketParams::default();
    assert_eq!(
        p.fit(&Vec::<Array1<f64>>::new(), &()).unwrap_err(),
        Error::Empty {
            what: "training set"
        }
    );
    let short = vec![Array1::<f64>::zeros(8)];
    assert!(matches!(
        p.fit(&short, &()),
        Err(Error::AtSignal { index: 0, .. })
    ));
    let nan = vec![Array1::<f64>::zeros(20), Array1::from_elem(20, f64::NAN)];
    assert!(matches!(
        p.fit(&nan, &()),
        Err(Error::AtSignal { index: 1, .. })
    ));
    let few = p.num_features(83);
    assert!(matches!(
        few.fit(&vec![Array1::<f64>::zeros(20)], &()),
        Err(Error::Core(dsp_core::Error::InvalidParameter {
            name: "num_features",
            ..
        }))
    ));
    let fitted = p
        .fit(&vec![Array1::from_shape_fn(20, |i| (i as f64).sin())], &())
        .unwrap();
    assert!(
        fitted
            .transform_one(Array1::<f64>::zeros(5).view())
            .is_err()
    );
    let len100 = vec![Array1::from_shape_fn(100, |i| (i as f64).cos())];
    assert!(matches!(
        RocketParams::default().num_kernels(0).fit(&len100, &()),
        Err(Error::Core(_))
    ));
    let r = RocketParams::default()
        .num_kernels(50)
        .seed(1)
        .fit(&len100, &())
        .unwrap();
    assert!(r.transform_one(Array1::<f64>::zeros(0).view()).is_err());
    // a series far shorter than the fitted length: some kernel's span does not fit
    assert!(matches!(
        r.transform_one(Array1::<f64>::ones(3).view()),
        Err(Error::SignalShorterThanKernel { .. })
    ));
}

#[test]
fn minirocket_from_inconsistent_parts_is_refused() {
    use features_1d::MiniRocket;
    let ok = |len: usize, d: Vec<usize>, n: Vec<usize>, b: Vec<f64>| {
        MiniRocket::from_parts(len, d, n, b, false)
    };
    let biases = vec![0.0; 84];
    assert!(ok(9, vec![1], vec![1], biases.clone()).is_ok());
    // too short a series length
    assert!(matches!(
        ok(8, vec![1], vec![1], biases.clone()),
        Err(Error::Core(dsp_core::Error::TooShort { .. }))
    ));
    // no dilation, or not one count per dilation
    for (d, n) in [(vec![], vec![]), (vec![1, 2], vec![1])] {
        assert!(matches!(
            ok(20, d, n, biases.clone()),
            Err(Error::Core(dsp_core::Error::ShapeMismatch { .. }))
        ));
    }
    // a zero dilation or count
    for (d, n) in [(vec![0], vec![1]), (vec![1], vec![0])] {
        assert!(matches!(
            ok(20, d, n, biases.clone()),
            Err(Error::Core(dsp_core::Error::InvalidParameter { .. }))
        ));
    }
    // not 84 biases per feature count
    assert!(matches!(
        ok(20, vec![1], vec![2], biases.clone()),
        Err(Error::Core(dsp_core::Error::ShapeMismatch { .. }))
    ));
    // a NaN bias, named by its index
    let mut nan = biases.clone();
    nan[7] = f64::NAN;
    assert!(matches!(
        ok(20, vec![1], vec![1], nan),
        Err(Error::Core(dsp_core::Error::NonFinite { index: 7, .. }))
    ));
}
