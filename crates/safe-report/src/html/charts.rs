//! The charts of the HTML report as inline SVG: a bar chart of groups, a radar of the top-level
//! groups, the three strategic aims side by side, and the scores then and now of the progress
//! section. They are readable in black and white: every bar carries its value, bars below the
//! threshold are hatched, the aims use three patterns, and previous scores are hatched.

use std::fmt::Write as _;

use super::esc;
use crate::texts::truncate;

/// One bar or radar axis.
pub struct Point<'a> {
    /// Short label (code).
    pub label: &'a str,
    /// Title.
    pub title: &'a str,
    /// Score 0 to 100.
    pub score: Option<f64>,
}

const INK: &str = "#1d3557";
const GRID: &str = "#c8ccd2";
const TEXT: &str = "#222";
const FONT: &str = "font-family=\"Helvetica, Arial, sans-serif\"";

fn fmt_score(v: Option<f64>, na: &str) -> String {
    v.map(|v| format!("{}", v.round()))
        .unwrap_or_else(|| na.to_string())
}

/// Hatch pattern definitions, with ids prefixed by `id`.
fn defs(id: &str) -> String {
    format!(
        "<defs>\
<pattern id=\"{id}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
<rect width=\"6\" height=\"6\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"{INK}\" stroke-width=\"2.2\"/></pattern>\
<pattern id=\"{id}-dots\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">\
<rect width=\"6\" height=\"6\" fill=\"#fff\"/><circle cx=\"3\" cy=\"3\" r=\"1.5\" fill=\"{INK}\"/></pattern>\
<pattern id=\"{id}-cross\" width=\"7\" height=\"7\" patternUnits=\"userSpaceOnUse\">\
<rect width=\"7\" height=\"7\" fill=\"#fff\"/><path d=\"M0 0L7 7M7 0L0 7\" stroke=\"{INK}\" stroke-width=\"1\"/></pattern>\
</defs>"
    )
}

/// Horizontal bars from 0 to 100, one per group, with a dashed threshold line.
pub fn bars(id: &str, title: &str, points: &[Point], threshold: f64, na: &str) -> String {
    let label_w = 390.0;
    let plot_w = 330.0;
    let value_w = 50.0;
    let row_h = 22.0;
    let top = 10.0;
    let axis_h = 24.0;
    let width = label_w + plot_w + value_w;
    let height = top + row_h * points.len() as f64 + axis_h;
    let x0 = label_w;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-t\" {FONT} font-size=\"12\">\
<title id=\"{id}-t\">{}</title>{}",
        esc(title),
        defs(id)
    );
    // Grid and axis.
    for tick in [0, 25, 50, 75, 100] {
        let x = x0 + plot_w * tick as f64 / 100.0;
        let _ = write!(
            s,
            "<line x1=\"{x}\" y1=\"{top}\" x2=\"{x}\" y2=\"{}\" stroke=\"{GRID}\" stroke-width=\"0.8\"/>\
<text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" fill=\"{TEXT}\" font-size=\"10\">{tick}</text>",
            top + row_h * points.len() as f64,
            height - 8.0
        );
    }
    for (i, p) in points.iter().enumerate() {
        let y = top + row_h * i as f64;
        let label = truncate(&format!("{} {}", p.label, p.title), 60);
        let _ = write!(
            s,
            "<g><title>{}</title><text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{TEXT}\">{}</text>",
            esc(&format!(
                "{} {}: {}",
                p.label,
                p.title,
                fmt_score(p.score, na)
            )),
            x0 - 8.0,
            y + row_h / 2.0 + 4.0,
            esc(&label)
        );
        if let Some(v) = p.score {
            let w = plot_w * v.clamp(0.0, 100.0) / 100.0;
            let fill = if v < threshold {
                format!("url(#{id}-hatch)")
            } else {
                INK.to_string()
            };
            let _ = write!(
                s,
                "<rect x=\"{x0}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\" fill=\"{fill}\" stroke=\"{INK}\" stroke-width=\"0.8\"/>",
                y + 4.0,
                row_h - 8.0
            );
        }
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" fill=\"{TEXT}\" font-weight=\"bold\">{}</text></g>",
            x0 + plot_w + 6.0,
            y + row_h / 2.0 + 4.0,
            esc(&fmt_score(p.score, na))
        );
    }
    let tx = x0 + plot_w * threshold / 100.0;
    let _ = write!(
        s,
        "<line x1=\"{tx}\" y1=\"{}\" x2=\"{tx}\" y2=\"{}\" stroke=\"#000\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"/></svg>",
        top - 4.0,
        top + row_h * points.len() as f64 + 2.0
    );
    s
}

