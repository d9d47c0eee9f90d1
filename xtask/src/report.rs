//! The one-page, self-contained HTML report (`index.html`): figures are embedded as base64 PNGs,
//! the stylesheet is inline, and the SVGs beside it are linked for print quality.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use base64::Engine as _;

use crate::reproduce::{Block, Section, SectionOutput};
use crate::results::{Experiment, Results, Status};

const STYLE: &str = "body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;max-width:1100px;margin:2em auto;\
padding:0 1em;color:#222;line-height:1.45}h1{margin-bottom:.2em}h2{border-bottom:2px solid #ddd;\
padding-bottom:.2em;margin-top:2em}table{border-collapse:collapse;margin:.8em 0;font-size:.92em}\
th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#f3f3f3}\
td.num{text-align:right;font-family:DejaVu Sans Mono,monospace;white-space:nowrap}figure{margin:1em 0}\
figure img{max-width:100%;border:1px solid #eee}figcaption{font-size:.9em;color:#555}\
.status{display:inline-block;padding:.1em .5em;border-radius:.3em;font-size:.85em}\
.ok{background:#d8f5d8}.failed{background:#fbd5d5}\
.skipped{background:#fff3cd}.meta{color:#555}details{margin:.8em 0}summary{cursor:pointer;color:#335}\
tr.note td{background:#fafafa;color:#444;font-style:italic}table caption{text-align:left;font-weight:bold;\
padding-bottom:.3em}";

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A number for a table cell: enough digits to compare, scientific for tiny or huge values.
pub fn fmt_num(v: f64) -> String {
    let a = v.abs();
    if v == 0.0 {
        "0".into()
    } else if !v.is_finite() {
        format!("{v}")
    } else if !(1e-3..1e6).contains(&a) {
        format!("{v:.3e}")
    } else if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.4}")
    }
}

/// The sentence on the difference between our number and the tutorial's.
pub fn difference(e: &Experiment) -> String {
    let head = match e.tutorial_value {
        None => "The tutorial reports no number here.".to_string(),
        Some(t) if t == e.value => "Same as the tutorial.".to_string(),
        Some(t) => {
            let rel = if t != 0.0 {
                format!(" ({:+.1}% relative)", 100.0 * (e.value - t) / t.abs())
            } else {
                String::new()
            };
            format!(
                "Ours differs from the tutorial's {} by {}{rel}.",
                fmt_num(t),
                fmt_num(e.value - t)
            )
        }
    };
    if e.note.is_empty() {
        head
    } else {
        format!("{head} {}", e.note)
    }
}

fn status_class(s: Status) -> &'static str {
    match s {
        Status::Ok => "ok",
        Status::Skipped => "skipped",
        Status::Failed => "failed",
    }
}

/// `—` for a missing number, else [`fmt_num`].
fn num_or_dash(v: Option<f64>) -> String {
    v.map_or_else(|| "\u{2014}".to_string(), fmt_num)
}

