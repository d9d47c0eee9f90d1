//! Dominant orientation from Gaussian-weighted Haar responses in a sliding 60-degree window.

use super::integral::IntegralImage;

/// The reference's value of pi (dlib's `3.1415926535898`), kept so that window edges and
/// Gaussian weights agree with mahotas to the last bit.
#[expect(
    clippy::approx_constant,
    reason = "the reference's truncated pi, on purpose"
)]
pub(crate) const PI: f64 = 3.1415926535898;

/// dlib's 2-D Gaussian `exp(-(x^2 + y^2) / (2 sig^2)) / (2 pi sig^2)`.
#[inline]
pub(crate) fn gaussian(x: f64, y: f64, sig: f64) -> f64 {
    1.0 / (sig * sig * 2.0 * PI) * (-(x * x + y * y) / (2.0 * sig * sig)).exp()
}

/// Round half away from zero (dlib's `round`).
#[inline(always)]
pub(crate) fn round_away(f: f64) -> i64 {
    if f > 0.0 {
        (f + 0.5) as i64
    } else {
        (f - 0.5) as i64
    }
}

/// Number of samples (fewer than 128, the index field of the sort key): offsets `(r, c)` in
/// `-6..=6` with `r^2 + c^2 < 36`.
const N_SAMPLES: usize = 109;

/// Offsets and Gaussian weights (sigma 2.5) of the orientation samples, row-major.
fn sample_grid() -> &'static [(i64, i64, f64); N_SAMPLES] {
    static GRID: std::sync::OnceLock<[(i64, i64, f64); N_SAMPLES]> = std::sync::OnceLock::new();
    GRID.get_or_init(|| {
        let mut g = [(0, 0, 0.0); N_SAMPLES];
        let mut k = 0;
        for r in -6i64..=6 {
            for c in -6i64..=6 {
                if r * r + c * c < 36 {
                    g[k] = (r, c, gaussian(c as f64, r as f64, 2.5));
                    k += 1;
                }
            }
        }
        assert_eq!(
            k, N_SAMPLES,
            "the disc of radius 6 holds 109 lattice points"
        );
        g
    })
}

/// A `u64` ordered as the finite `f64` `v` is, with -0.0 and 0.0 equal.
#[inline(always)]
fn order_key(v: f64) -> u64 {
    let b = (v + 0.0).to_bits();
    if b >> 63 == 1 { !b } else { b | (1 << 63) }
}

/// `a1 <= a < a1 + pi / 3`, `a` also tried one turn up.
#[inline(always)]
fn between_angles(a1: f64, a: f64) -> bool {
    let a2 = a1 + PI / 3.0;
    (a1 <= a && a < a2) || (a1 <= a + 2.0 * PI && a + 2.0 * PI < a2)
}

/// mahotas' `compute_dominant_angle`: the angle `atan2(sum x, sum y)` of the largest summed
/// response vector over windows of pi/3 starting at each sample's angle.
///
/// The window update is the reference's literally, including that each step subtracts the
/// sample the window now starts at rather than the one it left; kept so that angles agree.
pub(crate) fn dominant_angle(ii: &IntegralImage, y: f64, x: f64, scale: f64) -> f64 {
    // (angle, vy, vx): no allocation per point.
    let mut s = [(0.0f64, 0.0f64, 0.0f64); N_SAMPLES];
    let w = (4.0 * scale + 0.5) as i64 & !1;
    // Samples reach 6 scale from the centre (plus rounding).
    let inside = ii.holds(y, x, 6.0 * scale + 1.0, w);
    // The rounded row (column) of offset k - 6, computed once per offset.
    let mut rows = [0i64; 13];
    let mut cols = [0i64; 13];
    for (k, (ry, cx)) in rows.iter_mut().zip(cols.iter_mut()).enumerate() {
        let d = k as f64 - 6.0;
        *ry = round_away(scale * d + y);
        *cx = round_away(scale * d + x);
    }
    for (dst, &(r, c, g)) in s.iter_mut().zip(sample_grid()) {
        let py = rows[(r + 6) as usize];
        let px = cols[(c + 6) as usize];
        let (hx, hy) = if inside {
            ii.haar_xy_inside(py, px, w)
        } else {
            ii.haar_xy(py, px, w)
        };
        let (vy, vx) = (g * hy, g * hx);
        *dst = (vx.atan2(vy), vy, vx);
    }
    // C++ `<` on (angle, y, x) (-0.0 equal to 0.0; values are finite). Sort one u64 per
    // sample: the angle's order key with its lowest 7 bits replaced by the sample's index; then
    // each run of equal truncated keys (equal angles, or angles within 2^-45 relative) is put
    // in the exact (angle, y, x) order.
    const IDX: u64 = 0x7f;
    let mut keys = [0u64; N_SAMPLES];
    for (k, (dst, a)) in keys.iter_mut().zip(&s).enumerate() {
        *dst = (order_key(a.0) & !IDX) | k as u64;
    }
    keys.sort_unstable();
    let unsorted = s;
    for (dst, &k) in s.iter_mut().zip(&keys) {
        *dst = unsorted[(k & IDX) as usize];
    }
    let mut start = 0;
    while start < N_SAMPLES {
        let mut end = start + 1;
        while end < N_SAMPLES && keys[end] | IDX == keys[start] | IDX {
            end += 1;
        }
        if end - start > 1 {
            s[start..end]
                .sort_unstable_by_key(|a| (order_key(a.0), order_key(a.1), order_key(a.2)));
        }
        start = end;
    }
    let n = N_SAMPLES;
    let (mut vy, mut vx) = (s[0].1, s[0].2);
    let mut j = 1;
    while j != n && between_angles(s[0].0, s[j].0) {
        vy += s[j].1;
        vx += s[j].2;
        j += 1;
    }
    if j == n {
        return vx.atan2(vy);
    }
    let mut max_len = vy * vy + vx * vx;
    let mut best = vx.atan2(vy);
    for i in 1..n {
        vy -= s[i].1;
        vx -= s[i].2;
        while j != i && between_angles(s[i].0, s[j].0) {
            vy += s[j].1;
            vx += s[j].2;
            j += 1;
            if j == n {
                j = 0;
            }
        }
        let len = vy * vy + vx * vx;
        if len > max_len {
            max_len = len;
            best = vx.atan2(vy);
        }
    }
    best
}
