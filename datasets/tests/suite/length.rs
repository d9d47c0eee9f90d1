//! Pad / truncate / resample of series of unequal length: values (resampling equal to
//! `numpy.interp` to the last bit; the expected rows were printed by numpy 2.2.6 with
//! `np.interp(np.linspace(0, 1, L), np.linspace(0, 1, len(x)), x)`), and every error.

use datasets::{Error, max_length, min_length, pad, resample, truncate};
use ndarray::{Array1, array};

fn ragged() -> Vec<Array1<f64>> {
    vec![
        array![0.3, -1.7, 2.2, 5.0, 0.1, 1.0 / 3.0, 7.25],
        array![1.0, 2.0, 4.0],
        array![std::f64::consts::PI],
    ]
}

#[test]
fn resample_equals_numpy_interp() {
    let s = ragged();
    let m = resample(&s, 11).unwrap();
    assert_eq!(m.dim(), (3, 11));
    let numpy_row0 = [
        0.3,
        -0.9000000000000001,
        -0.9199999999999994,
        1.4200000000000015,
        3.3200000000000007,
        5.0,
        2.0599999999999965,
        0.14666666666666683,
        0.2866666666666668,
        3.100000000000003,
        7.25,
    ];
    assert_eq!(m.row(0).to_vec(), numpy_row0);
    assert_eq!(
        m.row(1).to_vec(),
        [
            1.0,
            1.2,
            1.4,
            1.6,
            1.8,
            2.0,
            2.4000000000000004,
            2.8000000000000003,
            3.2,
            3.6,
            4.0
        ]
    );
    assert!(m.row(2).iter().all(|&v| v == std::f64::consts::PI));
    // down-sampling lands on grid points: numpy returns the samples themselves
    let m = resample(&s, 4).unwrap();
    assert_eq!(m.row(0).to_vec(), [0.3, 2.2, 0.1, 7.25]);
    assert_eq!(
        m.row(1).to_vec(),
        [1.0, 1.6666666666666665, 2.6666666666666665, 4.0]
    );
    // the same length: unchanged; f32 works too
    assert_eq!(resample(&s[..1], 7).unwrap().row(0), s[0]);
    let s32: Vec<Array1<f32>> = s.iter().map(|a| a.mapv(|v| v as f32)).collect();
    let m32 = resample(&s32, 11).unwrap();
    assert_eq!(m32[[1, 6]], 2.4f32);
}

#[test]
fn pad_and_truncate() {
    let s = ragged();
    assert_eq!((max_length(&s), min_length(&s)), (Some(7), Some(1)));
    assert_eq!(max_length::<f64>(&[]), None);
    let p = pad(&s, 7, f64::NAN).unwrap();
    assert_eq!(p.row(0), s[0]);
    assert_eq!(
        p.row(1).iter().take(3).copied().collect::<Vec<_>>(),
        s[1].to_vec()
    );
    assert!(p.row(1).iter().skip(3).all(|v| v.is_nan()));
    assert_eq!(p.row(2).iter().filter(|v| v.is_nan()).count(), 6);
    let p = pad(&s, 9, 0.0).unwrap();
    assert_eq!(
        p.row(1).to_vec(),
        [1.0, 2.0, 4.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    );
    let t = truncate(&s[..2], 3).unwrap();
    assert_eq!(t, array![[0.3, -1.7, 2.2], [1.0, 2.0, 4.0]]);
    // no series: an empty matrix of the asked width
    assert_eq!(pad::<f64>(&[], 5, 0.0).unwrap().dim(), (0, 5));
}

#[test]
fn lengths_that_do_not_fit_are_errors() {
    let s = ragged();
    assert!(matches!(
        pad(&s, 5, 0.0),
        Err(Error::SeriesLength {
            index: 0,
            len: 7,
            op: "pad",
            length: 5
        })
    ));
    assert!(matches!(
        truncate(&s, 2),
        Err(Error::SeriesLength {
            index: 2,
            len: 1,
            op: "truncate",
            length: 2
        })
    ));
    let with_empty = vec![array![1.0], Array1::<f64>::zeros(0)];
    assert!(matches!(
        resample(&with_empty, 3),
        Err(Error::SeriesLength {
            index: 1,
            len: 0,
            op: "resample",
            ..
        })
    ));
    for r in [pad(&s, 0, 0.0), truncate(&s, 0), resample(&s, 0)] {
        assert!(matches!(r, Err(Error::InvalidLength { length: 0 })));
    }
    let msg = pad(&s, 5, 0.0).unwrap_err().to_string();
    assert_eq!(msg, "cannot pad series 0 (7 value(s)) to length 5");
}

#[test]
fn a_ragged_ts_set_runs_through_1nn_after_resampling() {
    // a UCR set with series of different lengths, as `@equalLength false` files hold
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("datasets-ragged");
    std::fs::create_dir_all(&dir).unwrap();
    let head = "% ragged\n@problemName R\n@timeStamps false\n@missing false\n@univariate true\n\
                @equalLength false\n@classLabel true up down\n@data\n";
    std::fs::write(
        dir.join("R_TRAIN.ts"),
        format!("{head}0,1,2,3:up\n3,2,1,0,-1,-2:down\n0,2,4:up\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("R_TEST.ts"),
        format!("{head}0,0.5,1,1.5,2:up\n4,2,0:down\n"),
    )
    .unwrap();
    let d = datasets::load_ucr(&dir, "R").unwrap();
    assert_eq!(d.train.equal_length(), None);
    let len = max_length(&d.train.series).unwrap();
    let (xtr, xte) = (
        resample(&d.train.series, len).unwrap(),
        resample(&d.test.series, len).unwrap(),
    );
    assert_eq!((xtr.dim(), xte.dim()), ((3, 6), (2, 6)));
    // nearest training row of each test row, Euclidean
    let pred: Vec<usize> = xte
        .rows()
        .into_iter()
        .map(|q| {
            let d2 = |r: usize| (&xtr.row(r) - &q).mapv(|v| v * v).sum();
            (0..3).min_by(|&a, &b| d2(a).total_cmp(&d2(b))).unwrap()
        })
        .map(|r| d.train.y[r])
        .collect();
    assert_eq!(pred, d.test.y);
}
