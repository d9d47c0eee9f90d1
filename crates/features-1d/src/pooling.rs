//! Pooling (aggregation) of a response into one number: mean, std, max, min, abs-max,
//! percentile and PPV, each equal to its numpy expression.

use dsp_core::Float;

use crate::{Error, Result};

/// One way of turning a sequence of values into a single feature.
///
/// | variant | numpy |
/// |---|---|
/// | `Mean` | `x.mean()` |
/// | `Std` | `x.std()` (population, `ddof=0`) |
/// | `Max` / `Min` | `x.max()` / `x.min()` |
/// | `AbsMax` | `np.abs(x).max()` |
/// | `Percentile(q)` | `np.percentile(x, q)` (the default `"linear"` method, `q` in `[0, 100]`) |
/// | `Ppv` | `(x > 0).mean()`, the proportion of positive values (ROCKET's PPV) |
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pooling {
    /// Arithmetic mean.
    Mean,
    /// Population standard deviation.
    Std,
    /// Largest value.
    Max,
    /// Smallest value.
    Min,
    /// Largest absolute value.
    AbsMax,
    /// The `q`-th percentile with linear interpolation, `q` in `[0, 100]`.
    Percentile(f64),
    /// Proportion of values `> 0`.
    Ppv,
}

impl Pooling {
    /// The tutorial's pooling set: mean, std and max.
    pub const MEAN_STD_MAX: [Pooling; 3] = [Pooling::Mean, Pooling::Std, Pooling::Max];

    /// Short name used in feature names: `mean`, `std`, `max`, `min`, `absmax`, `p<q>`, `ppv`.
    #[must_use]
    pub fn name(&self) -> String {
        match self {
            Pooling::Mean => "mean".into(),
            Pooling::Std => "std".into(),
            Pooling::Max => "max".into(),
            Pooling::Min => "min".into(),
            Pooling::AbsMax => "absmax".into(),
            Pooling::Percentile(q) => format!("p{q}"),
            Pooling::Ppv => "ppv".into(),
        }
    }

    /// Checks the parameter of `Percentile`.
    ///
    /// # Errors
    /// [`Error::InvalidPercentile`] unless `0 <= q <= 100`.
    pub fn validate(&self) -> Result<()> {
        if let Pooling::Percentile(q) = *self
            && !(0.0..=100.0).contains(&q)
        {
            return Err(Error::InvalidPercentile { q });
        }
        Ok(())
    }

    fn needs_sort(&self) -> bool {
        matches!(self, Pooling::Percentile(_))
    }
}

/// Checks a pooling list: non-empty, every percentile in range.
pub(crate) fn validate_all(poolings: &[Pooling]) -> Result<()> {
    if poolings.is_empty() {
        return Err(Error::Empty { what: "poolings" });
    }
    poolings.iter().try_for_each(Pooling::validate)
}

/// `x` pooled by `p`; equal to the numpy expression in [`Pooling`]'s table (tested against it).
///
/// # Errors
/// [`dsp_core::Error::TooShort`] for empty `x`; [`Error::InvalidPercentile`] for a bad `q`.
/// NaN is not checked here (it propagates as in numpy, except that `Max`/`Min` skip it);
/// the extractors check their input.
///
/// # Example
/// ```
/// use features_1d::{pool, Pooling};
/// let x = [1.0, -2.0, 3.0, 4.0];
/// assert_eq!(pool(&x, Pooling::Percentile(50.0))?, 2.0);
/// assert_eq!(pool(&x, Pooling::Ppv)?, 0.75);
/// assert_eq!(pool(&x, Pooling::AbsMax)?, 4.0);
/// # Ok::<(), features_1d::Error>(())
/// ```
pub fn pool<T: Float>(x: &[T], p: Pooling) -> Result<T> {
    dsp_core::check::ensure_len("x", x.len(), 1)?;
    p.validate()?;
    let mut out = [T::zero()];
    let mut scratch = Vec::new();
    pool_into(x, &[p], &mut out, &mut scratch);
    Ok(out[0])
}

/// Pools `x` (non-empty) by each of `poolings` (validated) into `out`; `scratch` holds a sorted
/// copy when a percentile is asked for (reused across calls: no allocation once it is large
/// enough). Always inlined, so a `pulp`-dispatched caller vectorises it for its instruction set.
#[inline(always)]
pub(crate) fn pool_into<T: Float>(
    x: &[T],
    poolings: &[Pooling],
    out: &mut [T],
    scratch: &mut Vec<T>,
) {
    debug_assert!(!x.is_empty() && out.len() == poolings.len());
    let n = T::of_usize(x.len());
    let stats = Moments::of(x, poolings);
    let mut sorted = false;
    for (o, p) in out.iter_mut().zip(poolings) {
        *o = match *p {
            Pooling::Mean => stats.mean,
            Pooling::Std => std_dev(x, stats.mean),
            Pooling::Max => stats.max,
            Pooling::Min => stats.min,
            Pooling::AbsMax => stats.max.abs().max(stats.min.abs()),
            Pooling::Ppv => T::of_usize(count_above(x, T::zero())) / n,
            Pooling::Percentile(q) => {
                if !sorted {
                    scratch.clear();
                    scratch.extend_from_slice(x);
                    scratch.sort_unstable_by(|a, b| {
                        a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal)
                    });
                    sorted = true;
                }
                percentile_sorted(scratch, q)
            }
        };
    }
    debug_assert!(!poolings.iter().any(Pooling::needs_sort) || sorted);
}

/// Mean, max and min over eight lanes (vectorises; the lanes also make the sum closer to
/// numpy's pairwise summation than one serial accumulator). Each statistic is its own pass,
/// computed only when asked for: single-purpose loops over fixed-size chunks compile to plain
/// vector adds / max / min, where a combined loop defeats the vectoriser.
struct Moments<T> {
    mean: T,
    max: T,
    min: T,
}

