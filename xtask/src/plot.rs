//! Figure helpers: a figure is described as data ([`Figure`]) and drawn twice, once to PNG and once to
//! SVG, by the same code over plotters' backends.
//!
//! Text is rasterised by plotters' `ab_glyph` feature from the DejaVu Sans font bundled in
//! `xtask/assets/` (licence beside it), so PNGs need no system font library.

use std::path::{Path, PathBuf};
use std::sync::Once;

use anyhow::{Context, Result, anyhow};
use ndarray::Array2;
use plotters::coord::Shift;
use plotters::element::BitMapElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

static FONT: &[u8] = include_bytes!("../assets/DejaVuSans.ttf");
const FAMILY: &str = "sans-serif";

/// Registers the bundled font once per process (plotters keeps a global registry).
fn register_font() -> Result<()> {
    static ONCE: Once = Once::new();
    let mut result = Ok(());
    ONCE.call_once(|| {
        for style in [FontStyle::Normal, FontStyle::Bold] {
            if plotters::style::register_font(FAMILY, style, FONT).is_err() {
                result = Err(anyhow!("the bundled DejaVuSans.ttf could not be parsed"));
            }
        }
    });
    result
}

/// Colours of successive series (matplotlib's `tab10`, so figures look like the tutorial's).
const TAB10: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

/// The colour of each method, the same in every figure: the classifiers and feature pipelines
/// the report compares, by the label its series carry (index into [`TAB10`]). Classes of a data
/// set and curves that are not methods take their colour from the cycle instead.
const METHOD_COLORS: [(&str, usize); 5] = [
    ("1-NN raw", 7),
    ("MiniRocket", 3),
    ("best Gabor pipeline", 2),
    ("PCA + 1-NN", 0),
    ("PCA + linear SVM", 1),
];

/// The colour index of `method` in [`METHOD_COLORS`]; an unknown method is a bug in a section
/// (caught in debug builds) and gets the last colour of the cycle.
pub fn method_color(method: &str) -> usize {
    let found = METHOD_COLORS
        .iter()
        .find(|(m, _)| *m == method)
        .map(|&(_, c)| c);
    debug_assert!(
        found.is_some(),
        "method {method} has no colour in METHOD_COLORS"
    );
    found.unwrap_or(TAB10.len() - 1)
}

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Style {
    /// A polyline through the points.
    Line,
    /// A thin polyline (for dense, noisy data).
    Thin,
    /// A dashed polyline (for a reference curve over a computed one).
    Dashed,
    /// Small filled circles at the points (a scatter plot).
    Points,
    /// Bars of the given width centred at each x (a histogram).
    Bars(f64),
}

/// One curve of a panel.
#[derive(Debug, Clone)]
pub struct Series {
    /// Legend entry; empty for none.
    pub label: String,
    /// `(x, y)` points.
    pub points: Vec<(f64, f64)>,
    /// How to draw it.
    pub style: Style,
    /// Index into the colour cycle.
    pub color: usize,
}

impl Series {
    /// A line through `y` against `x`.
    pub fn line(label: impl Into<String>, x: &[f64], y: &[f64], color: usize) -> Self {
        Self::with_style(label, x, y, color, Style::Line)
    }

    /// A series of one of the report's methods, in that method's colour ([`method_color`]);
    /// the method is its legend entry.
    pub fn method(method: &str, x: &[f64], y: &[f64], style: Style) -> Self {
        Self::with_style(method, x, y, method_color(method), style)
    }

    /// A series with the given style.
    pub fn with_style(
        label: impl Into<String>,
        x: &[f64],
        y: &[f64],
        color: usize,
        style: Style,
    ) -> Self {
        Self {
            label: label.into(),
            points: x.iter().copied().zip(y.iter().copied()).collect(),
            style,
            color,
        }
    }
}

/// The y axis scale of a panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Linear.
    Linear,
    /// Base-10 logarithmic (values <= 0 are left out).
    Log,
}

/// A grey-level image shown in a panel (row 0 at the top), with its display range.
#[derive(Debug, Clone)]
pub struct Image {
    /// The pixels, `rows x cols`.
    pub data: Array2<f64>,
    /// Value shown black.
    pub vmin: f64,
    /// Value shown white.
    pub vmax: f64,
    /// Keep square pixels (photographs); `false` stretches to the panel (a scale-space stack).
    pub keep_aspect: bool,
    /// Colour pixels (`rows x cols x 3`) shown instead of `data` (keypoints drawn over a photo);
    /// `data` then only gives the shape.
    pub rgb: Option<ndarray::Array3<u8>>,
}

