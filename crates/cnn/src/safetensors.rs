//! A reader of the safetensors format (<https://github.com/huggingface/safetensors>): an 8-byte
//! little-endian header length, a JSON header mapping each tensor's name to its dtype, shape and
//! byte range, then the raw little-endian data. Every part is checked, so a truncated or
//! corrupt file is an error naming the file, never a panic.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::{Error, Result};

#[derive(Debug, Clone, Deserialize)]
struct Entry {
    dtype: String,
    shape: Vec<usize>,
    data_offsets: [usize; 2],
}

/// The tensors of one safetensors file, held in memory.
#[derive(Debug, Clone)]
pub struct SafeTensors {
    path: PathBuf,
    entries: BTreeMap<String, Entry>,
    data: Vec<u8>,
}

impl SafeTensors {
    /// Reads and checks the file at `path`.
    ///
    /// # Errors
    /// [`Error::Io`] when it cannot be read; [`Error::Safetensors`] when the header length, the
    /// JSON header or a tensor's byte range is invalid (truncated files included).
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Self::from_bytes(path, bytes)
    }

    fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Self> {
        let bad = |detail: String| Error::Safetensors {
            path: path.to_path_buf(),
            detail,
        };
        let Some(len) = bytes.first_chunk::<8>().map(|b| u64::from_le_bytes(*b)) else {
            return Err(bad(format!(
                "{} bytes, shorter than the 8-byte header length",
                bytes.len()
            )));
        };
        let header_end = usize::try_from(len)
            .ok()
            .and_then(|l| l.checked_add(8))
            .filter(|&end| end <= bytes.len())
            .ok_or_else(|| {
                bad(format!(
                    "header of {len} bytes announced, {} bytes in the file",
                    bytes.len()
                ))
            })?;
        let header: BTreeMap<String, serde_json::Value> =
            serde_json::from_slice(&bytes[8..header_end])
                .map_err(|e| bad(format!("header is not a JSON object: {e}")))?;
        let data_len = bytes.len() - header_end;
        let mut entries = BTreeMap::new();
        for (name, value) in header {
            if name == "__metadata__" {
                continue;
            }
            let entry: Entry =
                serde_json::from_value(value).map_err(|e| bad(format!("tensor `{name}`: {e}")))?;
            let [begin, end] = entry.data_offsets;
            let elem = dtype_size(&entry.dtype)
                .ok_or_else(|| bad(format!("tensor `{name}`: unknown dtype {}", entry.dtype)))?;
            let count = entry
                .shape
                .iter()
                .try_fold(1usize, |acc, &d| acc.checked_mul(d))
                .and_then(|c| c.checked_mul(elem));
            if begin > end || end > data_len || count != Some(end - begin) {
                return Err(bad(format!(
                    "tensor `{name}` ({} {:?}) has byte range {begin}..{end} in {data_len} data \
                     bytes",
                    entry.dtype, entry.shape
                )));
            }
            entries.insert(name, entry);
        }
        let data = bytes[header_end..].to_vec();
        Ok(Self {
            path: path.to_path_buf(),
            entries,
            data,
        })
    }

    /// The file read.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The tensors' names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// The shape of tensor `name`, if present.
    #[must_use]
    pub fn shape(&self, name: &str) -> Option<&[usize]> {
        self.entries.get(name).map(|e| e.shape.as_slice())
    }

    /// Tensor `name` as `f32` values (F32 as stored; F64, F16 and BF16 converted), checked to
    /// have shape `expected`.
    ///
    /// # Errors
    /// [`Error::MissingTensor`] when absent; [`Error::TensorShape`] naming both shapes;
    /// [`Error::Safetensors`] for an integer dtype.
    pub fn f32(&self, name: &str, expected: &[usize]) -> Result<Vec<f32>> {
        let entry = self.entries.get(name).ok_or_else(|| Error::MissingTensor {
            path: self.path.clone(),
            name: name.to_string(),
        })?;
        if entry.shape != expected {
            return Err(Error::TensorShape {
                path: self.path.clone(),
                name: name.to_string(),
                expected: expected.to_vec(),
                found: entry.shape.clone(),
            });
        }
        let raw = &self.data[entry.data_offsets[0]..entry.data_offsets[1]];
        let values = match entry.dtype.as_str() {
            "F32" => raw
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
            "F64" => raw
                .chunks_exact(8)
                .map(|c| {
                    f64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]) as f32
                })
                .collect(),
            "BF16" => raw
                .chunks_exact(2)
                .map(|c| f32::from_bits(u32::from(u16::from_le_bytes([c[0], c[1]])) << 16))
                .collect(),
            "F16" => raw
                .chunks_exact(2)
                .map(|c| f16_to_f32(u16::from_le_bytes([c[0], c[1]])))
                .collect(),
            other => {
                return Err(Error::Safetensors {
                    path: self.path.clone(),
                    detail: format!("tensor `{name}` has dtype {other}, not a float type"),
                });
            }
        };
        Ok(values)
    }
}

