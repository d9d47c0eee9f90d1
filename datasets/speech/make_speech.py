#!/usr/bin/env python3
"""Writes the speech data set shipped in this folder: recorded voices, espeak-ng voices, metadata.

Run it in the pinned fixture environment, from the repository root:

    python3 -m venv target/pyenv
    target/pyenv/bin/pip install -r xtask/fixtures/requirements.txt
    target/pyenv/bin/python datasets/speech/make_speech.py [--source DIR] [--out DIR]
    target/pyenv/bin/python datasets/speech/make_speech.py --check [DIR]

--source DIR  the Asterisk voice folders: DIR/<voice>/digits/*.wav as Debian installs them (default
              /usr/share/asterisk/sounds, after `apt-get install asterisk-prompt-it-menardi-wav
              asterisk-core-sounds-{en,es,fr,it,ru}-wav`), or DIR/<voice>/*.wav (the digits folders only).
              The source is refused unless every voice's files are byte for byte those of the Debian packages
              named in PROVENANCE.txt (checked against digests below).
--out DIR     where to write (default: the folder of this script). Writes recorded/, synthetic/,
              metadata.csv and SHA256SUMS; stale WAVs under recorded/ and synthetic/ are removed.
--check [DIR] writes nothing: verifies the files in DIR (default: this script's folder) against SHA256SUMS,
              that every WAV decodes as 16-bit mono at its stated rate, and that metadata.csv and the WAVs
              agree one to one. Exit status 1 on any difference.

What it does (PROVENANCE.txt says the same with the numbers):
- recorded/<voice>/<name>.wav: each Asterisk digits prompt, its leading and trailing silence trimmed by
  the rule in `trim_bounds`, samples otherwise unchanged, 8 kHz 16-bit mono.
- synthetic/<lang>_<REGION>_<g>_<speaker>/<name>.wav: espeak-ng (`espeak-ng -v VOICE+VARIANT -a 75
  -w tmp.wav [-s WPM] -- TEXT`, 22050 Hz) saying 0-20, and for the English accents the tutorial's two
  sentences at two speeds; resampled to 16 kHz with soxr (quality HQ, float64, rounded to int16), then
  trimmed by the same rule.
- metadata.csv: path,speaker,gender,language,country,text,kind,source; one row per WAV, sorted by path.

Deterministic: a second run writes identical bytes (WAVs via the standard library's `wave`, 44-byte headers).
The synthetic audio depends on the espeak-ng build; this set was made with Debian bookworm's
espeak-ng 1.51+dfsg-10+deb12u2 (the script prints `espeak-ng --version` and refuses another version).
"""
import argparse
import csv
import hashlib
import io
import os
import re
import subprocess
import sys
import tempfile
import wave

import numpy as np
import soundfile
import soxr

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE = "/usr/share/asterisk/sounds"
ESPEAK_VERSION = "1.51"

# ---- the trimming rule -------------------------------------------------------------------------
FRAME_MS = 20  # analysis frame
HOP_MS = 10  # frame step
THRESHOLD_DB = -40.0  # a frame is sound when its level is within this many dB of the loudest frame's
MARGIN_MS = 50  # kept before the first and after the last sound frame