impl Image {
    /// An image displayed over its own min..max range.
    pub fn auto(data: Array2<f64>) -> Self {
        let (lo, hi) = data
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        Self {
            data,
            vmin: lo,
            vmax: hi,
            keep_aspect: true,
            rgb: None,
        }
    }

    /// A colour image (`rows x cols x 3`, `u8`) with square pixels.
    pub fn rgb(pixels: ndarray::Array3<u8>) -> Self {
        let (rows, cols, _) = pixels.dim();
        Self {
            data: Array2::zeros((rows, cols)),
            vmin: 0.0,
            vmax: 1.0,
            keep_aspect: true,
            rgb: Some(pixels),
        }
    }

    /// Shows a signed image with 0 as mid-grey (range `-m..m`, `m` the largest magnitude).
    #[must_use]
    pub fn symmetric(mut self) -> Self {
        let m = self.vmin.abs().max(self.vmax.abs());
        self.vmin = -m;
        self.vmax = m;
        self
    }

    /// Stretches the image to fill its panel.
    #[must_use]
    pub fn stretched(mut self) -> Self {
        self.keep_aspect = false;
        self
    }
}

/// One panel of a figure: either curves on axes or an image.
#[derive(Debug, Clone)]
pub struct Panel {
    /// Title above the panel.
    pub title: String,
    /// x axis label.
    pub x_label: String,
    /// y axis label.
    pub y_label: String,
    /// y scale.
    pub y_scale: Scale,
    /// Fixed x range; `None` fits the data.
    pub x_range: Option<(f64, f64)>,
    /// Names of a categorical x axis: category `i` sits at `x = i` and is labelled with its name
    /// instead of numeric ticks.
    pub x_categories: Option<Vec<String>>,
    /// Curves.
    pub series: Vec<Series>,
    /// An image instead of curves.
    pub image: Option<Image>,
}

impl Panel {
    /// A panel of curves.
    pub fn new(
        title: impl Into<String>,
        x_label: impl Into<String>,
        y_label: impl Into<String>,
    ) -> Self {
        Self {
            title: title.into(),
            x_label: x_label.into(),
            y_label: y_label.into(),
            y_scale: Scale::Linear,
            x_range: None,
            x_categories: None,
            series: Vec::new(),
            image: None,
        }
    }

    /// A panel showing one image.
    pub fn image(title: impl Into<String>, image: Image) -> Self {
        Self {
            image: Some(image),
            ..Self::new(title, "", "")
        }
    }

    /// Adds a curve.
    #[must_use]
    pub fn with(mut self, series: Series) -> Self {
        self.series.push(series);
        self
    }

    /// A categorical x axis: `names[i]` labels `x = i`.
    #[must_use]
    pub fn categories<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
        self.x_categories = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Uses a log10 y axis.
    #[must_use]
    pub fn log_y(mut self) -> Self {
        self.y_scale = Scale::Log;
        self
    }
}

/// A figure: panels on a grid, saved as `<name>.png` and `<name>.svg`.
#[derive(Debug, Clone)]
pub struct Figure {
    /// File stem (unique within the run).
    pub name: String,
    /// Caption shown under the figure in the report.
    pub caption: String,
    /// Grid `(rows, cols)`; panels fill it row by row.
    pub grid: (usize, usize),
    /// Size of one panel in pixels.
    pub panel_size: (u32, u32),
    /// The panels.
    pub panels: Vec<Panel>,
}

impl Figure {
    /// A figure of `panels` laid out in `cols` columns.
    pub fn new(
        name: impl Into<String>,
        caption: impl Into<String>,
        cols: usize,
        panels: Vec<Panel>,
    ) -> Self {
        let cols = cols.max(1);
        let rows = panels.len().div_ceil(cols).max(1);
        Self {
            name: name.into(),
            caption: caption.into(),
            grid: (rows, cols),
            panel_size: (480, 320),
            panels,
        }
    }

    /// Sets the size of one panel.
    #[must_use]
    pub fn panel_size(mut self, width: u32, height: u32) -> Self {
        self.panel_size = (width, height);
        self
    }

    fn size(&self) -> (u32, u32) {
        (
            self.panel_size.0 * self.grid.1 as u32,
            self.panel_size.1 * self.grid.0 as u32,
        )
    }

