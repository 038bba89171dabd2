//! The timeline panel: articles and events on a zoomable time axis. Pan by dragging empty
//! space, zoom with the wheel or a pinch about the pointer, drag an event to move it (one
//! change on release), drag a bar's end to stretch it, double-click empty space to make an
//! event, click an event to open its evidence, click a count to zoom into it.

use chrono::Duration;
use egui::{Color32, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};

use crate::command::Command;
use crate::model::{Article, Event, EventOrigin, TimePoint, TimeValue};
use crate::timeline::axis::{TickStep, TimeAxis, moment};
use crate::timeline::lanes::{EventRef, Item, Lane, LaneMode};
use crate::timeline::marks::{Mark, compact_count, hit, lane_marks};

/// Width of the lane names on the left.
const LABEL_WIDTH: f32 = 150.0;
/// Height of the tick band at the top.
const AXIS_HEIGHT: f32 = 22.0;
/// Points closer than this share a count.
const BIN: f32 = 7.0;
/// Rows lower than this draw points and bars on one line.
const COMPACT_ROW: f32 = 30.0;
/// The lowest an event lane gets before the lanes scroll instead.
const MIN_LANE: f32 = 18.0;
/// Height of one track of bars.
const TRACK: f32 = 13.0;
/// Where points sit in an event row, as a share of its height from the top.
const POINT_LINE: f32 = 0.25;
/// How near (points) a bar's end must be grabbed to stretch it.
const END_GRAB: f32 = 5.0;

/// What the drag in progress moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DragPart {
    /// The whole event.
    Whole,
    /// The start of a range.
    Start,
    /// The end of a range.
    End,
}

#[derive(Clone, Debug)]
struct EventDrag {
    /// Index into the events.
    event: usize,
    part: DragPart,
    dx: f32,
}

/// The panel's own state: the view, the lane grouping and the drag in progress.
#[derive(Clone, Debug, Default)]
pub struct TimelineView {
    /// The visible stretch of time; `None` until the first fit.
    pub axis: Option<TimeAxis>,
    /// How events are grouped into lanes.
    pub lane_mode: LaneMode,
    drag: Option<EventDrag>,
    panning: bool,
    /// The data version last fitted automatically.
    fitted: Option<u64>,
    /// The user zoomed or panned: the view no longer follows the data.
    user_moved: bool,
    /// The unit of the ticks last drawn ("year", "day"…).
    pub tick_unit: &'static str,
    /// The screen rectangle of the time area last drawn (for picture exports).
    pub area: Option<Rect>,
    /// Width of the time area last drawn.
    pub width: f32,
    /// The rows as last laid out.
    pub rows: RowLayout,
    /// Where single events were drawn last frame: (index into the events, centre on screen).
    pub drawn: Vec<(usize, Pos2)>,
    /// Points the event lanes are scrolled up by when they do not all fit.
    pub lane_scroll: f32,
}

/// Where the rows are: the articles row on top, then event lanes of equal height.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RowLayout {
    /// Top of the articles row.
    pub top: f32,
    /// Height of the articles row.
    pub articles: f32,
    /// Height of each event lane.
    pub lane: f32,
    /// Points the event lanes are scrolled up by (they pass under the articles row).
    pub scroll: f32,
    /// The bottom of the panel: lanes below it are out of view.
    pub bottom: f32,
}

impl RowLayout {
    /// Top and height of `row` (0 = articles).
    pub fn band(&self, row: usize) -> (f32, f32) {
        if row == 0 {
            (self.top, self.articles)
        } else {
            (
                self.top + self.articles + self.lane * (row - 1) as f32 - self.scroll,
                self.lane,
            )
        }
    }

    /// The row at height `y`, if any.
    pub fn row_at(&self, y: f32) -> Option<usize> {
        if y < self.top {
            return None;
        }
        if y < self.top + self.articles {
            return Some(0);
        }
        if y > self.bottom {
            return None;
        }
        Some(1 + ((y - self.top - self.articles + self.scroll) / self.lane.max(1.0)) as usize)
    }
}

impl TimelineView {
    /// Shows `from..to` (axis seconds) across the panel.
    pub fn fit(&mut self, from: f64, to: f64) {
        self.axis = Some(TimeAxis::fit(from, to, self.width.max(200.0)));
    }

    /// Where a short item at moment `t` (axis seconds) in `row` (0 = articles, then the lanes)
    /// is drawn on screen, as last laid out.
    pub fn point_on_screen(&self, t: f64, row: usize) -> Option<Pos2> {
        let (axis, area) = (self.axis?, self.area?);
        let (top, height) = self.rows.band(row);
        let y = if row == 0 || height < COMPACT_ROW {
            top + height / 2.0
        } else {
            top + height * POINT_LINE
        };
        Some(Pos2::new(area.left() + axis.x(t), y))
    }
}

