//! Annotations in the app: the commands that make, change, decide and delete them and the
//! codebook's tags, all as undoable edits; and what the reader shows of them for the selected
//! article.

use super::{Command, DatelineApp};
use crate::model::{
    Annotation, AnnotationBody, AnnotationId, AnnotationOrigin, AnnotationStatus, ArticleId,
    Codebook, Edit, Event, Evidence, TAG_COLOURS, Tag, TagId, TextTarget, TimeValue,
};
use crate::ui::reader::{AnnotationStyle, ReaderAnnotation};

/// What the inspector shows of the selected annotation: it, and the annotations overlapping it.
pub(super) type AnnotationSection = Option<(Annotation, Vec<Annotation>)>;

/// Names the extractors in the decisions on their suggestions.
const NER: &str = "ner-1";
const TIMEX: &str = "timex-1";

pub(super) use crate::extract::offsets::{byte_offset as byte_of, code_point_offset as cp_of};

impl DatelineApp {
    /// The annotations of an article (`own`, from [`Self::annotations_of`]) as the reader draws
    /// them (byte spans), rejected decisions left out.
    pub(super) fn reader_annotations(
        &self,
        article: ArticleId,
        own: &[&Annotation],
    ) -> Vec<ReaderAnnotation> {
        let Some(body) = self.workspace.article(article).map(|a| &*a.body) else {
            return Vec::new();
        };
        let codebook = &self.workspace.codebook;
        let shown: Vec<&&Annotation> = own.iter().filter(|a| !a.is_rejected()).collect();
        let spans: Vec<(usize, usize)> = shown
            .iter()
            .map(|a| (a.target.start, a.target.end))
            .collect();
        let mut out: Vec<ReaderAnnotation> = shown
            .iter()
            .zip(crate::extract::offsets::byte_spans(body, &spans))
            .filter_map(|(a, (start, end))| {
                let style = match &a.body {
                    AnnotationBody::Entity(key) => AnnotationStyle::Entity(key.label),
                    AnnotationBody::Tag(tag) => AnnotationStyle::Tag(codebook.tag(*tag)?.colour),
                    AnnotationBody::Note(_) => AnnotationStyle::Note,
                    AnnotationBody::Evidence(_) => AnnotationStyle::Evidence,
                    AnnotationBody::TimeExpression => AnnotationStyle::AcceptedTime,
                };
                Some(ReaderAnnotation {
                    id: a.id,
                    start,
                    end,
                    style,
                    selected: self.selected_annotation == Some(a.id),
                })
            })
            .collect();
        out.sort_by_key(|a| (a.start, a.end));
        out
    }

    /// The annotations of an article, in the workspace's order: one pass over all of them
    /// (2–3 ms at 300,000), which the reader's views then share.
    pub(super) fn annotations_of(&self, article: ArticleId) -> Vec<&Annotation> {
        self.workspace
            .annotations
            .iter()
            .filter(|a| a.target.article == article)
            .collect()
    }

    /// The decisions on suggestions among an article's annotations `own` (from
    /// [`Self::annotations_of`]): (code-point span, is a name, status).
    pub(super) fn decisions(own: &[&Annotation]) -> Vec<(usize, usize, bool, AnnotationStatus)> {
        own.iter()
            .filter(|a| matches!(a.origin, AnnotationOrigin::Suggested(_)))
            .map(|a| {
                let name = matches!(a.body, AnnotationBody::Entity(_));
                (a.target.start, a.target.end, name, a.status)
            })
            .collect()
    }

    /// The selected annotation.
    pub fn selected_annotation(&self) -> Option<&Annotation> {
        let id = self.selected_annotation?;
        let list = &self.workspace.annotations;
        // New annotations take the next id at the end and undo puts them back where they
        // were, so the list is in id order; a search, with a read of all as the fallback.
        list.binary_search_by_key(&id, |a| a.id)
            .ok()
            .map(|i| &list[i])
            .or_else(|| list.iter().find(|a| a.id == id))
    }

