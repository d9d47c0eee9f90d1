//! The error type of `datasets`: what went wrong reading or writing a file.

use std::path::PathBuf;

/// What went wrong while reading or writing a data file.
///
/// Every file variant names the file, so the message alone tells the user which
/// one to look at; the length variants name the series.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file (or folder) does not exist.
    #[error("{path}: no such file or folder")]
    NotFound {
        /// The path asked for.
        path: PathBuf,
    },
    /// Any other operating-system error while opening, reading or writing.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not a format this crate reads (PNG, JPEG, TIFF and BMP only).
    #[error("{path}: not a PNG, JPEG, TIFF or BMP file (unrecognised or unsupported format)")]
    UnknownFormat {
        /// The file read.
        path: PathBuf,
    },
    /// The file ends before the image data does.
    #[error("{path}: truncated image file ({detail})")]
    Truncated {
        /// The file read.
        path: PathBuf,
        /// The decoder's message.
        detail: String,
    },
    /// The file has a known format but its contents are invalid.
    #[error("{path}: corrupt image file ({detail})")]
    Corrupt {
        /// The file read.
        path: PathBuf,
        /// The decoder's message.
        detail: String,
    },
    /// An image with a zero-length side, which cannot be written.
    #[error("cannot write an empty image of shape {shape:?} to {path}")]
    EmptyImage {
        /// The file that would have been written.
        path: PathBuf,
        /// The shape passed.
        shape: Vec<usize>,
    },
    /// An image array whose shape no PNG can hold (e.g. a third axis of length other than 3).
    #[error("cannot write an array of shape {shape:?} to {path}: {expected}")]
    BadShape {
        /// The file that would have been written.
        path: PathBuf,
        /// The shape passed.
        shape: Vec<usize>,
        /// What a valid shape looks like.
        expected: &'static str,
    },
    /// A folder data set whose layout is not one folder per class.
    #[error("{path}: {detail}")]
    BadLayout {
        /// The folder read.
        path: PathBuf,
        /// What is wrong with it.
        detail: String,
    },
    /// The encoder refused the image.
    #[error("{path}: cannot encode image ({detail})")]
    Encode {
        /// The file that would have been written.
        path: PathBuf,
        /// The encoder's message.
        detail: String,
    },
    /// A data file whose text does not follow its format (a bad number, a missing label, an
    /// unknown header, a truncated line).
    #[error("{path}:{line}: {detail}")]
    Parse {
        /// The file read.
        path: PathBuf,
        /// 1-based line number of the offending line.
        line: usize,
        /// What is wrong with it.
        detail: String,
    },
    /// A series whose length differs from the one the file declares (or from the first
    /// series', where all must be equal).
    #[error("{path}:{line}: series has {got} value(s), expected {expected}")]
    LengthMismatch {
        /// The file read.
        path: PathBuf,
        /// 1-based line number of the series.
        line: usize,
        /// The length declared or set by the first series.
        expected: usize,
        /// The length found.
        got: usize,
    },
    /// A valid file using a feature this reader does not support (multivariate or time-stamped
    /// series).
    #[error("{path}: unsupported {feature}")]
    Unsupported {
        /// The file read.
        path: PathBuf,
        /// What is not supported.
        feature: String,
    },
    /// A series that cannot be brought to the length asked for without losing or inventing
    /// values ([`crate::pad`] of a longer series, [`crate::truncate`] of a shorter one,
    /// [`crate::resample`] of an empty one).
    #[error("cannot {op} series {index} ({len} value(s)) to length {length}")]
    SeriesLength {
        /// Index of the series in the slice passed.
        index: usize,
        /// Its length.
        len: usize,
        /// `"pad"`, `"truncate"` or `"resample"`.
        op: &'static str,
        /// The length asked for.
        length: usize,
    },
    /// One file of a folder data set that could not be read or processed (decoded, or
    /// refused by the function applied to it); with [`crate::OnError::Fail`].
    #[error("{path}: {reason}")]
    Item {
        /// The file.
        path: PathBuf,
        /// What went wrong (the decoder's or the function's message).
        reason: String,
    },
    /// A file that is not IDX: the first two bytes must be zero.
    #[error("{path}: not an IDX file (magic bytes {magic:02x?}, expected [00, 00, type, ndim])")]
    IdxMagic {
        /// The file read.
        path: PathBuf,
        /// Its first four bytes.
        magic: [u8; 4],
    },
    /// An IDX type byte other than 0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E.
    #[error("{path}: unknown IDX element type 0x{byte:02x}")]
    IdxType {
        /// The file read.
        path: PathBuf,
        /// The type byte found.
        byte: u8,
    },
    /// An IDX file shorter than its header (4 bytes plus 4 per dimension).
    #[error("{path}: truncated IDX header: {got} byte(s), the header needs {needed}")]
    IdxHeader {
        /// The file read.
        path: PathBuf,
        /// Bytes the header needs.
        needed: usize,
        /// Bytes in the (decompressed) file.
        got: usize,
    },
    /// IDX data shorter or longer than the dimensions say. Trailing bytes are refused, not
    /// ignored: they mean the header and the data disagree.
    #[error("{path}: IDX data has {got} byte(s), the dimensions {dims:?} need {expected} ({})",
        if got < expected { "truncated" } else { "trailing bytes refused" })]
    IdxDataLength {
        /// The file read.
        path: PathBuf,
        /// The dimensions in the header.
        dims: Vec<usize>,
        /// Data bytes the dimensions need.
        expected: usize,
        /// Data bytes found after the header.
        got: usize,
    },
    /// IDX dimensions whose product (in bytes) overflows `usize`.
    #[error("{path}: IDX dimensions {dims:?} overflow the addressable size")]
    IdxOverflow {
        /// The file read.
        path: PathBuf,
        /// The dimensions in the header.
        dims: Vec<usize>,
    },
    /// A valid IDX file of another element type or rank than the reader expects.
    #[error("{path}: IDX array of type {dtype} and shape {shape:?}, expected {expected}")]
    IdxKind {
        /// The file read.
        path: PathBuf,
        /// Its element type.
        dtype: &'static str,
        /// Its shape.
        shape: Vec<usize>,
        /// What the reader expects.
        expected: &'static str,
    },
    /// A gzip stream that cannot be inflated (corrupt or cut off).
    #[error("{path}: corrupt gzip data ({detail})")]
    Gzip {
        /// The file read.
        path: PathBuf,
        /// The inflater's message.
        detail: String,
    },
    /// A file whose (inflated) contents have another SHA-256 than the one published for it.
    #[error("{path}: SHA-256 of the contents is {found}, expected {expected}")]
    Checksum {
        /// The file read.
        path: PathBuf,
        /// The published digest (hex).
        expected: String,
        /// The digest of the bytes read (hex).
        found: String,
    },
    /// An image file and a label file of different lengths.
    #[error("{images} holds {n_images} image(s) but {labels} holds {n_labels} label(s)")]
    CountMismatch {
        /// The image file.
        images: PathBuf,
        /// Its number of images.
        n_images: usize,
        /// The label file.
        labels: PathBuf,
        /// Its number of labels.
        n_labels: usize,
    },
    /// An `.npy` file that cannot be read as the array expected.
    #[error("{path}: cannot read .npy ({detail})")]
    Npy {
        /// The file read.
        path: PathBuf,
        /// The reader's message.
        detail: String,
    },
    /// Bytes that no audio reader recognises (not WAV, FLAC, Ogg or MP3), or a container with
    /// no audio track.
    #[error("{path}: not a WAV, FLAC, Ogg Vorbis or MP3 file ({detail})")]
    AudioFormat {
        /// The file read.
        path: PathBuf,
        /// The prober's message.
        detail: String,
    },
    /// A recognised container whose codec or feature this crate is not built to decode (e.g. a
    /// WAV holding ADPCM or GSM, chained Ogg streams).
    #[error("{path}: unsupported audio ({detail})")]
    AudioUnsupported {
        /// The file read.
        path: PathBuf,
        /// What is not supported.
        detail: String,
    },
    /// An audio file that ends before its audio data does (fewer frames than its header
    /// declares, or a stream cut inside a packet).
    #[error("{path}: truncated audio file ({detail})")]
    AudioTruncated {
        /// The file read.
        path: PathBuf,
        /// What was missing.
        detail: String,
    },
    /// An audio file of a known format whose contents do not decode.
    #[error("{path}: corrupt audio file ({detail})")]
    AudioCorrupt {
        /// The file read.
        path: PathBuf,
        /// The decoder's message.
        detail: String,
    },
    /// An audio file that decodes to zero frames, where audio is needed.
    #[error("{path}: the file holds no audio frames")]
    EmptyAudio {
        /// The file read.
        path: PathBuf,
    },
    /// Audio samples that cannot be processed as asked (silent signal to normalise, NaN or
    /// infinite samples, no frames, a zero sample rate, a shape that is not channels x frames).
    #[error("{what}: {detail}")]
    InvalidAudio {
        /// What was passed (`"signal"`, `"sample rate"`, ...).
        what: &'static str,
        /// What is wrong with it.
        detail: String,
    },
    /// The WAV writer refused the samples or the file.
    #[error("{path}: cannot write WAV ({detail})")]
    WavWrite {
        /// The file that would have been written.
        path: PathBuf,
        /// The writer's message.
        detail: String,
    },
    /// A speech data set whose metadata and folder disagree: a row naming a missing file, a
    /// duplicate row, a file with no row.
    #[error("{csv}:{line}: {detail}")]
    Metadata {
        /// The metadata CSV.
        csv: PathBuf,
        /// 1-based line of the offending row (0 when it concerns a file with no row).
        line: usize,
        /// What is wrong, naming the audio file.
        detail: String,
    },
    /// A target length of zero.
    #[error("cannot bring series to length {length}: at least one value is needed")]
    InvalidLength {
        /// The length asked for.
        length: usize,
    },
}

/// `Result` with `datasets`' [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error, telling a missing file apart from other failures.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        let path = path.into();
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::NotFound { path }
        } else {
            Error::Io { path, source }
        }
    }
}