/// What the panel draws.
pub struct TimelineData<'a> {
    /// The events, indexed by `Item::event` in the event lanes.
    pub events: &'a [&'a Event],
    /// Which event each index stands for.
    pub event_ref: &'a dyn Fn(usize) -> EventRef,
    /// Event lanes.
    pub lanes: &'a [Lane],
    /// The publication markers; `Item::event` indexes `articles`.
    pub articles_lane: &'a Lane,
    /// The workspace's articles.
    pub articles: &'a [Article],
    /// The selected event (index into `events`).
    pub selected: Option<usize>,
    /// Changes whenever what is shown changes; a new version with no view yet fits all.
    pub version: u64,
}

/// The earliest start and latest end of everything shown; with `robust`, of all but the
/// outermost 2 % on each side (one "6,000 years ago" should not squeeze a year of news into a
/// few pixels).
fn extent(data: &TimelineData<'_>, robust: bool) -> Option<(f64, f64)> {
    let items = data
        .lanes
        .iter()
        .chain(std::iter::once(data.articles_lane))
        .flat_map(|l| l.items.iter());
    if !robust {
        return items.fold(None, |range, item| {
            Some(match range {
                None => (item.start, item.end),
                Some((a, b)) => (f64::min(a, item.start), f64::max(b, item.end)),
            })
        });
    }
    let mut starts: Vec<f64> = Vec::new();
    let mut ends: Vec<f64> = Vec::new();
    for item in items {
        starts.push(item.start);
        ends.push(item.end);
    }
    if starts.len() < 50 {
        return extent(data, false);
    }
    starts.sort_by(f64::total_cmp);
    ends.sort_by(f64::total_cmp);
    let cut = starts.len() / 50;
    Some((starts[cut], ends[ends.len() - 1 - cut]))
}

/// Colours of the panel, from the theme.
struct Palette {
    event: Color32,
    suggestion: Color32,
    article: Color32,
    selected: Color32,
    text: Color32,
    weak: Color32,
    grid: Color32,
    grid_major: Color32,
    lane_bg: Color32,
}

impl Palette {
    fn of(ui: &egui::Ui) -> Self {
        let v = ui.visuals();
        Self {
            event: super::theme::event(ui),
            suggestion: super::theme::suggested_event(ui),
            article: super::theme::article_marker(ui),
            selected: v.selection.stroke.color,
            text: v.strong_text_color(),
            weak: v.weak_text_color(),
            grid: v.widgets.noninteractive.bg_stroke.color.gamma_multiply(0.5),
            grid_major: v.widgets.noninteractive.bg_stroke.color,
            lane_bg: v.faint_bg_color,
        }
    }
}