    /// Handles the annotation and codebook commands.
    pub(super) fn handle_annotation_command(&mut self, command: Command) {
        match command {
            Command::Annotate(target, body) => {
                let annotation = Annotation {
                    id: AnnotationId(0),
                    target,
                    body,
                    origin: AnnotationOrigin::Manual,
                    status: AnnotationStatus::Accepted,
                };
                let id = AnnotationId(self.workspace.next_annotation_id);
                if self.apply_edit(Edit::add_annotation(&self.workspace, annotation)) {
                    self.selected_annotation = Some(id);
                    self.message = Some("Annotated (Ctrl+Z takes it back)".into());
                }
            }
            Command::EventFromText(target) => self.event_from_text(target),
            Command::SelectAnnotation(id) => self.selected_annotation = id,
            Command::UpdateAnnotation(annotation) => {
                self.apply_edit(Edit::ReplaceAnnotation(annotation));
            }
            Command::DeleteAnnotation(id)
                if self.apply_edit(Edit::remove_annotation(&self.workspace, id)) =>
            {
                self.selected_annotation = self.selected_annotation.filter(|s| *s != id);
                self.message = Some("Annotation deleted (Ctrl+Z brings it back)".into());
            }
            Command::Decide(target, body, status) => {
                if let Some(edit) = self.decision_edit(target, body, status) {
                    self.apply_edit(edit);
                }
            }
            Command::DecideAll(article, status) => self.decide_all(article, status),
            Command::SelectSuggestion(span) => self.selected_suggestion = span,
            Command::CreateTag(name, parent) => {
                let mut book = self.workspace.codebook.clone();
                let colour = TAG_COLOURS[book.tags.len() % TAG_COLOURS.len()];
                book.tags.push(Tag {
                    id: TagId(book.next_id),
                    name,
                    colour,
                    parent,
                });
                book.next_id += 1;
                self.apply_edit(Edit::SetCodebook(book));
            }
            Command::UpdateTag(tag) => {
                let mut book = self.workspace.codebook.clone();
                // A tag cannot move under itself or its own children.
                if tag.parent.is_some_and(|p| book.is_within(p, tag.id)) {
                    self.message = Some("A tag cannot sit under itself".into());
                    return;
                }
                if let Some(slot) = book.tags.iter_mut().find(|t| t.id == tag.id) {
                    *slot = tag;
                    self.apply_edit(Edit::SetCodebook(book));
                }
            }
            Command::MergeTags(from, into) => self.merge_tags(from, into),
            Command::DeleteTag(id) => self.delete_tag(id),
            _ => {}
        }
    }

    /// The edit that records a decision on a suggestion: a new stored decision, or a change of
    /// the one already there. `None` when nothing changes.
    fn decision_edit(
        &self,
        target: TextTarget,
        body: AnnotationBody,
        status: AnnotationStatus,
    ) -> Option<Edit> {
        let name = matches!(body, AnnotationBody::Entity(_));
        let existing = self.workspace.annotations.iter().find(|a| {
            matches!(a.origin, AnnotationOrigin::Suggested(_))
                && a.target.article == target.article
                && a.target.start == target.start
                && a.target.end == target.end
                && matches!(a.body, AnnotationBody::Entity(_)) == name
        });
        match existing {
            Some(a) if a.status == status => None,
            Some(a) => {
                let mut changed = a.clone();
                changed.status = status;
                Some(Edit::ReplaceAnnotation(changed))
            }
            None => Some(Edit::add_annotation(
                &self.workspace,
                Annotation {
                    id: AnnotationId(0),
                    target,
                    body,
                    origin: AnnotationOrigin::Suggested(if name { NER } else { TIMEX }.into()),
                    status,
                },
            )),
        }
    }