fn dtype_size(dtype: &str) -> Option<usize> {
    Some(match dtype {
        "BOOL" | "U8" | "I8" | "F8_E5M2" | "F8_E4M3" => 1,
        "I16" | "U16" | "F16" | "BF16" => 2,
        "I32" | "U32" | "F32" => 4,
        "I64" | "U64" | "F64" => 8,
        _ => return None,
    })
}

/// IEEE half to single precision (exact).
fn f16_to_f32(h: u16) -> f32 {
    let sign = u32::from(h >> 15) << 31;
    let exp = u32::from((h >> 10) & 0x1f);
    let man = u32::from(h & 0x3ff);
    let bits = match (exp, man) {
        (0, 0) => sign,
        (0, m) => {
            // Subnormal: value = m * 2^-24.
            let v = m as f32 * f32::from_bits(0x3380_0000);
            return if sign != 0 { -v } else { v };
        }
        (0x1f, 0) => sign | 0x7f80_0000,
        (0x1f, m) => sign | 0x7f80_0000 | (m << 13),
        (e, m) => sign | ((e + 112) << 23) | (m << 13),
    };
    f32::from_bits(bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(header: &str, data: &[u8]) -> Vec<u8> {
        let mut v = (header.len() as u64).to_le_bytes().to_vec();
        v.extend_from_slice(header.as_bytes());
        v.extend_from_slice(data);
        v
    }

    #[test]
    fn reads_f32_f64_f16_bf16_and_checks_shapes() {
        let mut data = Vec::new();
        for v in [1.5f32, -2.0] {
            data.extend_from_slice(&v.to_le_bytes());
        }
        data.extend_from_slice(&0.25f64.to_le_bytes());
        data.extend_from_slice(&0x3c00u16.to_le_bytes()); // f16 1.0
        data.extend_from_slice(&0xc000u16.to_le_bytes()); // f16 -2.0
        data.extend_from_slice(&0x3f80u16.to_le_bytes()); // bf16 1.0
        let header = r#"{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F64","shape":[1,1],"data_offsets":[8,16]},"c":{"dtype":"F16","shape":[2],"data_offsets":[16,20]},"d":{"dtype":"BF16","shape":[],"data_offsets":[20,22]}}"#;
        let st = SafeTensors::from_bytes(Path::new("x.safetensors"), file(header, &data)).unwrap();
        assert_eq!(st.f32("a", &[2]).unwrap(), vec![1.5, -2.0]);
        assert_eq!(st.f32("b", &[1, 1]).unwrap(), vec![0.25]);
        assert_eq!(st.f32("c", &[2]).unwrap(), vec![1.0, -2.0]);
        assert_eq!(st.f32("d", &[]).unwrap(), vec![1.0]);
        assert_eq!(st.names().collect::<Vec<_>>(), vec!["a", "b", "c", "d"]);
        match st.f32("a", &[1, 2]) {
            Err(Error::TensorShape {
                name,
                expected,
                found,
                ..
            }) => {
                assert_eq!(name, "a");
                assert_eq!(expected, vec![1, 2]);
                assert_eq!(found, vec![2]);
            }
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(st.f32("zz", &[1]), Err(Error::MissingTensor { name, .. }) if name == "zz")
        );
    }

    #[test]
    fn f16_conversion_is_exact() {
        assert_eq!(f16_to_f32(0x0001), 2f32.powi(-24));
        assert_eq!(f16_to_f32(0x7bff), 65504.0);
        assert_eq!(f16_to_f32(0x8000).to_bits(), (-0.0f32).to_bits());
        assert!(f16_to_f32(0x7c00).is_infinite());
        assert!(f16_to_f32(0x7e00).is_nan());
    }

    #[test]
    fn damaged_files_are_errors_not_panics() {
        let p = Path::new("bad.safetensors");
        let header = r#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#;
        let good = file(header, &[0u8; 8]);
        // Every truncation of a valid file is refused.
        for cut in 0..good.len() {
            assert!(
                matches!(
                    SafeTensors::from_bytes(p, good[..cut].to_vec()),
                    Err(Error::Safetensors { .. })
                ),
                "cut at {cut}"
            );
        }
        for header in [
            r#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#,
            r#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[4,0]}}"#,
            r#"{"a":{"dtype":"Q7","shape":[2],"data_offsets":[0,8]}}"#,
            r#"{"a":{"dtype":"F32","shape":[2]}}"#,
            r#"[1,2]"#,
            "not json",
        ] {
            assert!(
                matches!(
                    SafeTensors::from_bytes(p, file(header, &[0u8; 8])),
                    Err(Error::Safetensors { .. })
                ),
                "{header}"
            );
        }
        let mut huge = u64::MAX.to_le_bytes().to_vec();
        huge.extend_from_slice(b"{}");
        assert!(matches!(
            SafeTensors::from_bytes(p, huge),
            Err(Error::Safetensors { .. })
        ));
    }
}
