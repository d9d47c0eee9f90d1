//! Probe: blocked x c^T with matrixmultiply (ndarray) vs faer, rayon over 512-row blocks.
use std::time::Instant;

use faer::{Accum, MatMut, MatRef, Par};
use ndarray::{Array2, Axis, Slice};
use rayon::prelude::*;

fn main() {
    let (n, d, k, b) = (100_000usize, 64usize, 100usize, 512usize);
    let x = Array2::from_shape_fn((n, d), |(i, j)| ((i * 31 + j * 7) % 13) as f32 * 0.1);
    let c = Array2::from_shape_fn((k, d), |(i, j)| ((i * 17 + j * 3) % 11) as f32 * 0.1);
    for _ in 0..3 {
        let t = Instant::now();
        for _ in 0..10 {
            (0..n.div_ceil(b)).into_par_iter().for_each_init(
                || Array2::<f32>::zeros((b, k)),
                |buf, blk| {
                    let lo = blk * b;
                    let hi = (lo + b).min(n);
                    let xb = x.slice_axis(Axis(0), Slice::from(lo..hi));
                    let mut o = buf.slice_axis_mut(Axis(0), Slice::from(..hi - lo));
                    ndarray::linalg::general_mat_mul(1.0, &xb, &c.t(), 0.0, &mut o);
                },
            );
        }
        let t1 = t.elapsed().as_secs_f64() / 10.0;
        let xs = x.as_slice().unwrap();
        let cs = c.as_slice().unwrap();
        let t = Instant::now();
        for _ in 0..10 {
            (0..n.div_ceil(b)).into_par_iter().for_each_init(
                || vec![0f32; b * k],
                |buf, blk| {
                    let lo = blk * b;
                    let hi = (lo + b).min(n);
                    let xa = MatRef::from_row_major_slice(&xs[lo * d..hi * d], hi - lo, d);
                    let ct = MatRef::from_row_major_slice(cs, k, d).transpose();
                    let o = MatMut::from_row_major_slice_mut(&mut buf[..(hi - lo) * k], hi - lo, k);
                    faer::linalg::matmul::matmul(o, Accum::Replace, xa, ct, 1.0f32, Par::Seq);
                },
            );
        }
        let t2 = t.elapsed().as_secs_f64() / 10.0;
        println!(
            "per pass: matrixmultiply {:.1} ms, faer {:.1} ms",
            t1 * 1e3,
            t2 * 1e3
        );
    }
}
