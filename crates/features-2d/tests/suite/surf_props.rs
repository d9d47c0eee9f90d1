//! Properties of `surf`: blobs found where and at the scale they are drawn, rotation by 90
//! degrees moves points and angles and keeps descriptors, upright mode ignores orientation.

use features_2d::{Keypoint, Subpixel, Surf, SurfParams, surf, synthetic};
use ndarray::Array2;
use proptest::prelude::*;

/// SURF's `scale` of a Gaussian blob of standard deviation `sigma`: measured 0.70 to 0.72
/// sigma with the Newton step over sigma 2.5..12 (mahotas' box filters, normalised by their
/// area, peak there rather than at sigma).
const SCALE_PER_SIGMA: f64 = 0.71;

fn dark_blob(n: usize, y: f64, x: f64, sigma: f64) -> Array2<f64> {
    synthetic::blob_image((n, n), &[(y, x, sigma)]).mapv(|v| 255.0 * (1.0 - v))
}

// Sigmas 3 to 7 (octaves 0 and 1 on a 300x300 image). Around some larger sigmas the
// quadratic step leaves its sample (an offset >= 0.5 in scale) and the point is dropped, as in
// the reference, which refines once and never retries from the neighbour.
proptest! {
    #![proptest_config(ProptestConfig::with_cases(10))]

    #[test]
    fn a_blob_is_found_at_its_place_and_scale(
        sigma in 3.0f64..7.0,
        // Off the half-sample positions (odd columns in octave 1), where the blob's offset is
        // exactly 0.5 and the reference's single refinement step drops it.
        dy in (-10i32..10).prop_map(|k| f64::from(k) + 0.3),
        dx in (-10i32..10).prop_map(|k| f64::from(k) + 0.3),
    ) {
        // Measured over sigma 3..7 in steps of 0.01: only 3.37..3.39 is missed (both steps), where
        // the scale offset crosses 0.5 between two intervals and neither keeps the point.
        prop_assume!(!(3.36..3.40).contains(&sigma));
        let (y, x) = (150.0 + dy, 150.0 + dx);
        let img = dark_blob(300, y, x, sigma);
        let newton = surf(img.view(), &SurfParams::default().subpixel(Subpixel::Newton)).unwrap();
        // The strongest dark point (weak light rings around the blob come after it).
        let dark = newton.keypoints.iter().find(|k| k.laplacian == 1.0);
        prop_assert!(dark.is_some(), "nothing found");
        let k = *dark.unwrap();
        prop_assert!((k.y - y).hypot(k.x - x) < 0.5, "{k:?}");
        prop_assert!((k.scale / (SCALE_PER_SIGMA * sigma) - 1.0).abs() < 0.2, "{k:?}");
        prop_assert_eq!(k.laplacian, 1.0);
        // mahotas' step moves off the peak: up to 1.5 px per axis, scale 0.4 to 1.0 sigma
        // (measured 0.48 to 0.87).
        let m = surf(img.view(), &SurfParams::default()).unwrap();
        let m = *m.keypoints.iter().find(|k| k.laplacian == 1.0).expect("a dark point");
        prop_assert!((m.y - y).abs() <= 1.5 && (m.x - x).abs() <= 1.5, "{m:?}");
        prop_assert!((0.4..1.0).contains(&(m.scale / sigma)), "{m:?}");
        // A light blob: the same point, laplacian -1.
        let light = img.mapv(|v| 255.0 - v);
        let l = surf(light.view(), &SurfParams::default().subpixel(Subpixel::Newton)).unwrap();
        prop_assert_eq!(l.keypoints[0].laplacian, -1.0);
        prop_assert!((l.keypoints[0].y - k.y).abs() < 1e-9);
    }
}

/// Our nearest point to `(y, x)` within `tol` pixels and 20% in scale.
fn nearest(s: &Surf, y: f64, x: f64, scale: f64, tol: f64) -> Option<usize> {
    s.keypoints
        .iter()
        .enumerate()
        .filter(|(_, k)| (k.scale / scale - 1.0).abs() <= 0.2)
        .map(|(i, k)| (i, (k.y - y).hypot(k.x - x)))
        .filter(|&(_, d)| d <= tol)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

fn angle_diff(a: f64, b: f64) -> f64 {
    let d = (a - b).rem_euclid(2.0 * std::f64::consts::PI);
    d.min(2.0 * std::f64::consts::PI - d)
}

/// A smooth random texture (sum of blobs), 0..255.
fn texture(n: usize) -> Array2<f64> {
    let mut blobs = Vec::new();
    let mut s: u64 = 12345;
    let mut next = || {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    for _ in 0..60 {
        blobs.push((next() * n as f64, next() * n as f64, 2.0 + 4.0 * next()));
    }
    let img = synthetic::blob_image((n, n), &blobs);
    let max = img.fold(0.0f64, |a, &b| a.max(b));
    img.mapv(|v| 255.0 * v / max)
}

struct Rotated {
    matched: f64,
    angle_median: f64,
    desc_median: f64,
    desc_p90: f64,
}

fn rotation_stats(params: &SurfParams) -> Rotated {
    let img = texture(200);
    let rot = synthetic::rotate90(img.view());
    let a = surf(img.view(), params).unwrap();
    let b = surf(rot.view(), params).unwrap();
    let cols = img.ncols() as f64;
    let mut angles = Vec::new();
    let mut dists = Vec::new();
    for (i, k) in a.keypoints.iter().enumerate() {
        let (y, x) = (cols - 1.0 - k.x, k.y);
        if let Some(j) = nearest(&b, y, x, k.scale, 1.5) {
            let kb: Keypoint = b.keypoints[j];
            angles.push(angle_diff(kb.angle, k.angle + std::f64::consts::FRAC_PI_2));
            let d = &a.descriptors.row(i) - &b.descriptors.row(j);
            dists.push(d.dot(&d).sqrt());
        }
    }
    let matched = angles.len() as f64 / a.len() as f64;
    angles.sort_by(f64::total_cmp);
    dists.sort_by(f64::total_cmp);
    let r = Rotated {
        matched,
        angle_median: angles[angles.len() / 2],
        desc_median: dists[dists.len() / 2],
        desc_p90: dists[dists.len() * 9 / 10],
    };
    println!(
        "rotate90: {} points, {:.1}% found again, angle error median {:.3} rad, descriptor \
         distance median {:.3} p90 {:.3}",
        a.len(),
        100.0 * r.matched,
        r.angle_median,
        r.desc_median,
        r.desc_p90
    );
    r
}

#[test]
fn rotating_by_90_degrees_moves_points_and_angles() {
    let r = rotation_stats(&SurfParams::default().subpixel(Subpixel::Newton));
    assert!(r.matched > 0.8, "{}", r.matched);
    assert!(r.angle_median < 0.15, "{}", r.angle_median);
    // Measured 0.43 (p90 0.90): the reference samples at truncated rotated positions with
    // Haar boxes half a pixel off centre and slides its orientation window with an off-by-one,
    // so a quarter turn is far from free. Upright descriptors of the same points: 0.96.
    assert!(r.desc_median < 0.5, "{}", r.desc_median);
}

#[test]
fn upright_ignores_rotation() {
    let img = texture(200);
    let p = SurfParams::default().upright(true);
    let s = surf(img.view(), &p).unwrap();
    assert!(s.keypoints.iter().all(|k| k.angle == 0.0));
    // Upright descriptors of a rotated image are those of another pattern: far apart.
    let r = rotation_stats(&p);
    assert!(r.desc_median > 0.8, "{}", r.desc_median);
    assert!(r.angle_median > 1.5, "{}", r.angle_median);
}
