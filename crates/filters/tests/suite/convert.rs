//! Image conversions against skimage fixtures (gen_filters.py).

use crate::common::{assert_close, fixture};
use filters::tutorial::float3d_to_uint2d;
use filters::{Error, img_as_float, img_as_ubyte, rgb2gray, rgb2gray_u8};
use ndarray::{Array2, Array3};

#[test]
fn rgb2gray_matches_skimage() {
    let rgb: Array3<f64> = fixture("conv_rgb_f64");
    let want: Array2<f64> = fixture("conv_rgb2gray_f64");
    // numpy's `arr @ coeffs` may round the three-term sum differently: 1 ulp.
    assert_close(
        rgb2gray(rgb.view()).unwrap().view(),
        want.view(),
        3e-16,
        0.0,
        "f64",
    );
    let want32: Array2<f32> = fixture("conv_rgb2gray_f32");
    let got32 = rgb2gray(rgb.mapv(|v| v as f32).view()).unwrap();
    assert_close(
        got32.mapv(f64::from).view(),
        want32.mapv(f64::from).view(),
        2e-7,
        0.0,
        "f32",
    );
    let rgb8: Array3<u8> = fixture("conv_rgb_u8");
    let want8: Array2<f64> = fixture("conv_rgb2gray_u8");
    assert_close(
        rgb2gray_u8::<f64>(rgb8.view()).unwrap().view(),
        want8.view(),
        3e-16,
        0.0,
        "u8",
    );
}

#[test]
fn img_as_float_and_ubyte_match_skimage() {
    let rgb8: Array3<u8> = fixture("conv_rgb_u8");
    assert_eq!(
        img_as_float::<f64, _>(rgb8.view()),
        fixture::<f64, _>("conv_img_as_float_f64")
    );
    assert_eq!(
        img_as_float::<f32, _>(rgb8.view()),
        fixture::<f32, _>("conv_img_as_float_f32")
    );
    let fl: Array2<f64> = fixture("conv_float_f64");
    assert_eq!(
        img_as_ubyte(fl.view()).unwrap(),
        fixture::<u8, _>("conv_img_as_ubyte")
    );
}

#[test]
fn float3d_to_uint2d_matches_its_numpy_reading() {
    let rgb: Array3<f64> = fixture("conv_rgb_f64");
    assert_eq!(
        float3d_to_uint2d(rgb.view()).unwrap(),
        fixture::<u8, _>("conv_float3d_to_uint2d")
    );
}

#[test]
fn bad_images_are_typed_errors() {
    let four = Array3::<f64>::zeros((2, 2, 4));
    assert!(matches!(
        rgb2gray(four.view()),
        Err(Error::Core(dsp_core::Error::ShapeMismatch { .. }))
    ));
    let empty = Array3::<f64>::zeros((0, 2, 3));
    assert!(matches!(
        rgb2gray(empty.view()),
        Err(Error::Core(dsp_core::Error::TooShort { .. }))
    ));
    assert!(rgb2gray_u8::<f32>(Array3::<u8>::zeros((2, 2, 2)).view()).is_err());
    let out = ndarray::arr2(&[[0.5, 1.5]]);
    assert!(matches!(
        img_as_ubyte(out.view()),
        Err(Error::Core(dsp_core::Error::InvalidParameter { .. }))
    ));
    let nan = ndarray::arr2(&[[f64::NAN]]);
    assert!(matches!(
        img_as_ubyte(nan.view()),
        Err(Error::Core(dsp_core::Error::NonFinite { .. }))
    ));
    let mut rgb = Array3::<f64>::zeros((1, 1, 3));
    rgb[[0, 0, 1]] = f64::INFINITY;
    assert!(float3d_to_uint2d(rgb.view()).is_err());
}
