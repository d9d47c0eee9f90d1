//! Dense local Gabor features: the tutorial's `compute_local_kernel_feats`, Gabor response
//! magnitudes pooled over windows on a grid of locations and scales.
//!
//! Each kernel of the bank filters the image once (`filters::gabor`: the real and imaginary
//! responses, `scipy.ndimage.convolve` with the chosen boundary mode, FFT or direct as
//! `filters` decides); the magnitude `sqrt(re^2 + im^2)` then goes into an integral image
//! (summed in `f64`), so the mean over any window costs four lookups, whatever its size.

use dsp_core::{BoundaryMode, Float};
use filters::GaborBank;
use fourier::FftFloat;
use ndarray::{Array2, ArrayView2};
use rayon::prelude::*;

use crate::{Error, Result};

/// Parameters of [`compute_local_kernel_feats`]: grid spacing, scales and the boundary mode
/// of the filtering.
///
/// - `step` (default 8): pixels between grid points along both axes.
/// - `scales` (default `[1.0, 2.0, 4.0]`): each scale `s` pools over the square window of
///   half-width `h = round(s * step / 2)` pixels (side `2h + 1`) centred on the grid point.
///   Scales change the pooling window, not the bank: the kernels are the bank's.
/// - `mode` (default [`BoundaryMode::Reflect`], skimage's `gabor` default): how the filtering
///   extends the image.
///
/// Grid points lie at rows and columns `h0 + k * step` (`k = 0, 1, ...`), `h0` the half-width
/// of the smallest scale, so the first window of the smallest scale starts at pixel 0. A point
/// whose window at a scale leaves the image is skipped at that scale.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalGaborParams {
    step: usize,
    scales: Vec<f64>,
    mode: BoundaryMode,
}

impl Default for LocalGaborParams {
    fn default() -> Self {
        Self {
            step: 8,
            scales: vec![1.0, 2.0, 4.0],
            mode: BoundaryMode::Reflect,
        }
    }
}

impl LocalGaborParams {
    /// Pixels between grid points (at least 1).
    #[must_use]
    pub fn step(mut self, step: usize) -> Self {
        self.step = step;
        self
    }

    /// Pooling scales, each a positive finite multiple of `step / 2` (at least one).
    #[must_use]
    pub fn scales(mut self, scales: Vec<f64>) -> Self {
        self.scales = scales;
        self
    }

    /// Boundary mode of the Gabor filtering.
    #[must_use]
    pub fn mode(mut self, mode: BoundaryMode) -> Self {
        self.mode = mode;
        self
    }

    /// The grid spacing.
    #[must_use]
    pub fn get_step(&self) -> usize {
        self.step
    }

    /// The scales.
    #[must_use]
    pub fn get_scales(&self) -> &[f64] {
        &self.scales
    }

    /// The boundary mode.
    #[must_use]
    pub fn get_mode(&self) -> BoundaryMode {
        self.mode
    }

    /// Half-width in pixels of the window of each scale: `round(s * step / 2)`.
    ///
    /// # Errors
    /// [`Error::InvalidLocalParam`] for a zero step, no scale, or a scale that is not a
    /// positive finite number (or whose window does not fit in memory).
    pub fn half_widths(&self) -> Result<Vec<usize>> {
        if self.step == 0 {
            return Err(Error::InvalidLocalParam {
                name: "step",
                value: 0.0,
                expected: "at least 1 pixel",
            });
        }
        if self.scales.is_empty() {
            return Err(Error::InvalidLocalParam {
                name: "scales",
                value: f64::NAN,
                expected: "at least one scale",
            });
        }
        self.scales
            .iter()
            .map(|&s| {
                let h = (s * self.step as f64 / 2.0).round();
                // Half-widths past 2^40 pixels are no image's.
                if s.is_finite() && s > 0.0 && h < 2f64.powi(40) {
                    Ok(h as usize)
                } else {
                    Err(Error::InvalidLocalParam {
                        name: "scales",
                        value: s,
                        expected: "a positive finite number",
                    })
                }
            })
            .collect()
    }
}

/// Dense local features of one image: one row per (location, scale).
#[derive(Debug, Clone, PartialEq)]
pub struct LocalFeatures<T> {
    /// `(n, 3)`: row, column (pixels, the window centre) and scale of each descriptor.
    pub locations: Array2<f64>,
    /// `(n, n_kernels)`: the mean Gabor magnitude of each kernel over the window.
    pub descriptors: Array2<T>,
}

