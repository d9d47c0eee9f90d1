//! IDX (MNIST) files written byte by byte by the test: every element type, gzip, and every
//! error path; then the shipped data sets.

use std::io::Write;
use std::path::{Path, PathBuf};

use datasets::{
    Error, FASHION_MNIST_SYSTEM_DIR, IdxArray, MNIST_SHA256, MnistSplit,
    bundled_fashion_mnist_pair, bundled_lfw_subset, bundled_mnist, fashion_mnist_system_dir,
    load_mnist_like, read_idx, read_idx_checked, read_idx_images, read_idx_labels,
};
use ndarray::{ArrayD, IxDyn, array};

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("datasets-idx");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir = tmp(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn header(ty: u8, dims: &[u32]) -> Vec<u8> {
    let mut v = vec![0, 0, ty, dims.len() as u8];
    for d in dims {
        v.extend_from_slice(&d.to_be_bytes());
    }
    v
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let p = tmp(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn every_element_type_reads_big_endian_row_major() {
    let mut b = header(0x08, &[2, 3]);
    b.extend_from_slice(&[0, 1, 2, 253, 254, 255]);
    let a = read_idx(write("u8.idx", &b)).unwrap();
    assert_eq!(
        a,
        IdxArray::U8(array![[0u8, 1, 2], [253, 254, 255]].into_dyn())
    );
    assert_eq!(a.dtype(), "u8");
    assert_eq!(a.shape(), &[2, 3]);

    let mut b = header(0x09, &[3]);
    b.extend_from_slice(&[0x80, 0xFF, 0x7F]);
    assert_eq!(
        read_idx(write("i8.idx", &b)).unwrap(),
        IdxArray::I8(array![-128i8, -1, 127].into_dyn())
    );

    let mut b = header(0x0B, &[2]);
    b.extend_from_slice(&(-2i16).to_be_bytes());
    b.extend_from_slice(&300i16.to_be_bytes());
    assert_eq!(
        read_idx(write("i16.idx", &b)).unwrap(),
        IdxArray::I16(array![-2i16, 300].into_dyn())
    );

    let mut b = header(0x0C, &[1, 2]);
    b.extend_from_slice(&(-70000i32).to_be_bytes());
    b.extend_from_slice(&i32::MAX.to_be_bytes());
    assert_eq!(
        read_idx(write("i32.idx", &b)).unwrap(),
        IdxArray::I32(array![[-70000i32, i32::MAX]].into_dyn())
    );

    let mut b = header(0x0D, &[2]);
    b.extend_from_slice(&1.5f32.to_be_bytes());
    b.extend_from_slice(&(-0.25f32).to_be_bytes());
    let a = read_idx(write("f32.idx", &b)).unwrap();
    assert_eq!(a, IdxArray::F32(array![1.5f32, -0.25].into_dyn()));
    assert_eq!(a.to_f64(), array![1.5, -0.25].into_dyn());

    let mut b = header(0x0E, &[2, 1, 1]);
    b.extend_from_slice(&std::f64::consts::PI.to_be_bytes());
    b.extend_from_slice(&1e-300f64.to_be_bytes());
    assert_eq!(
        read_idx(write("f64.idx", &b)).unwrap(),
        IdxArray::F64(
            ArrayD::from_shape_vec(IxDyn(&[2, 1, 1]), vec![std::f64::consts::PI, 1e-300]).unwrap()
        )
    );

    // Zero dimensions: one scalar.
    let mut b = header(0x08, &[]);
    b.push(42);
    assert_eq!(
        read_idx(write("scalar.idx", &b)).unwrap().shape(),
        &[] as &[usize]
    );
}

#[test]
fn gzip_is_inflated_and_images_labels_have_their_shapes() {
    let mut b = header(0x08, &[2, 2, 3]);
    b.extend(0..12u8);
    let p = write("images.gz", &gzip(&b));
    let images = read_idx_images(&p).unwrap();
    assert_eq!(images.dim(), (2, 2, 3));
    assert_eq!(images[[1, 0, 2]], 8);
    // Gzip is recognised by its magic, not the name.
    let p = write("images-no-suffix", &gzip(&b));
    assert_eq!(read_idx_images(&p).unwrap(), images);

    let mut b = header(0x08, &[4]);
    b.extend_from_slice(&[3, 1, 4, 1]);
    assert_eq!(
        read_idx_labels(write("labels", &b)).unwrap(),
        array![3u8, 1, 4, 1]
    );

    // Right format, wrong kind.
    match read_idx_labels(&p) {
        Err(Error::IdxKind { shape, dtype, .. }) => {
            assert_eq!(shape, vec![2, 2, 3]);
            assert_eq!(dtype, "u8");
        }
        other => panic!("{other:?}"),
    }
    let mut b = header(0x0D, &[1, 1, 1]);
    b.extend_from_slice(&[0; 4]);
    assert!(matches!(
        read_idx_images(write("f32-images", &b)),
        Err(Error::IdxKind { dtype: "f32", .. })
    ));
}

#[test]
fn damaged_files_are_typed_errors_naming_the_file() {
    let p = write("magic", &[1, 0, 8, 1, 0, 0, 0, 0]);
    match read_idx(&p) {
        Err(Error::IdxMagic { path, magic }) => {
            assert_eq!(path, p);
            assert_eq!(magic, [1, 0, 8, 1]);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        read_idx(write("type", &[0, 0, 0x0A, 0])),
        Err(Error::IdxType { byte: 0x0A, .. })
    ));
    assert!(matches!(
        read_idx(write("short", &[0, 0])),
        Err(Error::IdxHeader {
            needed: 4,
            got: 2,
            ..
        })
    ));
    let mut b = header(0x08, &[2, 2]);
    b.truncate(9);
    assert!(matches!(
        read_idx(write("short-dims", &b)),
        Err(Error::IdxHeader {
            needed: 12,
            got: 9,
            ..
        })
    ));

    let mut b = header(0x0B, &[3]);
    b.extend_from_slice(&[0; 5]);
    let e = read_idx(write("truncated", &b)).unwrap_err();
    assert!(
        matches!(
            e,
            Error::IdxDataLength {
                expected: 6,
                got: 5,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("truncated"), "{e}");

    let mut b = header(0x08, &[3]);
    b.extend_from_slice(&[0; 4]);
    let e = read_idx(write("trailing", &b)).unwrap_err();
    assert!(
        matches!(
            e,
            Error::IdxDataLength {
                expected: 3,
                got: 4,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("trailing bytes refused"), "{e}");

    let b = header(0x0E, &[u32::MAX, u32::MAX, u32::MAX]);
    assert!(matches!(
        read_idx(write("overflow", &b)),
        Err(Error::IdxOverflow { .. })
    ));

    let mut b = header(0x08, &[100]);
    b.extend_from_slice(&[7; 100]);
    let mut gz = gzip(&b);
    let cut = write("cut.gz", &gz[..gz.len() / 2]);
    assert!(matches!(read_idx(&cut), Err(Error::Gzip { .. })));
    let n = gz.len();
    for x in &mut gz[10..n - 8] {
        *x ^= 0x5A;
    }
    let bad = write("corrupt.gz", &gz);
    match read_idx(&bad) {
        Err(Error::Gzip { path, .. }) => assert_eq!(path, bad),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        read_idx(tmp("missing")),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn mnist_like_folders_read_both_splits_and_check_counts() {
    let dir = fresh_dir("mnist");
    let mut images = header(0x08, &[3, 2, 2]);
    images.extend(0..12u8);
    let mut labels = header(0x08, &[3]);
    labels.extend_from_slice(&[5, 0, 4]);
    // Train plain, test gzipped.
    std::fs::write(dir.join("train-images-idx3-ubyte"), &images).unwrap();
    std::fs::write(dir.join("train-labels-idx1-ubyte"), &labels).unwrap();
    std::fs::write(dir.join("t10k-images-idx3-ubyte.gz"), gzip(&images)).unwrap();
    std::fs::write(dir.join("t10k-labels-idx1-ubyte.gz"), gzip(&labels)).unwrap();
    let (x, y) = load_mnist_like(&dir, MnistSplit::Train).unwrap();
    assert_eq!(x.dim(), (3, 2, 2));
    assert_eq!(y, array![5u8, 0, 4]);
    assert_eq!(load_mnist_like(&dir, MnistSplit::Test).unwrap(), (x, y));

    let mut short = header(0x08, &[2]);
    short.extend_from_slice(&[1, 2]);
    std::fs::write(dir.join("train-labels-idx1-ubyte"), &short).unwrap();
    match load_mnist_like(&dir, MnistSplit::Train) {
        Err(Error::CountMismatch {
            n_images, n_labels, ..
        }) => assert_eq!((n_images, n_labels), (3, 2)),
        other => panic!("{other:?}"),
    }
    let empty = fresh_dir("mnist-empty");
    match load_mnist_like(&empty, MnistSplit::Test) {
        Err(Error::NotFound { path }) => {
            assert_eq!(path, empty.join("t10k-images-idx3-ubyte"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bundled_lfw_subset_is_skimages() {
    let (x, y) = bundled_lfw_subset().unwrap();
    assert_eq!(x.dim(), (200, 25, 25));
    assert_eq!(y.len(), 200);
    assert!(y[..100].iter().all(|&l| l == 1));
    assert!(y[100..].iter().all(|&l| l == 0));
    assert!(x.iter().all(|&v| (0.0..=1.0).contains(&v)));
    // Checksums of numpy.load("lfw_subset.npy"): sum, sum of squares, sum of faces.
    let sum: f64 = x.sum();
    let sq: f64 = x.iter().map(|v| v * v).sum();
    let faces: f64 = x
        .slice_axis(ndarray::Axis(0), ndarray::Slice::from(..100))
        .sum();
    assert!((sum - LFW_SUM).abs() < 1e-6, "{sum}");
    assert!((sq - LFW_SQ).abs() < 1e-6, "{sq}");
    assert!((faces - LFW_FACES).abs() < 1e-6, "{faces}");
}

// numpy 2.2.6: x.sum(), (x * x).sum(), x[:100].sum() (pairwise sums; ours sequential, so the
// comparison allows 1e-6).
const LFW_SUM: f64 = 47138.23963236471;
const LFW_SQ: f64 = 27076.00562029418;
const LFW_FACES: f64 = 28389.666748711606;

#[test]
fn bundled_fashion_mnist_pair_is_the_first_300_of_each_class() {
    let (x, y) = bundled_fashion_mnist_pair().unwrap();
    assert_eq!(x.dim(), (600, 28, 28));
    assert_eq!(y.len(), 600);
    assert_eq!(y.iter().filter(|&&l| l == 0).count(), 300);
    assert_eq!(y.iter().filter(|&&l| l == 6).count(), 300);
    // Checksums from the files' bytes (python: sum(images), labels[:8]).
    let sum: u64 = x.iter().map(|&v| u64::from(v)).sum();
    assert_eq!(sum, FASHION_SUM);
    assert_eq!(&y[..8], FASHION_FIRST_LABELS);

    // Where the Debian package is installed, the subset is its test set's selection.
    if let Some(dir) = fashion_mnist_system_dir() {
        assert_eq!(dir, Path::new(FASHION_MNIST_SYSTEM_DIR));
        let (tx, ty) = load_mnist_like(&dir, MnistSplit::Test).unwrap();
        assert_eq!(tx.dim(), (10000, 28, 28));
        let keep: Vec<usize> = {
            let mut taken = [0usize; 2];
            (0..ty.len())
                .filter(|&i| {
                    let slot = match ty[i] {
                        0 => 0,
                        6 => 1,
                        _ => return false,
                    };
                    taken[slot] += 1;
                    taken[slot] <= 300
                })
                .collect()
        };
        assert_eq!(keep.len(), 600);
        for (k, &i) in keep.iter().enumerate() {
            assert_eq!(usize::from(ty[i]), y[k]);
            assert_eq!(
                tx.index_axis(ndarray::Axis(0), i),
                x.index_axis(ndarray::Axis(0), k)
            );
        }
    }
}

// Python's gzip: sum of the image bytes, the first eight labels.
const FASHION_SUM: u64 = 39485023;
const FASHION_FIRST_LABELS: &[usize] = &[6, 6, 0, 6, 0, 0, 6, 6];

#[test]
fn checked_reads_compare_the_inflated_contents_digest() {
    // SHA-256("abc") is the FIPS 180-2 example digest; here the "file" is an IDX of bytes "abc".
    let mut bytes = header(0x08, &[3]);
    bytes.extend_from_slice(b"abc");
    use sha2::Digest as _;
    let digest: String = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let plain = write("checked.idx", &bytes);
    let packed = write("checked.idx.gz", &gzip(&bytes));
    for path in [&plain, &packed] {
        let a = read_idx_checked(path, &digest.to_uppercase()).unwrap();
        assert_eq!(
            a,
            IdxArray::U8(ArrayD::from_shape_vec(IxDyn(&[3]), b"abc".to_vec()).unwrap())
        );
    }
    let wrong = "0".repeat(64);
    match read_idx_checked(&packed, &wrong) {
        Err(Error::Checksum {
            path,
            expected,
            found,
        }) => {
            assert_eq!(path, packed);
            assert_eq!(expected, wrong);
            assert_eq!(found, digest);
        }
        other => panic!("expected a checksum error, got {other:?}"),
    }
}

#[test]
fn bundled_mnist_is_the_canonical_set() {
    let (train, train_labels) = bundled_mnist(MnistSplit::Train).unwrap();
    let (test, test_labels) = bundled_mnist(MnistSplit::Test).unwrap();
    assert_eq!(train.dim(), (60000, 28, 28));
    assert_eq!(test.dim(), (10000, 28, 28));
    let counts = |labels: &ndarray::Array1<u8>| {
        let mut c = [0usize; 10];
        for &l in labels {
            c[usize::from(l)] += 1;
        }
        c
    };
    // The class counts the data set's documentation gives.
    assert_eq!(
        counts(&train_labels),
        [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    );
    assert_eq!(
        counts(&test_labels),
        [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    );
    // The first test digit is a 7, the first training digit a 5 (keras.datasets.mnist).
    assert_eq!((test_labels[0], train_labels[0]), (7, 5));
    assert_eq!(MNIST_SHA256.len(), 4);
}
