//! `surf`, `dense_surf` against `mahotas.features.surf` 1.4.19
//! (fixtures: `tests/fixtures/surf/gen_surf.py`), plus properties and bad input.

use std::path::{Path, PathBuf};

use features_2d::{
    Error, Keypoint, Surf, SurfParams, dense_surf, dense_surf_batch, draw_keypoints, surf,
    synthetic,
};
use ndarray::{Array2, ArrayView2, Ix2};
use ndarray_npy::{ReadableElement, read_npy};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/surf")
}

fn load<A: ReadableElement>(name: &str) -> Array2<A> {
    let p = dir().join(format!("{name}.npy"));
    let a: ndarray::ArrayD<A> = read_npy(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    a.into_dimensionality::<Ix2>().expect("2-D fixture")
}

/// `img_as_ubyte(imread(path, as_gray=True))` as 0..255 `f64`: skimage's `rgb2gray` weights on
/// `[0, 1]` samples, then `rint(255 g)` (as `datasets::read_gray_u8`).
fn photo(name: &str) -> Array2<f64> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../datasets/images")
        .join(name);
    let img = image::open(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    match img {
        image::DynamicImage::ImageLuma8(g) => {
            let (w, h) = g.dimensions();
            Array2::from_shape_vec((h as usize, w as usize), g.into_raw())
                .expect("w x h samples")
                .mapv(f64::from)
        }
        other => {
            let rgb = other.to_rgb8();
            let (w, h) = rgb.dimensions();
            Array2::from_shape_fn((h as usize, w as usize), |(r, c)| {
                let p = rgb.get_pixel(c as u32, r as u32).0;
                let g = f64::from(p[0]) / 255.0 * 0.2125
                    + f64::from(p[1]) / 255.0 * 0.7154
                    + f64::from(p[2]) / 255.0 * 0.0721;
                (g * 255.0).round_ties_even().clamp(0.0, 255.0)
            })
        }
    }
}

fn keypoints_of(rows: ArrayView2<'_, f64>) -> Vec<Keypoint> {
    rows.outer_iter()
        .map(|r| Keypoint {
            y: r[0],
            x: r[1],
            scale: r[2],
            score: r[3],
            laplacian: r[4],
            angle: r[5],
        })
        .collect()
}

/// For each reference point, the index of our nearest point within 1.5 px whose scale is within
/// 20% (and of the same laplacian sign), if any.
fn match_points(ours: &[Keypoint], theirs: &[Keypoint]) -> Vec<Option<usize>> {
    theirs
        .iter()
        .map(|t| {
            ours.iter()
                .enumerate()
                .filter(|(_, o)| {
                    (o.scale / t.scale - 1.0).abs() <= 0.2 && o.laplacian == t.laplacian
                })
                .map(|(k, o)| (k, (o.y - t.y).hypot(o.x - t.x)))
                .filter(|&(_, d)| d <= 1.5)
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(k, _)| k)
        })
        .collect()
}

struct Stats {
    ours: usize,
    theirs: usize,
    matched: f64,
    mean_desc: f64,
    max_desc: f64,
    exact: usize,
}

fn compare_photo(photo_name: &str) -> Stats {
    let name = photo_name.rsplit_once('.').expect("extension").0;
    let image = photo(photo_name);
    let got = surf(image.view(), &SurfParams::default()).expect("valid photo");
    let points = load::<f32>(&format!("{name}_points")).mapv(f64::from);
    let desc = load::<f32>(&format!("{name}_desc")).mapv(f64::from);
    let theirs = keypoints_of(points.view());
    let m = match_points(&got.keypoints, &theirs);
    let matched = m.iter().filter(|x| x.is_some()).count() as f64 / theirs.len().max(1) as f64;
    let mut dists = Vec::new();
    let mut exact = 0;
    for (k, mk) in m.iter().enumerate().take(desc.nrows()) {
        if let Some(o) = mk {
            let d = (&got.descriptors.row(*o) - &desc.row(k))
                .mapv(|v| v * v)
                .sum()
                .sqrt();
            dists.push(d);
            let (a, b) = (got.keypoints[*o], theirs[k]);
            if (a.y - b.y).abs() < 1e-3 && (a.x - b.x).abs() < 1e-3 && d < 1e-5 {
                exact += 1;
            }
        }
    }
    let mean_desc = dists.iter().sum::<f64>() / dists.len().max(1) as f64;
    let max_desc = dists.iter().copied().fold(0.0, f64::max);
    let s = Stats {
        ours: got.len(),
        theirs: theirs.len(),
        matched,
        mean_desc,
        max_desc,
        exact,
    };
    println!(
        "{photo_name}: ours {} mahotas {} matched {:.1}% descriptors (first {}) mean L2 {:.2e} \
         max L2 {:.2e}, {} equal to 1e-5",
        s.ours,
        s.theirs,
        100.0 * s.matched,
        desc.nrows(),
        s.mean_desc,
        s.max_desc,
        s.exact
    );
    s
}

