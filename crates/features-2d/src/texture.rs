//! Texture recognition by the closest reference features, as the scikit-image Gabor gallery.

use ndarray::{ArrayView, Dimension};

use crate::{Error, Result};

/// The index of the reference whose features are closest to `feats` in summed squared error:
/// the `match(feats, ref_feats)` of scikit-image's Gabor texture gallery example
/// (`argmin` of `sum((feats - ref_feats[i]) ** 2)`: the first of equal errors, the first NaN
/// error if there is one).
///
/// `feats` and each reference are feature arrays of one shape, e.g. the `(n_kernels, 2)` mean and
/// variance of [`filters::GaborBank::kernel_feats`].
///
/// # Errors
/// [`Error::NoReferences`] for an empty `refs`; [`Error::FeatureShape`] when a reference's shape
/// differs from `feats`'.
///
/// # Example
/// ```
/// use ndarray::array;
/// let refs = [array![[0.0, 1.0]], array![[5.0, 5.0]], array![[1.0, 1.0]]];
/// let views: Vec<_> = refs.iter().map(|r| r.view()).collect();
/// assert_eq!(features_2d::match_features(array![[0.9, 1.2]].view(), &views)?, 2);
/// # Ok::<(), features_2d::Error>(())
/// ```
pub fn match_features<D: Dimension>(
    feats: ArrayView<'_, f64, D>,
    refs: &[ArrayView<'_, f64, D>],
) -> Result<usize> {
    if refs.is_empty() {
        return Err(Error::NoReferences);
    }
    let mut best = (0, f64::INFINITY);
    for (k, r) in refs.iter().enumerate() {
        if r.shape() != feats.shape() {
            return Err(Error::FeatureShape {
                expected: r.shape().to_vec(),
                got: feats.shape().to_vec(),
            });
        }
        let err: f64 = feats.iter().zip(r).map(|(a, b)| (a - b) * (a - b)).sum();
        if best.1.is_nan() {
            break; // numpy's argmin returns the first NaN
        }
        if k == 0 || err < best.1 || err.is_nan() {
            best = (k, err);
        }
    }
    Ok(best.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array2, array};

    #[test]
    fn picks_the_first_closest() {
        let refs = [array![1.0, 2.0], array![3.0, 3.0], array![1.0, 2.0]];
        let v: Vec<_> = refs.iter().map(|r| r.view()).collect();
        assert_eq!(match_features(array![1.1, 2.0].view(), &v).unwrap(), 0);
        assert_eq!(match_features(array![2.9, 3.5].view(), &v).unwrap(), 1);
    }

    #[test]
    fn bad_input_is_an_error() {
        let f = Array2::<f64>::zeros((2, 2));
        assert!(matches!(
            match_features(f.view(), &[]),
            Err(Error::NoReferences)
        ));
        let r = Array2::<f64>::zeros((2, 3));
        assert!(matches!(
            match_features(f.view(), &[r.view()]),
            Err(Error::FeatureShape { .. })
        ));
    }
}
