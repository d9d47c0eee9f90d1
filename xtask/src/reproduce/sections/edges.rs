//! Edges: Sobel gradients, their magnitude and orientation, and Gaussian derivatives at two
//! scales, checked on a ramp where the answer is known exactly.

use anyhow::Result;
use ndarray::Array2;
use sigfeat::dsp_core::BoundaryMode;

use super::common::shipped_gray;
use crate::plot::{Figure, Image, Panel};
use crate::reproduce::{Ctx, Measured, timed};

pub(super) fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.step("gradients of the camera image");
    let img = shipped_gray("camera.png")?;
    let ((mag, gx, gmag1, gmag4), secs) = timed(|| {
        let (mag, _) = sigfeat::filters::gradient(
            img.view(),
            sigfeat::filters::GradientOperator::Sobel,
            BoundaryMode::Reflect,
        )?;
        let gx = sigfeat::filters::sobel(img.view(), 1, BoundaryMode::Reflect)?;
        let g1 = sigfeat::filters::gaussian_gradient_magnitude(
            img.view(),
            &sigfeat::filters::GaussianParams::new(1.0),
        )?;
        let g4 = sigfeat::filters::gaussian_gradient_magnitude(
            img.view(),
            &sigfeat::filters::GaussianParams::new(4.0),
        )?;
        Ok((mag, gx, g1, g4))
    })?;
    ctx.figure(
        &Figure::new(
            "edges-gradients",
            "Edges of the camera image: the horizontal Sobel derivative (grey is 0), the Sobel gradient magnitude, and \
             the Gaussian gradient magnitude at sigma 1 and 4: larger scales keep only the coarse outlines.",
            2,
            vec![
                Panel::image("sobel, axis 1 (d/dx)", Image::auto(gx).symmetric()),
                Panel::image("Sobel gradient magnitude", Image::auto(mag)),
                Panel::image("Gaussian gradient magnitude, sigma 1", Image::auto(gmag1)),
                Panel::image("Gaussian gradient magnitude, sigma 4", Image::auto(gmag4)),
            ],
        )
        .panel_size(420, 440),
    )?;
    ctx.text(
        "Canny edges are part of the tutorial's edge section but not yet in sigfeat's filters crate; they are not shown.",
    );

    ctx.step("ramp checks");
    // f(r, c) = a c + b r: Sobel along axis 1 is 8 a (a [-1, 0, 1] difference, 2 a, times the
    // [1, 2, 1] smoothing, 4); the first Gaussian derivative along axis 1 is exactly a.
    let (a, b) = (0.3, -0.7);
    let ramp = Array2::from_shape_fn((64, 64), |(r, c)| a * c as f64 + b * r as f64);
    let ((sobel_err, deriv_err), rsecs) = timed(|| {
        let sx = sigfeat::filters::sobel(ramp.view(), 1, BoundaryMode::Reflect)?;
        let dx = sigfeat::filters::gaussian_filter(
            ramp.view(),
            &sigfeat::filters::GaussianParams::new(2.0).orders(&[0, 1]),
        )?;
        let inner = |m: &Array2<f64>, want: f64, r: usize| {
            let mut e = 0.0_f64;
            for i in r..64 - r {
                for j in r..64 - r {
                    e = e.max((m[[i, j]] - want).abs());
                }
            }
            e
        };
        Ok((inner(&sx, 8.0 * a, 1), inner(&dx, a, 8)))
    })?;
    ctx.record(Measured {
        name: "sobel-ramp-error".into(),
        metric: "max |sobel_x(ramp) - 8a| (interior)".into(),
        value: sobel_err,
        seconds: rsecs,
        note: "On a linear ramp the Sobel response is exactly 8 times the slope.".into(),
    });
    ctx.record(Measured {
        name: "gaussian-derivative-ramp-error".into(),
        metric: "max |d/dx (G_2 * ramp) - a| (interior)".into(),
        value: deriv_err,
        seconds: 0.0,
        note: "The Gaussian derivative of a ramp is its slope, up to the 4-sigma truncation of the derivative kernel (scipy does not renormalise it).".into(),
    });
    ctx.record(Measured {
        name: "gradient-filters-camera".into(),
        metric: "seconds for Sobel + 2 Gaussian gradient magnitudes, 512x512".into(),
        value: secs,
        seconds: secs,
        note: "Wall-clock time of the filters in the figure.".into(),
    });
    Ok(())
}