/// Draws the panel and turns what the user does into commands.
pub fn timeline_ui(
    ui: &mut egui::Ui,
    view: &mut TimelineView,
    data: &TimelineData<'_>,
    commands: &mut Vec<Command>,
) {
    toolbar(ui, view, data, commands);
    let (rect, response) = ui.allocate_exact_size(
        ui.available_size().max(Vec2::new(200.0, 60.0)),
        Sense::click_and_drag(),
    );
    let area = Rect::from_min_max(
        Pos2::new(rect.left() + LABEL_WIDTH, rect.top()),
        rect.right_bottom(),
    );
    view.width = area.width();
    view.area = Some(area);
    // Until the user moves the view, it follows the data and shows all of it.
    if !view.user_moved && view.fitted != Some(data.version) {
        match extent(data, true) {
            Some((a, b)) => {
                view.fit(a, b);
                view.fitted = Some(data.version);
            }
            None if view.axis.is_none() => {
                let now = crate::timeline::axis::seconds(chrono::Local::now().naive_local());
                view.axis = Some(TimeAxis::fit(now - 180.0 * 86_400.0, now, area.width()));
            }
            None => {}
        }
    }
    let Some(mut axis) = view.axis else {
        return;
    };
    let painter = ui.painter_at(rect);
    let palette = Palette::of(ui);
    let rows = 1 + data.lanes.len();
    // The articles row is a strip; the event lanes share the rest, tall enough for their bars;
    // when they are too many for that, they scroll (the wheel over their names).
    let room = rect.height() - AXIS_HEIGHT - 26.0;
    let lane = (room / (rows - 1).max(1) as f32).clamp(MIN_LANE, 200.0);
    let overflow = (lane * (rows - 1) as f32 - room).max(0.0);
    if response.hover_pos().is_some_and(|p| p.x < area.left()) {
        view.lane_scroll -= ui.input(|i| i.smooth_scroll_delta.y);
    }
    view.lane_scroll = view.lane_scroll.clamp(0.0, overflow);
    let layout = RowLayout {
        top: rect.top() + AXIS_HEIGHT,
        articles: 26.0,
        lane,
        scroll: view.lane_scroll,
        bottom: rect.bottom(),
    };
    view.rows = layout;
    // Lanes scrolled up pass under the articles row.
    let lanes_clip = Rect::from_min_max(
        Pos2::new(rect.left(), layout.top + layout.articles),
        rect.right_bottom(),
    );

    // Pointer: zoom and pan first, so this frame draws the new view.
    let pointer = response.hover_pos();
    if let Some(p) = pointer.filter(|p| area.contains(*p)) {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
        let x = p.x - area.left();
        if zoom != 1.0 {
            axis.zoom_about(x, 1.0 / f64::from(zoom));
            view.user_moved = true;
        } else if scroll.y != 0.0 {
            axis.zoom_about(x, f64::from(-scroll.y * 0.003).exp());
            view.user_moved = true;
        }
        if scroll.x != 0.0 {
            axis.pan(scroll.x);
            view.user_moved = true;
        }
    }

    // Ticks.
    let ticks = axis.ticks(area.width(), 80.0);
    view.tick_unit = ticks.step.unit_name();
    for tick in &ticks.list {
        let x = area.left() + axis.x(tick.at);
        let stroke = if tick.major {
            Stroke::new(1.0, palette.grid_major)
        } else {
            Stroke::new(1.0, palette.grid)
        };
        painter.line_segment(
            [Pos2::new(x, rect.top() + 14.0), Pos2::new(x, rect.bottom())],
            stroke,
        );
        let font = if tick.major {
            egui::FontId::proportional(12.0)
        } else {
            egui::FontId::proportional(11.0)
        };
        painter.text(
            Pos2::new(x + 3.0, rect.top() + 2.0),
            egui::Align2::LEFT_TOP,
            &tick.label,
            font,
            if tick.major {
                palette.text
            } else {
                palette.weak
            },
        );
    }

    // Rows: the articles, then the event lanes.
    let mut row_marks: Vec<Vec<Mark>> = Vec::with_capacity(rows);
    view.drawn.clear();
    let mut row_tracks: Vec<Vec<usize>> = Vec::with_capacity(rows);
    for row in 0..rows {
        let lane = if row == 0 {
            data.articles_lane
        } else {
            &data.lanes[row - 1]
        };
        let (top, row_height) = layout.band(row);
        if row > 0 && (top + row_height < lanes_clip.top() || top > lanes_clip.bottom()) {
            // Scrolled out of view.
            row_marks.push(Vec::new());
            row_tracks.push(Vec::new());
            continue;
        }
        let row_painter = if row == 0 {
            painter.clone()
        } else {
            painter.with_clip_rect(lanes_clip.intersect(painter.clip_rect()))
        };
        let band = Rect::from_min_size(
            Pos2::new(rect.left(), top),
            Vec2::new(rect.width(), row_height),
        );
        if row % 2 == 1 {
            row_painter.rect_filled(band, 0.0, palette.lane_bg);
        }
        row_painter.text(
            Pos2::new(rect.left() + 6.0, band.center().y),
            egui::Align2::LEFT_CENTER,
            truncate(&lane.label, 22),
            egui::FontId::proportional(12.0),
            if row == 0 { palette.weak } else { palette.text },
        );
        let marks = lane_marks(lane, &axis, area.width(), BIN);
        // Overlapping bars share tracks under the points, as many as the row has room for.
        let max_tracks = if band.height() < COMPACT_ROW {
            1
        } else {
            ((band.height() * 0.5) / TRACK).floor().clamp(1.0, 6.0) as usize
        };
        let mut track_ends: Vec<f32> = Vec::new();
        // The x of the next point or count after each mark: room for a title.
        let mut next_point = vec![area.width() + 200.0; marks.len()];
        let mut following = area.width() + 200.0;
        for (k, mark) in marks.iter().enumerate().rev() {
            next_point[k] = following;
            if !matches!(mark, Mark::Bar { .. }) {
                following = mark.x();
            }
        }
        let mut tracks = Vec::with_capacity(marks.len());
        for (k, mark) in marks.iter().enumerate() {
            let (track, labelled) = match *mark {
                Mark::Bar { x0, x1, .. } => {
                    let free = track_ends.iter().position(|end| *end + 2.0 < x0);
                    let t = match free {
                        Some(t) => t,
                        None if track_ends.len() < max_tracks => {
                            track_ends.push(f32::MIN);
                            track_ends.len() - 1
                        }
                        // Every track is taken here: lay it over the one that ends first.
                        None => track_ends
                            .iter()
                            .enumerate()
                            .min_by(|a, b| a.1.total_cmp(b.1))
                            .map_or(0, |(t, _)| t),
                    };
                    let labelled = free.is_some() || track_ends[t] == f32::MIN;
                    track_ends[t] = track_ends[t].max(x1);
                    // In a compact row the points' titles have the line.
                    (
                        t,
                        labelled && x1 - x0 > 28.0 && band.height() >= COMPACT_ROW,
                    )
                }
                _ => (0, true),
            };
            let place = Placement {
                band,
                articles_row: row == 0,
                track,
                room: next_point[k],
                labelled,
            };
            draw_mark(&row_painter, mark, lane, &place, data, &palette, area);
            if row > 0 && mark.count() == 1 {
                let event = lane.items[mark.item()].event;
                let (top, height) = layout.band(row);
                let (x, y) = match *mark {
                    _ if height < COMPACT_ROW => (mark.x(), top + height / 2.0),
                    Mark::Bar { x0, x1, .. } => (
                        (x0.max(0.0) + x1.min(area.width())) / 2.0,
                        top + height * 0.45 + TRACK / 2.0 + track as f32 * TRACK,
                    ),
                    _ => (mark.x(), top + height * POINT_LINE),
                };
                view.drawn.push((event, Pos2::new(area.left() + x, y)));
            }
            tracks.push(track);
        }
        row_marks.push(marks);
        row_tracks.push(tracks);
    }

    // Where the lanes stand when they scroll: a thin bar at the right edge.
    if overflow > 0.0 {
        let share = lanes_clip.height() / (lanes_clip.height() + overflow);
        let top =
            lanes_clip.top() + lanes_clip.height() * (1.0 - share) * (view.lane_scroll / overflow);
        painter.rect_filled(
            Rect::from_min_size(
                Pos2::new(rect.right() - 4.0, top),
                Vec2::new(3.0, lanes_clip.height() * share),
            ),
            1.5,
            palette.weak,
        );
    }

    // What is under the pointer.
    let under = pointer.and_then(|p| mark_at(p, (&row_marks, &row_tracks), area, &layout));

    // An event being dragged: follow the pointer, commit once on release. What is grabbed is
    // what was under the pointer when the button went down, not where it is once it moved.
    let press = ui.input(|i| i.pointer.press_origin());
    let grabbed = press.and_then(|p| mark_at(p, (&row_marks, &row_tracks), area, &layout));
    if response.drag_started()
        && let Some((row, mark, x)) =
            grabbed.filter(|(row, m, _)| *row > 0 && !matches!(m, Mark::Cluster { .. }))
    {
        let item = &data.lanes[row - 1].items[mark.item()];
        let part = match mark {
            Mark::Bar { x0, .. } if (x - x0).abs() <= END_GRAB => DragPart::Start,
            Mark::Bar { x0, x1, .. } if (x - x1).abs() <= END_GRAB && x1 - x0 > 3.0 * END_GRAB => {
                DragPart::End
            }
            _ => DragPart::Whole,
        };
        view.drag = Some(EventDrag {
            event: item.event,
            part,
            dx: 0.0,
        });
    } else if response.drag_started() {
        view.panning = true;
    }
    if response.dragged() {
        let dx = response.drag_delta().x;
        match view.drag.as_mut() {
            Some(drag) => drag.dx += dx,
            None if view.panning => {
                axis.pan(dx);
                view.user_moved = true;
            }
            None => {}
        }
    }
    if let Some(drag) = &view.drag {
        if let Some(value) = dragged_value(data.events[drag.event], drag, &axis) {
            draw_ghost(
                &painter,
                &value,
                &axis,
                area,
                &palette,
                rect,
                layout.band(1).0,
            );
        }
        if response.drag_stopped() {
            if let Some(value) = dragged_value(data.events[drag.event], drag, &axis)
                .filter(|v| *v != data.events[drag.event].value)
            {
                let mut event = data.events[drag.event].clone();
                event.value = value;
                commands.push(Command::UpdateEvent(
                    (data.event_ref)(drag.event),
                    Box::new(event),
                ));
            }
            view.drag = None;
        }
    }
    if response.drag_stopped() {
        view.panning = false;
    }

    // Clicks.
    if response.clicked() {
        match &under {
            Some((row, mark @ (Mark::Cluster { .. } | Mark::Column { .. }), _))
                if mark.count() > 1 =>
            {
                // Open the count up: show just the items it stands for.
                let lane = if *row == 0 {
                    data.articles_lane
                } else {
                    &data.lanes[row - 1]
                };
                let (from, to) = match *mark {
                    Mark::Column { x0, x1, .. } => (axis.time(x0), axis.time(x1)),
                    _ => (
                        axis.time(mark.x() - 3.0 * BIN),
                        axis.time(mark.x() + 3.0 * BIN),
                    ),
                };
                let inside = lane.items[lane.visible(from, to)]
                    .iter()
                    .filter(|i| (i.start + i.end) / 2.0 >= from && (i.start + i.end) / 2.0 <= to);
                let span = inside.fold(None, |span: Option<(f64, f64)>, i| {
                    Some(span.map_or((i.start, i.end), |(a, b)| (a.min(i.start), b.max(i.end))))
                });
                if let Some((a, b)) = span {
                    let pad = (b - a) * 0.1;
                    axis = TimeAxis::fit(a - pad, b + pad, area.width());
                }
                view.user_moved = true;
            }
            Some((0, mark, _)) => {
                let item = &data.articles_lane.items[mark.item()];
                if let Some(a) = data.articles.get(item.event) {
                    commands.push(Command::SelectArticle(Some(a.id)));
                }
            }
            Some((row, mark, _)) => {
                let item = &data.lanes[row - 1].items[mark.item()];
                commands.push(Command::SelectEvent(Some((data.event_ref)(item.event))));
            }
            None => commands.push(Command::SelectEvent(None)),
        }
    }
    if response.double_clicked()
        && under.is_none()
        && let Some(p) = pointer.filter(|p| area.contains(*p))
    {
        let at = moment(axis.time(p.x - area.left()));
        commands.push(Command::CreateEvent(Box::new(new_event(at, ticks.step))));
    }

    // Hover: what it is and where it comes from.
    if view.drag.is_none()
        && let Some((row, mark, _)) = &under
    {
        let lane = if *row == 0 {
            data.articles_lane
        } else {
            &data.lanes[row - 1]
        };
        let item = &lane.items[mark.item()];
        egui::Tooltip::for_widget(&response)
            .at_pointer()
            .show(|ui| {
                if *row == 0 {
                    if let Some(a) = data.articles.get(item.event) {
                        ui.strong(&a.headline);
                        if let Some(p) = &a.published {
                            ui.label(format!("Published {}", p.display_full()));
                        }
                    }
                } else {
                    event_tooltip(ui, data.events[item.event], data.articles);
                }
                if mark.count() > 1 {
                    ui.weak(format!(
                        "and {} more here: click to zoom in",
                        mark.count() - 1
                    ));
                }
                if let Mark::Column { x0, x1, count, .. } = *mark {
                    ui.weak(format!(
                        "{count} in {}",
                        span_words(axis.time(x0), axis.time(x1))
                    ));
                }
            });
    }
    super::timeline_access::describe_timeline(
        ui,
        &response,
        data.events,
        &view.drawn,
        data.selected,
        |index| Command::SelectEvent(Some((data.event_ref)(index))),
        commands,
    );
    view.axis = Some(axis);
}

