#!/usr/bin/env python3
"""Keras 3 on JAX (CPU) beside benches/benches/cnn.rs, on the same data.

compare.py builds its `keras.*` cases from here; run alone it times both on random inputs of the
same shapes (a check of the thread settings):

    python benches/python/keras_cnn.py --threads 2

- `mnist_train_step`: the tutorial's Keras MNIST model (Conv2D(32, 3, relu) -> Conv2D(32, 3,
  relu) -> MaxPooling2D(2) -> Flatten -> Dense(128, relu) -> Dense(10, softmax), categorical
  cross-entropy, Adam(1e-3, epsilon=1e-7), accuracy metric), built once; one call is
  `model.train_on_batch(x, y)` on 512 images (forward, backward, Adam step, loss and accuracy
  back on the host), as one step of cnn::train.
- `efficientnetb0_features`: `keras.applications.EfficientNetB0(weights=None,
  include_top=False, pooling="avg")`, the size and cost of EfficientNet-Lite0 (random weights:
  only the time matters); one call resizes the grey images to 224 x 224 (`jax.image.resize`,
  bilinear with half-pixel centres, as cnn's resize when enlarging), repeats them to RGB and runs
  `model.predict(x, batch_size=16)`. The network's own Rescaling/Normalization layers do what
  cnn's ImageNet normalisation does, so the images go in as 0..255.

Threads: XLA's CPU client sizes its thread pool from the CPUs this process may run on
(sched_getaffinity), so `threads(n)` restricts the process to `n` CPUs (the first ones it may use)
before jax starts, when `n` is fewer than it has; with `n` equal to the CPU count nothing changes.
The usual `XLA_FLAGS="--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"` and
`OMP_NUM_THREADS` changed neither the step's time nor its CPU use under jax 0.10.2 (measured on a
2-core VM: 2.5-2.7 s per MNIST step with each setting, CPU time / wall time 0.98 with both CPUs
allowed), so they are not relied on. Pinned: keras 3.15.1, jax[cpu] 0.10.2.
"""
import argparse
import os
import statistics
import sys
import time

PINNED = {"keras": "3.15.1", "jax": "0.10.2"}


def threads(n):
    """Backend and thread count; must run before jax or keras is imported."""
    if "jax" in sys.modules or "keras" in sys.modules:
        raise RuntimeError("keras_cnn.threads must run before jax/keras are imported")
    os.environ["KERAS_BACKEND"] = "jax"
    os.environ["JAX_PLATFORMS"] = "cpu"
    cpus = sorted(os.sched_getaffinity(0))
    if n < len(cpus):
        os.sched_setaffinity(0, cpus[:n])


def _keras():
    if os.environ.get("KERAS_BACKEND") != "jax":
        raise RuntimeError("call keras_cnn.threads(n) first: KERAS_BACKEND must be jax")
    import jax
    import keras

    found = {"keras": keras.__version__, "jax": jax.__version__}
    mismatched = {k: (found[k], v) for k, v in PINNED.items() if found[k] != v}
    if mismatched:
        print(f"warning: versions differ from the pinned ones: {mismatched}", file=sys.stderr)
    return keras


def mnist_model():
    """The tutorial's compiled Keras MNIST CNN (600,810 parameters)."""
    keras = _keras()
    from keras import layers

    model = keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(2),
            layers.Flatten(),
            layers.Dense(128, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        loss="categorical_crossentropy",
        optimizer=keras.optimizers.Adam(learning_rate=1e-3, epsilon=1e-7),
        metrics=["accuracy"],
    )
    return model


def mnist_train_step(images, labels):
    """A zero-argument callable: one `train_on_batch` of grey levels `images` (n, 28, 28), scaled
    /255 as the tutorial's `x_train.astype('float32') / 255`, with one-hot `labels`."""
    import numpy as np

    keras = _keras()
    model = mnist_model()
    x = (np.asarray(images, dtype=np.float32) / 255.0)[..., None]
    y = keras.utils.to_categorical(np.asarray(labels, dtype=np.int64), 10)
    return lambda: model.train_on_batch(x, y)


def efficientnetb0_features(images, batch_size):
    """A zero-argument callable: pooled EfficientNetB0 features (n, 1280) of grey `images`
    (n, h, w) in [0, 1], resized to 224 x 224 and repeated to RGB inside the call."""
    import jax
    import numpy as np

    keras = _keras()
    model = keras.applications.EfficientNetB0(
        weights=None, include_top=False, pooling="avg", input_shape=(224, 224, 3)
    )
    grey = np.asarray(images, dtype=np.float32)
    n = grey.shape[0]

    @jax.jit
    def prepare(g):
        # Bilinear with half-pixel centres; enlarging, so the antialiasing filter does nothing.
        up = jax.image.resize(g, (n, 224, 224), method="bilinear")
        return jax.numpy.repeat(up[..., None] * 255.0, 3, axis=-1)

    return lambda: model.predict(np.asarray(prepare(grey)), batch_size=batch_size, verbose=0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    threads(args.threads)
    import numpy as np

    rng = np.random.default_rng(0)
    cases = {
        "mnist_train_step_512": mnist_train_step(
            rng.integers(0, 256, (512, 28, 28)), np.arange(512) % 10
        ),
        "efficientnetb0_features_200": efficientnetb0_features(rng.random((200, 100, 100)), 16),
    }
    print(f"cpus {sorted(os.sched_getaffinity(0))}", flush=True)
    for name, fn in cases.items():
        fn()  # compiles
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        print(f"{name}: median {statistics.median(times):.3f} s of {args.repeat}", flush=True)


if __name__ == "__main__":
    main()
