//! The `f32` nearest-centre kernel of Lloyd's assignment: the products `x.c`, the distances
//! `||c||^2 - 2 x.c` and their argmin in one register-blocked pass, so that the `rows x k`
//! product matrix of the GEMM form is never written out and scanned again.
//!
//! The centres are packed into panels of two SIMD vectors' worth of centres (16 on AVX2), stored
//! dimension by dimension. For [`ROWS`] rows at a time the kernel keeps `2 * ROWS` accumulator
//! vectors in registers, adds `x[r][t] * c[panel][t]` over all dimensions `t` with FMAs, then folds
//! the panel's distances into a per-lane running minimum and its index. Each lane sees its
//! centres in increasing order and keeps the first strict minimum, and the final reduction across
//! lanes takes the lowest index among the equal minima: ties go to the lower centre index, as in
//! sklearn's `_lloyd` and [`crate::util::argmin_row`]. `-2 x.c` is exact, so
//! `fma(x.c, -2, ||c||^2)` rounds exactly as sklearn's `||c||^2 - 2 x.c` does; only the order of
//! the dot product's additions differs from a BLAS GEMM's.
//!
//! Dispatched at run time by `pulp` (AVX2+FMA where the CPU has it, AVX-512 or scalar
//! otherwise), so the default `x86-64` build uses the wide instructions without `unsafe`.

use pulp::{Simd, WithSimd};

/// Rows per register block (`2 * ROWS` accumulators + two centre vectors + one broadcast fit the
/// 16 AVX2 registers).
const ROWS: usize = 4;

/// The centres in the kernel's layout for a given vector width: full panels of two vectors'
/// worth of centres, and a last panel of one vector where that holds the rest (so `k = 100`
/// pads to 104 centres on AVX2, not 112).
pub(crate) struct Packed {
    /// The vector width (`f32` lanes) the layout is for.
    lanes: usize,
    /// Panel `p` starts at `p * d * 2 * lanes`; within it `data[.. + t * w + j] = c[p * 2 * lanes
    /// + j][t]` for its width `w`; zero past `k`.
    data: Vec<f32>,
    /// `||c||^2` per padded centre, `+inf` past `k` (a padded centre never wins).
    cnorm: Vec<f32>,
    /// Full (two-vector) panels.
    full: usize,
    /// Whether a one-vector panel follows them.
    half: bool,
}

impl Packed {
    fn new(centers: &[f32], cnorm: &[f32], d: usize, lanes: usize) -> Self {
        let k = cnorm.len();
        let w = 2 * lanes;
        let full = k / w;
        let rest = k - full * w;
        let (full, half) = match rest {
            0 => (full, false),
            r if r <= lanes => (full, true),
            _ => (full + 1, false),
        };
        let padded = full * w + if half { lanes } else { 0 };
        let mut data = vec![0.0f32; padded * d];
        let mut cn = vec![f32::INFINITY; padded];
        for (j, row) in centers.chunks_exact(d).enumerate() {
            let (p, o) = (j / w, j % w);
            let pw = if p < full { w } else { lanes };
            for (t, &v) in row.iter().enumerate() {
                data[p * d * w + t * pw + o] = v;
            }
            cn[j] = cnorm[j];
        }
        Self {
            lanes,
            data,
            cnorm: cn,
            full,
            half,
        }
    }

    /// Packed once for the vector width this CPU's dispatch picks, for repeated
    /// [`nearest2_f32`] calls.
    pub(crate) fn for_this_cpu(centers: &[f32], cnorm: &[f32], d: usize) -> Self {
        struct Width;
        impl WithSimd for Width {
            type Output = usize;
            #[inline(always)]
            fn with_simd<S: Simd>(self, _: S) -> usize {
                S::F32_LANES
            }
        }
        Self::new(centers, cnorm, d, pulp::Arch::new().dispatch(Width))
    }
}