    /// Accepts or rejects every suggestion of the article the reader shows that has no
    /// decision yet, as one step.
    fn decide_all(&mut self, article: ArticleId, status: AnnotationStatus) {
        if self.selection != Some(article) {
            return;
        }
        self.refresh_timexes();
        let Some(body) = self.workspace.article(article).map(|a| a.body.clone()) else {
            return;
        };
        let decided = Self::decisions(&self.annotations_of(article));
        let undecided = |start: usize, end: usize, name: bool| {
            !decided
                .iter()
                .any(|(s, e, n, _)| *s == start && *e == end && *n == name)
        };
        let mut spans: Vec<(usize, usize, AnnotationBody)> = Vec::new();
        for name in &self.names {
            let (s, e) = (cp_of(&body, name.start), cp_of(&body, name.end));
            if undecided(s, e, true) {
                let key = crate::model::EntityKey::new(&name.entity, name.label);
                spans.push((s, e, AnnotationBody::Entity(key)));
            }
        }
        for timex in self.shown_timexes() {
            let (s, e) = (cp_of(&body, timex.start), cp_of(&body, timex.end));
            if !timex.manual && undecided(s, e, false) {
                spans.push((s, e, AnnotationBody::TimeExpression));
            }
        }
        let mut next = self.workspace.next_annotation_id;
        let mut at = self.workspace.annotations.len();
        let mut edits = Vec::new();
        for (s, e, body_kind) in spans {
            let Some(target) = TextTarget::new(article, &body, s, e) else {
                continue;
            };
            let name = matches!(body_kind, AnnotationBody::Entity(_));
            edits.push(Edit::InsertAnnotation {
                at,
                annotation: Annotation {
                    id: AnnotationId(next),
                    target,
                    body: body_kind,
                    origin: AnnotationOrigin::Suggested(if name { NER } else { TIMEX }.into()),
                    status,
                },
                next_id: next + 1,
            });
            next += 1;
            at += 1;
        }
        let count = edits.len();
        if count > 0 && self.apply_edit(Edit::Batch(edits)) {
            self.message = Some(format!(
                "{} {count} suggestions",
                if status == AnnotationStatus::Rejected {
                    "Rejected"
                } else {
                    "Accepted"
                }
            ));
        }
    }

    /// Makes an event of the date in a span: the time expression it overlaps, else the
    /// article's reference date; the span is its evidence.
    fn event_from_text(&mut self, target: TextTarget) {
        self.refresh_timexes();
        let Some(article) = self.workspace.article(target.article) else {
            return;
        };
        let body = &article.body;
        let (start, end) = (byte_of(body, target.start), byte_of(body, target.end));
        let timex_value = self
            .timexes
            .as_ref()
            .filter(|(id, _, _)| *id == target.article)
            .and_then(|(_, _, t)| {
                t.iter()
                    .find(|x| x.start < end && start < x.end && x.value.interval().is_some())
            })
            .map(|x| x.value.clone());
        let value = timex_value.or_else(|| {
            let (date, _) = article.reference_date()?;
            Some(TimeValue::Point(
                crate::model::TimePoint::Day(
                    Some(chrono::Datelike::year(&date)),
                    Some(chrono::Datelike::month(&date) as u8),
                    Some(chrono::Datelike::day(&date) as u8),
                ),
                None,
            ))
        });
        let Some(value) = value else {
            self.message = Some("No date in the selection, and the article has none".into());
            return;
        };
        let title = target
            .quote
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let event = Event {
            evidence: vec![Evidence::from(target.clone())],
            ..Event::manual(title, value)
        };
        self.handle(Command::CreateEvent(Box::new(event)));
    }

    fn merge_tags(&mut self, from: TagId, into: TagId) {
        if from == into || self.workspace.codebook.is_within(into, from) {
            self.message = Some("A tag cannot be merged into itself or its children".into());
            return;
        }
        let mut edits: Vec<Edit> = self
            .workspace
            .annotations
            .iter()
            .filter(|a| a.body == AnnotationBody::Tag(from))
            .map(|a| {
                let mut moved = a.clone();
                moved.body = AnnotationBody::Tag(into);
                Edit::ReplaceAnnotation(moved)
            })
            .collect();
        let mut book: Codebook = self.workspace.codebook.clone();
        for tag in &mut book.tags {
            if tag.parent == Some(from) {
                tag.parent = Some(into);
            }
        }
        book.tags.retain(|t| t.id != from);
        edits.push(Edit::SetCodebook(book));
        self.apply_edit(Edit::Batch(edits));
    }

