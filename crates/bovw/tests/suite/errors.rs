//! Every typed error a user can reach, one test each (no panics on bad input).

use bovw::{
    Encoder, Error, Fisher, Gmm, GmmParams, HistNorm, Histogram, KMeansInit, KMeansParams,
    MiniBatchKMeansParams, SoftAssignment, SpatialPyramid, Vlad, VladFlags, Vocabulary,
    encode_batch, kmeans_plusplus,
};
use dsp_core::{Fit, ParamGuard, Predict};
use ndarray::{Array1, Array2, array};

fn data() -> Array2<f64> {
    Array2::from_shape_fn((20, 3), |(i, j)| ((i * 7 + j * 3) % 11) as f64)
}

fn voc() -> Vocabulary<f64> {
    Vocabulary::new(array![[0.0, 0.0, 0.0], [5.0, 5.0, 5.0]]).unwrap()
}

#[test]
fn empty_data() {
    let x = Array2::<f64>::zeros((0, 3));
    assert!(matches!(
        KMeansParams::new(2).fit(&x, &()),
        Err(Error::Empty { rows: 0, .. })
    ));
    let x = Array2::<f64>::zeros((5, 0));
    assert!(matches!(
        KMeansParams::new(2).fit(&x, &()),
        Err(Error::Empty { cols: 0, .. })
    ));
    assert!(matches!(
        kmeans_plusplus(Array2::<f32>::zeros((0, 2)).view(), 1, None, 0),
        Err(Error::Empty { .. })
    ));
    assert!(matches!(
        GmmParams::new(1).fit(&Array2::<f64>::zeros((0, 2)), &()),
        Err(Error::Empty { .. })
    ));
}

#[test]
fn zero_clusters() {
    assert!(matches!(
        KMeansParams::<f64>::new(0).check(),
        Err(Error::ZeroClusters { .. })
    ));
    assert!(matches!(
        kmeans_plusplus(data().view(), 0, None, 0),
        Err(Error::ZeroClusters { .. })
    ));
    assert!(matches!(
        MiniBatchKMeansParams::<f64>::new(0).check(),
        Err(Error::ZeroClusters { .. })
    ));
    assert!(matches!(
        GmmParams::<f64>::new(0).check(),
        Err(Error::ZeroClusters { .. })
    ));
}