/// The row, mark and x (from the time area's left edge) at screen position `p`.
fn mark_at(
    p: Pos2,
    (row_marks, row_tracks): (&[Vec<Mark>], &[Vec<usize>]),
    area: Rect,
    layout: &RowLayout,
) -> Option<(usize, Mark, f32)> {
    if !area.contains(p) {
        return None;
    }
    let row = layout.row_at(p.y)?;
    let marks = row_marks.get(row)?;
    let x = p.x - area.left();
    let (top, height) = layout.band(row);
    if row == 0 || height < COMPACT_ROW {
        return hit(marks, x, 7.0).map(|m| (row, m.clone(), x));
    }
    // Points above, bars on their tracks below: only what is under the pointer.
    let bars_top = top + height * 0.45;
    if p.y < bars_top {
        let points: Vec<Mark> = marks
            .iter()
            .filter(|m| !matches!(m, Mark::Bar { .. }))
            .cloned()
            .collect();
        return hit(&points, x, 7.0).map(|m| (row, m.clone(), x));
    }
    let track = ((p.y - bars_top) / TRACK) as usize;
    let tracks = row_tracks.get(row)?;
    marks
        .iter()
        .zip(tracks)
        .filter(|(m, t)| {
            **t == track
                && matches!(m, Mark::Bar { x0, x1, .. } if *x0 - 2.0 <= x && x <= *x1 + 2.0)
        })
        .min_by(|a, b| bar_width(a.0).total_cmp(&bar_width(b.0)))
        .map(|(m, _)| (row, m.clone(), x))
}

