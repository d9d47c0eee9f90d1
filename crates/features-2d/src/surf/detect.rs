//! The Fast-Hessian detector: box-filter Hessian pyramid, 3x3x3 non-maximum suppression and
//! quadratic interpolation, in mahotas' (dlib's) arithmetic.

use rayon::prelude::*;

use super::integral::IntegralImage;

/// One detected point before orientation and description.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Point {
    pub y: f64,
    pub x: f64,
    pub scale: f64,
    pub score: f64,
    pub laplacian: f64,
}

/// Pixel step of octave `o`: `initial * round(2^o)`.
pub(crate) fn step_size(initial: usize, o: usize) -> usize {
    initial << o
}

/// Lobe of interval `i` in octave `o`: `2^(o + 1) (i + 1) + 1` pixels.
fn lobe(o: usize, i: usize) -> usize {
    (2usize << o) * (i + 1) + 1
}

/// Border (in octave samples) left out of octave `o`: half the largest filter, rounded up:
/// `ceil(3 (2^(o + 1) (nr_intervals + 1) + 1) / 2)`.
pub(crate) fn border_size(o: usize, nr_intervals: usize) -> usize {
    (3 * lobe(o, nr_intervals)).div_ceil(2)
}

/// The determinant-of-Hessian pyramid: per octave, `nr_intervals` planes of
/// `(rows / step) x (cols / step)` values `sign(laplacian) * max(det, 0)`.
pub(crate) struct Pyramid {
    pub nr_intervals: usize,
    /// (plane rows, plane cols, data: interval-major, row-major).
    pub octaves: Vec<(usize, usize, Vec<f64>)>,
}

impl Pyramid {
    #[inline(always)]
    fn get(&self, o: usize, i: usize, r: usize, c: usize) -> f64 {
        let (nr, nc, ref d) = self.octaves[o];
        d[(i * nr + r) * nc + c]
    }
    /// |det|, what the detector compares.
    #[inline(always)]
    fn value(&self, o: usize, i: usize, r: usize, c: usize) -> f64 {
        self.get(o, i, r, c).abs()
    }
}

/// Sum of the `h x w` box centred at `(y + dy, x + dx)` (top-left `y + dy - h / 2`).
#[inline(always)]
fn csum(ii: &IntegralImage, y: i64, x: i64, dy: i64, dx: i64, h: i64, w: i64) -> f64 {
    let y0 = y + dy - h / 2;
    let x0 = x + dx - w / 2;
    ii.rect(y0, x0, y0 + h, x0 + w)
}

pub(crate) fn build_pyramid(
    ii: &IntegralImage,
    nr_octaves: usize,
    nr_intervals: usize,
    initial_step: usize,
) -> Pyramid {
    let (n0, n1) = (ii.rows(), ii.cols());
    let octaves = (0..nr_octaves)
        .map(|o| {
            let step = step_size(initial_step, o);
            let (nr, nc) = (n0 / step, n1 / step);
            let mut data = vec![0.0; nr_intervals * nr * nc];
            let border = border_size(o, nr_intervals) * step;
            if nc > 0 {
                data.par_chunks_mut(nc).enumerate().for_each(|(k, line)| {
                    let (i, r) = (k / nr, k % nr);
                    let y = r * step;
                    if y < border || y + border >= n0 {
                        return;
                    }
                    hessian_row(ii, o, i, y, step, border, line);
                });
            }
            (nr, nc, data)
        })
        .collect();
    Pyramid {
        nr_intervals,
        octaves,
    }
}

