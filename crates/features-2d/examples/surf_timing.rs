//! Times `surf` on camera.png (0..255 grey) and `dense_surf_batch` over the lfw subset
//! upscaled 4x, for comparing with mahotas on the same machine:
//!
//!     cargo run --release -p sigfeat-features-2d --example surf_timing
//!
//! Prints the median of several runs; no assertion (timings depend on the machine). An argument
//! `surf` or `dense` runs only that part.

use std::time::Instant;

use features_2d::{SurfParams, dense_surf_batch, surf};
use ndarray::{Array2, Array3, Axis};

fn median_ms(mut f: impl FnMut(), runs: usize) -> f64 {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[runs / 2]
}

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let g = image::open(root.join("datasets/images/camera.png"))
        .expect("camera.png")
        .to_luma8();
    let (w, h) = g.dimensions();
    let camera = Array2::from_shape_vec((h as usize, w as usize), g.into_raw())
        .expect("h x w")
        .mapv(f64::from);
    let only = std::env::args().nth(1);
    let p = SurfParams::default();
    if only.as_deref() != Some("dense") {
        let n = surf(camera.view(), &p).expect("camera").len();
        let ms = median_ms(
            || {
                surf(camera.view(), &p).expect("camera");
            },
            15,
        );
        println!("surf camera 512x512: {n} points, {ms:.1} ms");
    }
    if only.as_deref() == Some("surf") {
        return;
    }

    // lfw_subset: 200 faces of 25x25 in [0, 1]; upscaled 4x (nearest) to 100x100, 0..255.
    let lfw: Array3<f64> =
        ndarray_npy::read_npy(root.join("datasets/lfw/lfw_subset.npy")).expect("lfw_subset.npy");
    let faces: Vec<Array2<f64>> = lfw
        .axis_iter(Axis(0))
        .map(|f| Array2::from_shape_fn((100, 100), |(r, c)| 255.0 * f[[r / 4, c / 4]]))
        .collect();
    let views: Vec<_> = faces.iter().map(|f| f.view()).collect();
    let d = dense_surf_batch(&views, 8, Some(2.0)).expect("faces");
    let ms = median_ms(
        || {
            dense_surf_batch(&views, 8, Some(2.0)).expect("faces");
        },
        15,
    );
    println!(
        "dense_surf_batch 200 faces 100x100 spacing 8 scale 2: {} descriptors each, {ms:.1} ms",
        d[0].len()
    );
}