/// The opening summary: every number the tutorial reports (`tutorial_value` in `results.json`)
/// and every outside reference a section gave, beside ours, with the data each side used.
fn summary(w: &mut String, results: &Results, outputs: &[SectionOutput]) {
    let section_link = |id: &str| {
        let title = results
            .sections
            .iter()
            .find(|s| s.id == id)
            .map_or(id, |s| s.title.as_str());
        format!("<a href=\"#{}\">{}</a>", esc(id), esc(title))
    };
    w.push_str("<section id=\"summary\"><h2>Summary: the tutorial's numbers and published references beside ours</h2>\n");
    let tutorial: Vec<&Experiment> = results
        .experiments
        .iter()
        .filter(|e| e.tutorial_value.is_some())
        .collect();
    let references: Vec<(&str, &crate::reproduce::Reference)> = results
        .sections
        .iter()
        .zip(outputs)
        .flat_map(|(s, o)| o.references.iter().map(move |r| (s.id.as_str(), r)))
        .collect();
    if tutorial.is_empty() {
        w.push_str(
            "<p>No experiment that has run carries a number the tutorial reports (<code>tutorial_value</code> \
             in results.json is empty for all of them): its sections show figures, which each section below \
             reproduces. Our data are stand-ins for the tutorial's where it used its own (signals are seeded \
             draws, images come from scikit-image's data).</p>\n",
        );
    }
    if tutorial.is_empty() && references.is_empty() {
        w.push_str("</section>\n");
        return;
    }
    w.push_str(
        "<table class=\"summary\"><tr><th>section</th><th>what</th><th>reported by</th><th>their value</th>\
         <th>ours</th><th>their data</th><th>our data</th></tr>\n",
    );
    for e in &tutorial {
        let _ = writeln!(
            w,
            "<tr><td>{}</td><td>{}</td><td>the tutorial</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td>the tutorial's</td><td>{}</td></tr>",
            section_link(&e.section),
            esc(&format!("{}: {}", e.name, e.metric)),
            num_or_dash(e.tutorial_value),
            fmt_num(e.value),
            esc(&e.note)
        );
    }
    for (id, r) in &references {
        let _ = writeln!(
            w,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            section_link(id),
            esc(&r.what),
            esc(&r.source),
            fmt_num(r.value),
            fmt_num(r.ours),
            esc(&r.their_data),
            esc(&r.our_data)
        );
    }
    w.push_str("</table>\n</section>\n");
}

/// Every measured number of a section, collapsed: experiments that share a note are one group
/// with the note said once above its rows.
fn experiments_table(w: &mut String, experiments: &[Experiment]) {
    let mut groups: Vec<(&str, Vec<&Experiment>)> = Vec::new();
    for e in experiments {
        match groups.iter_mut().find(|(n, _)| *n == e.note) {
            Some((_, g)) => g.push(e),
            None => groups.push((&e.note, vec![e])),
        }
    }
    let _ = writeln!(
        w,
        "<details><summary>All {} measured numbers of this section (results.json)</summary>\n\
         <table class=\"experiments\"><tr><th>experiment</th><th>metric</th><th>ours</th><th>tutorial</th>\
         <th>seconds</th></tr>",
        experiments.len()
    );
    for (note, rows) in groups {
        if !note.is_empty() {
            let _ = writeln!(
                w,
                "<tr class=\"note\"><td colspan=\"5\">{}</td></tr>",
                esc(note)
            );
        }
        for e in rows {
            let tutorial = match e.tutorial_value {
                None => "\u{2014}".to_string(),
                Some(_) => format!(
                    "{} ({})",
                    num_or_dash(e.tutorial_value),
                    esc(&difference(e))
                ),
            };
            let _ = writeln!(
                w,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{:.3}</td></tr>",
                esc(&e.name),
                esc(&e.metric),
                fmt_num(e.value),
                tutorial,
                e.seconds
            );
        }
    }
    w.push_str("</table></details>\n");
}