/// The tutorial's `compute_local_kernel_feats`: the mean magnitude of each Gabor response of
/// `bank` over square windows on a grid of locations and scales (see [`LocalGaborParams`]).
///
/// Descriptor `[i, k]` is the mean of `|gabor(image, bank.params()[k], mode)|` (the modulus
/// of `skimage.filters.gabor`'s `(real, imag)`) over the window of location `i`. Rows come
/// scale by scale (in the order of the scales), then row-major over the grid; windows leaving
/// the image are skipped. Equal to the direct mean over each window (tested against it).
///
/// # Errors
/// [`Error::EmptyImage`] for an image with no pixel, [`Error::NonFinitePixel`] for a NaN or
/// infinite pixel, [`Error::InvalidLocalParam`] for a bad step or scale, [`Error::NoWindow`]
/// when not even one window of the smallest scale fits, [`Error::Filters`] from the filtering.
///
/// # Example
/// ```
/// use features_2d::{LocalGaborParams, compute_local_kernel_feats};
/// use filters::GaborBank;
/// use ndarray::Array2;
///
/// let image = Array2::from_shape_fn((32, 32), |(r, c)| ((r * c) % 7) as f64 / 7.0);
/// let bank = GaborBank::grid(&[0.1, 0.25], &[0.0, std::f64::consts::FRAC_PI_2], Default::default())?;
/// let params = LocalGaborParams::default().step(8).scales(vec![1.0, 2.0]);
/// let f = compute_local_kernel_feats(image.view(), &bank, &params)?;
/// // Grid 4, 12, 20, 28 per axis. Scale 1 (9x9 windows): 28 leaves, 3 x 3 points;
/// // scale 2 (17x17): 12 and 20 fit, 2 x 2 points.
/// assert_eq!(f.locations.nrows(), 9 + 4);
/// assert_eq!(f.descriptors.ncols(), 4);
/// assert_eq!(f.locations.row(9).to_vec(), vec![12.0, 12.0, 2.0]);
/// # Ok::<(), features_2d::Error>(())
/// ```
pub fn compute_local_kernel_feats<T: FftFloat>(
    image: ArrayView2<'_, T>,
    bank: &GaborBank,
    params: &LocalGaborParams,
) -> Result<LocalFeatures<T>> {
    let (rows, cols) = image.dim();
    if rows == 0 || cols == 0 {
        return Err(Error::EmptyImage { rows, cols });
    }
    if let Some(((row, col), &v)) = image.indexed_iter().find(|(_, v)| !v.is_finite()) {
        return Err(Error::NonFinitePixel {
            row,
            col,
            value: v.to_f64_lossless(),
        });
    }
    let halves = params.half_widths()?;
    let h0 = halves
        .iter()
        .copied()
        .min()
        .expect("half_widths refuses no scale");
    let window = 2 * h0 + 1;
    if rows < window || cols < window {
        return Err(Error::NoWindow { rows, cols, window });
    }
    let grid = |n: usize| (h0..n).step_by(params.step);
    let mut locations = Vec::new();
    let mut windows = Vec::new();
    for (&scale, &h) in params.scales.iter().zip(&halves) {
        for r in grid(rows).filter(|&r| r >= h && r + h < rows) {
            for c in grid(cols).filter(|&c| c >= h && c + h < cols) {
                locations.extend_from_slice(&[r as f64, c as f64, scale]);
                windows.push((r - h, c - h, 2 * h + 1));
            }
        }
    }
    let n = windows.len();

    let responses = bank.responses(image, params.mode)?;
    // One column of descriptors per kernel, in parallel over kernels.
    let columns: Vec<Vec<T>> = responses
        .par_iter()
        .map(|(re, im)| {
            let integral = integral_magnitude(re, im);
            windows
                .iter()
                .map(|&(r0, c0, side)| window_mean(&integral, cols + 1, r0, c0, side))
                .collect()
        })
        .collect();
    let descriptors = Array2::from_shape_fn((n, columns.len()), |(i, k)| columns[k][i]);
    let locations =
        Array2::from_shape_vec((n, 3), locations).expect("three values pushed per location");
    Ok(LocalFeatures {
        locations,
        descriptors,
    })
}

