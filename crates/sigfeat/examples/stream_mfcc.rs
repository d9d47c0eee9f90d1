//! A long recording through MFCC in bounded memory: writes a 10-minute 22.05 kHz 16-bit mono WAV
//! (a seeded chirp with noise, written block by block) under `target/stream_mfcc/`, then decodes
//! it block by block ([`datasets::AudioReader`]) into an [`features_1d::MfccStream`] (librosa's
//! defaults with `top_db` off, which needs the whole signal), and prints the frames, the time and
//! the process's peak resident memory (`VmHWM`, Linux).
//!
//! `cargo run --release -p sigfeat --example stream_mfcc [-- MINUTES]`

use std::io::{BufWriter, Write};
use std::time::Instant;

use sigfeat::datasets::AudioReader;
use sigfeat::features_1d::{DbParams, Mfcc, MfccParams};

/// The process's peak resident set in MiB (`None` off Linux).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Writes `n` samples of a chirp plus noise as a 16-bit mono WAV, 65536 samples at a time.
fn write_long_wav(path: &std::path::Path, n: u32, sr: u32) -> std::io::Result<()> {
    let mut w = BufWriter::new(std::fs::File::create(path)?);
    let data = n * 2;
    w.write_all(b"RIFF")?;
    w.write_all(&(36 + data).to_le_bytes())?;
    w.write_all(b"WAVEfmt ")?;
    w.write_all(&16u32.to_le_bytes())?;
    w.write_all(&1u16.to_le_bytes())?; // PCM
    w.write_all(&1u16.to_le_bytes())?; // mono
    w.write_all(&sr.to_le_bytes())?;
    w.write_all(&(sr * 2).to_le_bytes())?;
    w.write_all(&2u16.to_le_bytes())?;
    w.write_all(&16u16.to_le_bytes())?;
    w.write_all(b"data")?;
    w.write_all(&data.to_le_bytes())?;
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut block = Vec::with_capacity(1 << 17);
    for i in 0..n {
        let t = f64::from(i) / f64::from(sr);
        // A chirp sweeping 100 Hz to 4 kHz every 10 s, plus uniform noise.
        let phase = 2.0 * std::f64::consts::PI * (100.0 * t + 195.0 * (t % 10.0).powi(2));
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let noise = (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5;
        let v = 0.5 * phase.sin() + 0.1 * noise;
        block.extend_from_slice(&((v * 32767.0) as i16).to_le_bytes());
        if block.len() >= 1 << 17 {
            w.write_all(&block)?;
            block.clear();
        }
    }
    w.write_all(&block)?;
    w.flush()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let minutes: f64 = std::env::args()
        .nth(1)
        .map(|m| m.parse())
        .transpose()?
        .unwrap_or(10.0);
    let sr = 22_050;
    let n = (minutes * 60.0 * f64::from(sr)) as u32;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/stream_mfcc");
    std::fs::create_dir_all(dir)?;
    let path = std::path::Path::new(dir).join("long.wav");
    write_long_wav(&path, n, sr)?;
    let before = peak_rss_mib();

    let mfcc = Mfcc::<f32>::new(MfccParams::default().db(DbParams::default().top_db(None)))?;
    let t = Instant::now();
    let mut reader = AudioReader::open(&path)?;
    let mut stream = mfcc.stream()?;
    let (mut frames, mut blocks, mut sum) = (0usize, 0usize, 0.0f64);
    while let Some(block) = reader.next_block::<f32>()? {
        blocks += 1;
        let m = stream.push(block.row(0))?;
        frames += m.ncols();
        sum += m.iter().map(|&v| f64::from(v)).sum::<f64>();
    }
    let last = stream.finish()?;
    frames += last.ncols();
    sum += last.iter().map(|&v| f64::from(v)).sum::<f64>();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{minutes} min at {sr} Hz ({n} samples, {:.1} MiB as f32): {blocks} decoded blocks, {frames} MFCC frames \
         (expected {}), checksum {sum:.6e}, {secs:.2} s",
        f64::from(n) * 4.0 / (1 << 20) as f64,
        1 + n as usize / 512
    );
    if let (Some(b), Some(p)) = (before, peak_rss_mib()) {
        println!("peak resident memory: {p:.1} MiB (before decoding: {b:.1} MiB)");
    }
    Ok(())
}
