//! The research timeline without a window: the axis maths and ticks, the lanes of events and
//! articles, the marks a view draws (points, bars, counts where it is dense), and SVG export.
//! `ui::timeline` paints what this computes.

pub mod axis;
pub mod lanes;
pub mod marks;
pub mod svg;

/// Which file a picture of the timeline is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PictureFormat {
    /// Vector, from the timeline's own marks.
    Svg,
    /// A picture of the panel as drawn.
    Png,
}
