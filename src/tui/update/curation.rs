//! Actor corrections from the reader: merge, split, rename, change kind, not an actor; each is
//! saved to the user's lexicon and the corpus analysed again.

use super::*;

/// Applies a correction to the user's lexicon, analyses the corpus again with it and saves the
/// file; an unwritable file is said in the status bar and the correction kept for the session.
/// `show` names the actor to select afterwards.
pub(super) fn curate(app: &mut App, change: impl FnOnce(&mut Curation, &[Actor]), done: String, show: Option<String>) {
    if app.loading.is_some() {
        warn(
            app,
            "The actors are still being worked out: correct them once the gauge is gone",
        );
        return;
    }
    let before = app.curation.clone();
    change(&mut app.curation, &app.analysis.actors.actors);
    let lexicon = match app.curation.lexicon() {
        Ok(l) => l,
        Err(e) => {
            app.curation = before;
            warn(app, &format!("{e}: nothing changed"));
            return;
        }
    };
    let from_view = matches!(app.overlay, Some(Overlay::Actors { .. })) || std::mem::take(&mut app.curating_from_view);
    reanalyse(app, lexicon);
    if let Some(name) = show {
        let found = app.analysis.actors.actors.iter().position(|a| a.name == name);
        if let Some(a) = found {
            if from_view {
                app.overlay = Some(actors_view_at(app, a));
            } else if let Some(row) = app.document_actors().iter().position(|(x, _)| *x == a) {
                app.sidebar.selected = row;
                app.sidebar.reveal(app.sidebar_visible());
            }
        }
    }
    match (&app.curation.path, app.curation.save()) {
        (Some(path), Ok(())) => {
            let text = format!("{done}; saved to {}", path.display());
            say(app, &text);
        }
        (None, _) => say(app, &format!("{done} (for this session: no lexicon file)")),
        (Some(_), Err(e)) => warn(app, &format!("{done}, for this session only: {e}")),
    }
}

/// Runs the analysis again with a new lexicon, keeping the pinned actor, the filter, the
/// selected claims and the reading position.
pub(super) fn reanalyse(app: &mut App, lexicon: crate::analysis::lexicon::Lexicon) {
    use crate::analysis::text::fold;
    let name_of = |app: &App, a: usize| app.analysis.actors.actors.get(a).map(|x| x.name.clone());
    let pinned = app.pinned.and_then(|a| name_of(app, a));
    let filter: Vec<String> = app.filter.iter().filter_map(|&a| name_of(app, a)).collect();
    let claims: Vec<(usize, usize)> = app
        .selection
        .claims
        .iter()
        .filter_map(|&c| app.analysis.claims.get(c).map(|c| (c.doc, c.start)))
        .collect();
    let analysis = crate::tui::background::Analysed::run(&app.corpus, lexicon);
    install(app, analysis);
    // An actor is found again by its name, or by the name it was merged under.
    let find = |app: &App, name: &str| {
        let key = fold(name);
        app.analysis
            .actors
            .actors
            .iter()
            .position(|a| a.name == name)
            .or_else(|| {
                app.analysis
                    .actors
                    .actors
                    .iter()
                    .position(|a| a.aliases.iter().any(|x| fold(x) == key))
            })
    };
    app.pinned = pinned.and_then(|n| find(app, &n));
    // Two filter actors merged into one are one filter actor.
    let mut kept: Vec<usize> = Vec::new();
    for a in filter.iter().filter_map(|n| find(app, n)) {
        if !kept.contains(&a) {
            kept.push(a);
        }
    }
    app.filter = kept;
    app.selection.claims = claims
        .into_iter()
        .filter_map(|(d, at)| app.analysis.claims.iter().position(|c| c.doc == d && c.start == at))
        .collect();
    app.mention_cursor = None;
    if let Some(Overlay::Actors { cursor }) = &mut app.overlay {
        cursor.selected = cursor.selected.min(app.analysis.actors.actors.len().saturating_sub(1));
    }
    sync_sidebar(app);
}

/// The actor view with one actor selected.
pub(super) fn actors_view_at(app: &App, actor: usize) -> Overlay {
    let mut cursor = ListCursor {
        selected: actor.min(app.analysis.actors.actors.len().saturating_sub(1)),
        offset: 0,
    };
    cursor.reveal(overlay_page(app) as usize);
    Overlay::Actors { cursor }
}
