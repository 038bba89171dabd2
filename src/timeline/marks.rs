//! What one lane draws in one view: points for short items, bars for long ones, counts where
//! a few points crowd, and where many do a density strip (a column per bin, its height the
//! bin's count on a log scale, the peaks labelled) that resolves into points as the user
//! zooms in; so a zoomed-out view of fifty thousand events stays readable and cheap.

use std::collections::HashMap;

use super::axis::TimeAxis;
use super::lanes::Lane;

/// Items narrower than this many points are drawn as points, wider ones as bars.
pub const POINT_WIDTH: f32 = 8.0;

/// A lane whose points would crowd into a count of this many or more draws a density strip.
pub const DENSE: usize = 10;
/// The lowest column of a density strip, as a share of the strip's height.
const MIN_COLUMN: f32 = 0.12;

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
    /// One bin of a density strip: the short items from `x0` to `x1`.
    Column {
        /// Left edge.
        x0: f32,
        /// Right edge.
        x1: f32,
        /// How many items.
        count: usize,
        /// The first of them (index into the lane's items).
        item: usize,
        /// Height as a share of the strip's (log scale against the tallest column in view).
        height: f32,
        /// Whether its count is written above it (peaks first, where labels do not overlap).
        labelled: bool,
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
            Mark::Point { item, .. }
            | Mark::Cluster { item, .. }
            | Mark::Column { item, .. }
            | Mark::Bar { item, .. } => item,
        }
    }

    /// How many items it stands for.
    pub fn count(&self) -> usize {
        match *self {
            Mark::Point { .. } => 1,
            Mark::Cluster { count, .. } | Mark::Column { count, .. } | Mark::Bar { count, .. } => {
                count
            }
        }
    }

    /// The centre x of the mark.
    pub fn x(&self) -> f32 {
        match *self {
            Mark::Point { x, .. } | Mark::Cluster { x, .. } => x,
            Mark::Column { x0, x1, .. } | Mark::Bar { x0, x1, .. } => (x0 + x1) / 2.0,
        }
    }
}

/// "1.2k" for big counts.
pub fn compact_count(n: usize) -> String {
    if n >= 10_000 {
        format!("{}k", n / 1000)
    } else if n >= 1000 {
        format!("{:.1}k", n as f64 / 1000.0)
    } else {
        n.to_string()
    }
}

/// Points a count's label needs (about 6 per character, and a gap).
fn label_width(count: usize) -> f32 {
    compact_count(count).len() as f32 * 6.0 + 6.0
}