    fn delete_tag(&mut self, id: TagId) {
        let book = &self.workspace.codebook;
        let doomed: Vec<TagId> = book
            .tags
            .iter()
            .filter(|t| book.is_within(t.id, id))
            .map(|t| t.id)
            .collect();
        let next_id = self.workspace.next_annotation_id;
        let mut edits: Vec<Edit> = self
            .workspace
            .annotations
            .iter()
            .filter(|a| matches!(a.body, AnnotationBody::Tag(t) if doomed.contains(&t)))
            .map(|a| Edit::RemoveAnnotation { id: a.id, next_id })
            .collect();
        let mut book = book.clone();
        book.tags.retain(|t| !doomed.contains(&t.id));
        edits.push(Edit::SetCodebook(book));
        if self.apply_edit(Edit::Batch(edits)) && self.selected_annotation().is_none() {
            // The selected annotation went with the tag.
            self.selected_annotation = None;
        }
    }

    /// The user's decisions on names: where the rejected ones stand (article and byte span),
    /// and the names marked by hand with their byte spans; `None` when there are none.
    #[allow(clippy::type_complexity)]
    pub(super) fn name_decisions(
        &self,
    ) -> Option<(
        std::collections::HashSet<(ArticleId, usize, usize)>,
        Vec<(&Annotation, (ArticleId, usize, usize))>,
    )> {
        let entity_annotations: Vec<&Annotation> = self
            .workspace
            .annotations
            .iter()
            .filter(|a| matches!(a.body, AnnotationBody::Entity(_)))
            .collect();
        if entity_annotations.is_empty() {
            return None;
        }
        let byte_span = |a: &Annotation| {
            let body = &self.workspace.article(a.target.article)?.body;
            Some((
                a.target.article,
                byte_of(body, a.target.start),
                byte_of(body, a.target.end),
            ))
        };
        let rejected = entity_annotations
            .iter()
            .filter(|a| a.is_rejected())
            .filter_map(|a| byte_span(a))
            .collect();
        let manual = entity_annotations
            .into_iter()
            .filter(|a| a.origin == AnnotationOrigin::Manual)
            .map(|a| (a, byte_span(a).unwrap_or((a.target.article, 0, 0))))
            .collect();
        Some((rejected, manual))
    }

    /// The mentions the registry counts: the machine's, without the ones the user rejected,
    /// with the names the user marked by hand.
    /// Shared, not copied, when the user made no decision on names (the usual case).
    pub(super) fn effective_mentions(&self) -> std::sync::Arc<Vec<crate::model::MentionRecord>> {
        match self.name_edits() {
            None => std::sync::Arc::clone(&self.mentions.1.records),
            Some(edits) => {
                std::sync::Arc::new(edits.apply(&self.mentions.1.records, &self.registry.1))
            }
        }
    }

    /// The user's decisions on names, owned, so that they can be laid over the mentions off
    /// the UI thread; `None` when there are none.
    pub(super) fn name_edits(&self) -> Option<NameEdits> {
        let (rejected, manual) = self.name_decisions()?;
        let manual = manual
            .into_iter()
            .filter_map(|(a, place)| match &a.body {
                AnnotationBody::Entity(key) => Some((key.clone(), place, a.target.quote.clone())),
                _ => None,
            })
            .collect();
        Some(NameEdits { rejected, manual })
    }

    /// The selected annotation and the others on the same words.
    pub(super) fn annotation_section_data(&mut self) -> AnnotationSection {
        let id = self.selected_annotation?;
        let version = self.content_version;
        if let Some((v, i, section)) = &self.annotation_section
            && (*v, *i) == (version, id)
        {
            return section.clone();
        }
        let section = self.selected_annotation().cloned().map(|selected| {
            let overlapping = self
                .workspace
                .annotations
                .iter()
                .filter(|a| a.id != selected.id && a.target.overlaps(&selected.target))
                .cloned()
                .collect();
            (selected, overlapping)
        });
        self.annotation_section = Some((version, id, section.clone()));
        section
    }