    /// Draws the figure to `<dir>/<name>.png` and `<dir>/<name>.svg`; returns both paths.
    pub fn save(&self, dir: &Path) -> Result<(PathBuf, PathBuf)> {
        register_font()?;
        let png = dir.join(format!("{}.png", self.name));
        let svg = dir.join(format!("{}.svg", self.name));
        {
            let root = BitMapBackend::new(&png, self.size()).into_drawing_area();
            self.draw(&root)
                .with_context(|| format!("drawing {}", png.display()))?;
            root.present()
                .map_err(|e| anyhow!("{e}"))
                .with_context(|| format!("writing {}", png.display()))?;
        }
        {
            let root = SVGBackend::new(&svg, self.size()).into_drawing_area();
            self.draw(&root)
                .with_context(|| format!("drawing {}", svg.display()))?;
            root.present()
                .map_err(|e| anyhow!("{e}"))
                .with_context(|| format!("writing {}", svg.display()))?;
        }
        Ok((png, svg))
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()> {
        root.fill(&WHITE).map_err(|e| anyhow!("{e:?}"))?;
        let areas = root.split_evenly(self.grid);
        for (panel, area) in self.panels.iter().zip(areas.iter()) {
            match &panel.image {
                Some(image) => draw_image(area, &panel.title, image),
                None => draw_curves(area, panel),
            }
            .with_context(|| format!("panel '{}'", panel.title))?;
        }
        Ok(())
    }
}

fn err<E: std::fmt::Debug>(e: E) -> anyhow::Error {
    anyhow!("{e:?}")
}

/// `(lo, hi)` of the values, widened when the range is empty so that axes stay drawable.
fn bounds(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        let pad = 0.5 * lo.abs().max(1.0);
        return (lo - pad, hi + pad);
    }
    (lo, hi)
}

/// Pixels of the fixed parts of a curve panel (see `draw_curves`' `ChartBuilder`).
const MARGIN: u32 = 8;
const CAPTION_PX: u32 = 17;
const X_LABEL_PX: u32 = 36;
const Y_LABEL_PX: u32 = 62;
const LEGEND_FONT_PX: u32 = 12;

/// The data-space rectangle `(x0, x1, y0, y1)` a legend of `legend` pixels covers in `corner`
/// of a plotting area of `plot` pixels showing `range`.
fn legend_rect(
    corner: SeriesLabelPosition,
    legend: (f64, f64),
    plot: (f64, f64),
    (x0, x1, y0, y1): (f64, f64, f64, f64),
) -> (f64, f64, f64, f64) {
    let dx = legend.0 / plot.0 * (x1 - x0);
    let dy = legend.1 / plot.1 * (y1 - y0);
    match corner {
        SeriesLabelPosition::UpperLeft => (x0, x0 + dx, y1 - dy, y1),
        SeriesLabelPosition::LowerRight => (x1 - dx, x1, y0, y0 + dy),
        SeriesLabelPosition::LowerLeft => (x0, x0 + dx, y0, y0 + dy),
        _ => (x1 - dx, x1, y1 - dy, y1),
    }
}

/// Whether any drawn point, line or bar of `series` (already mapped to plot space) falls in
/// `rect`; line segments are sampled so that a line crossing the rectangle counts.
fn covers(series: &[(Style, Vec<(f64, f64)>)], (rx0, rx1, ry0, ry1): (f64, f64, f64, f64)) -> bool {
    let inside = |(x, y): (f64, f64)| x >= rx0 && x <= rx1 && y >= ry0 && y <= ry1;
    series.iter().any(|(style, pts)| match style {
        Style::Bars(w) => pts.iter().any(|&(x, y)| {
            let (bx0, bx1, by0, by1) = (x - w / 2.0, x + w / 2.0, y.min(0.0), y.max(0.0));
            bx0 <= rx1 && bx1 >= rx0 && by0 <= ry1 && by1 >= ry0
        }),
        Style::Points => pts.iter().any(|&p| inside(p)),
        Style::Line | Style::Thin | Style::Dashed => {
            pts.iter().any(|&p| inside(p))
                || pts.windows(2).any(|w| {
                    (1..16).any(|k| {
                        let t = f64::from(k) / 16.0;
                        inside((
                            w[0].0 + t * (w[1].0 - w[0].0),
                            w[0].1 + t * (w[1].1 - w[0].1),
                        ))
                    })
                })
        }
    })
}

