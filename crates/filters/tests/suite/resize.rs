//! `resize` and `rescale` against `skimage.transform.resize` / `rescale` with `order=1,
//! mode='edge', anti_aliasing=False` (fixtures: `tests/fixtures/resize/gen_resize.py`,
//! scikit-image 0.26.0), their identities, and their typed errors.

use std::path::{Path, PathBuf};

use filters::{rescale, resize};
use ndarray::{Array2, array};
use ndarray_npy::{ReadableElement, read_npy};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/resize")
}

fn load<A: ReadableElement>(name: &str) -> Array2<A> {
    let p = dir().join(format!("{name}.npy"));
    read_npy(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn equals_skimage_on_every_fixture_case() {
    let cases = std::fs::read_to_string(dir().join("cases.txt")).expect("cases.txt");
    let mut n = 0;
    for line in cases.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        let name = f[0];
        let run_f64 = |image: &Array2<f64>| match f[1] {
            "resize" => resize(image.view(), (f[2].parse().unwrap(), f[3].parse().unwrap())),
            _ => rescale(image.view(), f[2].parse().unwrap()),
        };
        if name.starts_with("f32") {
            let image: Array2<f32> = load(&format!("{name}_image"));
            let want: Array2<f32> = load(&format!("{name}_out"));
            let got = resize(image.view(), want.dim()).expect("valid");
            let err = (&got - &want).mapv(f32::abs).fold(0.0f32, |a, &b| a.max(b));
            assert!(err <= 1e-6, "{name}: max abs error {err}");
        } else {
            let image: Array2<f64> = load(&format!("{name}_image"));
            let want: Array2<f64> = load(&format!("{name}_out"));
            let got = run_f64(&image).expect("valid");
            assert_eq!(got.dim(), want.dim(), "{name}: shape");
            let err = (&got - &want)
                .mapv(f64::abs)
                .fold(0.0, |a: f64, &b| a.max(b));
            assert!(err <= 1e-12, "{name}: max abs error {err}");
        }
        n += 1;
    }
    assert_eq!(n, 10);
}

#[test]
fn same_shape_is_the_identity_and_constants_stay_constant() {
    let x = Array2::from_shape_fn((6, 9), |(i, j)| (i * 9 + j) as f64 / 7.0);
    assert_eq!(resize(x.view(), (6, 9)).unwrap(), x);
    let c = Array2::<f64>::from_elem((5, 4), 0.3);
    for shape in [(1, 1), (3, 17), (40, 2)] {
        let y = resize(c.view(), shape).unwrap();
        assert!(y.iter().all(|&v| (v - 0.3).abs() < 1e-15), "{shape:?}");
    }
    // Up-sampling stays inside the input's range.
    let y = resize(x.view(), (31, 50)).unwrap();
    let (lo, hi) = (x[[0, 0]], x[[5, 8]]);
    assert!(y.iter().all(|&v| v >= lo - 1e-15 && v <= hi + 1e-15));
}

#[test]
fn bad_input_is_a_typed_error() {
    let empty = Array2::<f64>::zeros((0, 4));
    assert!(matches!(
        resize(empty.view(), (2, 2)),
        Err(filters::Error::Core(dsp_core::Error::TooShort { .. }))
    ));
    let x = array![[0.0, 1.0], [2.0, 3.0]];
    assert!(matches!(
        resize(x.view(), (0, 3)),
        Err(filters::Error::Core(
            dsp_core::Error::InvalidParameter { .. }
        ))
    ));
    let nan = array![[0.0, f64::NAN]];
    assert!(matches!(
        resize(nan.view(), (2, 2)),
        Err(filters::Error::Core(dsp_core::Error::NonFinite {
            index: 1,
            ..
        }))
    ));
    for s in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e300] {
        assert!(
            matches!(
                rescale(x.view(), s),
                Err(filters::Error::Core(
                    dsp_core::Error::InvalidParameter { .. }
                ))
            ),
            "scale {s}"
        );
    }
    // A scale so small that the output rounds to zero pixels gives one, as skimage.
    assert_eq!(rescale(x.view(), 0.01).unwrap().dim(), (1, 1));
}
