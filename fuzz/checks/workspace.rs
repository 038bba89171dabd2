//! What is done with a hostile workspace that loads, shared by the fuzz target and the corpus
//! replay test (`tests/fuzz_corpus.rs`): its first article changes, its anchors follow, and its
//! first orphan is placed. Nothing may panic.

/// Changes the first article's text, re-anchors, and places the first orphan.
pub fn rebase_and_place(mut workspace: dateline::model::Workspace) {
    let Some(article) = workspace.articles.first().cloned() else {
        return;
    };
    let changed = format!(
        "Updated. {}",
        article.body.chars().skip(3).collect::<String>()
    );
    dateline::model::rebase_article(&mut workspace, article.id, &article.body, &changed);
    let place = dateline::model::TextTarget::new(article.id, &changed, 0, 7);
    if let (Some(target), false) = (place, workspace.orphans.is_empty())
        && let Ok(edit) = workspace.place_orphan(0, target)
    {
        let _ = edit.apply(&mut workspace);
    }
}
