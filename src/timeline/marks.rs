//! What one lane draws in one view: points for short items, bars for long ones, and counts
//! where points crowd, so a zoomed-out view of twenty thousand events stays readable and cheap.

use std::collections::HashMap;

use super::axis::TimeAxis;
use super::lanes::Lane;

/// Items narrower than this many points are drawn as points, wider ones as bars.
pub const POINT_WIDTH: f32 = 8.0;

/// One thing to draw in a lane.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// A single short item at `x` (index into the lane's items).
    Point {
        /// Centre, points from the left edge.
        x: f32,
        /// The item.
        item: usize,
    },
    /// Several short items too close to tell apart.
    Cluster {
        /// Centre of the bin.
        x: f32,
        /// How many items.
        count: usize,
        /// The first of them (index into the lane's items).
        item: usize,
    },
    /// A long item from `x0` to `x1`; `count` items share exactly this stretch.
    Bar {
        /// Left end.
        x0: f32,
        /// Right end.
        x1: f32,
        /// The first item drawn here.
        item: usize,
        /// Items with the same stretch.
        count: usize,
    },
}

impl Mark {
    /// The item the mark stands for (the first, for clusters and shared bars).
    pub fn item(&self) -> usize {
        match *self {
            Mark::Point { item, .. } | Mark::Cluster { item, .. } | Mark::Bar { item, .. } => item,
        }
    }

    /// How many items it stands for.
    pub fn count(&self) -> usize {
        match *self {
            Mark::Point { .. } => 1,
            Mark::Cluster { count, .. } | Mark::Bar { count, .. } => count,
        }
    }
}

/// The marks of `lane` in a view `width` points wide; points closer than `bin` points share a
/// cluster. Bars come first (drawn under the points), left to right.
pub fn lane_marks(lane: &Lane, axis: &TimeAxis, width: f32, bin: f32) -> Vec<Mark> {
    let bin = bin.max(1.0);
    let bins = (width / bin).ceil().max(1.0) as usize + 1;
    let mut counts: Vec<(usize, usize)> = vec![(0, 0); bins];
    let mut bars: HashMap<(i32, i32), (usize, usize)> = HashMap::new();
    let range = lane.visible(axis.time(0.0), axis.end(width));
    for (k, item) in lane.items[range.clone()].iter().enumerate() {
        let index = range.start + k;
        let (x0, x1) = (axis.x(item.start), axis.x(item.end));
        if x1 < 0.0 || x0 > width {
            continue;
        }
        if x1 - x0 < POINT_WIDTH {
            let b = (((x0 + x1) / 2.0 / bin).floor().max(0.0) as usize).min(bins - 1);
            let slot = &mut counts[b];
            if slot.0 == 0 {
                slot.1 = index;
            }
            slot.0 += 1;
        } else {
            // Clamp far ends so that keys stay small and equal stretches meet.
            let key = (
                x0.max(-1.0).round() as i32,
                x1.min(width + 1.0).round() as i32,
            );
            let slot = bars.entry(key).or_insert((0, index));
            slot.0 += 1;
        }
    }
    let mut marks: Vec<Mark> = bars
        .into_iter()
        .map(|((x0, x1), (count, item))| Mark::Bar {
            x0: x0 as f32,
            x1: x1 as f32,
            item,
            count,
        })
        .collect();
    marks.sort_by(|a, b| match (a, b) {
        (Mark::Bar { x0: a0, x1: a1, .. }, Mark::Bar { x0: b0, x1: b1, .. }) => {
            a0.total_cmp(b0).then(b1.total_cmp(a1))
        }
        _ => std::cmp::Ordering::Equal,
    });
    // Neighbouring bins whose marks would touch merge into one count.
    let mut groups: Vec<(f32, usize, usize, f32)> = Vec::new(); // (sum of x, count, first, last x)
    for (b, &(count, item)) in counts.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let x = if count == 1 {
            let i = &lane.items[item];
            (axis.x(i.start) + axis.x(i.end)) / 2.0
        } else {
            (b as f32 + 0.5) * bin
        };
        match groups.last_mut() {
            Some(g) if x - g.3 < bin * 2.5 => {
                g.0 += x * count as f32;
                g.1 += count;
                g.3 = x;
            }
            _ => groups.push((x * count as f32, count, item, x)),
        }
    }
    for (sum, count, item, _) in groups {
        let x = sum / count as f32;
        marks.push(if count == 1 {
            Mark::Point { x, item }
        } else {
            Mark::Cluster { x, count, item }
        });
    }
    marks
}

