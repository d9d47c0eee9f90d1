//! SURF (Bay, Ess, Tuytelaars, Van Gool, "Speeded-Up Robust Features", CVIU 2008), equal in
//! definition to `mahotas.features.surf` 1.4.19, a port of dlib's SURF, and compared with it in
//! `tests/suite/surf.rs` (fixtures: `tests/fixtures/surf/gen_surf.py`).
//!
//! The conventions are listed on [`surf`].

mod describe;
mod detect;
mod integral;
mod orient;

pub(crate) mod dense;

use dsp_core::{Float, ParamGuard};
use ndarray::{Array2, ArrayView2};
use rayon::prelude::*;

pub use integral::IntegralImage;

use crate::{Error, Result};

/// Checked parameters of [`surf`]; built by [`SurfParams`]' [`check`](ParamGuard::check).
#[derive(Debug, Clone, PartialEq)]
pub struct SurfValidParams {
    nr_octaves: usize,
    nr_scales: usize,
    initial_step_size: usize,
    threshold: f64,
    max_points: usize,
    upright: bool,
    extended: bool,
    subpixel: Subpixel,
}

/// How [`surf`] refines a detected maximum to sub-pixel position and sub-interval scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Subpixel {
    /// mahotas' step, kept by default so that points equal the reference's. Its 3x3 system
    /// pairs the Hessian's column axis with the gradient's row axis and has the opposite sign
    /// of a Newton step, so points move away from the fitted peak by up to half a sample
    /// (0.5 to 1.5 pixels off a Gaussian blob's centre, scale 0.48 to 0.9 times its sigma).
    #[default]
    Mahotas,
    /// The quadratic fit of the paper (and of dlib): offset `-H^-1 g`, axes consistent.
    Newton,
}

impl SurfValidParams {
    /// Number of octaves (each doubles the sampling step).
    #[must_use]
    pub fn nr_octaves(&self) -> usize {
        self.nr_octaves
    }
    /// Number of filter sizes (intervals) per octave.
    #[must_use]
    pub fn nr_scales(&self) -> usize {
        self.nr_scales
    }
    /// Sampling step of the first octave, in pixels.
    #[must_use]
    pub fn initial_step_size(&self) -> usize {
        self.initial_step_size
    }
    /// Smallest |det(H)| kept.
    #[must_use]
    pub fn threshold(&self) -> f64 {
        self.threshold
    }
    /// How many of the strongest points are described (before the border check).
    #[must_use]
    pub fn max_points(&self) -> usize {
        self.max_points
    }
    /// Whether orientation is skipped (U-SURF: every angle 0).
    #[must_use]
    pub fn upright(&self) -> bool {
        self.upright
    }
    /// Whether the descriptor is the 128-d extended one.
    #[must_use]
    pub fn extended(&self) -> bool {
        self.extended
    }
    /// Sub-pixel refinement.
    #[must_use]
    pub fn subpixel(&self) -> Subpixel {
        self.subpixel
    }
    /// Descriptor length: 64, or 128 when extended.
    #[must_use]
    pub fn descriptor_len(&self) -> usize {
        if self.extended { 128 } else { 64 }
    }
}

/// Parameters of [`surf`] with `mahotas.features.surf.surf`'s defaults: 4 octaves, 6 scales,
/// initial step 1, threshold 0.1, at most 1024 points; oriented (not upright), 64-d.
///
/// `upright`, `extended` and `subpixel` go beyond mahotas (which is always oriented, 64-d,
/// with its own sub-pixel step).
#[derive(Debug, Clone, PartialEq)]
pub struct SurfParams(SurfValidParams);

impl Default for SurfParams {
    fn default() -> Self {
        Self(SurfValidParams {
            nr_octaves: 4,
            nr_scales: 6,
            initial_step_size: 1,
            threshold: 0.1,
            max_points: 1024,
            upright: false,
            extended: false,
            subpixel: Subpixel::Mahotas,
        })
    }
}