# ---- recorded voices: Debian packages, speaker metadata ----------------------------------------
# folder -> (speaker id, gender, language, country, Debian package and version, licence).
# The speaker id is the last part of Debian's folder name; Allison Smith recorded both en_US and es_MX.
RECORDED = {
    "en_US_f_Allison": ("Allison", "f", "en", "US", "asterisk-core-sounds-en-wav 1.6.1-1", "CC-BY-SA-3.0"),
    "es_MX_f_Allison": ("Allison", "f", "es", "MX", "asterisk-core-sounds-es-wav 1.6.1-1", "CC-BY-SA-3.0"),
    "fr_CA_f_June": ("June", "f", "fr", "CA", "asterisk-core-sounds-fr-wav 1.6.1-1", "CC-BY-SA-3.0"),
    "it_IT_f_Menardi": (
        "Menardi", "f", "it", "IT",
        "asterisk-prompt-it-menardi-wav 1:1.4.22+mm20110907-3.1", "CC BY-SA 3.0 Italia",
    ),
    "it_IT_m_Carlo": ("Carlo", "m", "it", "IT", "asterisk-core-sounds-it-wav 1.6.1-1", "CC-BY-3.0"),
    "ru_RU_f_IvrvoiceRU": ("IvrvoiceRU", "f", "ru", "RU", "asterisk-core-sounds-ru-wav 1.6.1-1", "CC-BY-3.0"),
}
# Per voice: number of WAVs in digits/ and SHA-256 of the lines "<file name> <sha256 of file>\n" sorted by
# name, over the files of the Debian packages above (so the source is exactly those packages' files).
RECORDED_DIGESTS = {
    "en_US_f_Allison": (94, "67c9230f04bfa701b2f4b9ebd68249b3a09843ac3b23f2c065e89d63aae72cde"),
    "es_MX_f_Allison": (120, "d637068629aff5831a55fa50ab1d1a7d01fae8d755ec3097d3332bf7c524c90e"),
    "fr_CA_f_June": (93, "91357fcefd20a02c8078bb242d643e51717726e0bf2657d6b8f16490190ceb0a"),
    "it_IT_f_Menardi": (119, "b0de19aa13fd587e601961c852a13bb803a33df39c26019d06dcaebfb388d486"),
    "it_IT_m_Carlo": (122, "d0d9128445e9d8efa3b78e3fe2d4ed00fd4aff4080bbcde22ac3a88cfc6e815d"),
    "ru_RU_f_IvrvoiceRU": (96, "91344f52f3ac5fc810913649be103b156124fc7a3aafbf1dad0cbdd11aeb22b7"),
}

# ---- synthetic voices: espeak-ng ------------------------------------------------------------------
# (espeak-ng voice, variant, language, country or region, gender of the variant). The gender is the
# `gender` line of espeak-ng's variant file (voices/!v/m* are male, voices/!v/f* female). The region is
# ISO 3166-1 alpha-2, or for the two regional voices the UN M.49 code of their BCP 47 tag (029
# Caribbean, 419 Latin America). The speaker id is espeak-<voice>-<variant>, so the accent is in it.
SYNTHETIC = [
    ("en-us", "m3", "en", "US", "m"),
    ("en-us", "f3", "en", "US", "f"),
    ("en-us-nyc", "m2", "en", "US", "m"),
    ("en-gb", "m4", "en", "GB", "m"),
    ("en-gb-x-rp", "f2", "en", "GB", "f"),
    ("en-gb-scotland", "m5", "en", "GB", "m"),
    ("en-gb-x-gbclan", "m6", "en", "GB", "m"),
    ("en-gb-x-gbcwmd", "f5", "en", "GB", "f"),
    ("en-029", "f4", "en", "029", "f"),
    ("es", "m7", "es", "ES", "m"),
    ("es", "f2", "es", "ES", "f"),
    ("es-419", "m3", "es", "419", "m"),
    ("fr-fr", "m2", "fr", "FR", "m"),
    ("fr-be", "m4", "fr", "BE", "m"),
    ("fr-ch", "f3", "fr", "CH", "f"),
    ("it", "m5", "it", "IT", "m"),
    ("it", "f4", "it", "IT", "f"),
    ("ru", "m6", "ru", "RU", "m"),
    ("ru", "f5", "ru", "RU", "f"),
    ("ru-lv", "m7", "ru", "LV", "m"),
]
NUMBERS = [str(n) for n in range(21)]  # said by every synthetic voice, in its language
# The tutorial's two sentences, said by the English voices, each at two speeds (espeak-ng -s, words per
# minute; its default is 175, used for the numbers).
SENTENCES = [
    "I want to implement a speech recognition system",
    "the fourier transform is super cool but rather complex",
]
SENTENCE_SPEEDS = [150, 200]
ESPEAK_RATE = 22050
# espeak-ng's amplitude (-a, default 100): at 100 its loudest takes here peak at 32669 of 32767 and the
# resampled signal overshoots 16 bits; at 75 the loudest resampled take peaks at 28756.
ESPEAK_AMPLITUDE = 75
SYNTHETIC_RATE = 16000
RECORDED_RATE = 8000

HEADER = ["path", "speaker", "gender", "language", "country", "text", "kind", "source"]