/// For each row of `x` (`labels.len()` rows of `d` values): the nearest centre of `packed`, and
/// the smallest and second-smallest partial distances `||c||^2 - 2 x.c` (add `||x||^2` for the
/// squared distances; `+inf` as second when `k = 1`). Hamerly's full recomputation.
#[allow(clippy::too_many_arguments)]
pub(crate) fn nearest2_f32(
    packed: &Packed,
    centers: &[f32],
    cnorm: &[f32],
    x: &[f32],
    d: usize,
    labels: &mut [usize],
    best: &mut [f32],
    second: &mut [f32],
) {
    struct Two<'a> {
        packed: &'a Packed,
        centers: &'a [f32],
        cnorm: &'a [f32],
        x: &'a [f32],
        d: usize,
        labels: &'a mut [usize],
        best: &'a mut [f32],
        second: &'a mut [f32],
    }
    impl WithSimd for Two<'_> {
        type Output = ();
        #[inline(always)]
        fn with_simd<S: Simd>(self, simd: S) {
            let lanes = S::F32_LANES;
            let local;
            let packed = if self.packed.lanes == lanes {
                self.packed
            } else {
                local = Packed::new(self.centers, self.cnorm, self.d, lanes);
                &local
            };
            let (cv, _) = S::as_simd_f32s(&packed.data);
            let (nv, _) = S::as_simd_f32s(&packed.cnorm);
            let iota: Vec<u32> = (0..lanes as u32).collect();
            let iota = S::as_simd_u32s(&iota).0[0];
            let (d, n) = (self.d, self.labels.len());
            let mut r0 = 0;
            while r0 < n {
                let m = (n - r0).min(ROWS);
                let rows: [&[f32]; ROWS] =
                    core::array::from_fn(|i| &self.x[(r0 + i.min(m - 1)) * d..][..d]);
                let got = block::<S, true>(simd, rows, cv, nv, packed, d, iota, lanes);
                for (i, g) in got.iter().take(m).enumerate() {
                    self.labels[r0 + i] = g.0;
                    self.best[r0 + i] = g.1;
                    self.second[r0 + i] = g.2;
                }
                r0 += m;
            }
        }
    }
    pulp::Arch::new().dispatch(Two {
        packed,
        centers,
        cnorm,
        x,
        d,
        labels,
        best,
        second,
    });
}

/// The per-cluster sums of a centre update: `sums` is `k x d` row-major, `counts` has `k`.
pub(crate) struct Sums<'a> {
    pub(crate) sums: &'a mut [f64],
    pub(crate) counts: &'a mut [f64],
}

/// Writes the index of the nearest centre of each row of `x` (`labels.len()` rows of `d`
/// values, row-major) into `labels`; with `sums`, also adds each row (in `f64`) to its centre's
/// sum and count while its block of rows is still in cache. `centers` is `k x d` row-major and
/// `cnorm` its squared row norms.
pub(crate) fn nearest_f32(
    x: &[f32],
    d: usize,
    centers: &[f32],
    cnorm: &[f32],
    labels: &mut [usize],
    sums: Option<Sums<'_>>,
) {
    pulp::Arch::new().dispatch(Nearest {
        x,
        d,
        centers,
        cnorm,
        labels,
        sums,
    });
}

struct Nearest<'a, 's> {
    x: &'a [f32],
    d: usize,
    centers: &'a [f32],
    cnorm: &'a [f32],
    labels: &'a mut [usize],
    sums: Option<Sums<'s>>,
}

impl WithSimd for Nearest<'_, '_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, simd: S) {
        let Self {
            x,
            d,
            centers,
            cnorm,
            labels,
            mut sums,
        } = self;
        let lanes = S::F32_LANES;
        let packed = Packed::new(centers, cnorm, d, lanes);
        let (cv, _) = S::as_simd_f32s(&packed.data);
        let (nv, _) = S::as_simd_f32s(&packed.cnorm);
        // Lane j of panel p's first vector is centre p * 2 * lanes + j.
        let iota: Vec<u32> = (0..lanes as u32).collect();
        let (iota, _) = S::as_simd_u32s(&iota);
        let iota = iota[0];
        let n = labels.len();
        // Blocks of rows: the rows stay in cache for the sums.
        const BLOCK: usize = 256;
        let mut start = 0;
        while start < n {
            let end = (start + BLOCK).min(n);
            let mut r0 = start;
            while r0 < end {
                let m = (end - r0).min(ROWS);
                // A short last group repeats its last row; the extra results are dropped.
                let rows: [&[f32]; ROWS] =
                    core::array::from_fn(|i| &x[(r0 + i.min(m - 1)) * d..][..d]);
                let got = block::<S, false>(simd, rows, cv, nv, &packed, d, iota, lanes);
                for (l, g) in labels[r0..r0 + m].iter_mut().zip(&got) {
                    *l = g.0;
                }
                r0 += m;
            }
            if let Some(Sums { sums, counts }) = &mut sums {
                for (xr, &l) in x[start * d..end * d]
                    .chunks_exact(d)
                    .zip(&labels[start..end])
                {
                    counts[l] += 1.0;
                    for (o, &v) in sums[l * d..(l + 1) * d].iter_mut().zip(xr) {
                        *o += f64::from(v);
                    }
                }
            }
            start = end;
        }
    }
}