impl SurfParams {
    /// Number of octaves, 1 to 16.
    #[must_use]
    pub fn nr_octaves(mut self, n: usize) -> Self {
        self.0.nr_octaves = n;
        self
    }
    /// Number of scales (intervals) per octave, 3 to 64 (the detector needs one scale on each
    /// side of a maximum; mahotas accepts fewer and then finds nothing).
    #[must_use]
    pub fn nr_scales(mut self, n: usize) -> Self {
        self.0.nr_scales = n;
        self
    }
    /// Sampling step of the first octave in pixels, 1 to 64.
    #[must_use]
    pub fn initial_step_size(mut self, n: usize) -> Self {
        self.0.initial_step_size = n;
        self
    }
    /// Smallest |det(H)| kept: finite and `>= 0`.
    #[must_use]
    pub fn threshold(mut self, t: f64) -> Self {
        self.0.threshold = t;
        self
    }
    /// How many of the strongest points to describe, at least 1.
    #[must_use]
    pub fn max_points(mut self, n: usize) -> Self {
        self.0.max_points = n;
        self
    }
    /// U-SURF: skip the orientation (every angle 0).
    #[must_use]
    pub fn upright(mut self, on: bool) -> Self {
        self.0.upright = on;
        self
    }
    /// The 128-d extended descriptor.
    #[must_use]
    pub fn extended(mut self, on: bool) -> Self {
        self.0.extended = on;
        self
    }
    /// Sub-pixel refinement: [`Subpixel::Mahotas`] (the default) or [`Subpixel::Newton`].
    #[must_use]
    pub fn subpixel(mut self, s: Subpixel) -> Self {
        self.0.subpixel = s;
        self
    }
}

fn out_of_range(name: &'static str, value: f64, expected: &'static str) -> Error {
    Error::InvalidSurfParam {
        name,
        value,
        expected,
    }
}

impl ParamGuard for SurfParams {
    type Checked = SurfValidParams;
    type Error = Error;

    fn check_ref(&self) -> Result<&SurfValidParams> {
        let p = &self.0;
        if !(1..=16).contains(&p.nr_octaves) {
            return Err(out_of_range("nr_octaves", p.nr_octaves as f64, "1 to 16"));
        }
        if !(3..=64).contains(&p.nr_scales) {
            return Err(out_of_range("nr_scales", p.nr_scales as f64, "3 to 64"));
        }
        if !(1..=64).contains(&p.initial_step_size) {
            return Err(out_of_range(
                "initial_step_size",
                p.initial_step_size as f64,
                "1 to 64",
            ));
        }
        if !(p.threshold >= 0.0 && p.threshold.is_finite()) {
            return Err(out_of_range("threshold", p.threshold, "finite and >= 0"));
        }
        if p.max_points == 0 {
            return Err(out_of_range("max_points", 0.0, "at least 1"));
        }
        Ok(p)
    }

    fn check(self) -> Result<SurfValidParams> {
        self.check_ref()?;
        Ok(self.0)
    }
}

/// A SURF interest point, as a row of mahotas' output: `(y, x, scale, score, laplacian,
/// angle)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Keypoint {
    /// Row, sub-pixel.
    pub y: f64,
    /// Column, sub-pixel.
    pub x: f64,
    /// Scale `s` (the Gaussian sigma the box filters approximate, `1.2 / 9` of the filter
    /// size); the descriptor window is `20 s` wide.
    pub scale: f64,
    /// |det(H)| at the detected sample (1 for dense points, as mahotas).
    pub score: f64,
    /// Sign of the Laplacian `Dxx + Dyy`: +1 (dark blob on light) or -1 (light blob on dark);
    /// 1 for dense points, as mahotas.
    pub laplacian: f64,
    /// Orientation in radians in `[-pi, pi]`: the descriptor window's first axis points along
    /// `(dy, dx) = (cos angle, sin angle)`; 0 when upright.
    pub angle: f64,
}

