//! Properties with proptest: k-means inertia never increases with more iterations, the bounded
//! iteration equals Lloyd, predict(centres) = 0..k, k-means++ picks distinct rows, histograms
//! sum to 1, VLAD's invariances, vocabulary files round-trip bit-exact, Fisher vectors equal the
//! per-descriptor sums of their definition and do not move when data and means are translated.

use bovw::{
    Encoder, Fisher, Gmm, HistNorm, Histogram, KMeansAlgorithm, KMeansInit, KMeansParams,
    MiniBatchKMeansParams, SpatialPyramid, Vlad, VladFlags, Vocabulary, kmeans_plusplus,
};
use dsp_core::{Fit, Predict};
use ndarray::{Array1, Array2, Axis};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn random(n: usize, d: usize, seed: u64) -> Array2<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    Array2::from_shape_fn((n, d), |_| rng.random_range(-3.0..3.0))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn inertia_never_increases(seed in 0u64..1000, n in 20usize..80, d in 1usize..6, k in 1usize..8) {
        let x = random(n, d, seed);
        let (init, _) = kmeans_plusplus(x.view(), k, None, seed).unwrap();
        let mut last = f64::INFINITY;
        for it in 1..8 {
            let km = KMeansParams::new(k).init(KMeansInit::Centers(init.clone())).max_iter(it).tol(0.0)
                .fit(&x, &()).unwrap();
            prop_assert!(km.inertia() <= last * (1.0 + 1e-12), "iteration {it}: {} > {last}", km.inertia());
            last = km.inertia();
        }
    }

    #[test]
    fn bounded_iteration_equals_lloyd(seed in 0u64..1000, n in 20usize..120, d in 1usize..6, k in 1usize..8) {
        let x = random(n, d, seed);
        let p = KMeansParams::new(k).seed(seed).tol(0.0);
        let a = p.clone().fit(&x, &()).unwrap();
        let b = p.algorithm(KMeansAlgorithm::Elkan).fit(&x, &()).unwrap();
        prop_assert_eq!(a.labels(), b.labels());
        prop_assert_eq!(a.n_iter(), b.n_iter());
        prop_assert!((a.inertia() - b.inertia()).abs() <= 1e-9 * a.inertia().max(1e-300));
    }

    #[test]
    fn predict_centres_is_identity(seed in 0u64..1000, k in 1usize..10) {
        let x = random(60, 3, seed);
        let km = KMeansParams::new(k).seed(seed).fit(&x, &()).unwrap();
        let c = km.centers().to_owned();
        prop_assert_eq!(km.predict(&c).unwrap().to_vec(), (0..k).collect::<Vec<_>>());
    }

    #[test]
    fn plusplus_picks_distinct_rows(seed in 0u64..1000, n in 1usize..60, k in 1usize..10) {
        prop_assume!(k <= n);
        let x = random(n, 2, seed);
        let (c, idx) = kmeans_plusplus(x.view(), k, None, seed).unwrap();
        let mut s = idx.clone();
        s.sort_unstable();
        s.dedup();
        prop_assert_eq!(s.len(), k);
        for (r, &i) in idx.iter().enumerate() {
            prop_assert_eq!(c.row(r), x.row(i));
        }
    }

    #[test]
    fn histogram_sums_to_one(seed in 0u64..1000, n in 1usize..50) {
        let voc = Vocabulary::new(random(6, 4, seed + 1)).unwrap();
        let h = Histogram::new(voc, HistNorm::L1).encode(random(n, 4, seed).view()).unwrap();
        prop_assert!((h.sum() - 1.0).abs() < 1e-12);
        prop_assert!(h.iter().all(|&v| v >= 0.0));
    }

    #[test]
    fn vlad_invariances(seed in 0u64..1000, n in 2usize..50, bits in 0u32..16) {
        let voc = Vocabulary::new(random(5, 3, seed + 1)).unwrap();
        let flags = VladFlags {
            normalize_components: bits & 1 != 0,
            square_root: bits & 2 != 0,
            unnormalized: bits & 4 != 0,
            normalize_mass: bits & 8 != 0,
        };
        let enc = Vlad::new(voc.clone(), flags);
        let x = random(n, 3, seed);
        let v = enc.encode(x.view()).unwrap();
        prop_assert_eq!(v.len(), 15);
        // Order of the descriptors does not matter.
        let mut rev = x.clone();
        rev.invert_axis(Axis(0));
        let w = enc.encode(rev.view()).unwrap();
        for (a, b) in v.iter().zip(w.iter()) {
            prop_assert!((a - b).abs() <= 1e-12);
        }
        if !flags.unnormalized {
            prop_assert!((v.dot(&v).sqrt() - 1.0).abs() < 1e-12);
        }
        if flags.normalize_components && flags.unnormalized {
            let words = voc.words(x.view()).unwrap();
            for (j, block) in v.exact_chunks(3).into_iter().enumerate() {
                let used = words.iter().any(|&w| w == j);
                let norm = block.dot(&block).sqrt();
                let ok = if used { (norm - 1.0).abs() < 1e-9 || norm == 0.0 } else { norm == 0.0 };
                prop_assert!(ok, "block {} norm {}", j, norm);
            }
        }
        // A descriptor exactly on its word adds nothing to the unnormalised sum.
        if flags == (VladFlags { unnormalized: true, ..VladFlags::default() }) {
            let mut more = x.clone();
            more.push_row(voc.centers().row(0)).unwrap();
            let u = enc.encode(more.view()).unwrap();
            for (a, b) in v.iter().zip(u.iter()) {
                prop_assert!((a - b).abs() <= 1e-12);
            }
        }
    }

    #[test]
    fn fisher_equals_its_sums_and_ignores_translation(
        seed in 0u64..1000, n in 1usize..60, d in 1usize..6, k in 1usize..5, shift in -1e4f64..1e4,
    ) {
        let x = random(n, d, seed);
        let means = random(k, d, seed + 1);
        let vars = random(k, d, seed + 2).mapv(|v| 0.2 + v.abs());
        let w = Array1::from_elem(k, 1.0 / k as f64);
        let gmm = Gmm::from_parts(w.clone(), means.clone(), vars.clone()).unwrap();
        let got = Fisher::with_flags(gmm.clone(), false, false).encode(x.view()).unwrap();
        // The definition, one descriptor at a time.
        let q = gmm.predict_proba(x.view()).unwrap();
        let mut want = vec![0.0; 2 * k * d];
        for c in 0..k {
            for (r, row) in x.rows().into_iter().enumerate() {
                for j in 0..d {
                    let z = (row[j] - means[[c, j]]) / vars[[c, j]].sqrt();
                    want[c * d + j] += q[[r, c]] * z / (n as f64 * w[c].sqrt());
                    want[k * d + c * d + j] += q[[r, c]] * (z * z - 1.0) / (n as f64 * (2.0 * w[c]).sqrt());
                }
            }
        }
        for (a, b) in got.iter().zip(&want) {
            prop_assert!((a - b).abs() <= 1e-10 * (1.0 + b.abs()), "{} vs {}", a, b);
        }
        let moved = Gmm::from_parts(w, means.mapv(|v| v + shift), vars).unwrap();
        let shifted = Fisher::with_flags(moved, false, false).encode(x.mapv(|v| v + shift).view()).unwrap();
        for (a, b) in shifted.iter().zip(&want) {
            prop_assert!((a - b).abs() <= 1e-6 * (1.0 + b.abs()), "shifted by {}: {} vs {}", shift, a, b);
        }
    }

    #[test]
    fn vocabulary_round_trip_is_bit_exact(seed in 0u64..1000, k in 1usize..20, d in 1usize..20) {
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("bovw-props");
        std::fs::create_dir_all(&dir).unwrap();
        let c64 = random(k, d, seed).mapv(|v| v * 1e3 + 1e-7);
        let p = dir.join(format!("v64_{seed}_{k}_{d}.voc"));
        Vocabulary::new(c64.clone()).unwrap().save(&p).unwrap();
        let back = Vocabulary::<f64>::load(&p).unwrap();
        prop_assert!(back.centers().iter().zip(c64.iter()).all(|(a, b)| a.to_bits() == b.to_bits()));
        let c32 = c64.mapv(|v| v as f32);
        let p = dir.join(format!("v32_{seed}_{k}_{d}.voc"));
        Vocabulary::new(c32.clone()).unwrap().save(&p).unwrap();
        let back = Vocabulary::<f32>::load_expect_dim(&p, d).unwrap();
        prop_assert!(back.centers().iter().zip(c32.iter()).all(|(a, b)| a.to_bits() == b.to_bits()));
    }
}