fn draw_curves<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, panel: &Panel) -> Result<()> {
    let log = panel.y_scale == Scale::Log;
    // Log panels plot log10(y): one code path for both scales, with ticks labelled as powers of ten.
    let map_y = |y: f64| {
        if log {
            if y > 0.0 { y.log10() } else { f64::NAN }
        } else {
            y
        }
    };
    let bar_pad = panel
        .series
        .iter()
        .filter_map(|s| {
            if let Style::Bars(w) = s.style {
                Some(w / 2.0)
            } else {
                None
            }
        })
        .fold(0.0, f64::max);
    let (x0, x1) = panel.x_range.unwrap_or_else(|| {
        let (lo, hi) = bounds(
            panel
                .series
                .iter()
                .flat_map(|s| s.points.iter().map(|p| p.0)),
        );
        match &panel.x_categories {
            // Every category gets its slot, data or not.
            Some(names) => (
                lo.min(0.0) - bar_pad.max(0.5),
                hi.max(names.len() as f64 - 1.0) + bar_pad.max(0.5),
            ),
            None => (lo - bar_pad, hi + bar_pad),
        }
    });
    let in_x = |x: f64| x >= x0 && x <= x1;
    let mapped: Vec<(Style, Vec<(f64, f64)>)> = panel
        .series
        .iter()
        .map(|s| {
            let pts = s
                .points
                .iter()
                .map(|&(x, y)| (x, map_y(y)))
                .filter(|p| p.1.is_finite() && in_x(p.0))
                .collect();
            (s.style, pts)
        })
        .collect();
    let (mut y0, mut y1) = bounds(mapped.iter().flat_map(|(_, pts)| pts.iter().map(|p| p.1)));
    if panel
        .series
        .iter()
        .any(|s| matches!(s.style, Style::Bars(_)))
        && !log
    {
        y0 = y0.min(0.0);
    }
    let margin = 0.05 * (y1 - y0);
    y0 -= margin;
    y1 += margin;

    // The legend goes in the first corner of the plotting area that no data reaches; when every
    // corner holds data the y range grows at the top until the legend fits above all of it.
    let labels: Vec<&str> = panel
        .series
        .iter()
        .filter(|s| !s.label.is_empty())
        .map(|s| s.label.as_str())
        .collect();
    let mut corner = SeriesLabelPosition::UpperRight;
    if !labels.is_empty() {
        let (w, h) = area.dim_in_pixel();
        let plot = (
            f64::from(w.saturating_sub(2 * MARGIN + Y_LABEL_PX).max(1)),
            f64::from(
                h.saturating_sub(2 * MARGIN + 2 * CAPTION_PX + X_LABEL_PX)
                    .max(1),
            ),
        );
        let chars = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        // DejaVu Sans averages ~0.62 em per character; marker, gaps, border and a margin around.
        let legend = (
            0.62 * f64::from(LEGEND_FONT_PX) * chars as f64 + 48.0,
            (f64::from(LEGEND_FONT_PX) + 6.0) * labels.len() as f64 + 24.0,
        );
        let free = [
            SeriesLabelPosition::UpperRight,
            SeriesLabelPosition::UpperLeft,
            SeriesLabelPosition::LowerRight,
            SeriesLabelPosition::LowerLeft,
        ]
        .into_iter()
        .find(|c| {
            !covers(
                &mapped,
                legend_rect(c.clone(), legend, plot, (x0, x1, y0, y1)),
            )
        });
        match free {
            Some(c) => corner = c,
            None => {
                let f = (legend.1 / plot.1).min(0.6);
                let top = y1 - margin;
                y1 = (top - f * y0) / (1.0 - f) + margin;
            }
        }
    }

    let mut chart = ChartBuilder::on(area)
        .caption(&panel.title, (FAMILY, CAPTION_PX))
        .margin(MARGIN)
        .x_label_area_size(X_LABEL_PX)
        .y_label_area_size(Y_LABEL_PX)
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(err)?;
    let y_fmt = |v: &f64| if log { format!("1e{v:.0}") } else { tick(*v) };
    chart
        .configure_mesh()
        .x_desc(&panel.x_label)
        .y_desc(&panel.y_label)
        .label_style((FAMILY, 12))
        .axis_desc_style((FAMILY, 13))
        .x_labels(if panel.x_categories.is_some() { 0 } else { 6 })
        .y_labels(6)
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(&y_fmt)
        .light_line_style(WHITE.mix(0.0))
        .draw()
        .map_err(err)?;
    if let Some(names) = &panel.x_categories {
        // Category names under their slots, where numeric ticks would be.
        let base = area.get_base_pixel();
        let style = TextStyle::from((FAMILY, 12).into_font())
            .pos(Pos::new(HPos::Center, VPos::Top))
            .color(&BLACK);
        for (i, name) in names.iter().enumerate() {
            let (px, py) = chart.backend_coord(&(i as f64, y0));
            area.draw(&Text::new(
                name.clone(),
                (px - base.0, py - base.1 + 4),
                style.clone(),
            ))
            .map_err(err)?;
        }
    }

    for (s, (_, pts)) in panel.series.iter().zip(mapped) {
        let color = TAB10[s.color % TAB10.len()];
        let anno = match s.style {
            Style::Line => chart
                .draw_series(LineSeries::new(pts, color.stroke_width(2)))
                .map_err(err)?,
            Style::Thin => chart
                .draw_series(LineSeries::new(pts, color.stroke_width(1)))
                .map_err(err)?,
            Style::Dashed => chart
                .draw_series(DashedLineSeries::new(pts, 6, 4, color.stroke_width(2)))
                .map_err(err)?,
            Style::Points => chart
                .draw_series(pts.into_iter().map(|p| Circle::new(p, 3, color.filled())))
                .map_err(err)?,
            Style::Bars(w) => chart
                .draw_series(pts.into_iter().map(|(x, y)| {
                    Rectangle::new(
                        [(x - w / 2.0, y.min(0.0)), (x + w / 2.0, y.max(0.0))],
                        color.mix(0.45).filled(),
                    )
                }))
                .map_err(err)?,
        };
        if !s.label.is_empty() {
            anno.label(s.label.clone()).legend(move |(x, y)| {
                Rectangle::new([(x, y - 3), (x + 16, y + 3)], color.filled())
            });
        }
    }
    if !labels.is_empty() {
        chart
            .configure_series_labels()
            .label_font((FAMILY, LEGEND_FONT_PX))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.3))
            .position(corner)
            .draw()
            .map_err(err)?;
    }
    Ok(())
}