/// The nearest centre of each of [`ROWS`] rows, with its partial distance `||c||^2 - 2 x.c`
/// and (with `SECOND`) the second-smallest partial distance (`+inf` otherwise).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn block<S: Simd, const SECOND: bool>(
    simd: S,
    rows: [&[f32]; ROWS],
    cv: &[S::f32s],
    nv: &[S::f32s],
    packed: &Packed,
    d: usize,
    iota: S::u32s,
    lanes: usize,
) -> [(usize, f32, f32); ROWS] {
    let inf = simd.splat_f32s(f32::INFINITY);
    let mut lanes_of = Lanes::<S> {
        best: [inf; ROWS],
        second: [inf; ROWS],
        idx: [simd.splat_u32s(0); ROWS],
    };
    for p in 0..packed.full {
        let pan = &cv[p * d * 2..(p + 1) * d * 2];
        let acc = dots::<S, 2>(simd, &rows, pan);
        fold::<S, 2, SECOND>(
            simd,
            acc,
            &nv[2 * p..2 * p + 2],
            p * 2 * lanes,
            iota,
            lanes,
            &mut lanes_of,
        );
    }
    if packed.half {
        let p = packed.full;
        let pan = &cv[p * d * 2..p * d * 2 + d];
        let acc = dots::<S, 1>(simd, &rows, pan);
        fold::<S, 1, SECOND>(
            simd,
            acc,
            &nv[2 * p..2 * p + 1],
            p * 2 * lanes,
            iota,
            lanes,
            &mut lanes_of,
        );
    }
    core::array::from_fn(|r| {
        let b: &[f32] = pulp::bytemuck::cast_slice(core::slice::from_ref(&lanes_of.best[r]));
        let i: &[u32] = pulp::bytemuck::cast_slice(core::slice::from_ref(&lanes_of.idx[r]));
        let mut m = (f32::INFINITY, u32::MAX, 0);
        for (l, (&v, &j)) in b.iter().zip(i).enumerate() {
            if v < m.0 || (v == m.0 && j < m.1) {
                m = (v, j, l);
            }
        }
        // The second smallest: the other lanes' minima and every lane's own second.
        let mut second = f32::INFINITY;
        if SECOND {
            let s2: &[f32] = pulp::bytemuck::cast_slice(core::slice::from_ref(&lanes_of.second[r]));
            for (l, (&v, &w)) in b.iter().zip(s2).enumerate() {
                second = second.min(w);
                if l != m.2 {
                    second = second.min(v);
                }
            }
        }
        // Lane 0 always holds a real centre (k >= 1, finite data), so `m.1` is set.
        (m.1 as usize, m.0, second)
    })
}

/// Per-lane running minima of [`ROWS`] rows: the smallest partial distance, its centre and the
/// second smallest.
struct Lanes<S: Simd> {
    best: [S::f32s; ROWS],
    second: [S::f32s; ROWS],
    idx: [S::u32s; ROWS],
}

/// `x[r] . c[j]` for the `NV * lanes` centres of one panel (`d` rows of `NV` vectors).
#[inline(always)]
fn dots<S: Simd, const NV: usize>(
    simd: S,
    rows: &[&[f32]; ROWS],
    pan: &[S::f32s],
) -> [[S::f32s; NV]; ROWS] {
    let mut acc = [[simd.splat_f32s(0.0); NV]; ROWS];
    for (t, c) in pan.chunks_exact(NV).enumerate() {
        for r in 0..ROWS {
            let xv = simd.splat_f32s(rows[r][t]);
            for v in 0..NV {
                acc[r][v] = simd.mul_add_f32s(xv, c[v], acc[r][v]);
            }
        }
    }
    acc
}

