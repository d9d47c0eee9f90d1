//! Times `hog` (default parameters) on a 512x512 image and compares it with skimage's output.
//!
//! ```text
//! python -c "import numpy as np, skimage as s; \
//!   np.save('camera.npy', s.util.img_as_float(s.data.camera())); \
//!   np.save('hog.npy', s.feature.hog(s.util.img_as_float(s.data.camera())))"
//! cargo run --release -p sigfeat-features-2d --example hog_timing -- camera.npy hog.npy
//! ```
//! Without arguments a synthetic 512x512 image is timed and nothing is compared.

use std::time::Instant;

use features_2d::{HogParams, hog, hog_batch};
use ndarray::{Array1, Array2};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let image: Array2<f64> = match args.first() {
        Some(p) => ndarray_npy::read_npy(p)?,
        None => Array2::from_shape_fn((512, 512), |(r, c)| {
            (((r * 31 + c * 17) % 251) as f64 / 251.0 + (r as f64 * 0.05).sin()).abs() / 2.0
        }),
    };
    let params = HogParams::default();
    let time = |label: &str, f: &dyn Fn()| {
        f();
        let mut ts: Vec<f64> = (0..30)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        ts.sort_by(f64::total_cmp);
        println!(
            "{label}: min {:.2} ms, median {:.2} ms",
            ts[0],
            ts[ts.len() / 2]
        );
    };
    time("ours hog 512x512 f64", &|| {
        hog(image.view(), &params).expect("hog");
    });
    let image32 = image.mapv(|v| v as f32);
    time("ours hog 512x512 f32", &|| {
        hog(image32.view(), &params).expect("hog");
    });
    let batch: Vec<_> = (0..8).map(|_| image.view()).collect();
    time("ours hog_batch 8 x 512x512 f64", &|| {
        hog_batch(&batch, &params).expect("hog_batch");
    });
    if let Some(p) = args.get(1) {
        let want: Array1<f64> = ndarray_npy::read_npy(p)?;
        let got = hog(image.view(), &params)?;
        let max = got
            .iter()
            .zip(&want)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        let same = got
            .iter()
            .zip(&want)
            .filter(|(a, b)| a.to_bits() == b.to_bits())
            .count();
        println!(
            "vs skimage: len {} / {}, max |diff| {max:e}, bit-identical {same}",
            got.len(),
            want.len()
        );
    }
    Ok(())
}
