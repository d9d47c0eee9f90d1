//! The 64-d SURF descriptor (and the 128-d extended one) on the oriented 20s x 20s window.

use super::integral::IntegralImage;
use super::orient::gaussian;

/// Gaussian weights (sigma 3.3) of the 20x20 sample grid, indexed `(y + 10) * 20 + (x + 10)`.
fn weights() -> &'static [f64; 400] {
    static W: std::sync::OnceLock<[f64; 400]> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        let mut w = [0.0; 400];
        for y in -10i64..10 {
            for x in -10i64..10 {
                w[((y + 10) * 20 + x + 10) as usize] = gaussian(x as f64, y as f64, 3.3);
            }
        }
        w
    })
}

/// Writes the descriptor of the point `(y, x)` at `scale` and `angle` into `des` (64 or 128
/// values), unit-normalised as mahotas does (`sqrt(sum d^2 + 1e-7)`).
///
/// mahotas' `compute_surf_descriptor`: 4x4 subregions of 5x5 samples spaced `scale` apart,
/// the grid rotated by `angle`; each sample takes the Haar responses of side
/// `int(2 scale + 0.5)` at the truncated rotated position, Gaussian-weighted, rotated back into
/// the window's frame as `(u, v)`. A subregion gives `(sum u, sum v, sum |u|, sum |v|)`. The
/// extended variant splits the sums of `u` and `|u|` by the sign of `v`, and those of `v` and
/// `|v|` by the sign of `u` (Bay et al. 2008, section 4.2), eight values per subregion.
pub(crate) fn describe(
    ii: &IntegralImage,
    y: f64,
    x: f64,
    scale: f64,
    angle: f64,
    des: &mut [f64],
) {
    let extended = des.len() == 128;
    let (s, c) = angle.sin_cos();
    let w = (2.0 * scale + 0.5) as i64;
    let gw = weights();
    // Samples reach 10 sqrt(2) scale from the centre (plus truncation).
    let inside = ii.holds(y, x, 14.2 * scale + 1.0, w);
    let mut k = 0;
    // The products of the rotation, once per grid offset k - 10 (the same values the
    // per-sample expression would compute).
    let (mut cs, mut ss) = ([0.0f64; 20], [0.0f64; 20]);
    for (k, (cv, sv)) in cs.iter_mut().zip(ss.iter_mut()).enumerate() {
        let d = (k as i64 - 10) as f64 * scale;
        *cv = c * d;
        *sv = s * d;
    }
    for r in (-10i64..10).step_by(5) {
        for cc in (-10i64..10).step_by(5) {
            let mut acc = [0.0f64; 8];
            for gy in r..r + 5 {
                for gx in cc..cc + 5 {
                    // The reference's point (y: gx * scale, x: gy * scale) rotated by angle.
                    let (a, b) = ((gx + 10) as usize, (gy + 10) as usize);
                    let py = cs[b] - ss[a] + y;
                    let px = ss[b] + cs[a] + x;
                    let g = gw[((gy + 10) * 20 + gx + 10) as usize];
                    let (iy, ix) = (py as i64, px as i64);
                    let (hx, hy) = if inside {
                        ii.haar_xy_inside(iy, ix, w)
                    } else {
                        ii.haar_xy(iy, ix, w)
                    };
                    let (hx, hy) = (g * hx, g * hy);
                    // Back into the window's frame (the reference's reverse rotation of the
                    // vector (y: hx, x: hy)).
                    let u = c * hy + s * hx;
                    let v = -s * hy + c * hx;
                    if extended {
                        let o = if v < 0.0 { 0 } else { 1 };
                        acc[o] += u;
                        acc[2 + o] += u.abs();
                        let o = if u < 0.0 { 0 } else { 1 };
                        acc[4 + o] += v;
                        acc[6 + o] += v.abs();
                    } else {
                        acc[0] += u;
                        acc[1] += v;
                        acc[2] += u.abs();
                        acc[3] += v.abs();
                    }
                }
            }
            let n = if extended { 8 } else { 4 };
            des[k..k + n].copy_from_slice(&acc[..n]);
            k += n;
        }
    }
    let len = des.iter().fold(1e-7, |acc, d| acc + d * d).sqrt();
    for d in des.iter_mut() {
        *d /= len;
    }
}