class DataError(Exception):
    """A source or output file that is not what this script expects; the message names the file."""


def trim_bounds(x, rate, path):
    """Returns (start, stop) of the part of `x` (int16 samples) that is kept.

    The signal is cut into frames of FRAME_MS starting every HOP_MS (the last ones shorter). A frame's
    level is the standard deviation of its samples (the RMS about the frame's own mean, so a DC offset or
    a slow drift is not sound). A frame is sound when its level is at least THRESHOLD_DB relative to the
    loudest frame's level. Kept: from MARGIN_MS before the first sample of the first sound frame to
    MARGIN_MS after the last sample of the last sound frame, within the file.
    """
    frame = rate * FRAME_MS // 1000
    hop = rate * HOP_MS // 1000
    margin = rate * MARGIN_MS // 1000
    n = len(x)
    y = x.astype(np.float64)
    starts = np.arange(0, n, hop)
    levels = np.array([y[s : s + frame].std() for s in starts])
    loudest = levels.max()
    if not loudest > 0.0:
        raise DataError(f"{path}: silent (every frame has zero level), nothing to keep")
    sound = np.nonzero(levels >= loudest * 10.0 ** (THRESHOLD_DB / 20.0))[0]
    first = int(starts[sound[0]])
    last_end = min(int(starts[sound[-1]]) + frame, n)
    return max(0, first - margin), min(n, last_end + margin)


def wav_bytes(samples, rate):
    """A 16-bit mono PCM WAV (44-byte header) of int16 `samples`."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.astype("<i2").tobytes())
    return buf.getvalue()


def read_pcm16(path, rate):
    """Decodes `path` with libsndfile; it must be 16-bit PCM mono WAV at `rate` Hz with samples."""
    try:
        info = soundfile.info(path)
        x, sr = soundfile.read(path, dtype="int16", always_2d=False)
    except (RuntimeError, soundfile.LibsndfileError) as e:
        raise DataError(f"{path}: does not decode: {e}") from e
    got = (info.format, info.subtype, info.channels, sr)
    if got != ("WAV", "PCM_16", 1, rate):
        raise DataError(f"{path}: expected WAV PCM_16 mono {rate} Hz, got {got}")
    if len(x) == 0:
        raise DataError(f"{path}: no samples")
    return x


def voice_digest(files):
    lines = "".join(f"{name} {hashlib.sha256(data).hexdigest()}\n" for name, data in sorted(files.items()))
    return hashlib.sha256(lines.encode()).hexdigest()


def recorded_dir(source, voice):
    for d in (os.path.join(source, voice, "digits"), os.path.join(source, voice)):
        if os.path.isdir(d):
            return d
    raise DataError(f"{os.path.join(source, voice)}: no such voice folder (nor its digits/)")


def make_recorded(source):
    """Yields (relative path, wav bytes, metadata row, stats) for every recorded prompt."""
    for voice, (speaker, gender, lang, country, _package, _licence) in sorted(RECORDED.items()):
        d = recorded_dir(source, voice)
        names = sorted(os.listdir(d))
        others = [n for n in names if not n.endswith(".wav")]
        if others:
            raise DataError(f"{d}: entries that are not .wav files: {others}")
        files = {}
        for name in names:
            with open(os.path.join(d, name), "rb") as f:
                files[name] = f.read()
        count, digest = RECORDED_DIGESTS[voice]
        got = voice_digest(files)
        if len(files) != count or got != digest:
            raise DataError(
                f"{d}: not the Debian package's files ({len(files)} WAVs, digest {got}; "
                f"expected {count} WAVs, digest {digest})"
            )
        for name in names:
            path = os.path.join(d, name)
            x = read_pcm16(path, RECORDED_RATE)
            a, b = trim_bounds(x, RECORDED_RATE, path)
            stem = name[: -len(".wav")]
            rel = f"recorded/{voice}/{name}"
            row = [rel, speaker, gender, lang, country, stem, "word", "recorded"]
            yield rel, wav_bytes(x[a:b], RECORDED_RATE), row, (len(x), b - a)


def run_espeak(cmd):
    try:
        return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        detail = getattr(e, "stderr", None) or e
        raise DataError(f"{' '.join(cmd)}: failed: {detail}") from e


def espeak_version():
    return run_espeak(["espeak-ng", "--version"]).strip()


def espeak(voice, variant, text, speed, tmp):
    """espeak-ng's 22050 Hz int16 samples of `text`."""
    cmd = ["espeak-ng", "-v", f"{voice}+{variant}", "-a", str(ESPEAK_AMPLITUDE), "-w", tmp]
    if speed is not None:
        cmd += ["-s", str(speed)]
    cmd += ["--", text]
    run_espeak(cmd)
    return read_pcm16(tmp, ESPEAK_RATE)