    /// The reader's undecided suggestions: how many, and the selected one.
    pub(super) fn suggestion_section_data(
        &self,
    ) -> Option<(
        usize,
        Option<crate::ui::annotation_inspector::SelectedSuggestion>,
    )> {
        self.workspace.article(self.selection?)?;
        let accepted = |start: usize, end: usize| {
            self.reader_annotations
                .iter()
                .any(|a| a.start == start && a.end == end)
        };
        let undecided = self.names.iter().filter(|n| !n.accepted).count()
            + self
                .shown_timexes()
                .iter()
                .filter(|t| !t.manual && !accepted(t.start, t.end))
                .count();
        Some((undecided, self.selected_suggestion_data()))
    }

    /// The time expressions of the article on screen.
    pub(super) fn shown_timexes(&self) -> &[crate::extract::timex::Timex] {
        self.timexes
            .as_ref()
            .map_or(&[][..], |(_, _, t)| t.as_slice())
    }

    /// The suggestion selected in the reader, with what accepting or rejecting it stores (the
    /// keys need only this, not the count of undecided suggestions).
    pub(super) fn selected_suggestion_data(
        &self,
    ) -> Option<crate::ui::annotation_inspector::SelectedSuggestion> {
        let (start, end) = self.selected_suggestion?;
        let article = self.workspace.article(self.selection?)?;
        let body = &article.body;
        let target = TextTarget::new(article.id, body, cp_of(body, start), cp_of(body, end))?;
        if let Some(name) = self.names.iter().find(|n| (n.start, n.end) == (start, end)) {
            return Some(crate::ui::annotation_inspector::SelectedSuggestion {
                label: format!("{} ({:?})", target.quote, name.label).to_lowercase(),
                target,
                body: AnnotationBody::Entity(crate::model::EntityKey::new(
                    &name.entity,
                    name.label,
                )),
            });
        }
        let timex = self
            .shown_timexes()
            .iter()
            .find(|t| (t.start, t.end) == (start, end))?;
        Some(crate::ui::annotation_inspector::SelectedSuggestion {
            label: format!("{}: {}", target.quote, timex.value.to_timex()),
            target,
            body: AnnotationBody::TimeExpression,
        })
    }
}

/// How many annotations use each tag or the tags below it, in one pass over the annotations.
pub(super) fn tag_uses(
    workspace: &crate::model::Workspace,
) -> std::collections::HashMap<TagId, usize> {
    let mut direct: std::collections::HashMap<TagId, usize> = std::collections::HashMap::new();
    for a in workspace.annotations.iter() {
        if let AnnotationBody::Tag(t) = a.body {
            *direct.entry(t).or_default() += 1;
        }
    }
    let book = &workspace.codebook;
    book.tags
        .iter()
        .map(|tag| {
            let uses = direct
                .iter()
                .filter(|(t, _)| book.is_within(**t, tag.id))
                .map(|(_, n)| n)
                .sum();
            (tag.id, uses)
        })
        .collect()
}

/// The user's decisions on names: the machine's mentions rejected (article and byte span) and
/// the names marked by hand (entity, article and byte span, words).
pub(super) struct NameEdits {
    rejected: std::collections::HashSet<(ArticleId, usize, usize)>,
    manual: Vec<(crate::model::EntityKey, (ArticleId, usize, usize), String)>,
}

impl NameEdits {
    /// The mentions without the rejected ones, with the hand-made ones; `registry` gives the
    /// hand-made names' canonical names.
    pub(super) fn apply(
        &self,
        mentions: &[crate::model::MentionRecord],
        registry: &[crate::model::RegistryEntity],
    ) -> Vec<crate::model::MentionRecord> {
        let mut records: Vec<crate::model::MentionRecord> = mentions
            .iter()
            .filter(|r| {
                !self
                    .rejected
                    .contains(&(r.article, r.start as usize, r.end as usize))
            })
            .cloned()
            .collect();
        let names: std::collections::HashMap<&crate::model::EntityKey, &str> =
            registry.iter().map(|e| (&e.key, e.name.as_str())).collect();
        for (key, (article, start, end), quote) in &self.manual {
            let canonical = names
                .get(key)
                .map_or_else(|| quote.clone(), |n| n.to_string());
            records.push(crate::model::MentionRecord {
                article: *article,
                text: crate::extract::entities::normalise_name(quote).into(),
                canonical: canonical.into(),
                label: key.label,
                start: *start as u32,
                end: *end as u32,
            });
        }
        records
    }
}