impl<T: Float> Moments<T> {
    #[inline(always)]
    fn of(x: &[T], poolings: &[Pooling]) -> Self {
        let want = |f: fn(&Pooling) -> bool| poolings.iter().any(f);
        let mean = if want(|p| matches!(p, Pooling::Mean | Pooling::Std)) {
            sum8(x) / T::of_usize(x.len())
        } else {
            T::zero()
        };
        let max = if want(|p| matches!(p, Pooling::Max | Pooling::AbsMax)) {
            fold8(x, T::neg_infinity(), |a, v| if v > a { v } else { a })
        } else {
            T::zero()
        };
        let min = if want(|p| matches!(p, Pooling::Min | Pooling::AbsMax)) {
            fold8(x, T::infinity(), |a, v| if v < a { v } else { a })
        } else {
            T::zero()
        };
        Moments { mean, max, min }
    }
}

/// `x` folded by `f` over eight lanes from `init`, lanes combined in order; for max and min.
#[inline(always)]
fn fold8<T: Float>(x: &[T], init: T, f: impl Fn(T, T) -> T) -> T {
    let mut acc = [init; 8];
    let (chunks, rem) = x.as_chunks::<8>();
    for c in chunks {
        for k in 0..8 {
            acc[k] = f(acc[k], c[k]);
        }
    }
    let mut r = acc.iter().fold(init, |a, &b| f(a, b));
    for &v in rem {
        r = f(r, v);
    }
    r
}

/// Sum over eight lanes.
#[inline(always)]
pub(crate) fn sum8<T: Float>(x: &[T]) -> T {
    let mut acc = [T::zero(); 8];
    let (chunks, rem) = x.as_chunks::<8>();
    for c in chunks {
        for k in 0..8 {
            acc[k] += c[k];
        }
    }
    let mut s = reduce8(acc);
    for &v in rem {
        s += v;
    }
    s
}

/// The lanes summed by halves (lane `k` with `k + 4`, then `k + 2`, then `k + 1`): the
/// order of a vector reduction, which keeps the accumulation loops plain vector adds.
#[inline(always)]
fn reduce8<T: Float>(a: [T; 8]) -> T {
    let h: [T; 4] = std::array::from_fn(|k| a[k] + a[k + 4]);
    let q = [h[0] + h[2], h[1] + h[3]];
    q[0] + q[1]
}

/// numpy's two-pass population standard deviation.
#[inline(always)]
fn std_dev<T: Float>(x: &[T], mean: T) -> T {
    let mut acc = [T::zero(); 8];
    let (chunks, rem) = x.as_chunks::<8>();
    for c in chunks {
        for k in 0..8 {
            let d = c[k] - mean;
            acc[k] += d * d;
        }
    }
    let mut s = reduce8(acc);
    for &v in rem {
        s += (v - mean) * (v - mean);
    }
    (s / T::of_usize(x.len())).sqrt()
}

/// How many values exceed `b`: a branch-free compare-and-count, which the compiler turns
/// into vector compares and subtracts (inlined, so it takes the
/// instruction set of a `pulp`-dispatched caller).
#[inline(always)]
pub(crate) fn count_above<T: Float>(x: &[T], b: T) -> usize {
    // an integer sum is associative, so the compiler vectorises this reduction freely;
    // blocks of at most 2^31 values keep the u32 counter from overflowing
    x.chunks(1 << 31)
        .map(|block| block.iter().fold(0u32, |acc, &v| acc + u32::from(v > b)) as usize)
        .sum()
}

/// numpy's `percentile(x, q, method="linear")` of sorted, non-empty `s`: virtual index
/// `q / 100 * (n - 1)`, and numpy's `_lerp` (which interpolates from the upper neighbour when
/// the fraction is at least one half).
pub(crate) fn percentile_sorted<T: Float>(s: &[T], q: f64) -> T {
    quantile_sorted(s, q / 100.0)
}

/// numpy's `quantile(x, q, method="linear")` of sorted, non-empty `s`, `q` in `[0, 1]`.
pub(crate) fn quantile_sorted<T: Float>(s: &[T], q: f64) -> T {
    let n = s.len();
    let virt = q * (n - 1) as f64;
    let lo = virt.floor();
    let gamma = T::of(virt - lo);
    // 0 <= virt <= n - 1 because 0 <= q <= 100
    let lo = (lo as usize).min(n - 1);
    let hi = (lo + 1).min(n - 1);
    let (a, b) = (s[lo], s[hi]);
    let diff = b - a;
    if gamma >= T::of(0.5) {
        b - diff * (T::one() - gamma)
    } else {
        a + diff * gamma
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_edges() {
        let s = [1.0, 2.0, 4.0];
        assert_eq!(percentile_sorted(&s, 0.0), 1.0);
        assert_eq!(percentile_sorted(&s, 100.0), 4.0);
        assert_eq!(percentile_sorted(&s, 75.0), 3.0);
        assert_eq!(percentile_sorted(&[5.0], 30.0), 5.0);
    }

    #[test]
    fn bad_pooling_input() {
        assert!(matches!(
            pool::<f64>(&[], Pooling::Mean),
            Err(Error::Core(dsp_core::Error::TooShort { .. }))
        ));
        assert_eq!(
            pool(&[1.0], Pooling::Percentile(100.5)),
            Err(Error::InvalidPercentile { q: 100.5 })
        );
        assert!(pool(&[1.0], Pooling::Percentile(f64::NAN)).is_err());
        assert_eq!(validate_all(&[]), Err(Error::Empty { what: "poolings" }));
    }
}
