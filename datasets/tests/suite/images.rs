//! Image readers and writers against skimage fixtures (gen_images.py), and
//! every error path with real damaged files.

use std::path::{Path, PathBuf};

use datasets::{
    Error, ImageFolder, read_gray, read_gray_u8, read_rgb, read_rgb_u8, shipped_image,
    write_png_gray, write_png_gray_float, write_png_rgb,
};
use ndarray::{Array, Array1, Array2, Array3, Axis, Dimension, Slice};
use ndarray_npy::{ReadableElement, read_npy};

fn fixture<A: ReadableElement, D: Dimension>(name: &str) -> Array<A, D> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.npy"));
    read_npy(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("datasets-images");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn stats<T: Copy + Into<f64>, D: Dimension>(a: &Array<T, D>) -> [f64; 2] {
    let (mut s, mut q) = (0.0, 0.0);
    for &x in a {
        let x: f64 = x.into();
        s += x;
        q += x * x;
    }
    [s, q]
}

fn assert_stats(got: [f64; 2], name: &str) {
    let want: Array1<f64> = fixture(name);
    for k in 0..2 {
        let tol = 1e-9 * want[k].abs();
        assert!(
            (got[k] - want[k]).abs() <= tol,
            "{name}[{k}]: {} vs {}",
            got[k],
            want[k]
        );
    }
}

// ndarray's `s!` expands to `allow(unsafe_code)`, which the workspace forbids.
fn crop<T: Clone, D: Dimension>(a: &Array<T, D>) -> Array<T, D> {
    a.slice_axis(Axis(0), Slice::from(100..132))
        .slice_axis(Axis(1), Slice::from(200..264))
        .to_owned()
}

fn crop2<T: Clone>(a: &Array2<T>) -> Array2<T> {
    crop(a)
}

fn crop3<T: Clone>(a: &Array3<T>) -> Array3<T> {
    crop(a)
}

fn max_rel(a: &Array2<f64>, b: &Array2<f64>) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs() / y.abs().max(1e-300))
        .fold(0.0, f64::max)
}

#[test]
fn grey_png_matches_skimage() {
    let p = shipped_image("camera.png").unwrap();
    let u = read_gray_u8(&p).unwrap();
    assert_eq!(u.dim(), (512, 512));
    assert_eq!(crop2(&u), fixture::<u8, _>("camera_u8_crop"));
    assert_stats(stats(&u), "camera_u8_stats");

    let f: Array2<f64> = read_gray(&p).unwrap();
    assert_eq!(crop2(&f), fixture::<f64, _>("camera_f64_crop"));
    let f32s: Array2<f32> = read_gray(&p).unwrap();
    assert_eq!(crop2(&f32s), fixture::<f32, _>("camera_f32_crop"));

    // A grey file read as RGB repeats its channel.
    let rgb = read_rgb_u8(&p).unwrap();
    assert_eq!(rgb.dim(), (512, 512, 3));
    for c in 0..3 {
        assert_eq!(rgb.index_axis(Axis(2), c), u);
    }
}

#[test]
fn rgb_png_matches_skimage() {
    let p = shipped_image("chelsea.png").unwrap();
    let rgb = read_rgb_u8(&p).unwrap();
    assert_eq!(rgb.dim(), (300, 451, 3));
    assert_eq!(crop3(&rgb), fixture::<u8, _>("chelsea_rgb_u8_crop"));
    assert_stats(stats(&rgb), "chelsea_rgb_u8_stats");
    let f: Array3<f64> = read_rgb(&p).unwrap();
    assert_eq!(crop3(&f), fixture::<f64, _>("chelsea_rgb_f64_crop"));

    // as_gray: rgb2gray's weighted sum; numpy's matmul may round the
    // three-term sum differently, so allow a few ulps.
    let g: Array2<f64> = read_gray(&p).unwrap();
    let want: Array2<f64> = fixture("chelsea_gray_f64_crop");
    assert!(max_rel(&crop2(&g), &want) < 1e-15);
    assert_stats(stats(&g), "chelsea_gray_f64_stats");
    let gu = read_gray_u8(&p).unwrap();
    assert_eq!(crop2(&gu), fixture::<u8, _>("chelsea_gray_u8_crop"));
    assert_stats(stats(&gu), "chelsea_gray_u8_stats");
}

