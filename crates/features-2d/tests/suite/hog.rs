//! `hog` and `hog_blocks` against `skimage.feature.hog`
//! (fixtures: `tests/fixtures/gen_hog.py`, numpy 2.2.6 / scikit-image 0.26.0).

use std::path::{Path, PathBuf};

use features_2d::{BlockNorm, Error, HogParams, hog, hog_batch, hog_blocks};
use ndarray::{Array2, ArrayD, Ix2};
use ndarray_npy::{ReadableElement, read_npy};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn load<A: ReadableElement>(name: &str) -> ArrayD<A> {
    let p = dir().join(format!("{name}.npy"));
    read_npy(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// One line of `cases.txt`: the case name, its parameters, and `feature_vector`.
fn case(name: &str) -> (HogParams, bool) {
    let text = std::fs::read_to_string(dir().join("cases.txt")).expect("cases.txt");
    let line = text
        .lines()
        .find(|l| l.split_whitespace().next() == Some(name))
        .unwrap_or_else(|| panic!("{name} not in cases.txt"));
    let f: Vec<&str> = line.split_whitespace().collect();
    let n = |i: usize| f[i].parse::<usize>().expect("integer field");
    let norm = match f[6] {
        "L1" => BlockNorm::L1,
        "L1-sqrt" => BlockNorm::L1Sqrt,
        "L2" => BlockNorm::L2,
        "L2-Hys" => BlockNorm::L2Hys,
        other => panic!("unknown block_norm {other}"),
    };
    let params = HogParams::default()
        .orientations(n(1))
        .pixels_per_cell(n(2), n(3))
        .cells_per_block(n(4), n(5))
        .block_norm(norm)
        .transform_sqrt(n(7) == 1);
    (params, n(8) == 1)
}

/// Largest `|got - want| / max(|want|, 1e-3)` (the smallest nonzero HOG values are ~1e-3).
fn max_rel(got: &[f64], want: &[f64]) -> f64 {
    assert_eq!(got.len(), want.len(), "length");
    got.iter()
        .zip(want)
        .map(|(g, w)| (g - w).abs() / w.abs().max(1e-3))
        .fold(0.0, f64::max)
}

fn check_f64(name: &str) {
    let (params, feature_vector) = case(name);
    let image: Array2<f64> = load::<f64>(&format!("{name}_image"))
        .into_dimensionality::<Ix2>()
        .expect("2-D image");
    let want = load::<f64>(&format!("{name}_hog"));
    let got: ArrayD<f64> = if feature_vector {
        hog(image.view(), &params).expect("valid case").into_dyn()
    } else {
        hog_blocks(image.view(), &params)
            .expect("valid case")
            .into_dyn()
    };
    assert_eq!(got.shape(), want.shape(), "{name}: shape");
    let err = max_rel(
        got.as_slice().expect("standard layout"),
        want.as_slice().expect("standard layout"),
    );
    assert!(err <= 1e-10, "{name}: max relative difference {err:e}");
}

#[test]
fn default_parameters() {
    check_f64("default_64x48");
}

#[test]
fn l1_on_a_size_not_a_multiple_of_the_cell() {
    check_f64("l1_37x53");
}

#[test]
fn l1_sqrt() {
    check_f64("l1sqrt_37x53");
}

#[test]
fn l2() {
    check_f64("l2_37x53");
}

#[test]
fn l2_hys_with_transform_sqrt() {
    check_f64("l2hys_sqrt_37x53");
}

#[test]
fn one_cell_blocks_with_transform_sqrt() {
    check_f64("l1_sqrt_16x16");
}

#[test]
fn custom_orientations_cells_and_blocks() {
    check_f64("custom_45x61");
}

#[test]
fn odd_cell_sizes() {
    check_f64("odd_cells_33x29");
}

#[test]
fn feature_vector_false_gives_the_block_array() {
    check_f64("blocks_40x40");
}

#[test]
fn float32_image() {
    let name = "f32_37x53";
    let (params, _) = case(name);
    let image: Array2<f32> = load::<f32>(&format!("{name}_image"))
        .into_dimensionality::<Ix2>()
        .expect("2-D image");
    let want = load::<f32>(&format!("{name}_hog"));
    let got = hog(image.view(), &params).expect("valid case");
    let widen = |v: &[f32]| v.iter().map(|&x| f64::from(x)).collect::<Vec<_>>();
    let err = max_rel(
        &widen(got.as_slice().expect("contiguous")),
        &widen(want.as_slice().expect("contiguous")),
    );
    assert!(err <= 1e-6, "{name}: max relative difference {err:e}");
}

#[test]
fn flat_vector_is_the_raveled_block_array() {
    let image = Array2::from_shape_fn((30, 27), |(r, c)| ((r * 7 + c * 3) % 11) as f64);
    let params = HogParams::default()
        .pixels_per_cell(6, 5)
        .cells_per_block(2, 2);
    let flat = hog(image.view(), &params).expect("valid");
    let blocks = hog_blocks(image.view(), &params).expect("valid");
    assert_eq!(blocks.shape(), &[4, 4, 2, 2, 9]);
    assert_eq!(flat.to_vec(), blocks.iter().copied().collect::<Vec<_>>());
}

#[test]
fn image_smaller_than_a_block_is_an_error() {
    // 23 rows hold two 8-pixel cells, fewer than the 3 a default block needs.
    let image = Array2::<f64>::zeros((23, 40));
    assert_eq!(
        hog(image.view(), &HogParams::default()),
        Err(Error::ImageTooSmall {
            rows: 23,
            cols: 40,
            min_rows: 24,
            min_cols: 24,
        })
    );
    assert!(hog(Array2::<f32>::zeros((0, 0)).view(), &HogParams::default()).is_err());
}

#[test]
fn non_finite_pixels_are_an_error() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let mut image = Array2::<f64>::zeros((24, 24));
        image[[3, 5]] = bad;
        match hog(image.view(), &HogParams::default()) {
            Err(Error::NonFinitePixel { row: 3, col: 5, .. }) => {}
            other => panic!("{bad}: {other:?}"),
        }
    }
}

