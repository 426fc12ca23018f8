//! What arrives from outside the user's keys: news from the background threads (a document
//! read, the analysis done), what came of an effect, the selection kept from last time.

use super::*;

/// Applies what came of an effect the caller performed: a file written, or why not.
pub fn settle(app: &mut App, outcome: crate::tui::effect::Outcome) {
    use crate::tui::effect::Outcome;
    match outcome {
        Outcome::Analysed(analysed) => absorb(app, Background::Analysed(analysed)),
        Outcome::Exported {
            path,
            selection,
            error: None,
        } => {
            let text = format!(
                "Exported {} to {path}",
                crate::wording::counted(selection.len(), "item")
            );
            app.exported = selection;
            say(app, &text);
        }
        Outcome::Exported { error: Some(e), .. } => warn(app, &format!("{e} (the selection is kept)")),
        Outcome::LexiconSaved { done, path, error } => match (path, error) {
            (Some(path), None) => say(app, &format!("{done}; saved to {}", path.display())),
            (None, _) => say(app, &format!("{done} (for this session: no lexicon file)")),
            (Some(_), Some(e)) => warn(app, &format!("{done}, for this session only: {e}")),
        },
    }
}

/// Puts back the selection kept from the last session on this corpus.
pub fn restore_selection(app: &mut App, kept: crate::kept::Kept) {
    if kept.selection.is_empty() {
        return;
    }
    app.selection = kept.selection;
    if kept.exported {
        app.exported = app.selection.clone();
    }
    let text = format!(
        "{} kept from last time ({} clears them)",
        crate::wording::counted(app.selection.len(), "selected item"),
        app.keymap.key_for(Action::ClearSelection)
    );
    say(app, &text);
}

/// Applies news from the background threads: a document read, the load finished, the analysis done.
pub fn absorb(app: &mut App, news: Background) {
    match news {
        Background::Loaded { progress, document } => {
            if let Some(loading) = &mut app.loading {
                loading.progress = progress;
            }
            if let Some(doc) = document {
                Arc::make_mut(&mut app.corpus).documents.push(*doc);
                app.document_added();
                if app.corpus.documents.len() == 1 {
                    jump_to(app, 0, 0);
                }
            }
            // Lists only grow while loading: no cursor to bring back (and no pass over every
            // document for each one read).
            return;
        }
        Background::LoadFinished { warnings } => {
            if app.corpus.documents.is_empty() {
                app.failed = Some(crate::corpus::LoadError::NothingLoadable {
                    origin: app.corpus.origin.clone(),
                    warnings,
                });
                app.quit = true;
                return;
            }
            Arc::make_mut(&mut app.corpus).warnings = warnings;
            if let Some(loading) = &mut app.loading {
                loading.analysing = true;
            }
        }
        Background::Stage(stage) => {
            if let Some(loading) = &mut app.loading {
                loading.stage = Some(stage);
            }
            return;
        }
        Background::ActorsFirst(actors) => {
            app.actor_index = crate::search::ActorIndex::new(&actors.actors);
            app.analysis.actors = *actors;
            app.refresh_visible();
            app.generation += 1;
        }
        Background::RestOfKept(rest) => {
            // The actors in place stay (and what was pinned or filtered on them): the claims
            // and the index that complete their analysis join them.
            let rest = *rest;
            app.analysis.claims = rest.claims;
            app.analysis.related = rest.related;
            app.lexicon = rest.lexicon;
            app.generation += 1;
            first_analysis_in(app);
        }
        Background::TextIndexed(index) => {
            // Built for the corpus as it was: only used if no document came since.
            app.text_index = Some(index);
            return;
        }
        Background::Analysed(analysis) if app.reanalysis.is_some() => {
            install(app, *analysis);
            if let Some(repair) = app.reanalysis.take() {
                find_again(app, repair);
            }
        }
        Background::Analysed(analysis) => {
            install(app, *analysis);
            first_analysis_in(app);
        }
    }
    derive(app);
}

/// The first analysis is complete: the load is over, its warnings are said.
fn first_analysis_in(app: &mut App) {
    app.loading = None;
    let warnings = &app.corpus.warnings;
    if let Some(w) = warnings.first() {
        let text = match warnings.len() {
            1 => w.to_string(),
            n => format!(
                "{w} (and {}: {} lists them)",
                crate::wording::counted(n - 1, "more warning"),
                app.keymap.key_for(Action::ToggleWarnings)
            ),
        };
        warn(app, &text);
    }
    if app.reader.lines.lines.is_empty() {
        jump_to(app, 0, 0);
    }
}

/// Puts a new analysis in place: actors (and their fuzzy index), claims, related passages, and
/// the relation marks of the open document.
pub(super) fn install(app: &mut App, analysed: crate::tui::background::Analysed) {
    app.actor_index = crate::search::ActorIndex::new(&analysed.analysis.actors.actors);
    app.analysis = analysed.analysis;
    app.refresh_visible();
    app.lexicon = analysed.lexicon;
    // What was worked out from the old analysis is worked out again (`derive`).
    app.generation += 1;
    // A cross-check and an actor page name claims and actors by their place in the old lists.
    if matches!(app.overlay, Some(Overlay::CrossCheck { .. } | Overlay::ActorPage(_))) {
        app.overlay = None;
    }
}
