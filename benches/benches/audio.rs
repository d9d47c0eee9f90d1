//! Audio decoding on a voice set's worth of files: 600 mono 16-bit WAVs of half a second at
//! 8 kHz (seeded noise written once under `target/bench-inputs/`, never read from outside the
//! repository):
//!
//! - `datasets::read_audio::<f32>` of every file, one after another;
//! - `SpeechDataset::load::<f32>` of the same folder (rayon over files).
//!
//! Python reference (`benches/python/compare.py`, single-threaded): `soundfile.read(f,
//! dtype="float32")` of every file, and `scipy.io.wavfile.read` of every file scaled to
//! `float32`.
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use datasets::{AudioOptions, LoadOptions, SpeechDataset, read_audio};
use sigfeat_benches::registry::audio::{FILES, FRAMES, GROUP, LOAD_PARALLEL, RATE, READ};
use sigfeat_benches::{SEED, wav_folder};

/// mimalloc, as in every binary of this workspace: with glibc's allocator each output over
/// 32 MiB is a fresh mapping, page-faulted and zeroed by the kernel on every call (a quarter
/// of a 2048x2048 f64 Gaussian's time).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn decode(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/bench-inputs")
        .join(format!("wav_{FILES}x{FRAMES}_{RATE}hz_{SEED}"));
    let root = wav_folder(&dir, FILES, FRAMES, RATE, SEED);
    let set = SpeechDataset::from_voice_folders(&root).expect("the bench folder was just written");
    assert_eq!(set.len(), FILES);
    let mut g = c.benchmark_group(GROUP);
    g.sample_size(20);
    g.bench_function(READ, |b| {
        b.iter(|| {
            for p in &set.paths {
                black_box(read_audio::<f32>(p).expect("bench WAV decodes"));
            }
        })
    });
    g.bench_function(LOAD_PARALLEL, |b| {
        let (audio, load) = (AudioOptions::new(), LoadOptions::new());
        b.iter(|| black_box(set.load::<f32>(&audio, &load).expect("bench WAVs decode")))
    });
    g.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