/// A radar (spider) chart of the top-level groups.
pub fn radar(id: &str, title: &str, points: &[Point], na: &str) -> String {
    let size = 420.0;
    let (cx, cy) = (size / 2.0 + 40.0, size / 2.0);
    let r = 140.0;
    let n = points.len().max(3) as f64;
    let angle = |i: usize| -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n;
    let at = |i: usize, v: f64| {
        let a = angle(i);
        (cx + r * v / 100.0 * a.cos(), cy + r * v / 100.0 * a.sin())
    };
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart radar\" viewBox=\"0 0 {} {size}\" role=\"img\" aria-labelledby=\"{id}-t\" {FONT} font-size=\"12\">\
<title id=\"{id}-t\">{}</title>",
        size + 80.0,
        esc(title)
    );
    for ring in [25.0, 50.0, 75.0, 100.0] {
        let pts: Vec<String> = (0..points.len())
            .map(|i| {
                let (x, y) = at(i, ring);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = write!(
            s,
            "<polygon points=\"{}\" fill=\"none\" stroke=\"{GRID}\" stroke-width=\"0.8\"/>",
            pts.join(" ")
        );
        let (_, y) = at(0, ring);
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{:.1}\" fill=\"#666\" font-size=\"9\">{ring}</text>",
            cx + 3.0,
            y + 10.0
        );
    }
    for (i, p) in points.iter().enumerate() {
        let (x, y) = at(i, 100.0);
        let _ = write!(
            s,
            "<line x1=\"{cx}\" y1=\"{cy}\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke=\"{GRID}\" stroke-width=\"0.8\"/>"
        );
        let (lx, ly) = at(i, 118.0);
        let a = angle(i).cos();
        let anchor = if a > 0.25 {
            "start"
        } else if a < -0.25 {
            "end"
        } else {
            "middle"
        };
        let _ = write!(
            s,
            "<text x=\"{lx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" fill=\"{TEXT}\"><title>{}</title><tspan font-weight=\"bold\">{}</tspan> {}</text>",
            ly + 4.0,
            esc(p.title),
            esc(p.label),
            esc(&fmt_score(p.score, na))
        );
    }
    let pts: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (x, y) = at(i, p.score.unwrap_or(0.0).clamp(0.0, 100.0));
            format!("{x:.1},{y:.1}")
        })
        .collect();
    let _ = write!(
        s,
        "<polygon points=\"{}\" fill=\"{INK}\" fill-opacity=\"0.18\" stroke=\"{INK}\" stroke-width=\"2\"/>",
        pts.join(" ")
    );
    for (i, p) in points.iter().enumerate() {
        if let Some(v) = p.score {
            let (x, y) = at(i, v.clamp(0.0, 100.0));
            let _ = write!(
                s,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.2\" fill=\"#fff\" stroke=\"{INK}\" stroke-width=\"1.6\"/>"
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// The three strategic aims as vertical bars with three different patterns.
pub fn aims(id: &str, title: &str, points: &[Point], na: &str) -> String {
    let (width, height) = (520.0, 260.0);
    let (left, top, plot_h) = (36.0, 16.0, 170.0);
    let slot = (width - left) / points.len().max(1) as f64;
    let bar_w = 70.0;
    let fills = [
        INK.to_string(),
        format!("url(#{id}-hatch)"),
        format!("url(#{id}-dots)"),
    ];
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart aims\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-t\" {FONT} font-size=\"12\">\
<title id=\"{id}-t\">{}</title>{}",
        esc(title),
        defs(id)
    );
    for tick in [0, 25, 50, 75, 100] {
        let y = top + plot_h * (1.0 - tick as f64 / 100.0);
        let _ = write!(
            s,
            "<line x1=\"{left}\" y1=\"{y}\" x2=\"{width}\" y2=\"{y}\" stroke=\"{GRID}\" stroke-width=\"0.8\"/>\
<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{TEXT}\" font-size=\"10\">{tick}</text>",
            left - 6.0,
            y + 3.5
        );
    }
    for (i, p) in points.iter().enumerate() {
        let cx = left + slot * (i as f64 + 0.5);
        if let Some(v) = p.score {
            let h = plot_h * v.clamp(0.0, 100.0) / 100.0;
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{:.1}\" width=\"{bar_w}\" height=\"{h:.1}\" fill=\"{}\" stroke=\"{INK}\" stroke-width=\"1\"/>",
                cx - bar_w / 2.0,
                top + plot_h - h,
                fills.get(i % 3).map(String::as_str).unwrap_or(INK)
            );
        }
        let vy = top + plot_h - plot_h * p.score.unwrap_or(0.0).clamp(0.0, 100.0) / 100.0 - 5.0;
        let _ = write!(
            s,
            "<text x=\"{cx}\" y=\"{vy:.1}\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"{TEXT}\">{}</text>",
            esc(&fmt_score(p.score, na))
        );
        // The label on up to two lines under the bar.
        let words: Vec<&str> = p.title.split_whitespace().collect();
        let mut lines = vec![String::new()];
        for w in words {
            let cur = lines.last_mut();
            if let Some(cur) = cur {
                if !cur.is_empty() && cur.chars().count() + w.chars().count() > 22 {
                    lines.push(w.to_string());
                } else {
                    if !cur.is_empty() {
                        cur.push(' ');
                    }
                    cur.push_str(w);
                }
            }
        }
        for (j, line) in lines.iter().take(3).enumerate() {
            let _ = write!(
                s,
                "<text x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" fill=\"{TEXT}\">{}</text>",
                top + plot_h + 18.0 + 15.0 * j as f64,
                esc(line)
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// One group of the progress chart: its score then and now.
pub struct Pair<'a> {
    /// Short label (code).
    pub label: &'a str,
    /// Title.
    pub title: &'a str,
    /// Score in the previous assessment.
    pub before: Option<f64>,
    /// Score now.
    pub after: Option<f64>,
    /// The change as shown (`+9`).
    pub change: String,
}

/// Two horizontal bars per group, the previous score (hatched, thin) above the current one
/// (solid), with both figures and the change at the right, and a legend.
pub fn pairs(id: &str, title: &str, rows: &[Pair], legend: [&str; 2], na: &str) -> String {
    let (label_w, plot_w, value_w) = (330.0, 330.0, 120.0);
    let (row_h, top, axis_h) = (30.0, 30.0, 24.0);
    let width = label_w + plot_w + value_w;
    let bottom = top + row_h * rows.len() as f64;
    let height = bottom + axis_h;
    let x0 = label_w;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-t\" {FONT} font-size=\"12\">\
<title id=\"{id}-t\">{}</title>{}",
        esc(title),
        defs(id)
    );
    // Legend.
    let _ = write!(
        s,
        "<rect x=\"{x0}\" y=\"4\" width=\"18\" height=\"9\" fill=\"url(#{id}-hatch)\" stroke=\"{INK}\" stroke-width=\"0.8\"/>\
<text x=\"{}\" y=\"13\" fill=\"{TEXT}\">{}</text>\
<rect x=\"{}\" y=\"4\" width=\"18\" height=\"9\" fill=\"{INK}\"/>\
<text x=\"{}\" y=\"13\" fill=\"{TEXT}\">{}</text>",
        x0 + 24.0,
        esc(legend[0]),
        x0 + 170.0,
        x0 + 194.0,
        esc(legend[1])
    );
    for tick in [0, 25, 50, 75, 100] {
        let x = x0 + plot_w * tick as f64 / 100.0;
        let _ = write!(
            s,
            "<line x1=\"{x}\" y1=\"{top}\" x2=\"{x}\" y2=\"{bottom}\" stroke=\"{GRID}\" stroke-width=\"0.8\"/>\
<text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" fill=\"{TEXT}\" font-size=\"10\">{tick}</text>",
            height - 8.0
        );
    }
    for (i, r) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        let figures = format!(
            "{} \u{2192} {} ({})",
            fmt_score(r.before, na),
            fmt_score(r.after, na),
            r.change
        );
        let _ = write!(
            s,
            "<g><title>{}</title><text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{TEXT}\">{}</text>",
            esc(&format!("{} {}: {figures}", r.label, r.title)),
            x0 - 8.0,
            y + row_h / 2.0 + 4.0,
            esc(&truncate(&format!("{} {}", r.label, r.title), 52))
        );
        if let Some(v) = r.before {
            let _ = write!(
                s,
                "<rect x=\"{x0}\" y=\"{}\" width=\"{:.1}\" height=\"8\" fill=\"url(#{id}-hatch)\" stroke=\"{INK}\" stroke-width=\"0.8\"/>",
                y + 5.0,
                plot_w * v.clamp(0.0, 100.0) / 100.0
            );
        }
        if let Some(v) = r.after {
            let _ = write!(
                s,
                "<rect x=\"{x0}\" y=\"{}\" width=\"{:.1}\" height=\"11\" fill=\"{INK}\"/>",
                y + 14.0,
                plot_w * v.clamp(0.0, 100.0) / 100.0
            );
        }
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" fill=\"{TEXT}\" font-weight=\"bold\">{}</text></g>",
            x0 + plot_w + 8.0,
            y + row_h / 2.0 + 4.0,
            esc(&figures)
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_text_is_escaped_and_missing_scores_say_so() {
        let pts = [
            Point {
                label: "<b>",
                title: "a & b",
                score: None,
            },
            Point {
                label: "X",
                title: "Y",
                score: Some(40.0),
            },
        ];
        for svg in [
            bars("t", "<t>", &pts, 70.0, "n/a"),
            radar("t", "<t>", &pts, "n/a"),
            aims("t", "<t>", &pts, "n/a"),
        ] {
            assert!(!svg.contains("<b>") && !svg.contains("<t>"), "{svg}");
            assert!(svg.contains("&lt;b&gt;") || svg.contains("a &amp; b"));
            assert!(svg.contains("n/a"));
        }
        assert!(bars("t", "", &pts, 70.0, "n/a").contains("url(#t-hatch)"));
        let rows = [Pair {
            label: "<b>",
            title: "a & b",
            before: None,
            after: Some(40.0),
            change: "n/a".into(),
        }];
        let svg = pairs("p", "<t>", &rows, ["<then>", "now"], "n/a");
        assert!(!svg.contains("<b>") && !svg.contains("<then>"), "{svg}");
        assert!(svg.contains("&lt;then&gt;") && svg.contains("n/a \u{2192} 40 (n/a)"));
    }
}
