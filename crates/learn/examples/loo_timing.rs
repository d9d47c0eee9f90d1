//! Times leave-one-out on the 660 x 27 blobs of `benches/benches/learn.rs` (same generator).
//!
//! `cargo run --release -p sigfeat-learn --example loo_timing -- [logistic|svc_linear|svc_rbf]...`
#![allow(missing_docs)]

use learn::{Classifier, LogisticRegressionParams, SvcParams, ValidationOptions, leave_one_out};
use ndarray::Array2;
use std::time::Instant;

struct SplitMix(u64);

impl SplitMix {
    fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn normal(&mut self) -> f64 {
        let u1 = self.next_f64();
        let u2 = self.next_f64();
        (-2.0 * (1.0 - u1).ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

fn blobs() -> (Array2<f64>, Vec<usize>) {
    let (n, d, k) = (660, 27, 6);
    let mut rng = SplitMix(20_171_111);
    let centres = Array2::from_shape_simple_fn((k, d), || 0.6 * rng.normal());
    let y: Vec<usize> = (0..n).map(|i| i % k).collect();
    let mut x = Array2::zeros((n, d));
    for i in 0..n {
        for j in 0..d {
            x[[i, j]] = centres[[y[i], j]] + rng.normal();
        }
    }
    (x, y)
}

fn time<C: Classifier<f64>>(name: &str, clf: &C, x: &Array2<f64>, y: &[usize], reps: usize) {
    let mut ts = Vec::new();
    let mut acc = 0.0;
    for _ in 0..reps {
        let t = Instant::now();
        let r = leave_one_out(clf, x.view(), y, ValidationOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        ts.push(t.elapsed().as_secs_f64());
        acc = r.mean_score();
    }
    ts.sort_by(f64::total_cmp);
    println!(
        "{name}: median {:.4} s, loo accuracy {acc:.6}",
        ts[ts.len() / 2]
    );
}

fn main() {
    let (x, y) = blobs();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let reps: usize = std::env::var("REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let want = |n: &str| args.is_empty() || args.iter().any(|a| a == n);
    if want("logistic") {
        time(
            "logistic",
            &LogisticRegressionParams::default(),
            &x,
            &y,
            reps,
        );
    }
    if want("svc_linear") {
        time("svc_linear", &SvcParams::linear(), &x, &y, reps);
    }
    if want("svc_rbf") {
        time("svc_rbf", &SvcParams::rbf(), &x, &y, reps);
    }
}
