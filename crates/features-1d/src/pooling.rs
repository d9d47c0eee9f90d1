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

/// Mean, max and min in one pass over eight lanes (vectorises; the lanes also make the sum
/// closer to numpy's pairwise summation than one serial accumulator).
struct Moments<T> {
    mean: T,
    max: T,
    min: T,
}

impl<T: Float> Moments<T> {
    #[inline(always)]
    fn of(x: &[T], poolings: &[Pooling]) -> Self {
        let want_mean = poolings
            .iter()
            .any(|p| matches!(p, Pooling::Mean | Pooling::Std));
        let mean = if want_mean {
            sum8(x) / T::of_usize(x.len())
        } else {
            T::zero()
        };
        let mut mx = [T::neg_infinity(); 8];
        let mut mn = [T::infinity(); 8];
        let chunks = x.chunks_exact(8);
        let rem = chunks.remainder();
        for c in chunks {
            for k in 0..8 {
                mx[k] = if c[k] > mx[k] { c[k] } else { mx[k] };
                mn[k] = if c[k] < mn[k] { c[k] } else { mn[k] };
            }
        }
        for &v in rem {
            mx[0] = if v > mx[0] { v } else { mx[0] };
            mn[0] = if v < mn[0] { v } else { mn[0] };
        }
        let max = mx.iter().fold(T::neg_infinity(), |a, &b| a.max(b));
        let min = mn.iter().fold(T::infinity(), |a, &b| a.min(b));
        Moments { mean, max, min }
    }
}

/// Sum over eight lanes.
#[inline(always)]
pub(crate) fn sum8<T: Float>(x: &[T]) -> T {
    let mut acc = [T::zero(); 8];
    let chunks = x.chunks_exact(8);
    let rem = chunks.remainder();
    for c in chunks {
        for k in 0..8 {
            acc[k] += c[k];
        }
    }
    let mut s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for &v in rem {
        s += v;
    }
    s
}

/// numpy's two-pass population standard deviation.
#[inline(always)]
fn std_dev<T: Float>(x: &[T], mean: T) -> T {
    let mut acc = [T::zero(); 8];
    let chunks = x.chunks_exact(8);
    let rem = chunks.remainder();
    for c in chunks {
        for k in 0..8 {
            let d = c[k] - mean;
            acc[k] += d * d;
        }
    }
    let mut s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
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
