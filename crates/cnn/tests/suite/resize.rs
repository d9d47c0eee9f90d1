//! `resize_bilinear` against Pillow's `Image.resize(.., BILINEAR)` on float images
//! (tests/fixtures/gen_cnn.py).

use std::path::PathBuf;

use cnn::{Error, resize_bilinear};
use ndarray::Array2;
use ndarray_npy::read_npy;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn equals_pillow_bilinear_enlarging_and_shrinking() {
    let cases = std::fs::read_to_string(fixture("resize_cases.txt")).unwrap();
    let mut n = 0;
    for line in cases.lines() {
        let v: Vec<usize> = line
            .split_whitespace()
            .map(|t| t.parse().unwrap())
            .collect();
        let name = format!("resize_{}x{}_to_{}x{}", v[0], v[1], v[2], v[3]);
        let input: Array2<f32> = read_npy(fixture(&format!("{name}_in.npy"))).unwrap();
        let want: Array2<f32> = read_npy(fixture(&format!("{name}_out.npy"))).unwrap();
        let got = resize_bilinear(input.view(), v[2], v[3]).unwrap();
        assert_eq!(got.dim(), want.dim(), "{name}");
        // Pillow accumulates in double and stores float: the same up to the last bits.
        let worst = got
            .iter()
            .zip(&want)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0f32, f32::max);
        assert!(worst < 2e-6, "{name}: largest difference {worst}");
        n += 1;
    }
    assert_eq!(n, 6);
}

#[test]
fn empty_and_non_finite_images_are_errors() {
    let empty = Array2::<f32>::zeros((0, 3));
    assert!(matches!(
        resize_bilinear(empty.view(), 2, 2),
        Err(Error::Empty { .. })
    ));
    let ok = Array2::<f32>::zeros((3, 3));
    assert!(matches!(
        resize_bilinear(ok.view(), 0, 2),
        Err(Error::Empty { .. })
    ));
    let mut nan = Array2::<f32>::zeros((3, 3));
    nan[[2, 1]] = f32::NAN;
    assert!(matches!(
        resize_bilinear(nan.view(), 5, 5),
        Err(Error::NonFinite { index: 7, .. })
    ));
}