def synthetic_folder(voice, variant, lang, country, gender):
    speaker = f"espeak-{voice}-{variant}"
    return speaker, f"{lang}_{country}_{gender}_{speaker}"


def make_synthetic():
    """Yields (relative path, wav bytes, metadata row, stats) for every espeak-ng utterance."""
    version = espeak_version()
    found = re.match(r"eSpeak NG text-to-speech: (\S+)", version)
    if found is None or found.group(1) != ESPEAK_VERSION:
        raise DataError(f"espeak-ng --version says {version!r}; this set was made with {ESPEAK_VERSION}")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = os.path.join(tmpdir, "say.wav")
        for voice, variant, lang, country, gender in SYNTHETIC:
            speaker, folder = synthetic_folder(voice, variant, lang, country, gender)
            takes = [(n, n, "word", None) for n in NUMBERS]
            if lang == "en":
                for i, sentence in enumerate(SENTENCES, start=1):
                    for speed in SENTENCE_SPEEDS:
                        takes.append((f"sentence{i}-s{speed}", sentence, "sentence", speed))
            for name, text, kind, speed in takes:
                x = espeak(voice, variant, text, speed, tmp)
                y = soxr.resample(x.astype(np.float64), ESPEAK_RATE, SYNTHETIC_RATE, quality="HQ")
                y = np.round(y)
                if y.min() < -32768 or y.max() > 32767:
                    raise DataError(f"{folder}/{name}: resampled audio exceeds 16 bits: {y.min()}..{y.max()}")
                y = y.astype(np.int16)
                rel = f"synthetic/{folder}/{name}.wav"
                a, b = trim_bounds(y, SYNTHETIC_RATE, rel)
                row = [rel, speaker, gender, lang, country, text, kind, "synthetic"]
                yield rel, wav_bytes(y[a:b], SYNTHETIC_RATE), row, (len(y), b - a)