/// Keypoints and their descriptors, one row each.
#[derive(Debug, Clone, PartialEq)]
pub struct Surf {
    /// The points, strongest first for [`surf`], grid order for [`dense_surf`](crate::dense_surf).
    pub keypoints: Vec<Keypoint>,
    /// `n x 64` (or `n x 128` extended), each row of unit L2 norm (up to mahotas' `1e-7`
    /// guard).
    pub descriptors: Array2<f64>,
}

impl Surf {
    /// Number of points.
    #[must_use]
    pub fn len(&self) -> usize {
        self.keypoints.len()
    }

    /// Whether no point was found.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.keypoints.is_empty()
    }

    /// mahotas' array: one row per point, columns `y, x, scale, score, laplacian, angle`, then
    /// the descriptor; shape `n x (6 + 64)` (or `6 + 128`).
    #[must_use]
    pub fn to_rows(&self) -> Array2<f64> {
        let d = self.descriptors.ncols();
        let mut out = Array2::zeros((self.len(), 6 + d));
        for (k, p) in self.keypoints.iter().enumerate() {
            let head = [p.y, p.x, p.scale, p.score, p.laplacian, p.angle];
            for (dst, v) in out.row_mut(k).iter_mut().zip(
                head.into_iter()
                    .chain(self.descriptors.row(k).iter().copied()),
            ) {
                *dst = v;
            }
        }
        out
    }
}

/// Whether the point is at least `int(31 scale) / 2` pixels inside the image (mahotas' test
/// before describing a point).
fn inside(ii: &IntegralImage, y: f64, x: f64, scale: f64) -> bool {
    let b = ((31.0 * scale) as u64 / 2) as f64;
    b <= y && y + b < ii.rows() as f64 && b <= x && x + b < ii.cols() as f64
}

/// Fewer points than this are described on the calling thread.
const PARALLEL_POINTS: usize = 64;

/// Orientation and descriptor of each point inside the border, in parallel, in input order.
pub(crate) fn describe_points(
    ii: &IntegralImage,
    points: &[detect::Point],
    upright: bool,
    len: usize,
) -> Surf {
    let kept: Vec<&detect::Point> = points
        .iter()
        .filter(|p| inside(ii, p.y, p.x, p.scale))
        .collect();
    let mut descriptors = Array2::zeros((kept.len(), len));
    let mut keypoints = vec![
        Keypoint {
            y: 0.0,
            x: 0.0,
            scale: 0.0,
            score: 0.0,
            laplacian: 0.0,
            angle: 0.0,
        };
        kept.len()
    ];
    let one = |((des, kp), p): ((&mut [f64], &mut Keypoint), &&detect::Point)| {
        let angle = if upright {
            0.0
        } else {
            orient::dominant_angle(ii, p.y, p.x, p.scale)
        };
        describe::describe(ii, p.y, p.x, p.scale, angle, des);
        *kp = Keypoint {
            y: p.y,
            x: p.x,
            scale: p.scale,
            score: p.score,
            laplacian: p.laplacian,
            angle,
        };
    };
    if len > 0 && !kept.is_empty() {
        let flat = descriptors
            .as_slice_mut()
            .expect("a new array is in standard layout");
        // A few points (a small image of a batch, already run in parallel) are not worth
        // splitting.
        if kept.len() < PARALLEL_POINTS {
            flat.chunks_mut(len)
                .zip(keypoints.iter_mut())
                .zip(kept.iter())
                .for_each(one);
        } else {
            flat.par_chunks_mut(len)
                .zip(keypoints.par_iter_mut())
                .zip(kept.par_iter())
                .for_each(one);
        }
    }
    Surf {
        keypoints,
        descriptors,
    }
}

/// Smallest image side the first octave's filters fit in with one detectable sample:
/// `2 (border + 1) + 1` samples of the first octave.
fn min_side(p: &SurfValidParams) -> usize {
    (2 * (detect::border_size(0, p.nr_scales) + 1) + 1) * p.initial_step_size
}