#[test]
fn negative_pixels_with_transform_sqrt_are_an_error() {
    let mut image = Array2::<f64>::ones((24, 24));
    image[[1, 2]] = -0.5;
    let params = HogParams::default().transform_sqrt(true);
    assert_eq!(
        hog(image.view(), &params),
        Err(Error::NegativePixel {
            row: 1,
            col: 2,
            value: -0.5,
        })
    );
    assert!(hog(image.view(), &HogParams::default()).is_ok());
}

#[test]
fn invalid_parameters_are_an_error() {
    let image = Array2::<f64>::ones((24, 24));
    for params in [
        HogParams::default().orientations(0),
        HogParams::default().pixels_per_cell(8, 0),
        HogParams::default().cells_per_block(0, 1),
    ] {
        assert!(matches!(
            hog(image.view(), &params),
            Err(Error::InvalidHogParam { .. })
        ));
    }
}

#[test]
fn flat_image_gives_zero_features() {
    let image = Array2::<f64>::from_elem((24, 24), 0.25);
    for norm in [
        BlockNorm::L1,
        BlockNorm::L1Sqrt,
        BlockNorm::L2,
        BlockNorm::L2Hys,
    ] {
        let v = hog(image.view(), &HogParams::default().block_norm(norm)).expect("valid");
        assert_eq!(v.len(), 81);
        assert!(v.iter().all(|&x| x == 0.0), "{norm:?}");
    }
}

#[test]
fn batch_rows_are_each_images_hog() {
    let a: Array2<f64> = load::<f64>("default_64x48_image")
        .into_dimensionality::<Ix2>()
        .expect("2-D");
    let b = a.mapv(|v| 1.0 - v);
    let c = a.mapv(|v| v * v);
    let params = HogParams::default().cells_per_block(2, 2);
    let got = hog_batch(&[a.view(), b.view(), c.view()], &params).expect("batch");
    assert_eq!(got.nrows(), 3);
    for (row, im) in got.outer_iter().zip([&a, &b, &c]) {
        assert_eq!(row, hog(im.view(), &params).expect("hog"));
    }
    // With skimage's parameters the first row is skimage's (the fixture).
    let want = load::<f64>("default_64x48_hog");
    let first = hog_batch(&[a.view()], &HogParams::default()).expect("batch");
    assert_eq!(first.ncols(), want.len());
    for (g, w) in first.iter().zip(want.iter()) {
        assert!((g - w).abs() <= 1e-10 * w.abs().max(1e-3));
    }
}

#[test]
fn batch_needs_images_of_one_shape() {
    let a = Array2::<f32>::zeros((32, 32));
    let b = Array2::<f32>::zeros((32, 40));
    assert_eq!(
        hog_batch(&[a.view(), a.view(), b.view()], &HogParams::default()),
        Err(Error::BatchShape {
            index: 2,
            expected: vec![32, 32],
            got: vec![32, 40],
        })
    );
    assert_eq!(
        hog_batch::<f64>(&[], &HogParams::default()),
        Err(Error::EmptyBatch)
    );
    let small = Array2::<f32>::zeros((8, 8));
    assert!(matches!(
        hog_batch(&[small.view()], &HogParams::default()),
        Err(Error::ImageTooSmall { .. })
    ));
}

#[test]
fn transposed_views_give_the_same_hog_as_copies() {
    let a: Array2<f64> = load::<f64>("custom_45x61_image")
        .into_dimensionality::<Ix2>()
        .expect("2-D");
    let t = a.t();
    assert_eq!(
        hog(t, &HogParams::default()).expect("view"),
        hog(t.as_standard_layout().view(), &HogParams::default()).expect("copy")
    );
}