/// One row of one interval: the samples `x = border, border + step, ... < cols - border`.
///
/// Every box of the row has fixed rows and fixed column offsets from `x`, so the rows are
/// taken once and, when every box of the row lies inside the image (always, given the border),
/// the columns need no clamping: the same sums as `csum`, in the same order, without it.
fn hessian_row(
    ii: &IntegralImage,
    o: usize,
    i: usize,
    y: usize,
    step: usize,
    border: usize,
    line: &mut [f64],
) {
    let l = lobe(o, i) as i64;
    let area_inv = 1.0 / ((3 * l) as f64).powi(2);
    let off = l / 2 + 1;
    let y = y as i64;
    let (n0, n1) = (ii.rows() as i64, ii.cols() as i64);
    if border as i64 >= n1 - border as i64 {
        return;
    }
    let x_first = border as i64;
    let x_last = x_first + (n1 - border as i64 - 1 - x_first) / step as i64 * step as i64;
    // Column offsets from x: [start, end) of each box.
    let xx_w = (-(3 * l / 2), -(3 * l / 2) + 3 * l);
    let xx_n = (-(l / 2), -(l / 2) + l);
    let yy_c = (-((2 * l - 1) / 2), -((2 * l - 1) / 2) + 2 * l - 1);
    let xy_l = (-off - l / 2, -off - l / 2 + l);
    let xy_r = (off - l / 2, off - l / 2 + l);
    let lo = xx_w.0.min(yy_c.0).min(xy_l.0);
    let hi = xx_w.1.max(yy_c.1).max(xy_r.1);
    let fast = x_first + lo >= 1 && x_last + hi <= n1;
    let (p, stride) = ii.padded();
    // rect's clamp of a row (column) boundary into the padded table.
    let row = |r: i64| {
        let r = r.clamp(1, n0) as usize;
        &p[r * stride..(r + 1) * stride]
    };
    let y_xx = y - (2 * l - 1) / 2;
    let (xx0, xx1) = (row(y_xx), row(y_xx + 2 * l - 1));
    let y_yyw = y - 3 * l / 2;
    let (yyw0, yyw1) = (row(y_yyw), row(y_yyw + 3 * l));
    let y_yyn = y - l / 2;
    let (yyn0, yyn1) = (row(y_yyn), row(y_yyn + l));
    let y_top = y - off - l / 2;
    let (t0, t1) = (row(y_top), row(y_top + l));
    let y_bot = y + off - l / 2;
    let (b0, b1) = (row(y_bot), row(y_bot + l));
    #[inline(always)]
    fn bx(r0: &[f64], r1: &[f64], x: i64, (c0, c1): (i64, i64)) -> f64 {
        let (a, b) = ((x + c0) as usize, (x + c1) as usize);
        (r1[b] - r0[b]) - (r1[a] - r0[a])
    }
    let mut x = x_first;
    while x <= x_last {
        let (mut dxx, mut dyy, mut dxy);
        if fast {
            dxx = bx(xx0, xx1, x, xx_w) - 3. * bx(xx0, xx1, x, xx_n);
            dyy = bx(yyw0, yyw1, x, yy_c) - 3. * bx(yyn0, yyn1, x, yy_c);
            // csum order: (-off, +off) + (+off, -off) - (+off, +off) - (-off, -off).
            dxy = bx(t0, t1, x, xy_r) + bx(b0, b1, x, xy_l)
                - bx(b0, b1, x, xy_r)
                - bx(t0, t1, x, xy_l);
        } else {
            dxx = csum(ii, y, x, 0, 0, 2 * l - 1, 3 * l) - 3. * csum(ii, y, x, 0, 0, 2 * l - 1, l);
            dyy = csum(ii, y, x, 0, 0, 3 * l, 2 * l - 1) - 3. * csum(ii, y, x, 0, 0, l, 2 * l - 1);
            dxy = csum(ii, y, x, -off, off, l, l) + csum(ii, y, x, off, -off, l, l)
                - csum(ii, y, x, off, off, l, l)
                - csum(ii, y, x, -off, -off, l, l);
        }
        dxx *= area_inv;
        dyy *= area_inv;
        dxy *= area_inv;
        let sign = if dxx + dyy < 0.0 { -1.0 } else { 1.0 };
        // mahotas weighs Dxy^2 by 0.36 (0.6^2, after Tuytelaars & Mikolajczyk's survey), not
        // the paper's 0.81; matched here so that points and scores agree.
        let det = (dxx * dyy - 0.36 * dxy * dxy).max(0.0);
        line[x as usize / step] = sign * det;
        x += step as i64;
    }
}

fn is_maximum_in_region(p: &Pyramid, o: usize, i: usize, r: usize, c: usize) -> bool {
    if i == 0 || i + 1 >= p.nr_intervals {
        return false;
    }
    let val = p.value(o, i, r, c);
    for ii in i - 1..=i + 1 {
        for rr in r - 1..=r + 1 {
            for cc in c - 1..=c + 1 {
                if p.value(o, ii, rr, cc) > val {
                    return false;
                }
            }
        }
    }
    true
}

