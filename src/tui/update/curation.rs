//! Actor corrections from the reader: merge, split, rename, change kind, not an actor; each is
//! saved to the user's lexicon and the corpus analysed again.

use super::*;

/// Applies a correction to the user's lexicon and asks for the corpus to be analysed again with
/// it (in the background) and the file saved; an unwritable file is said in the status bar and
/// the correction kept for the session. `show` is the actor to select once the analysis is in.
pub(super) fn curate(app: &mut App, change: impl FnOnce(&mut Curation, &[Actor]), done: String, show: Option<Shown>) {
    if app.loading.is_some() {
        warn(
            app,
            "The actors are still being worked out: correct them once the gauge is gone",
        );
        return;
    }
    if app.reanalysis.is_some() {
        warn(app, "The last correction is still being applied: try again in a moment");
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
    // Actors and claims are renumbered by a new analysis: they are found again by their ids.
    let id_of = |app: &App, a: usize| app.analysis.actors.actors.get(a).and_then(|x| x.id());
    app.reanalysis = Some(Reanalysis {
        pinned: app.pinned.and_then(|a| id_of(app, a)),
        filter: app.filter().iter().filter_map(|&a| id_of(app, a)).collect(),
        claims: app
            .selection
            .claims
            .iter()
            .filter_map(|&c| app.analysis.claims.get(c).map(|c| c.id()))
            .collect(),
        show,
        from_view,
    });
    app.effects.push(crate::tui::effect::Effect::Reanalyse {
        lexicon: Box::new(lexicon),
    });
    app.effects.push(crate::tui::effect::Effect::SaveLexicon { done });
}

/// Once a correction's analysis is in: the pinned actor, the filter, the selected claims and
/// the actor to show, found again by their ids.
pub(super) fn find_again(app: &mut App, repair: Reanalysis) {
    app.pinned = repair.pinned.and_then(|id| app.analysis.actors.find(id));
    // Two filter actors merged into one are one filter actor.
    let mut kept: Vec<usize> = Vec::new();
    for a in repair.filter.into_iter().filter_map(|id| app.analysis.actors.find(id)) {
        if !kept.contains(&a) {
            kept.push(a);
        }
    }
    app.set_filter(kept);
    app.selection.claims = repair
        .claims
        .into_iter()
        .filter_map(|id| app.analysis.claim(id))
        .collect();
    app.mention_cursor = None;
    if let Some(Overlay::Actors { cursor }) = &mut app.overlay {
        cursor.selected = cursor.selected.min(app.analysis.actors.actors.len().saturating_sub(1));
    }
    sync_sidebar(app);
    let found = match repair.show {
        Some(Shown::Id(id)) => app.analysis.actors.find(id),
        Some(Shown::Named(name)) => app.analysis.actors.actors.iter().position(|a| a.name == name),
        None => None,
    };
    if let Some(a) = found {
        if repair.from_view {
            app.overlay = Some(actors_view_at(app, a));
        } else if let Some(row) = app.document_actors().iter().position(|(x, _)| *x == a) {
            app.sidebar.selected = row;
            let rows = app.sidebar_visible();
            app.sidebar.reveal(rows);
        }
    }
    derive(app);
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