/// The density strip of the bins' `(count, first item)`, `bin` points wide.
fn columns(counts: &[(usize, usize)], bin: f32) -> Vec<Mark> {
    let tallest = counts.iter().map(|c| c.0).max().unwrap_or(0);
    let scale = ((tallest + 1) as f32).ln().max(f32::MIN_POSITIVE);
    let mut marks: Vec<Mark> = counts
        .iter()
        .enumerate()
        .filter(|(_, c)| c.0 > 0)
        .map(|(b, &(count, item))| Mark::Column {
            x0: b as f32 * bin,
            x1: (b + 1) as f32 * bin,
            count,
            item,
            height: (((count + 1) as f32).ln() / scale).max(MIN_COLUMN),
            labelled: false,
        })
        .collect();
    // Label the peaks first, each where it overlaps no label already placed.
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(marks[k].count()));
    let mut taken: Vec<(f32, f32)> = Vec::new();
    for k in order {
        let count = marks[k].count();
        if count < 2 {
            break;
        }
        let half = label_width(count) / 2.0;
        let (a, b) = (marks[k].x() - half, marks[k].x() + half);
        // Only above columns no taller than its own, so the label never covers one (columns
        // are in x order: only the neighbours within the label's reach).
        let reach = (half / bin).ceil() as usize + 1;
        let peak = marks[k.saturating_sub(reach)..(k + reach + 1).min(marks.len())]
            .iter()
            .all(|m| match *m {
                Mark::Column { x0, x1, .. } if x1 > a && x0 < b => m.count() <= count,
                _ => true,
            });
        if peak && taken.iter().all(|&(ta, tb)| b <= ta || a >= tb) {
            taken.push((a, b));
            if let Mark::Column { labelled, .. } = &mut marks[k] {
                *labelled = true;
            }
        }
    }
    marks
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
    // Many crowded points: their density, bin by bin, instead of counts that would merge
    // into one.
    if groups.iter().any(|g| g.1 >= DENSE) {
        marks.extend(columns(&counts, bin));
        return marks;
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

/// The mark under `x` (points from the left edge): points, clusters and columns within
/// `radius` first, nearest wins; then the shortest bar that covers `x`.
pub fn hit(marks: &[Mark], x: f32, radius: f32) -> Option<&Mark> {
    let near = marks
        .iter()
        .filter_map(|m| match *m {
            Mark::Point { x: mx, .. } | Mark::Cluster { x: mx, .. } => {
                let d = (mx - x).abs();
                (d <= radius).then_some((d, m))
            }
            Mark::Column { x0, x1, .. } => {
                let d = (x0 - x).max(x - x1).max(0.0);
                (d <= 1.0).then_some((d, m))
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
    fn crowded_points_become_a_density_strip_that_resolves_as_the_user_zooms() {
        // Ten thousand one-hour events over ten days, most of them on the fifth day.
        let items: Vec<(f64, f64)> = (0..10_000)
            .map(|i| {
                let day = if i % 10 < 7 { 4 } else { i % 10 };
                let start = f64::from(day) * DAY + f64::from(i % 24) * DAY / 24.0;
                (start, start + DAY / 24.0)
            })
            .collect();
        let lane = lane(&items);
        let wide = TimeAxis {
            start: 0.0,
            per_point: 10.0 * DAY / 700.0,
        };
        let marks = lane_marks(&lane, &wide, 700.0, 7.0);
        assert!(marks.iter().all(|m| matches!(m, Mark::Column { .. })));
        assert_eq!(marks.iter().map(Mark::count).sum::<usize>(), 10_000);
        let height = |m: &Mark| match *m {
            Mark::Column { height, .. } => height,
            _ => 0.0,
        };
        let tallest = marks.iter().max_by_key(|m| m.count()).unwrap();
        assert_eq!(height(tallest), 1.0, "the peak fills the strip");
        let day = |m: &Mark| (wide.time(m.x()) / DAY).floor();
        assert_eq!(day(tallest), 4.0, "the busiest day is the tallest");
        assert!(
            marks
                .iter()
                .all(|m| height(m) >= MIN_COLUMN && height(m) <= 1.0)
        );
        // Labels never overlap, and the peak has one.
        let labelled: Vec<&Mark> = marks
            .iter()
            .filter(|m| matches!(m, Mark::Column { labelled: true, .. }))
            .collect();
        assert!(labelled.iter().any(|m| std::ptr::eq(*m, tallest)));
        for m in &labelled {
            let half = label_width(m.count()) / 2.0;
            assert!(
                marks
                    .iter()
                    .filter(|o| (o.x() - m.x()).abs() < half + 3.5)
                    .all(|o| o.count() <= m.count()),
                "a label above a taller column: {m:?}"
            );
        }
        for (i, a) in labelled.iter().enumerate() {
            for b in &labelled[i + 1..] {
                let room = (label_width(a.count()) + label_width(b.count())) / 2.0;
                assert!((a.x() - b.x()).abs() >= room, "{a:?} {b:?}");
            }
        }
        // A column is hit like a point; zoomed in to one hour, the strip is points again.
        assert!(matches!(
            hit(&marks, tallest.x(), 7.0),
            Some(Mark::Column { .. })
        ));
        let hour = TimeAxis {
            start: 4.0 * DAY,
            per_point: DAY / 24.0 / 700.0,
        };
        let marks = lane_marks(&lane, &hour, 700.0, 7.0);
        assert!(
            marks.iter().all(|m| !matches!(m, Mark::Column { .. })),
            "{marks:?}"
        );
    }

    #[test]
    fn a_few_crowded_points_stay_a_count() {
        let lane = lane(&[(0.0, 1.0), (10.0, 11.0), (20.0, 21.0)]);
        let axis = TimeAxis {
            start: 0.0,
            per_point: DAY,
        };
        let marks = lane_marks(&lane, &axis, 700.0, 7.0);
        assert_eq!(marks.len(), 1);
        assert!(matches!(marks[0], Mark::Cluster { count: 3, .. }));
        assert_eq!(compact_count(12_345), "12k");
        assert_eq!(compact_count(1_234), "1.2k");
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