/// Tick label: short, without trailing zeros, scientific only for very large or small values.
fn tick(v: f64) -> String {
    let a = v.abs();
    if a != 0.0 && !(1e-3..1e5).contains(&a) {
        return format!("{v:.1e}");
    }
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

fn draw_image<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    image: &Image,
) -> Result<()> {
    let (rows, cols) = image.data.dim();
    let area = area.titled(title, (FAMILY, 17)).map_err(err)?;
    let (w, h) = area.dim_in_pixel();
    let (avail_w, avail_h) = (w.saturating_sub(16) as f64, h.saturating_sub(8) as f64);
    let (mut sx, mut sy) = (avail_w / cols as f64, avail_h / rows as f64);
    if image.keep_aspect {
        sx = sx.min(sy);
        sy = sx;
    }
    // One bitmap at display size (nearest source pixel), blitted: the PNG gets pixels, the SVG
    // one embedded PNG rather than a rectangle per pixel.
    let (bw, bh) = (
        ((cols as f64 * sx) as u32).max(1),
        ((rows as f64 * sy) as u32).max(1),
    );
    let span = (image.vmax - image.vmin).max(f64::MIN_POSITIVE);
    let mut buf = Vec::with_capacity((bw * bh * 3) as usize);
    for y in 0..bh {
        let r = ((f64::from(y) / sy) as usize).min(rows - 1);
        for x in 0..bw {
            let c = ((f64::from(x) / sx) as usize).min(cols - 1);
            if let Some(rgb) = &image.rgb {
                buf.extend_from_slice(&[rgb[[r, c, 0]], rgb[[r, c, 1]], rgb[[r, c, 2]]]);
                continue;
            }
            let g =
                (((image.data[[r, c]] - image.vmin) / span).clamp(0.0, 1.0) * 255.0).round() as u8;
            buf.extend_from_slice(&[g, g, g]);
        }
    }
    let pos = ((w as i32 - bw as i32) / 2, 2);
    let element =
        BitMapElement::with_owned_buffer(pos, (bw, bh), buf).context("bitmap buffer size")?;
    area.draw(&element).map_err(err)?;
    Ok(())
}
