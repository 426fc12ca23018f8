//! Actor corrections from the reader: merge, split, rename, change kind, not an actor; each is
//! saved to the user's lexicon and the corpus analysed again.

use super::*;

/// The actor to select after a correction: one that was there (by its id), or one that the
/// correction makes (a name split off, by its name).
pub(super) enum Shown {
    Id(crate::analysis::actors::ActorId),
    Named(String),
}

/// Applies a correction to the user's lexicon, analyses the corpus again with it and saves the
/// file; an unwritable file is said in the status bar and the correction kept for the session.
/// `show` is the actor to select afterwards.
pub(super) fn curate(app: &mut App, change: impl FnOnce(&mut Curation, &[Actor]), done: String, show: Option<Shown>) {
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
    if let Some(show) = show {
        let found = match show {
            Shown::Id(id) => app.analysis.actors.find(id),
            Shown::Named(name) => app.analysis.actors.actors.iter().position(|a| a.name == name),
        };
        if let Some(a) = found {
            if from_view {
                app.overlay = Some(actors_view_at(app, a));
            } else if let Some(row) = app.document_actors().iter().position(|(x, _)| *x == a) {
                app.sidebar.selected = row;
                let rows = app.sidebar_visible();
                app.sidebar.reveal(rows);
            }
        }
    }
    app.effects.push(crate::tui::effect::Effect::SaveLexicon { done });
}

/// Runs the analysis again with a new lexicon, keeping the pinned actor, the filter, the
/// selected claims and the reading position.
pub(super) fn reanalyse(app: &mut App, lexicon: crate::analysis::lexicon::Lexicon) {
    // Actors and claims are renumbered by a new analysis: they are found again by their ids.
    let id_of = |app: &App, a: usize| app.analysis.actors.actors.get(a).and_then(|x| x.id());
    let pinned = app.pinned.and_then(|a| id_of(app, a));
    let filter: Vec<_> = app.filter().iter().filter_map(|&a| id_of(app, a)).collect();
    let claims: Vec<_> = app
        .selection
        .claims
        .iter()
        .filter_map(|&c| app.analysis.claims.get(c).map(|c| c.id()))
        .collect();
    let analysis = crate::tui::background::Analysed::run(&app.corpus, lexicon);
    install(app, analysis);
    app.pinned = pinned.and_then(|id| app.analysis.actors.find(id));
    // Two filter actors merged into one are one filter actor.
    let mut kept: Vec<usize> = Vec::new();
    for a in filter.into_iter().filter_map(|id| app.analysis.actors.find(id)) {
        if !kept.contains(&a) {
            kept.push(a);
        }
    }
    app.set_filter(kept);
    app.selection.claims = claims.into_iter().filter_map(|id| app.analysis.claim(id)).collect();
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
