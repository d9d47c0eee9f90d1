//! The tutorial's sections, in its order, each a [`Runner::Ready`] over the library's calls.

mod common;
mod deep_features;
mod edges;
mod fourier;
mod gabor_1d;
mod gabor_2d;
mod mnist_cnn;
mod pca_lda;
mod signals;
mod smoothing_2d;
mod speech;
mod speech_cnn;
mod surf_bovw;
mod visual_words;
mod words;

use super::{Runner, Section};

/// Every section of the tutorial, in order.
pub fn registry() -> Vec<Section> {
    vec![
        Section {
            id: "signals",
            title: "Signals and convolution",
            summary: "A quasi-periodic signal (sin t + cos 2t plus noise) smoothed by Gaussians of growing sigma, \
                      the multiscale stack those smoothings form, and a kernel density estimate seen as a histogram \
                      convolved with a Gaussian.",
            runner: Runner::Ready(signals::run),
        },
        Section {
            id: "smoothing-2d",
            title: "2-D smoothing",
            summary: "Gaussian smoothing of a photograph at several scales, the noise variance a 2-D Gaussian leaves, and \
                      denoising.",
            runner: Runner::Ready(smoothing_2d::run),
        },
        Section {
            id: "edges",
            title: "Edges",
            summary: "Image gradients from Sobel filters and Gaussian derivatives, and their magnitude at two scales.",
            runner: Runner::Ready(edges::run),
        },
        Section {
            id: "fourier",
            title: "Fourier analysis",
            summary: "Spectra of a sinusoid and of a noisy sinusoid, 2-D low-pass compression of an image, power \
                      spectra before and after Gaussian smoothing, and the convolution theorem checked numerically.",
            runner: Runner::Ready(fourier::run),
        },
        Section {
            id: "gabor-1d",
            title: "1-D Gabor features and classification",
            summary: "The tutorial's bank of nine 1-D Gabor filters, each response pooled by mean, std and max into \
                      features, classified by 1-NN, logistic regression and linear/RBF SVMs with and without PCA/LDA on six UCR \
                      time-series sets, beside the published 1-NN baselines and MiniRocket.",
            runner: Runner::Ready(gabor_1d::run),
        },
        Section {
            id: "gabor-2d",
            title: "2-D Gabor textures",
            summary: "The scikit-image gallery's bank of 16 Gabor kernels applied to texture images (brick, grass, \
                      gravel), the mean and variance of each response as features, and tiles matched to their texture.",
            runner: Runner::Ready(gabor_2d::run),
        },
        Section {
            id: "visual-words",
            title: "Local Gabor features and visual words",
            summary: "The tutorial's local Gabor features (a Gabor bank's responses pooled around a grid of locations \
                      and scales) on its border image and a city photo, clustered into visual words with the patches of \
                      one word shown, and as a bag of words for two-class image tasks.",
            runner: Runner::Ready(visual_words::run),
        },
        Section {
            id: "surf-bovw",
            title: "SURF and bag of visual words",
            summary: "SURF keypoints over a city street and a forest; the tutorial's pipeline (dense SURF, a 100-word \
                      k-means vocabulary, histograms, leave-one-out with 1-NN, logistic regression and RBF/linear SVMs) on \
                      lfw faces vs non-faces and Fashion-MNIST shirts vs T-shirts, beside soft assignment, VLAD, Fisher \
                      vectors, a spatial pyramid and HOG (and on your own photos with --photos DIR).",
            runner: Runner::Ready(surf_bovw::run),
        },
        Section {
            id: "pca-lda",
            title: "PCA and LDA",
            summary: "Principal components and linear discriminants of UCR time series: explained variance, \
                      progressive-PCA accuracy curves, PCA against LDA projections, and PCA + SVM against LDA + SVM.",
            runner: Runner::Ready(pca_lda::run),
        },
        Section {
            id: "mnist-cnn",
            title: "MNIST convolutional network",
            summary: "The tutorial's Keras CNN (two 3x3 convolutions, max-pooling, two dense layers; 600,810 parameters) \
                      trained on the full MNIST for two epochs with Adam on burn's CPU backend: training curves, test \
                      accuracy, the confusion matrix and the learned first-layer kernels beside Gabor kernels.",
            runner: Runner::Ready(mnist_cnn::run),
        },
        Section {
            id: "deep-features",
            title: "Deep features and PCA",
            summary: "Pooled features of a pretrained ImageNet network (EfficientNet-Lite0, in place of the tutorial's \
                      VGG16) on lfw faces vs non-faces and Fashion-MNIST shirts vs T-shirts, classified by leave-one-out \
                      raw and after PCA, beside the best bag of visual words, with the progressive-PCA curve.",
            runner: Runner::Ready(deep_features::run),
        },
        Section {
            id: "speech",
            title: "Speech",
            summary: "Spoken numbers and sentences by six recorded and twenty synthetic voices: waveforms, spectra and local \
                      features over time, and speaker, gender, language, number, sentence and recorded-vs-synthetic \
                      recognition by leave-one-out from FFT band powers, MFCC statistics and a bag of audio words, raw, \
                      after PCA and after LDA.",
            runner: Runner::Ready(speech::run),
        },
    ]
}