/// Renders the report page.
pub fn render(
    registry: &[Section],
    results: &Results,
    outputs: &[SectionOutput],
    out_dir: &Path,
) -> Result<String> {
    let mut h = String::new();
    let w = &mut h;
    let _ = write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>sigfeat: the tutorial, reproduced</title>\
         <style>{STYLE}</style></head><body>\n<h1>sigfeat: the tutorial, reproduced</h1>\n\
         <p class=\"meta\">Every section of the signal-processing / feature-extraction tutorial, run with sigfeat on the data in \
         <code>datasets/</code>. seed {}, {} rayon thread(s), {}, total {:.2} s. Machine-readable numbers: \
         <a href=\"results.json\">results.json</a>.</p>\n",
        results.seed,
        results.threads,
        if results.quick {
            "<b>--quick</b> (small epochs and subsets)"
        } else {
            "full run"
        },
        results.total_seconds
    );
    summary(w, results, outputs);

    // Contents, with status and time per section.
    let _ = writeln!(
        w,
        "<h2 id=\"contents\">Sections</h2><table><tr><th>#</th><th>section</th><th>id</th><th>status</th><th>seconds</th></tr>"
    );
    for (i, s) in results.sections.iter().enumerate() {
        let _ = writeln!(
            w,
            "<tr><td>{}</td><td><a href=\"#{}\">{}</a></td><td><code>{}</code></td><td><span class=\"status {}\">{}</span></td><td class=\"num\">{:.2}</td></tr>",
            i + 1,
            s.id,
            esc(&s.title),
            s.id,
            status_class(s.status),
            s.status.label(),
            s.seconds
        );
    }
    w.push_str("</table>\n");

    for ((i, s), (section, output)) in results
        .sections
        .iter()
        .enumerate()
        .zip(registry.iter().zip(outputs))
    {
        let _ = write!(
            w,
            "<section id=\"{}\"><h2>{}. {} <span class=\"status {}\">{}</span></h2>\n<p>{}</p>\n",
            s.id,
            i + 1,
            esc(&s.title),
            status_class(s.status),
            s.status.label(),
            esc(section.summary)
        );
        match s.status {
            Status::Skipped => w.push_str("<p>Not run: left out by <code>--only</code>.</p>\n"),
            Status::Failed => {
                let _ = writeln!(
                    w,
                    "<p><b>Failed:</b> <code>{}</code></p>",
                    esc(s.detail.as_deref().unwrap_or(""))
                );
            }
            Status::Ok => {
                let _ = writeln!(w, "<p class=\"meta\">Ran in {:.2} s.</p>", s.seconds);
            }
        }
        for block in &output.blocks {
            render_block(w, block, out_dir)?;
        }
        if !output.experiments.is_empty() {
            experiments_table(w, &output.experiments);
        }
        w.push_str("</section>\n");
    }
    w.push_str("</body></html>\n");
    Ok(h)
}

/// `p` relative to the report's folder, with forward slashes (for links).
fn rel(p: &Path, out_dir: &Path) -> String {
    p.strip_prefix(out_dir)
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}

fn render_block(w: &mut String, block: &Block, out_dir: &Path) -> Result<()> {
    match block {
        Block::Text(t) => {
            let _ = writeln!(w, "<p>{}</p>", esc(t));
        }
        Block::Figure { caption, png, svg } => {
            let bytes = std::fs::read(png).with_context(|| format!("reading {}", png.display()))?;
            let b64 = base64::engine::general_purpose::STANDARD.encode(bytes);
            let _ = writeln!(
                w,
                "<figure><img alt=\"{}\" src=\"data:image/png;base64,{b64}\"><figcaption>{} \
                 (<a href=\"{}\">SVG</a>, <a href=\"{}\">PNG</a>)</figcaption></figure>",
                esc(caption),
                esc(caption),
                esc(&rel(svg, out_dir)),
                esc(&rel(png, out_dir))
            );
        }
        Block::Audio { caption, wav } => {
            if !wav.is_file() {
                anyhow::bail!("the report's audio {} was not written", wav.display());
            }
            let _ = writeln!(
                w,
                "<figure><audio controls preload=\"none\" src=\"{}\"></audio><figcaption>{} \
                 (<a href=\"{}\">WAV</a>)</figcaption></figure>",
                esc(&rel(wav, out_dir)),
                esc(caption),
                esc(&rel(wav, out_dir))
            );
        }
        Block::Table(t) => {
            let _ = write!(w, "<table><caption>{}</caption><tr>", esc(&t.caption));
            for c in &t.header {
                let _ = write!(w, "<th>{}</th>", esc(c));
            }
            w.push_str("</tr>\n");
            for row in &t.rows {
                w.push_str("<tr>");
                for c in row {
                    let _ = write!(w, "<td>{}</td>", esc(c));
                }
                w.push_str("</tr>\n");
            }
            w.push_str("</table>\n");
        }
    }
    Ok(())
}