/// A stretch of the axis in words: "3 Mar 1987 14:00 – 3 Mar 1987 19:00".
fn span_words(from: f64, to: f64) -> String {
    let words = |t: f64| {
        let at = crate::timeline::axis::moment(t);
        if to - from < crate::timeline::axis::DAY {
            at.format("%-d %b %Y %H:%M").to_string()
        } else {
            at.format("%-d %b %Y").to_string()
        }
    };
    format!("{} – {}", words(from), words(to))
}

/// A bar's width in points (0 for other marks).
fn bar_width(mark: &Mark) -> f32 {
    match *mark {
        Mark::Bar { x0, x1, .. } => x1 - x0,
        _ => 0.0,
    }
}

/// The buttons above the timeline.
fn toolbar(
    ui: &mut egui::Ui,
    view: &mut TimelineView,
    data: &TimelineData<'_>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.strong("Timeline");
        egui::ComboBox::from_label("lanes")
            .selected_text(view.lane_mode.label())
            .show_ui(ui, |ui| {
                for mode in LaneMode::ALL {
                    ui.selectable_value(&mut view.lane_mode, mode, mode.label());
                }
            });
        if ui
            .button("Fit all")
            .on_hover_text("Show every article and event")
            .clicked()
            && let Some((a, b)) = extent(data, false)
        {
            view.fit(a, b);
            view.user_moved = false;
            view.fitted = Some(data.version);
        }
        let selected = data
            .selected
            .and_then(|i| data.events.get(i))
            .and_then(|e| e.value.interval());
        if ui
            .add_enabled(selected.is_some(), egui::Button::new("Zoom to selection"))
            .on_hover_text("Show the selected event and its surroundings")
            .clicked()
            && let Some((a, b)) = selected
        {
            let (a, b) = (
                crate::timeline::axis::seconds(a),
                crate::timeline::axis::seconds(b),
            );
            let pad = (b - a).max(86_400.0) * 3.0;
            view.fit(a - pad, b + pad);
            view.user_moved = true;
        }
        if ui.button("Export SVG…").clicked() {
            commands.push(Command::ExportTimelineDialog(
                crate::timeline::PictureFormat::Svg,
            ));
        }
        if ui.button("Export PNG…").clicked() {
            commands.push(Command::ExportTimelineDialog(
                crate::timeline::PictureFormat::Png,
            ));
        }
        ui.weak(format!(
            "{} events · ticks: {}",
            data.events.len(),
            if view.tick_unit.is_empty() {
                "-"
            } else {
                view.tick_unit
            }
        ));
    });
}

