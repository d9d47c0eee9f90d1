//! Image folders with every format, damaged files, and the parallel loader's Fail / Skip
//! report; files written by the test with the `image` crate.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use datasets::{
    Error, ImageFolder, LoadOptions, OnError, Skipped, read_gray, read_gray_u8, write_png_gray,
};
use ndarray::Array2;

/// A fresh folder under Cargo's per-target temporary directory.
fn fresh(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("datasets-folder")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A 6x5 grey ramp, distinct per `seed`.
fn ramp(seed: u8) -> Vec<u8> {
    (0..30u8)
        .map(|i| i.wrapping_mul(7).wrapping_add(seed))
        .collect()
}

fn save(path: &Path, seed: u8) {
    image::save_buffer(path, &ramp(seed), 5, 6, image::ExtendedColorType::L8)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// root/a_good: PNG, JPEG, TIFF, BMP (mixed-case extensions); root/b_bad: a good PNG, a
/// truncated PNG, random bytes named .jpg.
fn make_set(name: &str) -> (PathBuf, PathBuf, PathBuf) {
    let root = fresh(name);
    let good = root.join("a_good");
    let bad = root.join("b_bad");
    std::fs::create_dir_all(&good).unwrap();
    std::fs::create_dir_all(&bad).unwrap();
    save(&good.join("1.png"), 1);
    save(&good.join("2.JPG"), 2);
    save(&good.join("3.tif"), 3);
    save(&good.join("4.Tiff"), 4);
    save(&good.join("5.bmp"), 5);
    std::fs::write(good.join("notes.txt"), "not an image").unwrap();
    save(&bad.join("0_ok.png"), 9);
    let full = bad.join("full.png");
    save(&full, 10);
    let bytes = std::fs::read(&full).unwrap();
    let truncated = bad.join("1_truncated.png");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    std::fs::remove_file(&full).unwrap();
    let corrupt = bad.join("2_random.jpg");
    let mut state = 12345u32;
    let noise: Vec<u8> = (0..500)
        .map(|_| {
            state = state.wrapping_mul(1664525).wrapping_add(1013904223);
            (state >> 24) as u8
        })
        .collect();
    std::fs::write(&corrupt, noise).unwrap();
    (root, truncated, corrupt)
}

#[test]
fn every_format_is_listed_and_decoded() {
    let (root, _, _) = make_set("formats");
    let set = ImageFolder::open(&root).unwrap();
    assert_eq!(set.class_names, vec!["a_good", "b_bad"]);
    let names: Vec<String> = set.paths[..5]
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["1.png", "2.JPG", "3.tif", "4.Tiff", "5.bmp"]);
    // Lossless formats give back the bytes written; JPEG is close.
    for (i, p) in set.paths[..5].iter().enumerate() {
        let got = read_gray_u8(p).unwrap();
        let want = Array2::from_shape_vec((6, 5), ramp(i as u8 + 1)).unwrap();
        if i == 1 {
            let err = got
                .iter()
                .zip(want.iter())
                .map(|(&a, &b)| (i32::from(a) - i32::from(b)).abs())
                .max()
                .unwrap();
            assert!(err <= 40, "jpeg off by {err}");
        } else {
            assert_eq!(got, want, "{}", p.display());
        }
    }
}

#[test]
fn damaged_single_files_are_typed_errors() {
    let (_, truncated, corrupt) = make_set("single");
    match read_gray::<f64>(&truncated) {
        Err(Error::Truncated { path, .. }) => assert_eq!(path, truncated),
        other => panic!("truncated PNG: {other:?}"),
    }
    match read_gray::<f64>(&corrupt) {
        Err(Error::UnknownFormat { path }) => assert_eq!(path, corrupt),
        other => panic!("random bytes: {other:?}"),
    }
    // A JPEG start-of-image marker followed by garbage.
    let mut jpg = vec![0xFF, 0xD8, 0xFF, 0xE0];
    jpg.extend((0..400u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    let p = corrupt.with_file_name("3_header_only.jpg");
    std::fs::write(&p, &jpg).unwrap();
    match read_gray::<f64>(&p) {
        Err(Error::Truncated { path, .. } | Error::Corrupt { path, .. }) => assert_eq!(path, p),
        other => panic!("garbage after SOI: {other:?}"),
    }
    std::fs::remove_file(&p).unwrap();
}

#[test]
fn fail_names_the_first_bad_file() {
    let (root, truncated, _) = make_set("fail");
    let set = ImageFolder::open(&root).unwrap();
    let err = set
        .load_gray_with::<f32>(&LoadOptions::default())
        .unwrap_err();
    match &err {
        Error::Truncated { path, .. } => assert_eq!(path, &truncated),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("1_truncated.png"), "{err}");
}

#[test]
fn skip_lists_the_bad_files_and_keeps_the_rest_in_order() {
    let (root, truncated, corrupt) = make_set("skip");
    let set = ImageFolder::open(&root).unwrap();
    let out = set
        .load_gray_with::<f64>(&LoadOptions::new().on_error(OnError::Skip))
        .unwrap();
    assert_eq!(out.items.len(), 6);
    assert_eq!(out.labels, vec![0, 0, 0, 0, 0, 1]);
    assert_eq!(out.paths[..5], set.paths[..5]);
    assert!(out.paths[5].ends_with("b_bad/0_ok.png"));
    for (item, path) in out.items.iter().zip(&out.paths) {
        assert_eq!(item, &read_gray::<f64>(path).unwrap());
    }
    let skipped: Vec<&PathBuf> = out.skipped.iter().map(|s: &Skipped| &s.path).collect();
    assert_eq!(skipped, vec![&truncated, &corrupt]);
    assert!(
        out.skipped[0].reason.contains("truncated"),
        "{}",
        out.skipped[0].reason
    );
    assert!(
        out.skipped[1].reason.contains("not a PNG"),
        "{}",
        out.skipped[1].reason
    );
}

#[test]
fn map_gray_reports_the_functions_errors_with_the_path() {
    let root = fresh("map");
    std::fs::create_dir_all(root.join("c")).unwrap();
    for (i, name) in ["a.png", "b.png", "c.png"].iter().enumerate() {
        let img = Array2::from_elem((2 + i, 3), 100u8);
        write_png_gray(root.join("c").join(name), img.view()).unwrap();
    }
    let set = ImageFolder::open(&root).unwrap();
    // Refuses images of 3 rows: the function's error.
    let f = |img: Array2<f64>| {
        if img.nrows() == 3 {
            Err(format!("{} rows refused", img.nrows()))
        } else {
            Ok(img.sum())
        }
    };
    match set.map_gray(&LoadOptions::default(), f) {
        Err(Error::Item { path, reason }) => {
            assert!(path.ends_with("c/b.png"));
            assert_eq!(reason, "3 rows refused");
        }
        other => panic!("{other:?}"),
    }
    let out = set
        .map_gray(&LoadOptions::new().on_error(OnError::Skip), f)
        .unwrap();
    assert_eq!(out.items.len(), 2);
    assert!((out.items[0] - 6.0 * 100.0 / 255.0).abs() < 1e-12);
    assert_eq!(out.skipped.len(), 1);
    assert_eq!(out.skipped[0].reason, "3 rows refused");
}

#[derive(Default)]
struct Count {
    started: AtomicU64,
    advanced: AtomicU64,
    finished: AtomicU64,
}

impl dsp_core::Progress for Count {
    fn start(&self, what: &str, total: u64) {
        assert_eq!(what, "images");
        self.started.store(total, Ordering::SeqCst);
    }
    fn advance(&self, n: u64) {
        self.advanced.fetch_add(n, Ordering::SeqCst);
    }
    fn finish(&self) {
        self.finished.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn progress_counts_every_file_even_on_failure() {
    let (root, _, _) = make_set("progress");
    let set = ImageFolder::open(&root).unwrap();
    let count = Arc::new(Count::default());
    let options = LoadOptions::new().progress(count.clone());
    assert!(set.load_gray_with::<f32>(&options).is_err());
    assert_eq!(count.started.load(Ordering::SeqCst), 8);
    assert_eq!(count.advanced.load(Ordering::SeqCst), 8);
    assert_eq!(count.finished.load(Ordering::SeqCst), 1);
}

#[test]
fn empty_root_and_empty_class_are_layout_errors() {
    let root = fresh("empty-root");
    match ImageFolder::open(&root) {
        Err(Error::BadLayout { path, .. }) => assert_eq!(path, root),
        other => panic!("{other:?}"),
    }
    let root = fresh("empty-class");
    std::fs::create_dir_all(root.join("a")).unwrap();
    std::fs::create_dir_all(root.join("b")).unwrap();
    save(&root.join("a/x.bmp"), 0);
    std::fs::write(root.join("b/readme.txt"), "no image here").unwrap();
    match ImageFolder::open(&root) {
        Err(Error::BadLayout { path, .. }) => assert_eq!(path, root.join("b")),
        other => panic!("{other:?}"),
    }
}
