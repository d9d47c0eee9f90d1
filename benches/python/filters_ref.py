"""Python reference timings for benches/benches/filters.rs (median of >= 5 runs after a warm-up).

Same sizes as the Rust benches: 2048x2048 standard-normal image (f32 and f64), 512x512 for
the Gabor bank. OpenCV is limited to 2 threads (cv2.setNumThreads(2)); scipy.ndimage is
single-threaded. Run with the environment of benches/python/requirements.txt (the `.venv` that
`cargo xtask bench --venv` creates: numpy 2.3.5, scipy 1.17.1, scikit-image 0.26.0,
opencv-python-headless 5.1.0).
"""
import time

import cv2
import numpy as np
import scipy.ndimage as ndi
from skimage.filters import gabor_kernel

cv2.setNumThreads(2)


def median_ms(f, runs=7):
    f()
    ts = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        ts.append((time.perf_counter() - t) * 1e3)
    return float(np.median(ts))


def main():
    rng = np.random.default_rng(20171111)
    x64 = rng.standard_normal((2048, 2048))
    x32 = x64.astype(np.float32)
    for sigma in (1.0, 3.0, 10.0):
        # ksize 2 * round(4 sigma) + 1 is scipy's kernel at truncate 4.
        k = 2 * int(4 * sigma + 0.5) + 1
        cv = median_ms(lambda: cv2.GaussianBlur(x32, (k, k), sigma, borderType=cv2.BORDER_REFLECT))
        sp32 = median_ms(lambda: ndi.gaussian_filter(x32, sigma), runs=5)
        sp64 = median_ms(lambda: ndi.gaussian_filter(x64, sigma), runs=5)
        print(f"gaussian sigma {sigma}: cv2 f32 {cv:.2f} ms, scipy f32 {sp32:.1f} ms, scipy f64 {sp64:.1f} ms")
    cv = median_ms(lambda: cv2.Sobel(x32, cv2.CV_32F, 1, 0, ksize=3, borderType=cv2.BORDER_REFLECT))
    sp = median_ms(lambda: ndi.sobel(x32, axis=1), runs=5)
    print(f"sobel axis 1 f32: cv2 {cv:.2f} ms, scipy {sp:.1f} ms")

    img = rng.standard_normal((512, 512))

    def bank():
        feats = np.zeros((16, 2))
        k = 0
        for theta in range(4):
            theta = theta / 4.0 * np.pi
            for s in (1, 3):
                for f in (0.05, 0.25):
                    kern = np.real(gabor_kernel(f, theta=theta, sigma_x=s, sigma_y=s))
                    r = ndi.convolve(img, kern, mode="wrap")
                    feats[k] = r.mean(), r.var()
                    k += 1
        return feats

    print(f"gabor bank 16 on 512x512 (kernels + convolve + mean/var): {median_ms(bank, runs=5):.0f} ms")


if __name__ == "__main__":
    main()
