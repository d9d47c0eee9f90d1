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

/// Number of samples: offsets `(r, c)` in `-6..=6` with `r^2 + c^2 < 36`.
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
    for (dst, &(r, c, g)) in s.iter_mut().zip(sample_grid()) {
        let py = round_away(scale * r as f64 + y);
        let px = round_away(scale * c as f64 + x);
        let vy = g * ii.haar_y(py, px, w);
        let vx = g * ii.haar_x(py, px, w);
        *dst = (vx.atan2(vy), vy, vx);
    }
    // C++ `<` on (angle, y, x): -0.0 equals 0.0 (values are finite, so no NaN).
    let cmp = |p: f64, q: f64| p.partial_cmp(&q).unwrap_or(std::cmp::Ordering::Equal);
    s.sort_unstable_by(|a, b| cmp(a.0, b.0).then(cmp(a.1, b.1)).then(cmp(a.2, b.2)));
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