def metadata_bytes(rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    w.writerows(sorted(rows))
    return buf.getvalue().encode("utf-8")


def sums_bytes(files):
    lines = (f"{hashlib.sha256(data).hexdigest()}  {rel}\n" for rel, data in sorted(files.items()))
    return "".join(lines).encode()


def wavs_on_disk(out):
    found = []
    for top in ("recorded", "synthetic"):
        for dirpath, _dirs, names in os.walk(os.path.join(out, top)):
            for name in names:
                found.append(os.path.relpath(os.path.join(dirpath, name), out).replace(os.sep, "/"))
    return sorted(found)


def generate(source, out):
    files = {}
    rows = []
    stats = {}
    for part in (make_recorded(source), make_synthetic()):
        for rel, data, row, (before, after) in part:
            if rel in files:
                raise DataError(f"{rel}: made twice")
            files[rel] = data
            rows.append(row)
            stats[rel] = (before, after)
    files["metadata.csv"] = metadata_bytes(rows)
    for rel, data in files.items():
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    stale = sorted(set(wavs_on_disk(out)) - set(files))
    for rel in stale:
        os.remove(os.path.join(out, rel))
        print(f"removed stale {rel}")
    with open(os.path.join(out, "SHA256SUMS"), "wb") as f:
        f.write(sums_bytes(files))
    summarise(rows, stats, files)


def summarise(rows, stats, files):
    print(f"espeak-ng: {espeak_version()}")
    by = {}
    for row in rows:
        rel, speaker, gender, lang, country, _text, kind, source = row
        rate = RECORDED_RATE if source == "recorded" else SYNTHETIC_RATE
        before, after = stats[rel]
        for key in (
            ("source", source), ("kind", kind), ("gender", gender), ("language", lang),
            ("source+gender", f"{source} {gender}"), ("source+language", f"{source} {lang}"),
            ("kind+language", f"{kind} {lang}"),
            ("speaker", f"{source} {speaker} ({gender}, {lang}-{country})"),
        ):
            c = by.setdefault(key, [0, 0.0, 0.0])
            c[0] += 1
            c[1] += after / rate
            c[2] += (before - after) / rate
    for key in sorted(by):
        n, dur, cut = by[key]
        print(f"{key[0]:15} {key[1]:48} {n:5} files {dur:7.1f} s kept {cut:5.1f} s trimmed")
    total = sum(len(d) for d in files.values())
    print(f"{len(rows)} WAVs, {sum(v[1] for k, v in by.items() if k[0] == 'source'):.1f} s; "
          f"{total} bytes of WAVs and metadata.csv")


def check(out):
    problems = []
    sums_path = os.path.join(out, "SHA256SUMS")
    meta_path = os.path.join(out, "metadata.csv")
    for path in (sums_path, meta_path):
        if not os.path.isfile(path):
            raise DataError(f"{path}: missing")
    listed = {}
    with open(sums_path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            digest, sep, rel = line.rstrip("\n").partition("  ")
            if not sep or len(digest) != 64 or rel in listed:
                raise DataError(f"{sums_path}: line {number} is not '<sha256>  <path>' or repeats a path")
            listed[rel] = digest
    for rel, digest in sorted(listed.items()):
        path = os.path.join(out, rel)
        if not os.path.isfile(path):
            problems.append(f"{rel}: missing")
            continue
        with open(path, "rb") as f:
            if hashlib.sha256(f.read()).hexdigest() != digest:
                problems.append(f"{rel}: SHA-256 differs from SHA256SUMS")
    on_disk = set(wavs_on_disk(out))
    listed_wavs = {rel for rel in listed if rel != "metadata.csv"}
    problems += [f"{rel}: on disk but not in SHA256SUMS" for rel in sorted(on_disk - listed_wavs)]
    with open(meta_path, encoding="utf-8", newline="") as f:
        text = f.read()
    if "\r" in text:
        problems.append("metadata.csv: has CR line ends")
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or rows[0] != HEADER:
        problems.append(f"metadata.csv: header {rows[:1]}, expected {HEADER}")
    body = rows[1:]
    paths = [r[0] for r in body]
    if paths != sorted(paths) or len(set(paths)) != len(paths):
        problems.append("metadata.csv: paths not sorted or not unique")
    problems += [f"metadata.csv: {p} has no WAV" for p in sorted(set(paths) - on_disk)]
    problems += [f"{p}: no row in metadata.csv" for p in sorted(on_disk - set(paths))]
    allowed = {"gender": {"f", "m"}, "language": {"en", "es", "fr", "it", "ru"}, "kind": {"word", "sentence"},
               "source": {"recorded", "synthetic"}}
    for r in body:
        if len(r) != len(HEADER):
            problems.append(f"metadata.csv: row {r} has {len(r)} fields")
            continue
        rec = dict(zip(HEADER, r))
        for col, ok in allowed.items():
            if rec[col] not in ok:
                problems.append(f"metadata.csv: {rec['path']}: {col} {rec[col]!r} not in {sorted(ok)}")
        if not rec["path"].startswith(rec["source"] + "/"):
            problems.append(f"metadata.csv: {rec['path']}: source {rec['source']} disagrees with the folder")
        if rec["path"] in on_disk:
            rate = RECORDED_RATE if rec["source"] == "recorded" else SYNTHETIC_RATE
            try:
                read_pcm16(os.path.join(out, rec["path"]), rate)
            except DataError as e:
                problems.append(str(e))
    for p in problems:
        print(p)
    print(f"{len(listed)} files in SHA256SUMS, {len(body)} metadata rows: "
          f"{'OK' if not problems else f'{len(problems)} problems'}")
    return not problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", default=DEFAULT_SOURCE)
    ap.add_argument("--out", default=HERE)
    ap.add_argument("--check", nargs="?", const=HERE, default=None, metavar="DIR")
    args = ap.parse_args()
    try:
        if args.check is not None:
            sys.exit(0 if check(args.check) else 1)
        generate(args.source, args.out)
    except DataError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