#[test]
fn camera_equals_mahotas() {
    // camera.png is lossless: the same pixels as mahotas saw.
    let s = compare_photo("camera.png");
    assert_eq!(s.ours, s.theirs);
    // Same points, to the fixture's float32 precision, in the same order up to ties: octave
    // o + 1, interval i and octave o, interval 2 i + 1 use the same filter at the same pixel,
    // so a point may come twice with equal scores (and different refinements), in an order
    // libstdc++'s unstable sort picks. Compared sorted by (score, y, x).
    let got = surf(photo("camera.png").view(), &SurfParams::default()).unwrap();
    let mut want = keypoints_of(load::<f32>("camera_points").mapv(f64::from).view());
    let mut ours = got.keypoints.clone();
    let key = |k: &Keypoint| (k.score as f32, k.y as f32, k.x as f32);
    for v in [&mut want, &mut ours] {
        v.sort_by(|a, b| key(a).partial_cmp(&key(b)).expect("finite"));
    }
    let want = ndarray::Array2::from_shape_fn((want.len(), 6), |(k, j)| {
        let w = want[k];
        [w.y, w.x, w.scale, w.score, w.laplacian, w.angle][j]
    });
    for (k, (g, w)) in ours.iter().zip(want.outer_iter()).enumerate() {
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * b.abs().max(1.0);
        assert!(
            close(g.y, w[0])
                && close(g.x, w[1])
                && close(g.scale, w[2])
                && close(g.score, w[3])
                && g.laplacian == w[4]
                && close(g.angle, w[5]),
            "point {k}: {g:?} vs {w}"
        );
    }
    assert!(s.matched >= 0.999, "matched {}", s.matched);
    assert!(s.max_desc < 1e-5, "max descriptor distance {}", s.max_desc);
}

#[test]
fn jpeg_photos_match_mahotas() {
    // Decoded by zune-jpeg here, libjpeg-turbo for mahotas: a grey level or two apart.
    for name in [
        "opencv_building.jpg",
        "opencv_leuvenA.jpg",
        "sklearn_china.jpg",
    ] {
        let s = compare_photo(name);
        assert!(s.matched >= 0.9, "{name}: matched {}", s.matched);
        assert!(
            s.mean_desc < 0.05,
            "{name}: mean descriptor distance {}",
            s.mean_desc
        );
    }
}

#[test]
fn blobs_equal_mahotas() {
    let blobs = [
        (30.0, 34.0, 3.0),
        (70.0, 40.0, 5.0),
        (40.0, 90.0, 2.0),
        (90.0, 100.0, 7.0),
    ];
    let image = synthetic::blob_image((128, 128), &blobs).mapv(|v| 255.0 * v);
    let got = surf(image.view(), &SurfParams::default()).unwrap();
    let want = load::<f64>("blobs_rows");
    assert_eq!(got.to_rows().dim(), want.dim());
    let err = (&got.to_rows() - &want)
        .mapv(f64::abs)
        .fold(0.0, |a: f64, &b| a.max(b));
    assert!(err < 1e-9, "max difference {err:e}");
}

#[test]
fn dense_equals_mahotas() {
    let text = std::fs::read_to_string(dir().join("dense_cases.txt")).unwrap();
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        let spacing: usize = f[1].parse().unwrap();
        let scale = (f[2] != "-").then(|| f[2].parse::<f64>().unwrap());
        let image = load::<f32>(&format!("dense_{}_image", f[0]));
        let want = load::<f64>(&format!("dense_{}_rows", f[0]));
        let got = dense_surf(image.view(), spacing, scale).unwrap();
        let rows = got.to_rows();
        assert_eq!(rows.dim(), want.dim(), "{}", f[0]);
        let err = (&rows - &want)
            .mapv(f64::abs)
            .fold(0.0, |a: f64, &b| a.max(b));
        println!(
            "dense {}: {} points, max difference {err:e}",
            f[0],
            rows.nrows()
        );
        assert!(err < 1e-9, "{}: max difference {err:e}", f[0]);
        let batch = dense_surf_batch(&[image.view(), image.view()], spacing, scale).unwrap();
        assert_eq!(batch[1], got);
    }
}

fn unit_rows(s: &Surf) {
    for row in s.descriptors.outer_iter() {
        let n = row.dot(&row).sqrt();
        assert!((n - 1.0).abs() < 1e-4, "norm {n}");
    }
}