/// Folds one panel's distances `||c||^2 - 2 x.c` into the per-lane minima, their indices
/// and (with `SECOND`) the per-lane second minima; the panel's first centre is `first`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
// `r` indexes the accumulators and the three running minima in lockstep.
#[allow(clippy::needless_range_loop)]
fn fold<S: Simd, const NV: usize, const SECOND: bool>(
    simd: S,
    acc: [[S::f32s; NV]; ROWS],
    cn: &[S::f32s],
    first: usize,
    iota: S::u32s,
    lanes: usize,
    m: &mut Lanes<S>,
) {
    let m2 = simd.splat_f32s(-2.0);
    for v in 0..NV {
        let base = simd.add_u32s(iota, simd.splat_u32s((first + v * lanes) as u32));
        for r in 0..ROWS {
            let dist = simd.mul_add_f32s(acc[r][v], m2, cn[v]);
            if SECOND {
                m.second[r] = simd.min_f32s(m.second[r], simd.max_f32s(m.best[r], dist));
            }
            let lt = simd.less_than_f32s(dist, m.best[r]);
            m.best[r] = simd.select_f32s(lt, dist, m.best[r]);
            m.idx[r] = simd.select_u32s(lt, base, m.idx[r]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The nearest centre by the definition (ties to the lower index).
    fn naive(x: &[f32], d: usize, c: &[f32]) -> Vec<usize> {
        x.chunks_exact(d)
            .map(|xr| {
                let mut best = (f64::INFINITY, 0);
                for (j, cr) in c.chunks_exact(d).enumerate() {
                    let s: f64 = xr
                        .iter()
                        .zip(cr)
                        .map(|(a, b)| (*a as f64 - *b as f64).powi(2))
                        .sum();
                    if s < best.0 {
                        best = (s, j);
                    }
                }
                best.1
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Small integer data: every product and distance is exact in `f32`, so the kernel must
        /// give exactly the nearest centre, ties included, for any `n`, `d` and `k` (panels and
        /// row groups with remainders).
        #[test]
        fn equals_the_definition_on_exact_data(
            n in 1usize..600, d in 1usize..20, k in 1usize..40, seed in 0u64..1000
        ) {
            let mut s = seed;
            let mut next = || {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                ((s >> 33) % 7) as f32 - 3.0
            };
            let x: Vec<f32> = (0..n * d).map(|_| next()).collect();
            let c: Vec<f32> = (0..k * d).map(|_| next()).collect();
            let cnorm: Vec<f32> = c.chunks_exact(d).map(|r| r.iter().map(|v| v * v).sum()).collect();
            let mut labels = vec![usize::MAX; n];
            let (mut sums, mut counts) = (vec![0.0; k * d], vec![0.0; k]);
            nearest_f32(&x, d, &c, &cnorm, &mut labels, Some(Sums { sums: &mut sums, counts: &mut counts }));
            let want = naive(&x, d, &c);
            prop_assert_eq!(&labels, &want);
            // The sums are exact here (small integers).
            let (mut ws, mut wc) = (vec![0.0; k * d], vec![0.0; k]);
            for (xr, &l) in x.chunks_exact(d).zip(&want) {
                wc[l] += 1.0;
                for (o, &v) in ws[l * d..(l + 1) * d].iter_mut().zip(xr) {
                    *o += f64::from(v);
                }
            }
            prop_assert_eq!(sums, ws);
            prop_assert_eq!(counts, wc);
            let mut again = vec![usize::MAX; n];
            nearest_f32(&x, d, &c, &cnorm, &mut again, None);
            prop_assert_eq!(&again, &want);
            // The two smallest partial distances, by the definition.
            let packed = Packed::for_this_cpu(&c, &cnorm, d);
            let (mut l2, mut b2, mut s2) = (vec![usize::MAX; n], vec![0.0f32; n], vec![0.0f32; n]);
            nearest2_f32(&packed, &c, &cnorm, &x, d, &mut l2, &mut b2, &mut s2);
            prop_assert_eq!(&l2, &want);
            for (i, xr) in x.chunks_exact(d).enumerate() {
                let mut p: Vec<f32> = c
                    .chunks_exact(d)
                    .zip(&cnorm)
                    .map(|(cr, cn)| cn - 2.0 * xr.iter().zip(cr).map(|(a, b)| a * b).sum::<f32>())
                    .collect();
                p.sort_by(f32::total_cmp);
                prop_assert_eq!(b2[i], p[0]);
                prop_assert_eq!(s2[i], if k > 1 { p[1] } else { f32::INFINITY });
            }
        }
    }
}