#[test]
fn pyramid_level_one_equals_plain_encoding() {
    let voc = Vocabulary::new(random(4, 2, 5)).unwrap();
    let h = Histogram::new(voc, HistNorm::None);
    let x = random(30, 2, 6);
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let pos = Array2::from_shape_fn((30, 2), |_| rng.random_range(0.0..16.0));
    let sp = SpatialPyramid::new(vec![1, 2, 4]).unwrap();
    let v = sp.encode(&h, x.view(), pos.view(), (16, 16)).unwrap();
    assert_eq!(v.len(), sp.len(4));
    let plain = h.encode(x.view()).unwrap();
    assert_eq!(v.slice_axis(Axis(0), (0..4).into()), plain);
    // With raw counts every level sums to the same histogram.
    for (lo, hi) in [(4, 20), (20, 84)] {
        let mut sum = ndarray::Array1::<f64>::zeros(4);
        for cell in v.slice_axis(Axis(0), (lo..hi).into()).exact_chunks(4) {
            sum += &cell;
        }
        assert_eq!(sum, plain);
    }
}

#[test]
fn minibatch_finds_separated_clusters() {
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let x = Array2::from_shape_fn((3000, 2), |(i, _)| {
        (i % 3) as f64 * 20.0 + rng.random_range(-1.0..1.0)
    });
    let m = MiniBatchKMeansParams::new(3)
        .batch_size(256)
        .seed(2)
        .fit(&x, &())
        .unwrap();
    let mut c: Vec<f64> = m.centers().column(0).to_vec();
    c.sort_by(f64::total_cmp);
    for (got, want) in c.iter().zip([0.0, 20.0, 40.0]) {
        assert!((got - want).abs() < 0.2, "{c:?}");
    }
    assert_eq!(m.predict(&x).unwrap(), m.labels());
    let full = KMeansParams::new(3).seed(2).fit(&x, &()).unwrap();
    assert!(m.inertia() <= full.inertia() * 1.01);
}

