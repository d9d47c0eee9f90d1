"""Throughput of sigfeat.dask on a distributed.LocalCluster: 1 worker process against 2, each
with one thread (RAYON_NUM_THREADS=1 in the workers), on the MiniRocket job of issue 18
(MiniRocket features, 10 000 kernels, of UCR GunPoint's test series tiled to N series).

Run it in the bench environment with the release wheel and dask installed
(`cargo xtask bench --venv --wheel` builds the wheel; dask is in requirements.txt):

    .venv/bin/python benches/python/dask_scaling.py [--series 6000] [--repeat 3]

Prints series per second for each cluster size and the speed-up; the features of both runs are
checked equal to the single-process transform.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]


def load_ts(path):
    """Univariate, equal-length `.ts`: the series as rows (labels dropped)."""
    rows, in_data = [], False
    for line in Path(path).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.lower().startswith("@data"):
            in_data = True
            continue
        if in_data and not line.startswith("@"):
            rows.append([float(v) for v in line.rsplit(":", 1)[0].split(",")])
    return np.array(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--series", type=int, default=6000)
    ap.add_argument("--chunk", type=int, default=250)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path, help="write the figures here as JSON")
    args = ap.parse_args()

    import dask.array as da
    import distributed

    import sigfeat.dask
    from sigfeat.timeseries import MiniRocket

    ucr = ROOT / "datasets" / "ucr" / "GunPoint"
    train = load_ts(ucr / "GunPoint_TRAIN.ts")
    test = load_ts(ucr / "GunPoint_TEST.ts")
    reps = -(-args.series // len(test))
    X = np.tile(test, (reps, 1))[: args.series]
    model = MiniRocket(random_state=0).fit(train)
    want = model.transform(X[: args.chunk])

    result = {"series": int(X.shape[0]), "length": int(X.shape[1]), "features": int(len(model.biases_))}
    for workers in (1, 2):
        cluster = distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            env={"RAYON_NUM_THREADS": "1"},
        )
        client = distributed.Client(cluster)
        data = da.from_array(X, chunks=(args.chunk, -1)).persist()
        distributed.wait(data)
        features = sigfeat.dask.transform(model, data)
        np.testing.assert_array_equal(features[: args.chunk].compute(), want)
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            features.sum().compute()
            best = min(best, time.perf_counter() - t0)
        client.close()
        cluster.close()
        rate = X.shape[0] / best
        result[f"workers_{workers}_s"] = best
        result[f"workers_{workers}_series_per_s"] = rate
        print(f"{workers} worker(s): {best:.3f} s for {X.shape[0]} series = {rate:.0f} series/s")
    result["speedup"] = result["workers_1_s"] / result["workers_2_s"]
    result["cpus"] = os.cpu_count()
    print(f"speed-up of 2 workers over 1: {result['speedup']:.2f}x ({os.cpu_count()} CPUs)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