/// Where a mark goes in its lane.
struct Placement {
    /// The lane's band.
    band: Rect,
    /// The articles row: squares, no tracks.
    articles_row: bool,
    /// The bar's track (0–2).
    track: usize,
    /// The x (from the left edge) of the next point or count: room for a title.
    room: f32,
    /// A bar with room for its count.
    labelled: bool,
}

/// Draws one mark in its lane band: points on the upper line with their titles when there is
/// room, bars on tracks below.
fn draw_mark(
    painter: &egui::Painter,
    mark: &Mark,
    lane: &Lane,
    place: &Placement,
    data: &TimelineData<'_>,
    palette: &Palette,
    area: Rect,
) {
    let band = place.band;
    let articles_row = place.articles_row;
    // Compact rows (many lanes in a short panel) put points and bars on one line.
    let (point_y, bar_y) = if articles_row || band.height() < COMPACT_ROW {
        (band.center().y, band.center().y)
    } else {
        (
            band.top() + band.height() * POINT_LINE,
            band.top() + band.height() * 0.45 + TRACK / 2.0 + place.track as f32 * TRACK,
        )
    };
    let item = &lane.items[mark.item()];
    let event = (!articles_row).then(|| data.events[item.event]);
    let suggested = event.is_some_and(|e| e.id == Event::UNSTORED);
    let colour = if articles_row {
        palette.article
    } else if suggested {
        palette.suggestion
    } else {
        palette.event
    };
    let selected = !articles_row && data.selected == Some(item.event);
    match *mark {
        Mark::Point { x, .. } => {
            let c = Pos2::new(area.left() + x, point_y);
            if articles_row {
                painter.rect_filled(Rect::from_center_size(c, Vec2::splat(6.0)), 1.0, colour);
            } else if suggested {
                painter.circle(
                    c,
                    4.0,
                    colour.gamma_multiply(0.35),
                    Stroke::new(1.5, colour),
                );
            } else {
                painter.circle_filled(c, 4.5, colour);
            }
            if item.uncertain {
                painter.text(
                    c + Vec2::new(-10.0, 0.0),
                    egui::Align2::RIGHT_CENTER,
                    "?",
                    egui::FontId::proportional(10.0),
                    colour,
                );
            }
            if let Some(e) = event {
                let chars = ((place.room - x - 14.0) / 6.0) as usize;
                if chars >= 6 {
                    painter.text(
                        c + Vec2::new(8.0, 0.0),
                        egui::Align2::LEFT_CENTER,
                        truncate(&e.title, chars),
                        egui::FontId::proportional(10.5),
                        palette.text,
                    );
                }
            }
            if selected {
                painter.circle_stroke(c, 8.0, Stroke::new(2.0, palette.selected));
            }
        }
        Mark::Cluster { x, count, .. } => {
            let c = Pos2::new(area.left() + x, point_y);
            let r = (band.height() / 2.0 - 3.0).clamp(6.0, 10.0);
            painter.circle(c, r, colour.gamma_multiply(0.3), Stroke::new(1.0, colour));
            painter.text(
                c,
                egui::Align2::CENTER_CENTER,
                compact_count(count),
                egui::FontId::proportional(9.5),
                palette.text,
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
            // The strip stands on the points' line's floor: the band's bottom when bars share
            // the line, else the top of the bars' tracks.
            let floor = if articles_row || band.height() < COMPACT_ROW {
                band.bottom() - 2.0
            } else {
                band.top() + band.height() * 0.45
            };
            // Every column of a band keeps the same room for labels, so heights compare.
            let label_room = if band.height() >= 22.0 { 11.0 } else { 0.0 };
            let room = (floor - band.top() - 2.0 - label_room).max(3.0);
            let top = floor - room * height;
            let r = Rect::from_min_max(
                Pos2::new(area.left() + x0 + 0.5, top),
                Pos2::new(area.left() + x1 - 0.5, floor),
            );
            painter.rect_filled(r, 1.0, colour.gamma_multiply(0.75));
            if labelled && label_room > 0.0 {
                painter.text(
                    Pos2::new(r.center().x, top - 1.0),
                    egui::Align2::CENTER_BOTTOM,
                    compact_count(count),
                    egui::FontId::proportional(9.5),
                    palette.text,
                );
            }
            if selected && count == 1 {
                painter.rect_stroke(
                    r.expand(2.0),
                    1.0,
                    Stroke::new(2.0, palette.selected),
                    StrokeKind::Outside,
                );
            }
        }
        Mark::Bar { x0, x1, count, .. } => {
            // In a compact row a bar is a thin line along its foot, under the points and the
            // density columns, so that year-long items do not cover the row.
            let compact = !articles_row && band.height() < COMPACT_ROW;
            let h = if compact { 4.0 } else { TRACK - 2.0 };
            let bar_y = if compact { band.bottom() - 3.0 } else { bar_y };
            let r = Rect::from_min_max(
                Pos2::new(area.left() + x0.max(-2.0), bar_y - h / 2.0),
                Pos2::new(area.left() + x1.min(area.width() + 2.0), bar_y + h / 2.0),
            );
            let alpha = if suggested { 0.45 } else { 0.8 };
            soft_bar(painter, r, colour.gamma_multiply(alpha), item);
            if suggested {
                dashed_outline(painter, r.expand(1.0), colour);
            }
            if item.uncertain {
                hatch(painter, r, palette.text);
            }
            if place.labelled {
                let text = match event {
                    Some(e) if count == 1 => e.title.clone(),
                    Some(e) => format!("{} (and {} more)", e.title, count - 1),
                    None => format!("x{count}"),
                };
                let visible = r.intersect(area);
                let chars = ((visible.width() - 6.0) / 5.8) as usize;
                if chars >= 3 {
                    painter.text(
                        Pos2::new(visible.left() + 3.0, bar_y),
                        egui::Align2::LEFT_CENTER,
                        truncate(&text, chars),
                        egui::FontId::proportional(10.0),
                        palette.text,
                    );
                }
            }
            if selected {
                painter.rect_stroke(
                    r.expand(2.0),
                    2.0,
                    Stroke::new(2.0, palette.selected),
                    StrokeKind::Outside,
                );
            }
        }
    }
}

/// A bar whose approximate or open ends fade out.
fn soft_bar(painter: &egui::Painter, r: Rect, colour: Color32, item: &Item) {
    let fade = (r.width() * 0.25).min(24.0);
    let clear = Color32::TRANSPARENT;
    let mut mesh = egui::Mesh::default();
    let xs = [r.left(), r.left() + fade, r.right() - fade, r.right()];
    let cs = [
        if item.soft_start { clear } else { colour },
        colour,
        colour,
        if item.soft_end { clear } else { colour },
    ];
    for (x, c) in xs.iter().zip(cs) {
        mesh.colored_vertex(Pos2::new(*x, r.top()), c);
        mesh.colored_vertex(Pos2::new(*x, r.bottom()), c);
    }
    for k in 0..3u32 {
        let i = k * 2;
        mesh.add_triangle(i, i + 1, i + 2);
        mesh.add_triangle(i + 1, i + 3, i + 2);
    }
    painter.add(egui::Shape::mesh(mesh));
}

/// A dashed outline: how suggestions look until the user keeps them.
fn dashed_outline(painter: &egui::Painter, r: Rect, colour: Color32) {
    let stroke = Stroke::new(1.0, colour);
    let corners = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    painter.add(egui::Shape::dashed_line(&corners, stroke, 3.0, 2.0));
}

/// Diagonal hatching: an uncertain date.
fn hatch(painter: &egui::Painter, r: Rect, colour: Color32) {
    let stroke = Stroke::new(1.0, colour.gamma_multiply(0.35));
    let mut x = r.left();
    while x < r.right() {
        let a = Pos2::new(x, r.bottom());
        let b = Pos2::new((x + r.height()).min(r.right()), r.top());
        painter.line_segment([a, b], stroke);
        x += 6.0;
    }
}

/// The value an event would get if the drag ended now.
fn dragged_value(event: &Event, drag: &EventDrag, axis: &TimeAxis) -> Option<TimeValue> {
    let seconds = (f64::from(drag.dx) * axis.per_point) as i64;
    if seconds == 0 {
        return Some(event.value.clone());
    }
    let by = Duration::seconds(seconds);
    match drag.part {
        DragPart::Whole => event.value.shifted(by),
        DragPart::Start => event.value.with_end_shifted(true, by),
        DragPart::End => event.value.with_end_shifted(false, by),
    }
}

/// Where a dragged event would land, with its new value written above.
fn draw_ghost(
    painter: &egui::Painter,
    value: &TimeValue,
    axis: &TimeAxis,
    area: Rect,
    palette: &Palette,
    rect: Rect,
    lanes_top: f32,
) {
    let Some((a, b)) = value.interval() else {
        return;
    };
    let x0 = area.left() + axis.x(crate::timeline::axis::seconds(a));
    let x1 = area.left() + axis.x(crate::timeline::axis::seconds(b));
    let r = Rect::from_min_max(
        Pos2::new(x0.min(x1 - 2.0), lanes_top),
        Pos2::new(x1.max(x0 + 2.0), rect.bottom()),
    );
    painter.rect_filled(r, 2.0, palette.selected.gamma_multiply(0.25));
    painter.text(
        Pos2::new(r.left(), lanes_top - 2.0),
        egui::Align2::LEFT_BOTTOM,
        value.to_timex(),
        egui::FontId::proportional(12.0),
        palette.text,
    );
}

/// The tooltip of an event: title, value, origin and the articles it comes from.
fn event_tooltip(ui: &mut egui::Ui, event: &Event, articles: &[Article]) {
    ui.strong(&event.title);
    ui.label(event.value.to_timex());
    match &event.origin {
        EventOrigin::Manual => ui.weak("Made by you"),
        EventOrigin::Suggested { .. } if event.id == Event::UNSTORED => {
            ui.weak("Suggested from the text: drag to move, click to open the evidence")
        }
        EventOrigin::Suggested { .. } => ui.weak("Suggested, kept by you"),
    };
    for id in event.articles().into_iter().take(3) {
        if let Some(a) = articles.iter().find(|a| a.id == id) {
            ui.label(format!("• {}", truncate(&a.headline, 70)));
        }
    }
}

/// A new event at `at`, as precise as the ticks show.
fn new_event(at: chrono::NaiveDateTime, step: TickStep) -> Event {
    use chrono::{Datelike, Timelike};
    let date = at.date();
    let point = match step {
        TickStep::Years(n) if n >= 10 => TimePoint::Year(Some(date.year())),
        TickStep::Years(_) => TimePoint::Month(Some(date.year()), date.month() as u8),
        TickStep::Months(_) | TickStep::Days(_) => TimePoint::Day(
            Some(date.year()),
            Some(date.month() as u8),
            Some(date.day() as u8),
        ),
        TickStep::Hours(_) | TickStep::Minutes(_) => {
            TimePoint::Clock(date, at.hour() as u8, Some(at.minute() as u8))
        }
    };
    Event::manual("New event", TimeValue::Point(point, None))
}

/// At most `max` characters, with "…" when cut.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scrolled lanes move up under the articles row, and the pointer finds the lane drawn
    /// under it; nothing is found below the panel.
    #[test]
    fn scrolled_lanes_are_found_where_they_are_drawn() {
        let mut layout = RowLayout {
            top: 100.0,
            articles: 26.0,
            lane: 20.0,
            scroll: 0.0,
            bottom: 300.0,
        };
        assert_eq!(layout.band(1), (126.0, 20.0));
        assert_eq!(layout.row_at(130.0), Some(1));
        layout.scroll = 45.0;
        assert_eq!(layout.band(1), (81.0, 20.0), "under the articles row");
        assert_eq!(layout.band(3), (121.0, 20.0));
        assert_eq!(
            layout.row_at(110.0),
            Some(0),
            "the articles row stays on top"
        );
        assert_eq!(layout.row_at(130.0), Some(3));
        let (top, height) = layout.band(3);
        assert_eq!(layout.row_at(top + height / 2.0), Some(3));
        assert_eq!(layout.row_at(301.0), None);
    }
}