#[test]
fn extended_and_upright() {
    let image = photo("camera.png");
    let base = surf(image.view(), &SurfParams::default()).unwrap();
    let ext = surf(image.view(), &SurfParams::default().extended(true)).unwrap();
    assert_eq!(ext.descriptors.ncols(), 128);
    assert_eq!(ext.keypoints, base.keypoints);
    unit_rows(&ext);
    unit_rows(&base);
    let up = surf(image.view(), &SurfParams::default().upright(true)).unwrap();
    assert!(up.keypoints.iter().all(|k| k.angle == 0.0));
    assert_eq!(up.len(), base.len());
    // f32 input, same pixels: the same result.
    let f = surf(image.mapv(|v| v as f32).view(), &SurfParams::default()).unwrap();
    assert_eq!(f, base);
    // max_points keeps the strongest.
    let few = surf(image.view(), &SurfParams::default().max_points(10)).unwrap();
    assert!(few.len() <= 10);
    assert_eq!(few.keypoints[..], base.keypoints[..few.len()]);
    let rgb = draw_keypoints(image.mapv(|v| v / 255.0).view(), &base.keypoints).unwrap();
    assert_eq!(rgb.dim(), (512, 512, 3));
}

#[test]
fn bad_input_is_an_error() {
    let ok = Array2::<f64>::zeros((64, 64));
    let p = SurfParams::default;
    let bad_param = |r: Result<Surf, Error>, name: &str| match r {
        Err(Error::InvalidSurfParam { name: n, .. }) => assert_eq!(n, name),
        other => panic!("{name}: {other:?}"),
    };
    bad_param(surf(ok.view(), &p().nr_octaves(0)), "nr_octaves");
    bad_param(surf(ok.view(), &p().nr_octaves(17)), "nr_octaves");
    bad_param(surf(ok.view(), &p().nr_scales(0)), "nr_scales");
    bad_param(surf(ok.view(), &p().nr_scales(2)), "nr_scales");
    bad_param(
        surf(ok.view(), &p().initial_step_size(0)),
        "initial_step_size",
    );
    bad_param(surf(ok.view(), &p().threshold(-0.1)), "threshold");
    bad_param(surf(ok.view(), &p().threshold(f64::NAN)), "threshold");
    bad_param(surf(ok.view(), &p().threshold(f64::INFINITY)), "threshold");
    bad_param(surf(ok.view(), &p().max_points(0)), "max_points");
    bad_param(dense_surf(ok.view(), 0, None), "spacing");
    bad_param(dense_surf(ok.view(), 4, Some(0.0)), "scale");
    bad_param(dense_surf(ok.view(), 4, Some(f64::NAN)), "scale");
    bad_param(
        dense_surf_batch(&[ok.view()], 4, Some(-1.0)).map(|mut v| v.remove(0)),
        "scale",
    );

    let empty = Array2::<f64>::zeros((0, 5));
    assert!(matches!(
        surf(empty.view(), &p()),
        Err(Error::EmptyImage { rows: 0, cols: 5 })
    ));
    assert!(matches!(
        dense_surf(empty.view(), 4, None),
        Err(Error::EmptyImage { .. })
    ));
    assert!(matches!(
        draw_keypoints(empty.view(), &[]),
        Err(Error::EmptyImage { .. })
    ));

    let mut nan = ok.clone();
    nan[[3, 7]] = f64::NAN;
    for r in [surf(nan.view(), &p()), dense_surf(nan.view(), 4, Some(1.0))] {
        assert!(matches!(
            r,
            Err(Error::NonFinitePixel { row: 3, col: 7, .. })
        ));
    }
    nan[[3, 7]] = f64::NEG_INFINITY;
    assert!(matches!(
        draw_keypoints(nan.view(), &[]),
        Err(Error::NonFinitePixel { row: 3, col: 7, .. })
    ));

    // Default parameters: the first octave's largest filter (lobe 15, size 45, border 23)
    // needs 49 samples per side.
    let small = Array2::<f64>::zeros((48, 100));
    assert!(matches!(
        surf(small.view(), &p()),
        Err(Error::ImageSmallerThanWindow { min_rows: 49, .. })
    ));
    assert!(
        surf(Array2::<f64>::zeros((49, 49)).view(), &p())
            .unwrap()
            .is_empty()
    );
    // scale 2: a window of 2 * (62 / 2) + 1 = 63 pixels.
    assert!(matches!(dense_surf(ok.view(), 4, None).map(|_| ()), Ok(())));
    assert!(matches!(
        dense_surf(Array2::<f64>::zeros((62, 80)).view(), 4, None),
        Err(Error::ImageSmallerThanWindow { min_rows: 63, .. })
    ));
}
