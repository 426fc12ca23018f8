//! Actor corrections from the reader: merge, split, rename, change kind, not an actor; each is
//! saved to the user's lexicon and the corpus analysed again.

use super::*;

/// Applies a correction to the user's lexicon and asks for the corpus to be analysed again with
/// it (in the background) and the file saved; an unwritable file is said in the status bar and
/// the correction kept for the session. `show` is the actor to select once the analysis is in.
pub(super) fn curate(app: &mut App, change: impl FnOnce(&mut Curation, &[Actor]), done: String, show: Option<Shown>) {
    if !can_curate(app) {
        return;
    }
    let before = app.curation.clone();
    change(&mut app.curation, &app.analysis.actors.actors);
    if commit(app, before.clone(), done.clone(), show) {
        app.undo.push(crate::tui::state::Undo { before, what: done });
        let extra = app.undo.len().saturating_sub(UNDO_STEPS);
        app.undo.drain(..extra);
    }
}

/// Corrections `u` can take back, the oldest first forgotten.
const UNDO_STEPS: usize = 100;

/// Takes the last correction back: the lexicon as it was before it, saved and analysed again
/// like any correction.
pub(super) fn undo_curation(app: &mut App) {
    if !can_curate(app) {
        return;
    }
    let Some(step) = app.undo.pop() else {
        say(app, "Nothing to undo: no actor correction made in this session");
        return;
    };
    let now = std::mem::replace(&mut app.curation, step.before.clone());
    let left = app.undo.len();
    let done = format!(
        "Undone: {}{}",
        step.what,
        match left {
            0 => String::new(),
            n => format!(" ({} can undo {} more)", app.key(Action::Undo), n),
        }
    );
    if !commit(app, now, done, None) {
        app.undo.push(step);
    }
}

/// A correction can be made now: no analysis is under way.
pub(super) fn can_curate(app: &mut App) -> bool {
    if app.loading.is_some() {
        warn(
            app,
            "The actors are still being worked out: correct them once the gauge is gone",
        );
        return false;
    }
    if app.reanalysis.is_some() {
        warn(app, "The last correction is still being applied: try again in a moment");
        return false;
    }
    true
}

/// The lexicon in `app.curation` is put in use: analysed again in the background and saved.
/// A lexicon that does not build puts `before` back, says why and returns false.
fn commit(app: &mut App, before: Curation, done: String, show: Option<Shown>) -> bool {
    let lexicon = match app.curation.lexicon() {
        Ok(l) => l,
        Err(e) => {
            app.curation = before;
            warn(app, &format!("{e}: nothing changed"));
            return false;
        }
    };
    let from_view = app.in_actor_overlay() || std::mem::take(&mut app.curating_from_view);
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
    true
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
