//! Times k-means on 100000 x 64 f32 (k = 100): greedy k-means++ seeding, then 20 Lloyd (and
//! bounded) iterations from the same centres. Writes the data and the centres as `.npy` under
//! `target/bovw_timing/` so that `examples/kmeans_timing_sklearn.py` times sklearn on the same
//! input.
//!
//! `cargo run --release -p sigfeat-bovw --example kmeans_timing`

use std::time::Instant;

use bovw::{KMeansAlgorithm, KMeansInit, KMeansParams, kmeans_plusplus};
use dsp_core::Fit;
use ndarray::Array2;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (n, d, k) = (100_000, 64, 100);
    let mut rng = ChaCha8Rng::seed_from_u64(42);
    // 20 broad overlapping blobs: Lloyd keeps moving for more than 20 iterations.
    let blobs: Vec<Vec<f32>> = (0..20)
        .map(|_| (0..d).map(|_| rng.random_range(-1.0..1.0)).collect())
        .collect();
    let x = Array2::from_shape_fn((n, d), |(i, j)| {
        let u: f32 = rng.random_range(-1.0..1.0);
        let v: f32 = rng.random_range(-1.0..1.0);
        blobs[i % 20][j] + u + v
    });
    let only_lloyd = std::env::args().any(|a| a == "--lloyd-only");
    let reps = 5;
    let mut pp = Vec::new();
    let mut init = None;
    for r in 0..if only_lloyd { 1 } else { reps } {
        let t = Instant::now();
        let (c, _) = kmeans_plusplus(x.view(), k, None, r)?;
        pp.push(t.elapsed().as_secs_f64());
        init.get_or_insert(c);
    }
    let init = init.expect("reps > 0");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/bovw_timing");
    std::fs::create_dir_all(dir)?;
    ndarray_npy::write_npy(format!("{dir}/x.npy"), &x)?;
    ndarray_npy::write_npy(format!("{dir}/init.npy"), &init)?;
    println!("threads {}", rayon::current_num_threads());
    println!("kmeans++ k={k}: median {:.3} s over {reps}", median(pp));
    let algs = if only_lloyd {
        vec![KMeansAlgorithm::Lloyd]
    } else {
        vec![KMeansAlgorithm::Lloyd, KMeansAlgorithm::Elkan]
    };
    for alg in algs {
        let mut ts = Vec::new();
        let mut last = None;
        for _ in 0..reps {
            let p = KMeansParams::new(k)
                .init(KMeansInit::Centers(init.clone()))
                .max_iter(20)
                .tol(0.0)
                .algorithm(alg);
            let t = Instant::now();
            let km = p.fit(&x, &())?;
            ts.push(t.elapsed().as_secs_f64());
            last = Some(km);
        }
        let km = last.expect("reps > 0");
        println!(
            "{alg:?} 20 iterations: median {:.3} s over {reps} (n_iter {}, inertia {})",
            median(ts),
            km.n_iter(),
            km.inertia()
        );
    }
    Ok(())
}