/// mahotas' inlined `interpolate_point`: one quadratic-fit step on |det| over (row, column,
/// interval), kept when every offset is below one half. By default the reference's arithmetic,
/// which pairs the matrix's column axis with the gradient's row axis and lacks the minus of
/// `-H^-1 g`, kept so that positions agree; `newton` is the textbook step (dlib's).
fn interpolate(
    p: &Pyramid,
    o: usize,
    i: usize,
    r: usize,
    c: usize,
    initial: usize,
    newton: bool,
) -> Option<Point> {
    let v = |ii: usize, rr: usize, cc: usize| p.value(o, ii, rr, cc);
    let val = v(i, r, c);
    let dxx = (v(i, r, c + 1) + v(i, r, c - 1)) - 2.0 * val;
    let dyy = (v(i, r + 1, c) + v(i, r - 1, c)) - 2.0 * val;
    let dss = (v(i + 1, r, c) + v(i - 1, r, c)) - 2.0 * val;
    let dxy =
        (v(i, r + 1, c + 1) + v(i, r - 1, c - 1) - v(i, r - 1, c + 1) - v(i, r + 1, c - 1)) / 4.0;
    let dxs =
        (v(i + 1, r, c + 1) + v(i - 1, r, c - 1) - v(i - 1, r, c + 1) - v(i + 1, r, c - 1)) / 4.0;
    let dys =
        (v(i + 1, r + 1, c) + v(i - 1, r - 1, c) - v(i - 1, r + 1, c) - v(i + 1, r - 1, c)) / 4.0;
    let (ma, mb, mc, md, me, mf) = (dxx, dyy, dss, dxy, dxs, dys);
    let g0 = (v(i, r + 1, c) - v(i, r - 1, c)) / 2.0;
    let g1 = (v(i, r, c + 1) - v(i, r, c - 1)) / 2.0;
    let g2 = (v(i + 1, r, c) - v(i - 1, r, c)) / 2.0;
    let a = mb * mc - mf * mf;
    let b = ma * mc - me * me;
    let cc = ma * mb - md * md;
    let d = me * mf - md * mc;
    let e = md * mf - me * mb;
    let f = md * me - mf * ma;
    let l = ma * a - md * d + me * e;
    if l == 0.0 {
        return None;
    }
    let (inter0, inter1, inter2) = if newton {
        // -H^-1 g with H and g over the same (column, row, interval) axes: dlib's formula.
        let (gx, gy) = (g1, g0);
        let ox = -(a / l * gx + d / l * gy + e / l * g2);
        let oy = -(d / l * gx + b / l * gy + f / l * g2);
        let os = -(e / l * gx + f / l * gy + cc / l * g2);
        (oy, ox, os)
    } else {
        (
            a / l * g0 + d / l * g1 + e / l * g2,
            d / l * g0 + b / l * g1 + f / l * g2,
            e / l * g0 + f / l * g1 + cc / l * g2,
        )
    };
    if inter0.abs().max(inter1.abs().max(inter2.abs())) >= 0.5 {
        return None;
    }
    let step = step_size(initial, o) as f64;
    let lobe = f64::powi(2.0, o as i32 + 1) * (i as f64 + inter2 + 1.0) + 1.0;
    Some(Point {
        y: (r as f64 + inter0) * step,
        x: (c as f64 + inter1) * step,
        scale: 1.2 / 9.0 * (3.0 * lobe),
        score: val,
        laplacian: if p.get(o, i, r, c) < 0.0 { -1.0 } else { 1.0 },
    })
}

/// Local maxima of |det| above `threshold`, strongest first (mahotas' `get_interest_points`:
/// the maximum of each 3x3x3 block, kept if it is a maximum of its own 3x3x3 neighbourhood).
pub(crate) fn interest_points(
    p: &Pyramid,
    threshold: f64,
    initial: usize,
    newton: bool,
) -> Vec<Point> {
    let ni = p.nr_intervals;
    let mut jobs = Vec::new();
    for (o, &(nr, _, _)) in p.octaves.iter().enumerate() {
        let b = border_size(o, ni);
        let mut r = b + 1;
        while r + b + 1 < nr {
            jobs.push((o, r));
            r += 3;
        }
    }
    let mut points: Vec<Point> = jobs
        .par_iter()
        .flat_map_iter(|&(o, r)| {
            let (nr, nc, _) = p.octaves[o];
            let b = border_size(o, ni);
            let mut found = Vec::new();
            let mut i = 1;
            while i + 1 < ni {
                let mut c = b + 1;
                while c + b + 1 < nc {
                    let (mut mi, mut mr, mut mc) = (i, r, c);
                    let mut max = p.value(o, i, r, c);
                    for ii in i..(i + 3).min(ni - 1) {
                        for rr in r..(r + 3).min(nr - b - 1) {
                            for cc in c..(c + 3).min(nc - b - 1) {
                                let t = p.value(o, ii, rr, cc);
                                if t > max {
                                    (max, mi, mr, mc) = (t, ii, rr, cc);
                                }
                            }
                        }
                    }
                    if max > threshold
                        && is_maximum_in_region(p, o, mi, mr, mc)
                        && let Some(pt) = interpolate(p, o, mi, mr, mc, initial, newton)
                        && pt.score > threshold
                    {
                        found.push(pt);
                    }
                    c += 3;
                }
                i += 3;
            }
            found
        })
        .collect();
    // Strongest first; a stable sort keeps ties in scan order.
    points.sort_by(|a, b| b.score.total_cmp(&a.score));
    points
}