/// [`compute_local_kernel_feats`] of many images, in parallel over images.
///
/// # Errors
/// As [`compute_local_kernel_feats`], for the first failing image in order.
pub fn compute_local_kernel_feats_batch<T: FftFloat>(
    images: &[ArrayView2<'_, T>],
    bank: &GaborBank,
    params: &LocalGaborParams,
) -> Result<Vec<LocalFeatures<T>>> {
    images
        .par_iter()
        .map(|im| compute_local_kernel_feats(im.view(), bank, params))
        .collect()
}

/// Summed-area table of `sqrt(re^2 + im^2)` in `f64`, `(rows + 1) x (cols + 1)` row-major with
/// a zero first row and column: `S[r][c]` is the sum over `[0, r) x [0, c)`.
fn integral_magnitude<T: Float>(re: &Array2<T>, im: &Array2<T>) -> Vec<f64> {
    let (rows, cols) = re.dim();
    let w = cols + 1;
    let mut s = vec![0.0_f64; (rows + 1) * w];
    for (r, (re_row, im_row)) in re.outer_iter().zip(im.outer_iter()).enumerate() {
        let mut run = 0.0;
        for (c, (&a, &b)) in re_row.iter().zip(im_row.iter()).enumerate() {
            run += a.to_f64_lossless().hypot(b.to_f64_lossless());
            s[(r + 1) * w + c + 1] = s[r * w + c + 1] + run;
        }
    }
    s
}

/// Mean over the `side x side` window with top-left pixel `(r0, c0)`.
fn window_mean<T: Float>(s: &[f64], w: usize, r0: usize, c0: usize, side: usize) -> T {
    let (r1, c1) = (r0 + side, c0 + side);
    let sum = s[r1 * w + c1] - s[r0 * w + c1] - s[r1 * w + c0] + s[r0 * w + c0];
    T::of(sum / (side * side) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use filters::GaborParams;

    fn image(rows: usize, cols: usize) -> Array2<f64> {
        Array2::from_shape_fn((rows, cols), |(r, c)| {
            ((r * 7 + c * 13) % 17) as f64 / 17.0 + 0.1 * ((r as f64) * 0.3).sin()
        })
    }

    fn bank() -> GaborBank {
        GaborBank::new(vec![
            GaborParams::new(0.25),
            GaborParams::new(0.1).theta(std::f64::consts::FRAC_PI_4),
            GaborParams::new(0.3).theta(1.0).sigma(2.0),
        ])
        .expect("valid bank")
    }

    #[test]
    fn equals_the_direct_window_mean() {
        let params = LocalGaborParams::default()
            .step(5)
            .scales(vec![1.0, 2.5, 4.0]);
        check_direct(&image(41, 35), &bank(), &params);
    }

    #[test]
    fn gallery_bank_with_large_kernels_equals_the_direct_window_mean() {
        // sigma 3, frequency 0.05: kernels large enough for filters' FFT path.
        let bank = GaborBank::skimage_gallery().expect("gallery");
        let params = LocalGaborParams::default()
            .scales(vec![2.0, 1.0])
            .mode(BoundaryMode::Wrap);
        check_direct(&image(48, 40), &bank, &params);
    }

    fn check_direct(img: &Array2<f64>, bank: &GaborBank, params: &LocalGaborParams) {
        let (rows, cols) = img.dim();
        let got = compute_local_kernel_feats(img.view(), bank, params).expect("features");
        let responses = bank
            .responses(img.view(), params.get_mode())
            .expect("responses");
        let halves = params.half_widths().expect("valid");
        let h0 = *halves.iter().min().expect("scales");
        let step = params.get_step();
        assert_eq!(got.locations.ncols(), 3);
        assert_eq!(got.descriptors.dim(), (got.locations.nrows(), bank.len()));
        assert!(got.locations.nrows() > 0);
        for (i, loc) in got.locations.outer_iter().enumerate() {
            let (r, c, s) = (loc[0] as usize, loc[1] as usize, loc[2]);
            let h = halves[params
                .get_scales()
                .iter()
                .position(|&x| x == s)
                .expect("a scale")];
            assert!(
                r >= h && r + h < rows && c >= h && c + h < cols,
                "window inside"
            );
            assert_eq!((r - h0) % step, 0);
            assert_eq!((c - h0) % step, 0);
            for (k, (re, im)) in responses.iter().enumerate() {
                let mut sum = 0.0;
                for rr in r - h..=r + h {
                    for cc in c - h..=c + h {
                        sum += re[[rr, cc]].hypot(im[[rr, cc]]);
                    }
                }
                let want = sum / ((2 * h + 1) * (2 * h + 1)) as f64;
                let g = got.descriptors[[i, k]];
                assert!(
                    (g - want).abs() <= 1e-12 * want.abs().max(1.0),
                    "{i},{k}: {g} vs {want}"
                );
            }
        }
    }

    #[test]
    fn half_widths_round_scale_times_half_step() {
        let p = LocalGaborParams::default()
            .step(5)
            .scales(vec![1.0, 2.5, 4.0, 0.1]);
        assert_eq!(p.half_widths().expect("valid"), vec![3, 6, 10, 0]);
    }

    #[test]
    fn locations_are_scale_major_and_row_major() {
        let img = image(20, 30);
        let params = LocalGaborParams::default().step(8).scales(vec![1.0, 2.0]);
        let f = compute_local_kernel_feats(img.view(), &bank(), &params).expect("features");
        // Scale 1: h = 4, grid 4, 12 (rows; 20 excluded) x 4, 12, 20 (cols; 28 leaves).
        // Scale 2: h = 8: row 4 starts above the image, row 12 ends past row 19 -> none.
        let want: Vec<[f64; 3]> = vec![
            [4.0, 4.0, 1.0],
            [4.0, 12.0, 1.0],
            [4.0, 20.0, 1.0],
            [12.0, 4.0, 1.0],
            [12.0, 12.0, 1.0],
            [12.0, 20.0, 1.0],
        ];
        let got: Vec<[f64; 3]> = f
            .locations
            .outer_iter()
            .map(|l| [l[0], l[1], l[2]])
            .collect();
        assert_eq!(got, want);
        assert_eq!(f.descriptors.dim(), (6, 3));
    }

    #[test]
    fn f32_matches_f64() {
        let img = image(33, 33);
        let params = LocalGaborParams::default().step(4);
        let a = compute_local_kernel_feats(img.view(), &bank(), &params).expect("f64");
        let b = compute_local_kernel_feats(img.mapv(|v| v as f32).view(), &bank(), &params)
            .expect("f32");
        assert_eq!(a.locations, b.locations);
        for (x, y) in a.descriptors.iter().zip(b.descriptors.iter()) {
            assert!((x - f64::from(*y)).abs() <= 1e-4 * x.abs().max(1.0));
        }
    }

    #[test]
    fn batch_equals_one_by_one() {
        let (a, b) = (image(24, 24), image(30, 26));
        let params = LocalGaborParams::default();
        let bank = bank();
        let batch =
            compute_local_kernel_feats_batch(&[a.view(), b.view()], &bank, &params).expect("batch");
        assert_eq!(batch.len(), 2);
        assert_eq!(
            batch[0],
            compute_local_kernel_feats(a.view(), &bank, &params).expect("a")
        );
        assert_eq!(
            batch[1],
            compute_local_kernel_feats(b.view(), &bank, &params).expect("b")
        );
    }

    #[test]
    fn bad_input_is_a_typed_error() {
        let bank = bank();
        let p = LocalGaborParams::default();
        let empty = Array2::<f64>::zeros((0, 5));
        assert_eq!(
            compute_local_kernel_feats(empty.view(), &bank, &p),
            Err(Error::EmptyImage { rows: 0, cols: 5 })
        );
        let small = image(8, 30);
        assert_eq!(
            compute_local_kernel_feats(small.view(), &bank, &p),
            Err(Error::NoWindow {
                rows: 8,
                cols: 30,
                window: 9
            })
        );
        let mut nan = image(20, 20);
        nan[[3, 4]] = f64::NAN;
        assert!(matches!(
            compute_local_kernel_feats(nan.view(), &bank, &p),
            Err(Error::NonFinitePixel { row: 3, col: 4, .. })
        ));
        let img = image(20, 20);
        for bad in [
            p.clone().step(0),
            p.clone().scales(vec![]),
            p.clone().scales(vec![1.0, 0.0]),
            p.clone().scales(vec![-1.0]),
            p.clone().scales(vec![f64::NAN]),
            p.clone().scales(vec![f64::INFINITY]),
        ] {
            assert!(
                matches!(
                    compute_local_kernel_feats(img.view(), &bank, &bad),
                    Err(Error::InvalidLocalParam { .. })
                ),
                "{bad:?}"
            );
        }
    }
}