#[test]
fn jpeg_is_close_to_libjpeg() {
    // zune-jpeg and libjpeg-turbo (Pillow) use different IDCTs and chroma
    // upsampling, so samples may differ by a few levels; the mean must not move.
    let p = shipped_image("opencv_building.jpg").unwrap();
    let rgb = read_rgb_u8(&p).unwrap();
    assert_eq!(rgb.dim(), (600, 868, 3));
    let want: Array3<u8> = fixture("building_rgb_u8_crop");
    let got = crop3(&rgb);
    let max_diff = got
        .iter()
        .zip(&want)
        .map(|(&a, &b)| (i32::from(a) - i32::from(b)).abs())
        .max()
        .unwrap();
    assert!(max_diff <= 8, "max |diff| {max_diff}");
    let mean_diff: f64 = got
        .iter()
        .zip(&want)
        .map(|(&a, &b)| f64::from((i32::from(a) - i32::from(b)).abs()))
        .sum::<f64>()
        / got.len() as f64;
    assert!(mean_diff < 1.0, "mean |diff| {mean_diff}");
    let n = rgb.len() as f64;
    let want_stats: Array1<f64> = fixture("building_rgb_u8_stats");
    let got_stats = stats(&rgb);
    assert!((got_stats[0] / n - want_stats[0] / n).abs() < 0.1);
}

#[test]
fn png_round_trips() {
    let g = Array2::from_shape_fn((7, 5), |(i, j)| (i * 37 + j * 11) as u8);
    let p = tmp("grey.png");
    write_png_gray(&p, g.view()).unwrap();
    assert_eq!(read_gray_u8(&p).unwrap(), g);

    let rgb = Array3::from_shape_fn((3, 4, 3), |(i, j, c)| (i * 60 + j * 7 + c * 90) as u8);
    let p = tmp("rgb.png");
    write_png_rgb(&p, rgb.view()).unwrap();
    assert_eq!(read_rgb_u8(&p).unwrap(), rgb);

    // Non-contiguous views are written in logical order.
    let t = g.t();
    let p = tmp("grey_t.png");
    write_png_gray(&p, t).unwrap();
    assert_eq!(read_gray_u8(&p).unwrap(), t.to_owned());

    // Floats: clipped to [0, 1], rint(255 x).
    let f = ndarray::arr2(&[[-0.5_f64, 0.0, 0.5], [1.0, 2.0, f64::NAN]]);
    let p = tmp("float.png");
    write_png_gray_float(&p, f.view()).unwrap();
    assert_eq!(
        read_gray_u8(&p).unwrap(),
        ndarray::arr2(&[[0_u8, 0, 128], [255, 255, 0]])
    );
}

#[test]
fn sixteen_bit_png_scales_like_skimage() {
    let w = [0_u16, 257, 65535, 40000];
    let p = tmp("g16.png");
    let img = image::ImageBuffer::<image::Luma<u16>, _>::from_raw(4, 1, w.to_vec()).unwrap();
    img.save(&p).unwrap();
    let f: Array2<f64> = read_gray(&p).unwrap();
    for (k, &x) in w.iter().enumerate() {
        assert_eq!(f[[0, k]], f64::from(x) * (1.0 / 65535.0));
    }
    let u = read_gray_u8(&p).unwrap();
    assert_eq!(u.row(0).to_vec(), vec![0, 1, 255, 156]);
}

