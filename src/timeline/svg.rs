//! The current view of the timeline as an SVG document: ticks, lanes, marks and titles, drawn
//! from the same marks the window paints.

use std::fmt::Write as _;

use super::axis::TimeAxis;
use super::lanes::Lane;
use super::marks::{Mark, lane_marks};

/// Layout of an exported view, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SvgLayout {
    /// Width of the time area (the lane labels are added on the left).
    pub width: f32,
    /// Height of one lane.
    pub lane_height: f32,
    /// Width of the lane labels.
    pub label_width: f32,
}

impl Default for SvgLayout {
    fn default() -> Self {
        Self {
            width: 1200.0,
            lane_height: 28.0,
            label_width: 160.0,
        }
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The view as SVG. `lanes[0]` is usually the articles row; `title(lane, item)` gives an item's
/// tooltip.
pub fn timeline_svg(
    lanes: &[&Lane],
    axis: &TimeAxis,
    layout: SvgLayout,
    title: &dyn Fn(usize, usize) -> String,
) -> String {
    let SvgLayout {
        width,
        lane_height,
        label_width,
    } = layout;
    let axis_height = 28.0;
    let height = axis_height + lane_height * lanes.len() as f32 + 8.0;
    let total = label_width + width;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="{height}" viewBox="0 0 {total} {height}" font-family="sans-serif" font-size="11">"#
    );
    let _ = writeln!(
        svg,
        r##"<rect width="{total}" height="{height}" fill="#ffffff"/>"##
    );
    let ticks = axis.ticks(width, 70.0);
    for tick in &ticks.list {
        let x = label_width + axis.x(tick.at);
        let (stroke, weight) = if tick.major {
            ("#9a9a9a", "bold")
        } else {
            ("#dddddd", "normal")
        };
        let _ = writeln!(
            svg,
            r#"<line x1="{x:.1}" y1="{axis_height}" x2="{x:.1}" y2="{height}" stroke="{stroke}"/><text x="{:.1}" y="16" font-weight="{weight}">{}</text>"#,
            x + 3.0,
            escape(&tick.label)
        );
    }
    for (row, lane) in lanes.iter().enumerate() {
        let top = axis_height + lane_height * row as f32;
        let mid = top + lane_height / 2.0;
        let _ = writeln!(
            svg,
            r##"<line x1="0" y1="{top:.1}" x2="{total}" y2="{top:.1}" stroke="#eeeeee"/><text x="6" y="{:.1}">{}</text>"##,
            mid + 4.0,
            escape(&lane.label)
        );
        for mark in lane_marks(lane, axis, width, 6.0) {
            match mark {
                Mark::Point { x, item } => {
                    let _ = writeln!(
                        svg,
                        r##"<circle cx="{:.1}" cy="{mid:.1}" r="4" fill="#3572b0"><title>{}</title></circle>"##,
                        label_width + x,
                        escape(&title(row, item))
                    );
                }
                Mark::Cluster { x, count, .. } => {
                    let _ = writeln!(
                        svg,
                        r##"<circle cx="{:.1}" cy="{mid:.1}" r="8" fill="#9cbde0"/><text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="9">{count}</text>"##,
                        label_width + x,
                        label_width + x,
                        mid + 3.0
                    );
                }
                Mark::Column {
                    x0,
                    x1,
                    count,
                    height,
                    labelled,
                    ..
                } => {
                    let h = (lane_height - 16.0) * height;
                    let floor = top + lane_height - 3.0;
                    let _ = writeln!(
                        svg,
                        r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" fill="#3572b0" fill-opacity="0.6"><title>{count}</title></rect>"##,
                        label_width + x0 + 0.5,
                        floor - h,
                        (x1 - x0 - 1.0).max(1.0),
                    );
                    if labelled {
                        let _ = writeln!(
                            svg,
                            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="9">{}</text>"##,
                            label_width + (x0 + x1) / 2.0,
                            floor - h - 2.0,
                            crate::timeline::marks::compact_count(count)
                        );
                    }
                }
                Mark::Bar {
                    x0,
                    x1,
                    item,
                    count,
                } => {
                    let x0 = x0.max(0.0);
                    let x1 = x1.min(width);
                    let _ = writeln!(
                        svg,
                        r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="3" fill="#3572b0" fill-opacity="0.35"><title>{}{}</title></rect>"##,
                        label_width + x0,
                        mid - 6.0,
                        (x1 - x0).max(1.0),
                        12.0,
                        escape(&title(row, item)),
                        if count > 1 {
                            format!(" (and {} more)", count - 1)
                        } else {
                            String::new()
                        }
                    );
                }
            }
        }
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::axis::DAY;
    use crate::timeline::lanes::Item;

    #[test]
    fn svg_has_ticks_lanes_and_escaped_titles() {
        let lane = Lane {
            label: "Liang <Guanglie>".into(),
            items: vec![Item {
                event: 0,
                start: 10.0 * DAY,
                end: 11.0 * DAY,
                soft_start: false,
                soft_end: false,
                uncertain: false,
            }],
            longest: DAY,
        };
        let axis = TimeAxis::fit(0.0, 30.0 * DAY, 1200.0);
        let svg = timeline_svg(&[&lane], &axis, SvgLayout::default(), &|_, _| {
            "arrived & met".into()
        });
        assert!(svg.starts_with("<svg"));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("Liang &lt;Guanglie&gt;"));
        assert!(svg.contains("<title>arrived &amp; met</title>"));
        assert!(svg.matches("<line").count() >= 5, "ticks and lane rules");
    }
}
