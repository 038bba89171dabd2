//! The research timeline without a window: the axis maths and ticks, the lanes of events and
//! articles, the marks a view draws (points, bars, counts where it is dense), and SVG export.
//! `ui::timeline` paints what this computes.

pub mod axis;
pub mod lanes;
pub mod marks;
pub mod svg;