/// SURF interest points and descriptors of a grey image. Equal in definition to
/// `mahotas.features.surf.surf` (a port of dlib's SURF), compared with it in `tests/suite/surf.rs`.
///
/// Returns the points strongest first with their (oriented, unit-norm) descriptors. Pass the
/// image in the intensity range the threshold is meant for (mahotas' examples use 0..255).
///
/// # Conventions
/// mahotas', all kept:
///
/// - rows are `y`, columns `x`; the image is used as it is (no rescaling), so `threshold`
///   depends on the intensity range (mahotas' tutorial passes 0..255 images);
/// - the integral image is `f64`; the Hessian uses box filters of lobe `2^(o+1) (i+1) + 1` in
///   octave `o`, interval `i`, normalised by the filter area, with
///   `det = Dxx Dyy - 0.36 Dxy^2` (mahotas' 0.6^2, not the paper's 0.9^2), clipped at 0;
/// - `score` is |det| at the detected sample, `laplacian` the sign of `Dxx + Dyy` (+1 for a
///   dark blob on a light background), `scale = 1.2 / 9 * 3 lobe` with the interpolated
///   interval;
/// - `threshold` is rounded to `f32` first, as mahotas passes it to C as a `float`;
/// - the points are sorted strongest first (equal scores in scan order: octave `o + 1`,
///   interval `i` repeats octave `o`, interval `2 i + 1`, so a point can appear twice with
///   equal scores, which mahotas' unstable sort may order the other way); the first
///   `max_points` are kept, and of those the ones closer than `int(31 scale) / 2` pixels to the
///   border dropped (so fewer than `max_points` may remain even when more were found);
/// - `angle` is `atan2(sum haar_x, sum haar_y)` of the best 60-degree window: the descriptor
///   window's first axis points along `(dy, dx) = (cos angle, sin angle)`.
///
/// # Errors
/// [`Error::InvalidSurfParam`] for a parameter out of range, [`Error::EmptyImage`],
/// [`Error::NonFinitePixel`], and [`Error::ImageSmallerThanWindow`] for an image in which the
/// first octave's largest filter leaves no sample to detect at (mahotas returns no points).
///
/// # Example
/// ```
/// use features_2d::{SurfParams, surf, synthetic};
///
/// // One dark Gaussian blob of sigma 4 on a light background, 0..255.
/// let img = synthetic::blob_image((128, 128), &[(64.0, 60.0, 4.0)]).mapv(|v| 255.0 * (1.0 - v));
/// let found = surf(img.view(), &SurfParams::default()).unwrap();
/// let p = &found.keypoints[0];
/// assert!((p.y - 64.0).abs() < 1.5 && (p.x - 60.0).abs() < 1.5);
/// // SURF's scale of a Gaussian blob is about 0.7 sigma (see `Subpixel`).
/// assert!((p.scale / 4.0 - 0.7).abs() < 0.1);
/// assert_eq!(p.laplacian, 1.0);
/// assert_eq!(found.descriptors.ncols(), 64);
/// ```
pub fn surf<T: Float>(image: ArrayView2<'_, T>, params: &SurfParams) -> Result<Surf> {
    let p = params.check_ref()?;
    let ii = IntegralImage::new(image)?;
    let need = min_side(p);
    if ii.rows() < need || ii.cols() < need {
        return Err(Error::ImageSmallerThanWindow {
            what: "first octave's filters",
            rows: ii.rows(),
            cols: ii.cols(),
            min_rows: need,
            min_cols: need,
        });
    }
    Ok(surf_integral(&ii, p))
}

/// [`surf`] on an integral image built beforehand.
#[must_use]
pub fn surf_integral(ii: &IntegralImage, p: &SurfValidParams) -> Surf {
    let pyr = detect::build_pyramid(ii, p.nr_octaves, p.nr_scales, p.initial_step_size);
    // mahotas hands the threshold to C as a float.
    let threshold = f64::from(p.threshold as f32);
    let newton = p.subpixel == Subpixel::Newton;
    let mut points = detect::interest_points(&pyr, threshold, p.initial_step_size, newton);
    points.truncate(p.max_points);
    describe_points(ii, &points, p.upright, p.descriptor_len())
}
