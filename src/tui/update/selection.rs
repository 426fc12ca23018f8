//! The selection: passages and claims put in and taken out, for export.

use super::*;

/// `v`: the current passage in or out of the selection.
pub(super) fn toggle_select(app: &mut App) {
    let (doc, passage) = (app.reader.doc, app.reader.passage);
    let added = app.selection.toggle_passage(doc, passage);
    let verb = if added {
        "Added the passage to"
    } else {
        "Took the passage out of"
    };
    say(
        app,
        &format!(
            "{verb} the selection ({}); {} exports it",
            crate::wording::counted(app.selection.len(), "item"),
            app.key(Action::StartExport)
        ),
    );
}

/// The claim under the cursor, else the current passage's first claim, into the selection.
pub(super) fn select_claim(app: &mut App) {
    let (doc, passage) = (app.reader.doc, app.reader.passage);
    let claim = app.current_claim().or_else(|| {
        app.document_claims()
            .into_iter()
            .find(|&c| app.analysis.claims[c].passage == passage && app.analysis.claims[c].doc == doc)
    });
    match claim {
        Some(c) => {
            app.selection.claims.insert(c);
            say(
                app,
                &format!(
                    "Added the claim to the selection ({})",
                    crate::wording::counted(app.selection.len(), "item")
                ),
            );
        }
        None => {
            let text = format!(
                "No claim here: pick one in the Claims tab ({}), or move to a passage with a ❝ mark",
                app.key(Action::NextTab)
            );
            say(app, &text);
        }
    }
}

/// `V`: every passage naming all the filter's actors (else the pinned actor) into the selection.
pub(super) fn select_actor_passages(app: &mut App) {
    // The active filter's actors (all of them in the passage), else the pinned actor.
    let actors: Vec<usize> = if app.filter().is_empty() {
        app.pinned.into_iter().collect()
    } else {
        app.filter().to_vec()
    };
    if actors.is_empty() {
        let text = format!(
            "No actor filter ({}) or pinned actor: {} adds the passages that name them",
            app.key(Action::StartFilter),
            app.key(Action::SelectActorPassages)
        );
        say(app, &text);
        return;
    }
    let places = crate::analysis::query::ActorQuery::all_of(&actors).passages(&app.analysis.actors, &app.corpus);
    let before = app.selection.len();
    app.selection.passages.extend(places);
    let names: Vec<&str> = actors
        .iter()
        .map(|&a| app.analysis.actors.actors[a].name.as_str())
        .collect();
    let added = app.selection.len() - before;
    say(
        app,
        &format!(
            "Added {} naming {} ({})",
            crate::wording::counted(added, "passage"),
            names.join(" + "),
            crate::wording::counted(app.selection.len(), "item")
        ),
    );
}

/// The Selection tab's item under the cursor out of the selection.
pub(super) fn remove_selected(app: &mut App) {
    if app.sidebar.tab == SidebarTab::Selection {
        match app.selection_items().get(app.sidebar.selected).copied() {
            Some(SelectionItem::Passage(d, p)) => {
                app.selection.passages.remove(&(d, p));
            }
            Some(SelectionItem::Claim(c)) => {
                app.selection.claims.remove(&c);
            }
            None => {}
        }
        sync_sidebar(app);
    }
}