#[test]
fn transform_is_euclidean_distance_and_batch_equals_single() {
    use bovw::encode_batch;
    use dsp_core::Transform;
    let x = random(50, 3, 11);
    let km = KMeansParams::new(4).seed(11).fit(&x, &()).unwrap();
    let t = km.transform(&x).unwrap();
    for (i, row) in t.rows().into_iter().enumerate() {
        for (j, &v) in row.iter().enumerate() {
            let want = (&x.row(i) - &km.centers().row(j))
                .mapv(|e| e * e)
                .sum()
                .sqrt();
            assert!((v - want).abs() < 1e-12);
        }
        assert_eq!(
            km.labels()[i],
            row.iter()
                .enumerate()
                .min_by(|a, b| a.1.total_cmp(b.1))
                .unwrap()
                .0
        );
    }
    let voc: Vocabulary<f64> = km.into();
    let vlad = Vlad::new(voc, VladFlags::default());
    let sets = [random(7, 3, 1), random(1, 3, 2), random(30, 3, 3)];
    let views: Vec<_> = sets.iter().map(|s| s.view()).collect();
    let rows = encode_batch(&vlad, &views).unwrap();
    for (s, r) in sets.iter().zip(rows.rows()) {
        assert_eq!(vlad.encode(s.view()).unwrap(), r);
    }
}
