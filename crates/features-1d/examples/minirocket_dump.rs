//! Writes MiniRocket features of the bundled UCR sets as `.npy` files, for a side-by-side
//! accuracy check against aeon's MiniRocket (ridge classifier in Python), and prints the
//! transform times (median of 7 runs).
//!
//! `cargo run --release -p sigfeat-features-1d --example minirocket_dump -- OUT_DIR [SEED] [f32|f64]`
//! (f32 by default, as aeon, which casts series to float32).

use std::time::Instant;

use features_1d::{FeatureExtractor, Fit, MiniRocketParams, Transform};
use ndarray::Array1;
use ndarray_npy::write_npy;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().ok_or("usage: minirocket_dump OUT_DIR [SEED]")?);
    let seed: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(0);
    let f64_mode = args.next().is_some_and(|a| a == "f64");
    std::fs::create_dir_all(&out)?;
    for name in datasets::BUNDLED_UCR {
        if f64_mode {
            run::<f64>(name, seed, &out, |v| v)?;
        } else {
            run::<f32>(name, seed, &out, |v| v as f32)?;
        }
    }
    Ok(())
}

fn run<T: dsp_core::Float + ndarray_npy::WritableElement>(
    name: &str,
    seed: u64,
    out: &std::path::Path,
    cast: fn(f64) -> T,
) -> Result<(), Box<dyn std::error::Error>> {
    {
        let mut d = datasets::bundled_ucr(name)?;
        let train: Vec<Array1<T>> = d.train.series.iter().map(|s| s.mapv(cast)).collect();
        let test: Vec<Array1<T>> = d.test.series.iter().map(|s| s.mapv(cast)).collect();
        d.train.series.clear();
        let model = MiniRocketParams::default().seed(seed).fit(&train, &())?;
        let ftr = model.transform(&train)?;
        let mut times = Vec::new();
        let mut fte = None;
        for _ in 0..7 {
            let t = Instant::now();
            fte = Some(model.transform(&test)?);
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        times.sort_by(f64::total_cmp);
        let fte = fte.ok_or("no run")?;
        write_npy(out.join(format!("{name}_train_X.npy")), &ftr)?;
        write_npy(out.join(format!("{name}_test_X.npy")), &fte)?;
        let ytr: Array1<i64> = d.train.y.iter().map(|&v| v as i64).collect();
        let yte: Array1<i64> = d.test.y.iter().map(|&v| v as i64).collect();
        write_npy(out.join(format!("{name}_train_y.npy")), &ytr)?;
        write_npy(out.join(format!("{name}_test_y.npy")), &yte)?;
        println!(
            "{name}: {} features, test transform median {:.2} ms ({} series)",
            model.n_features(),
            times[3],
            d.test.len()
        );
    }
    Ok(())
}