#[test]
fn missing_file_is_not_found() {
    let p = tmp("does-not-exist.png");
    match read_gray_u8(&p) {
        Err(Error::NotFound { path }) => assert_eq!(path, p),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        shipped_image("nope.png"),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        write_png_gray(tmp("no-such-dir/x.png"), Array2::<u8>::zeros((2, 2)).view()),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn unknown_format_is_reported() {
    let p = tmp("text.png");
    std::fs::write(&p, b"this is not an image at all").unwrap();
    assert!(matches!(read_rgb_u8(&p), Err(Error::UnknownFormat { .. })));
    let p = tmp("empty.png");
    std::fs::write(&p, b"").unwrap();
    assert!(matches!(read_rgb_u8(&p), Err(Error::UnknownFormat { .. })));
}

#[test]
fn truncated_png_and_jpeg_are_reported() {
    for name in ["camera.png", "chelsea.png", "opencv_building.jpg"] {
        let bytes = std::fs::read(shipped_image(name).unwrap()).unwrap();
        for frac in [2, 5] {
            let p = tmp(&format!("trunc_{frac}_{name}"));
            std::fs::write(&p, &bytes[..bytes.len() / frac]).unwrap();
            match read_gray_u8(&p) {
                Err(Error::Truncated { path, detail }) => {
                    assert_eq!(path, p);
                    assert!(!detail.is_empty());
                }
                other => panic!("{name} cut to 1/{frac}: {other:?}"),
            }
        }
    }
}

#[test]
fn corrupt_png_and_jpeg_are_reported() {
    // A PNG whose header chunk is overwritten (bad CRC).
    let mut png = std::fs::read(shipped_image("camera.png").unwrap()).unwrap();
    for b in &mut png[16..24] {
        *b ^= 0xA5;
    }
    let p = tmp("corrupt.png");
    std::fs::write(&p, &png).unwrap();
    assert!(
        matches!(read_gray_u8(&p), Err(Error::Corrupt { .. })),
        "{:?}",
        read_gray_u8(&p)
    );

    // A JPEG whose quantisation/Huffman tables are scrambled after the SOI marker.
    let mut jpg = std::fs::read(shipped_image("opencv_building.jpg").unwrap()).unwrap();
    for b in &mut jpg[2..400] {
        *b = 0xFF;
    }
    let p = tmp("corrupt.jpg");
    std::fs::write(&p, &jpg).unwrap();
    let r = read_rgb_u8(&p);
    assert!(
        matches!(r, Err(Error::Corrupt { .. }) | Err(Error::Truncated { .. })),
        "{r:?}"
    );
}

#[test]
fn bad_shapes_are_refused_on_write() {
    assert!(matches!(
        write_png_gray(tmp("e.png"), Array2::<u8>::zeros((0, 3)).view()),
        Err(Error::EmptyImage { .. })
    ));
    assert!(matches!(
        write_png_rgb(tmp("e4.png"), Array3::<u8>::zeros((2, 2, 4)).view()),
        Err(Error::BadShape { .. })
    ));
    assert!(matches!(
        write_png_rgb(tmp("e0.png"), Array3::<u8>::zeros((2, 0, 3)).view()),
        Err(Error::EmptyImage { .. })
    ));
}

#[test]
fn image_folder_lists_classes_in_order() {
    let root = tmp("folder");
    let _ = std::fs::remove_dir_all(&root);
    for (class, files) in [
        ("b_cats", vec!["2.png", "1.PNG"]),
        ("a_dogs", vec!["x.png"]),
    ] {
        std::fs::create_dir_all(root.join(class)).unwrap();
        for f in files {
            write_png_gray(root.join(class).join(f), Array2::<u8>::zeros((2, 3)).view()).unwrap();
        }
    }
    std::fs::write(root.join("b_cats/readme.txt"), "ignored").unwrap();
    let set = ImageFolder::open(&root).unwrap();
    assert_eq!(set.class_names, vec!["a_dogs", "b_cats"]);
    assert_eq!(set.labels, vec![0, 1, 1]);
    assert_eq!(set.len(), 3);
    assert!(set.paths[1].ends_with("b_cats/1.PNG"));
    let imgs: Vec<Array2<f32>> = set.load_gray().unwrap();
    assert_eq!(imgs.len(), 3);
    assert_eq!(imgs[0].dim(), (2, 3));
    assert_eq!(set.load_rgb_u8().unwrap()[2].dim(), (2, 3, 3));

    std::fs::create_dir_all(root.join("c_empty")).unwrap();
    assert!(matches!(
        ImageFolder::open(&root),
        Err(Error::BadLayout { .. })
    ));
    let flat = tmp("flat");
    std::fs::create_dir_all(&flat).unwrap();
    assert!(matches!(
        ImageFolder::open(&flat),
        Err(Error::BadLayout { .. })
    ));
    assert!(matches!(
        ImageFolder::open(tmp("no-folder")),
        Err(Error::NotFound { .. })
    ));
}
