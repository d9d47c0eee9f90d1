#!/usr/bin/env python3
"""Writes the Fashion-MNIST two-class subset shipped in this folder (Python standard library only).

Selection: from the *test* set (t10k-*), in file order, the first 300 images of class 0
(T-shirt/top) and the first 300 of class 6 (Shirt), kept in their original file order
(interleaved as they occur). Labels keep their original values 0 and 6.

Output: images-idx3-ubyte.gz (600 x 28 x 28, u8) and labels-idx1-ubyte.gz (600, u8), standard
IDX files gzipped with mtime 0 and no file name, so a rerun gives the same bytes.

Usage: python3 make_subset.py [SOURCE_DIR]   (default /usr/share/datasets/fashion-mnist,
the Debian package dataset-fashion-mnist); run from anywhere, writes next to this script.
"""
import gzip
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


def write_idx_gz(path, dims, body):
    header = struct.pack(">HBB", 0, 0x08, len(dims)) + struct.pack(">" + "I" * len(dims), *dims)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write(header + body)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
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
    write_idx_gz(os.path.join(out, "images-idx3-ubyte.gz"), (len(keep), rows, cols), sub_images)
    write_idx_gz(os.path.join(out, "labels-idx1-ubyte.gz"), (len(keep),), sub_labels)
    print(f"{len(keep)} images; first index {keep[0]}, last index {keep[-1]}")


if __name__ == "__main__":
    main()
