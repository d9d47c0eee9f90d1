#!/usr/bin/env python3
"""Writes the Fashion-MNIST two-class subset shipped in this folder (Python standard library only).

Selection: from the *test* set (t10k-*), in file order, the first 300 images of class 0
(T-shirt/top) and the first 300 of class 6 (Shirt), kept in their original file order
(interleaved as they occur). Labels keep their original values 0 and 6.

Output: images-idx3-ubyte.gz (600 x 28 x 28, u8) and labels-idx1-ubyte.gz (600, u8), standard
IDX files gzipped with mtime 0 and no file name, so a rerun gives the same bytes.

Usage: python3 make_subset.py [--check] [SOURCE_DIR]   (default /usr/share/datasets/fashion-mnist,
the Debian package dataset-fashion-mnist); run from anywhere, writes next to this script.
With --check nothing is written: the files are regenerated in memory and compared with the
committed ones (exit status 1 on a difference).
"""
import gzip
import io
import os
import struct
import sys

CLASSES = (0, 6)
PER_CLASS = 300


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    assert zero == 0 and dtype == 0x08, (path, zero, dtype)
    dims = struct.unpack(">" + "I" * ndim, data[4 : 4 + 4 * ndim])
    body = data[4 + 4 * ndim :]
    size = 1
    for d in dims:
        size *= d
    assert len(body) == size, (path, len(body), size)
    return dims, body


def idx_gz(dims, body):
    header = struct.pack(">HBB", 0, 0x08, len(dims)) + struct.pack(">" + "I" * len(dims), *dims)
    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
        f.write(header + body)
    return raw.getvalue()


def main():
    args = sys.argv[1:]
    check = "--check" in args
    args = [a for a in args if a != "--check"]
    src = args[0] if args else "/usr/share/datasets/fashion-mnist"
    out = os.path.dirname(os.path.abspath(__file__))
    (n, rows, cols), images = read_idx(os.path.join(src, "t10k-images-idx3-ubyte.gz"))
    (n_labels,), labels = read_idx(os.path.join(src, "t10k-labels-idx1-ubyte.gz"))
    assert n == n_labels
    size = rows * cols
    taken = {c: 0 for c in CLASSES}
    keep = []
    for i, label in enumerate(labels):
        if label in taken and taken[label] < PER_CLASS:
            taken[label] += 1
            keep.append(i)
    assert all(v == PER_CLASS for v in taken.values()), taken
    sub_images = b"".join(images[i * size : (i + 1) * size] for i in keep)
    sub_labels = bytes(labels[i] for i in keep)
    files = {
        "images-idx3-ubyte.gz": idx_gz((len(keep), rows, cols), sub_images),
        "labels-idx1-ubyte.gz": idx_gz((len(keep),), sub_labels),
    }
    print(f"{len(keep)} images; first index {keep[0]}, last index {keep[-1]}")
    differ = False
    for name, data in files.items():
        path = os.path.join(out, name)
        if check:
            with open(path, "rb") as f:
                same = f.read() == data
            print(f"{name}: {'up to date' if same else 'DIFFERS'}")
            differ |= not same
        else:
            with open(path, "wb") as f:
                f.write(data)
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