/// The mark under `x` (points from the left edge): points and clusters within `radius` first,
/// nearest wins; then the shortest bar that covers `x`.
pub fn hit(marks: &[Mark], x: f32, radius: f32) -> Option<&Mark> {
    let near = marks
        .iter()
        .filter_map(|m| match *m {
            Mark::Point { x: mx, .. } | Mark::Cluster { x: mx, .. } => {
                let d = (mx - x).abs();
                (d <= radius).then_some((d, m))
            }
            Mark::Bar { .. } => None,
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, m)| m);
    near.or_else(|| {
        marks
            .iter()
            .filter_map(|m| match *m {
                Mark::Bar { x0, x1, .. } if x0 <= x && x <= x1 => Some((x1 - x0, m)),
                _ => None,
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, m)| m)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::axis::DAY;
    use crate::timeline::lanes::Item;

    fn lane(items: &[(f64, f64)]) -> Lane {
        let items: Vec<Item> = items
            .iter()
            .enumerate()
            .map(|(i, &(start, end))| Item {
                event: i,
                start,
                end,
                soft_start: false,
                soft_end: false,
                uncertain: false,
            })
            .collect();
        let longest = items.iter().map(|i| i.end - i.start).fold(0.0, f64::max);
        Lane {
            label: "Events".into(),
            items,
            longest,
        }
    }

    #[test]
    fn dense_points_become_counts_and_long_items_bars() {
        // A thousand one-day events in ten days, and a year-long item.
        let mut items: Vec<(f64, f64)> = (0..1000)
            .map(|i| {
                let start = f64::from(i % 10) * DAY;
                (start, start + DAY)
            })
            .collect();
        items.push((0.0, 365.0 * DAY));
        let lane = lane(&items);
        let axis = TimeAxis {
            start: 0.0,
            per_point: 365.0 * DAY / 1000.0,
        };
        let marks = lane_marks(&lane, &axis, 1000.0, 6.0);
        let drawn: usize = marks.iter().map(Mark::count).sum();
        assert_eq!(drawn, 1001, "every item counted once");
        assert!(marks.len() < 20, "aggregated: {}", marks.len());
        assert!(matches!(marks[0], Mark::Bar { .. }));
        // Zoomed in, each day is wide enough to draw as a bar of its own.
        let close = TimeAxis {
            start: 0.0,
            per_point: DAY / 200.0,
        };
        let marks = lane_marks(&lane, &close, 1000.0, 6.0);
        assert!(marks.iter().any(|m| matches!(m, Mark::Bar { .. })));
        assert!(marks.iter().all(|m| !matches!(m, Mark::Point { .. })));
    }

    #[test]
    fn hit_prefers_points_then_the_shortest_bar() {
        let marks = vec![
            Mark::Bar {
                x0: 0.0,
                x1: 500.0,
                item: 0,
                count: 1,
            },
            Mark::Bar {
                x0: 90.0,
                x1: 140.0,
                item: 1,
                count: 1,
            },
            Mark::Point { x: 100.0, item: 2 },
        ];
        assert_eq!(hit(&marks, 103.0, 6.0).map(Mark::item), Some(2));
        assert_eq!(hit(&marks, 120.0, 6.0).map(Mark::item), Some(1));
        assert_eq!(hit(&marks, 300.0, 6.0).map(Mark::item), Some(0));
        assert_eq!(hit(&marks, 600.0, 6.0), None);
    }
}