#[test]
fn more_clusters_than_samples() {
    let e = KMeansParams::new(21).fit(&data(), &()).unwrap_err();
    assert!(
        matches!(
            e,
            Error::TooFewSamples {
                n_samples: 20,
                n_clusters: 21,
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("21"));
    assert!(matches!(
        kmeans_plusplus(data().view(), 21, None, 0),
        Err(Error::TooFewSamples { .. })
    ));
    assert!(matches!(
        MiniBatchKMeansParams::new(21).fit(&data(), &()),
        Err(Error::TooFewSamples { .. })
    ));
    assert!(matches!(
        GmmParams::new(21).fit(&data(), &()),
        Err(Error::TooFewSamples { .. })
    ));
}

#[test]
fn non_finite_values() {
    let mut x = data();
    x[[4, 1]] = f64::NAN;
    let e = KMeansParams::new(2).fit(&x, &()).unwrap_err();
    assert!(matches!(e, Error::NonFinite { row: 4, col: 1, .. }), "{e}");
    x[[4, 1]] = f64::INFINITY;
    assert!(matches!(
        GmmParams::new(2).fit(&x, &()),
        Err(Error::NonFinite { row: 4, .. })
    ));
    assert!(matches!(
        voc().words(x.view()),
        Err(Error::NonFinite { .. })
    ));
    assert!(matches!(Vocabulary::new(x), Err(Error::NonFinite { .. })));
    let init = array![[0.0, f64::NAN, 0.0], [1.0, 1.0, 1.0]];
    assert!(matches!(
        KMeansParams::new(2).init(KMeansInit::Centers(init)).check(),
        Err(Error::NonFinite { .. })
    ));
}

#[test]
fn dimension_mismatch() {
    let x = Array2::<f64>::zeros((4, 2));
    let e = voc().words(x.view()).unwrap_err();
    assert!(
        matches!(
            e,
            Error::DimensionMismatch {
                expected: 3,
                got: 2,
                ..
            }
        ),
        "{e}"
    );
    let km = KMeansParams::new(2).seed(3).fit(&data(), &()).unwrap();
    assert!(matches!(
        km.predict(&x),
        Err(Error::DimensionMismatch { .. })
    ));
    let init = array![[0.0, 0.0], [1.0, 1.0]];
    assert!(matches!(
        KMeansParams::new(2)
            .init(KMeansInit::Centers(init))
            .fit(&data(), &()),
        Err(Error::DimensionMismatch { .. })
    ));
    assert!(matches!(
        Vlad::new(voc(), VladFlags::default()).encode(x.view()),
        Err(Error::DimensionMismatch { .. })
    ));
}

#[test]
fn init_centres_of_wrong_count() {
    let init = array![[0.0, 0.0, 0.0]];
    assert!(matches!(
        KMeansParams::new(2).init(KMeansInit::Centers(init)).check(),
        Err(Error::Shape { .. })
    ));
}

#[test]
fn bad_tol_and_max_iter() {
    assert!(matches!(
        KMeansParams::<f64>::new(2).tol(-1.0).check(),
        Err(Error::InvalidParameter { name: "tol", .. })
    ));
    assert!(matches!(
        KMeansParams::<f64>::new(2).tol(f64::NAN).check(),
        Err(Error::InvalidParameter { .. })
    ));
    assert!(matches!(
        KMeansParams::<f64>::new(2).max_iter(0).check(),
        Err(Error::ZeroCount { name: "max_iter" })
    ));
    assert!(matches!(
        KMeansParams::<f64>::new(2).n_init(0).check(),
        Err(Error::ZeroCount { name: "n_init" })
    ));
    assert!(matches!(
        GmmParams::<f64>::new(2).tol(-0.1).check(),
        Err(Error::InvalidParameter { .. })
    ));
    assert!(matches!(
        GmmParams::<f64>::new(2).reg_covar(-1e-6).check(),
        Err(Error::InvalidParameter {
            name: "reg_covar",
            ..
        })
    ));
    assert!(matches!(
        GmmParams::<f64>::new(2).max_iter(0).check(),
        Err(Error::ZeroCount { .. })
    ));
    assert!(matches!(
        MiniBatchKMeansParams::<f64>::new(2).batch_size(0).check(),
        Err(Error::ZeroCount { name: "batch_size" })
    ));
    assert!(matches!(
        kmeans_plusplus(data().view(), 2, Some(0), 0),
        Err(Error::ZeroCount { .. })
    ));
}

#[test]
fn bad_sigma() {
    for s in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        let e = SoftAssignment::new(voc(), s).unwrap_err();
        assert!(
            matches!(e, Error::InvalidParameter { name: "sigma", .. }),
            "{e}"
        );
    }
}

#[test]
fn empty_and_ragged_descriptor_sets() {
    let h = Histogram::new(voc(), HistNorm::L1);
    let empty = Array2::<f64>::zeros((0, 3));
    assert!(matches!(h.encode(empty.view()), Err(Error::Empty { .. })));
    assert!(matches!(encode_batch(&h, &[]), Err(Error::Empty { .. })));
    let a = Array2::<f64>::zeros((3, 3));
    let b = Array2::<f64>::zeros((3, 4));
    let e = encode_batch(&h, &[a.view(), b.view()]).unwrap_err();
    match e {
        Error::InSet { index, source } => {
            assert_eq!(index, 1);
            assert!(matches!(
                *source,
                Error::DimensionMismatch {
                    expected: 3,
                    got: 4,
                    ..
                }
            ));
        }
        e => panic!("{e}"),
    }
    let e = encode_batch(&h, &[a.view(), empty.view()]).unwrap_err();
    assert!(matches!(e, Error::InSet { index: 1, .. }));
}

#[test]
fn bad_mixtures() {
    let m = array![[0.0, 0.0], [1.0, 1.0]];
    let v = array![[1.0, 1.0], [1.0, 0.0]];
    assert!(matches!(
        Gmm::from_parts(array![0.5, 0.5], m.clone(), v),
        Err(Error::InvalidMixture {
            what: "variances",
            index: 3,
            ..
        })
    ));
    let v = array![[1.0, 1.0], [1.0, 1.0]];
    assert!(matches!(
        Gmm::from_parts(array![0.5, 0.6], m.clone(), v.clone()),
        Err(Error::InvalidMixture {
            what: "weights",
            ..
        })
    ));
    assert!(matches!(
        Gmm::from_parts(array![1.0], m.clone(), v.clone()),
        Err(Error::Shape { .. })
    ));
    assert!(matches!(
        GmmParams::new(2).weights_init(array![0.2, 0.2]).check(),
        Err(Error::InvalidMixture { .. })
    ));
    assert!(matches!(
        GmmParams::new(2)
            .precisions_init(array![[1.0, -1.0], [1.0, 1.0]])
            .check(),
        Err(Error::InvalidMixture { .. })
    ));
    let g = Gmm::from_parts(array![0.5, 0.5], m, v).unwrap();
    let f = Fisher::new(g, true);
    assert!(matches!(
        f.encode(Array2::<f64>::zeros((2, 3)).view()),
        Err(Error::DimensionMismatch { .. })
    ));
    assert!(matches!(
        f.encode(Array2::<f64>::zeros((0, 2)).view()),
        Err(Error::Empty { rows: 0, .. })
    ));
    assert!(matches!(
        f.encode(array![[0.0, 1.0], [f64::NAN, 0.0]].view()),
        Err(Error::NonFinite { row: 1, col: 0, .. })
    ));
}

#[test]
fn bad_pyramids() {
    assert!(matches!(
        SpatialPyramid::new(vec![]),
        Err(Error::InvalidLevels { .. })
    ));
    assert!(matches!(
        SpatialPyramid::new(vec![1, 0]),
        Err(Error::InvalidLevels { .. })
    ));
    let sp = SpatialPyramid::new(vec![1, 2]).unwrap();
    let h = Histogram::new(voc(), HistNorm::L1);
    let d = Array2::<f64>::zeros((2, 3));
    let pos = array![[1.0, 1.0], [10.0, 3.0]];
    let e = sp.encode(&h, d.view(), pos.view(), (10, 10)).unwrap_err();
    assert!(
        matches!(e, Error::PositionOutOfBounds { index: 1, .. }),
        "{e}"
    );
    let pos = array![[1.0, 1.0]];
    assert!(matches!(
        sp.encode(&h, d.view(), pos.view(), (10, 10)),
        Err(Error::Shape { .. })
    ));
    let pos = array![[1.0, f64::NAN], [1.0, 1.0]];
    assert!(matches!(
        sp.encode(&h, d.view(), pos.view(), (10, 10)),
        Err(Error::NonFinite { .. })
    ));
    let pos = array![[0.0, 0.0], [0.0, 0.0]];
    assert!(matches!(
        sp.encode(&h, d.view(), pos.view(), (0, 10)),
        Err(Error::PositionOutOfBounds { .. })
    ));
}

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("bovw-errors");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn vocabulary_files() {
    let v = voc();
    let p = tmp("good.voc");
    v.save(&p).unwrap();
    let bytes = std::fs::read(&p).unwrap();

    let t = tmp("truncated.voc");
    std::fs::write(&t, &bytes[..bytes.len() - 3]).unwrap();
    let e = Vocabulary::<f64>::load(&t).unwrap_err();
    assert!(
        matches!(e, Error::FileSize { got, expected, .. } if got + 3 == expected),
        "{e}"
    );
    std::fs::write(&t, &bytes[..20]).unwrap();
    assert!(matches!(
        Vocabulary::<f64>::load(&t),
        Err(Error::FileSize {
            expected: 32,
            got: 20,
            ..
        })
    ));

    let t = tmp("long.voc");
    let mut long = bytes.clone();
    long.push(0);
    std::fs::write(&t, &long).unwrap();
    assert!(matches!(
        Vocabulary::<f64>::load(&t),
        Err(Error::FileSize { .. })
    ));

    let t = tmp("magic.voc");
    let mut bad = bytes.clone();
    bad[0] = b'X';
    std::fs::write(&t, &bad).unwrap();
    assert!(matches!(
        Vocabulary::<f64>::load(&t),
        Err(Error::BadMagic { .. })
    ));
    std::fs::write(&t, b"SF").unwrap();
    assert!(matches!(
        Vocabulary::<f64>::load(&t),
        Err(Error::BadMagic { .. })
    ));

    let t = tmp("version.voc");
    let mut bad = bytes.clone();
    bad[8] = 9;
    std::fs::write(&t, &bad).unwrap();
    assert!(matches!(
        Vocabulary::<f64>::load(&t),
        Err(Error::UnsupportedVersion { version: 9, .. })
    ));

    let e = Vocabulary::<f32>::load(&p).unwrap_err();
    assert!(
        matches!(&e, Error::WrongDtype { expected: "f32", found, .. } if found == "f64"),
        "{e}"
    );
    let t = tmp("dtype.voc");
    let mut bad = bytes.clone();
    bad[12] = 7;
    std::fs::write(&t, &bad).unwrap();
    assert!(matches!(
        Vocabulary::<f64>::load(&t),
        Err(Error::WrongDtype { .. })
    ));

    let e = Vocabulary::<f64>::load_expect_dim(&p, 128).unwrap_err();
    assert!(
        matches!(
            e,
            Error::DimensionMismatch {
                expected: 128,
                got: 3,
                ..
            }
        ),
        "{e}"
    );
    assert!(Vocabulary::<f64>::load_expect_dim(&p, 3).is_ok());

    let t = tmp("nan.voc");
    let mut bad = bytes.clone();
    bad[32..40].copy_from_slice(&f64::NAN.to_le_bytes());
    std::fs::write(&t, &bad).unwrap();
    assert!(matches!(
        Vocabulary::<f64>::load(&t),
        Err(Error::NonFinite { .. })
    ));

    let t = tmp("empty.voc");
    let mut hdr = bytes[..32].to_vec();
    hdr[16..24].copy_from_slice(&0u64.to_le_bytes());
    std::fs::write(&t, &hdr).unwrap();
    assert!(matches!(
        Vocabulary::<f64>::load(&t),
        Err(Error::Empty { .. })
    ));

    let t = tmp("huge.voc");
    let mut hdr = bytes[..32].to_vec();
    hdr[16..24].copy_from_slice(&u64::MAX.to_le_bytes());
    std::fs::write(&t, &hdr).unwrap();
    assert!(matches!(
        Vocabulary::<f64>::load(&t),
        Err(Error::FileSize { .. })
    ));

    assert!(matches!(
        Vocabulary::<f64>::load(tmp("missing.voc")),
        Err(Error::Io { .. })
    ));
}

#[test]
fn minibatch_partial_fit_dimension() {
    let p = MiniBatchKMeansParams::new(2).seed(1).check().unwrap();
    let mut m = p.partial_fit(data().view()).unwrap();
    assert!(matches!(
        m.partial_fit(Array2::<f64>::zeros((3, 2)).view()),
        Err(Error::DimensionMismatch { .. })
    ));
    let _ = Array1::<f64>::zeros(1);
}

#[test]
fn collapsed_mixture_component() {
    // A constant column and no regularisation: the variance reaches 0.
    let mut x = data();
    x.column_mut(2).fill(0.0);
    let e = GmmParams::new(2)
        .reg_covar(0.0)
        .seed(1)
        .fit(&x, &())
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::InvalidMixture {
                what: "variances",
                ..
            }
        ),
        "{e}"
    );
    assert!(GmmParams::new(2).seed(1).fit(&x, &()).is_ok());
}
