//! `update`: the only code that changes the application state.

use super::action::Action;
use super::app::{App, Focus, ListCursor, Message, Overlay, Prompt, PromptPurpose, SelectionItem, SidebarTab};
use super::background::Background;
use super::reader_lines::ReaderLines;
use super::ui::layout::{Hit, inner};
use crate::analysis::actors::Actor;
use crate::analysis::lexicon::ActorKind;
use crate::curation::Curation;
use ratatui::layout::{Position, Rect};
use std::sync::Arc;

/// Related passages listed for the current passage.
const RELATED_SHOWN: usize = 5;
/// A relation this strong earns the passage a margin mark.
const STRONG_RELATION: f32 = 0.35;

/// Hits a search keeps; the status bar says when there were more.
const SEARCH_LIMIT: usize = 10_000;

/// Lines moved by one mouse wheel notch.
const WHEEL_LINES: isize = 3;

/// Applies an action; returns a follow-up action when one is implied.
pub fn update(app: &mut App, action: Action) -> Option<Action> {
    // A message lasts until the next thing the user does.
    if !matches!(action, Action::Resize { .. }) {
        app.message = None;
    }
    if !matches!(action, Action::Resize { .. }) {
        app.flash = None;
    }
    let mut next = Some(action);
    while let Some(action) = next {
        next = apply(app, action);
    }
    refresh_related(app);
    keep_cursors_in_lists(app);
    None
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
        Background::Analysed(analysis) => {
            install(app, *analysis);
            app.loading = None;
            let warnings = &app.corpus.warnings;
            if let Some(w) = warnings.first() {
                let text = match warnings.len() {
                    1 => w.to_string(),
                    n => format!("{w} (and {} more)", crate::wording::counted(n - 1, "warning")),
                };
                warn(app, &text);
            }
            if app.reader.lines.lines.is_empty() {
                jump_to(app, 0, 0);
            }
            refresh_related(app);
        }
    }
    keep_cursors_in_lists(app);
}

/// Puts a new analysis in place: actors (and their fuzzy index), claims, related passages, and
/// the relation marks of the open document.
fn install(app: &mut App, analysis: super::background::Analysis) {
    app.actor_index = crate::search::ActorIndex::new(&analysis.actors.actors);
    app.actors = analysis.actors;
    app.claims = analysis.claims;
    app.related = analysis.related;
    app.lexicon = analysis.lexicon;
    app.related_for = None;
    mark_strong_relations(app);
}

/// Lists shrink (a selection item removed, a filter applied, actors merged): their cursors follow.
fn keep_cursors_in_lists(app: &mut App) {
    let side = app.sidebar_len();
    app.sidebar.selected = app.sidebar.selected.min(side.saturating_sub(1));
    app.sidebar.offset = app.sidebar.offset.min(app.sidebar.selected);
    let docs = app.visible_documents().len();
    app.documents.selected = app.documents.selected.min(docs.saturating_sub(1));
    app.documents.offset = app.documents.offset.min(app.documents.selected);
}

/// Keeps the related list in step with the current passage.
fn refresh_related(app: &mut App) {
    let here = (app.reader.doc, app.reader.passage);
    if app.related_for == Some(here) {
        return;
    }
    app.related_here = app.related.related(here.0, here.1, RELATED_SHOWN);
    app.related_for = Some(here);
    app.related_selected = None;
    if app.sidebar_tab == SidebarTab::Related {
        app.sidebar = ListCursor::default();
    }
}

fn apply(app: &mut App, action: Action) -> Option<Action> {
    match action {
        Action::Quit => app.quit = true,
        Action::FocusNext => cycle_focus(app, 1),
        Action::FocusPrev => cycle_focus(app, -1),
        Action::ToggleHelp => {
            app.overlay = match app.overlay {
                Some(Overlay::Help { .. }) => None,
                _ => Some(Overlay::Help { scroll: 0 }),
            }
        }
        Action::ToggleActorsView => {
            app.overlay = match app.overlay {
                Some(Overlay::Actors { .. }) => None,
                _ => Some(Overlay::Actors {
                    cursor: ListCursor::default(),
                }),
            }
        }
        Action::CloseOverlay => {
            if let Some(overlay) = app.overlay.take() {
                // A curation prompt opened from the actor view goes back to it.
                if let Overlay::Prompt(Prompt {
                    purpose:
                        PromptPurpose::MergeInto(a)
                        | PromptPurpose::SplitAlias(a)
                        | PromptPurpose::Rename(a)
                        | PromptPurpose::Kind(a),
                    ..
                }) = overlay
                    && std::mem::take(&mut app.curating_from_view)
                {
                    app.overlay = Some(actors_view_at(app, a));
                }
            } else if let Some(search) = app.search.take() {
                say(app, &format!("Search for “{}” cleared", search.found.query));
            } else if app.pinned.take().is_some() {
                say(app, "Actor unpinned");
            } else if !app.filter.is_empty() {
                return Some(Action::ClearFilter);
            }
        }
        Action::StartFilter => {
            app.overlay = Some(Overlay::Prompt(Prompt {
                purpose: PromptPurpose::ActorFilter,
                input: String::new(),
                choice: 0,
            }));
        }
        Action::StartSearch => {
            let input = app.search.as_ref().map(|s| s.found.query.clone()).unwrap_or_default();
            app.overlay = Some(Overlay::Prompt(Prompt {
                purpose: PromptPurpose::TextSearch,
                input,
                choice: 0,
            }));
        }
        Action::ClearFilter => {
            app.filter.clear();
            app.documents = ListCursor::default();
            let doc = app.reader.doc;
            app.documents.selected = doc;
            app.documents.reveal(app.documents_visible());
            say(app, "Filter cleared: every document is listed");
        }
        Action::PromptDown | Action::PromptUp => {
            if let Some(Overlay::Prompt(prompt)) = &mut app.overlay {
                prompt.choice = if action == Action::PromptDown {
                    prompt.choice + 1
                } else {
                    prompt.choice.saturating_sub(1)
                };
            }
        }
        Action::OverlayDown => step_overlay(app, 1),
        Action::OverlayUp => step_overlay(app, -1),
        Action::OverlayPageDown => step_overlay(app, overlay_page(app)),
        Action::OverlayPageUp => step_overlay(app, -overlay_page(app)),
        Action::OverlayOpen => {
            if let Some(Overlay::Actors { cursor }) = app.overlay {
                app.overlay = None;
                if cursor.selected < app.actors.actors.len() {
                    // n/N walk the pinned actor from now on, not the search.
                    app.search = None;
                    app.pinned = Some(cursor.selected);
                    app.mention_cursor = None;
                    return Some(Action::NextMention);
                }
            }
        }
        Action::NextTab => {
            let order = SidebarTab::ORDER;
            let at = order.iter().position(|t| *t == app.sidebar_tab).unwrap_or(0);
            app.sidebar_tab = order[(at + 1) % order.len()];
            app.sidebar = ListCursor::default();
            sync_sidebar(app);
        }
        Action::NextMention if app.search.is_some() => step_search(app, true),
        Action::PrevMention if app.search.is_some() => step_search(app, false),
        Action::NextMention => step_mention(app, true),
        Action::PrevMention => step_mention(app, false),
        Action::ToggleSelect => {
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
                    "{verb} the selection ({}); e exports it",
                    crate::wording::counted(app.selection.len(), "item")
                ),
            );
        }
        Action::SelectClaim => {
            let (doc, passage) = (app.reader.doc, app.reader.passage);
            let claim = app.current_claim().or_else(|| {
                app.document_claims()
                    .into_iter()
                    .find(|&c| app.claims[c].passage == passage && app.claims[c].doc == doc)
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
                None => say(
                    app,
                    "No claim here: pick one in the Claims tab (t), or move to a passage with a ❝ mark",
                ),
            }
        }
        Action::SelectActorPassages => {
            // The active filter's actors (all of them in the passage), else the pinned actor.
            let actors: Vec<usize> = if app.filter.is_empty() {
                app.pinned.into_iter().collect()
            } else {
                app.filter.clone()
            };
            let Some(&first) = actors.first() else {
                say(
                    app,
                    "No actor filter (f) or pinned actor: V adds the passages that name them",
                );
                return None;
            };
            let places: std::collections::BTreeSet<(usize, usize)> = app.actors.actors[first]
                .mentions
                .iter()
                .map(|m| (m.doc, m.passage))
                .collect();
            let places: Vec<(usize, usize)> = places
                .into_iter()
                .filter(|&(d, p)| {
                    actors.iter().all(|&a| {
                        app.actors.actors[a]
                            .mentions
                            .iter()
                            .any(|m| (m.doc, m.passage) == (d, p))
                    })
                })
                .collect();
            let before = app.selection.len();
            app.selection.passages.extend(places);
            let names: Vec<&str> = actors.iter().map(|&a| app.actors.actors[a].name.as_str()).collect();
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
        Action::RemoveSelected if app.sidebar_tab == SidebarTab::Actors => return Some(Action::NotAnActor),
        Action::MergeActor | Action::SplitAlias | Action::RenameActor | Action::ChangeKind => {
            let Some(actor) = app.curated_actor() else {
                say(app, NO_CURATED_ACTOR);
                return None;
            };
            let (purpose, input) = match action {
                Action::MergeActor => (PromptPurpose::MergeInto(actor), String::new()),
                Action::SplitAlias if app.actors.actors[actor].aliases.is_empty() => {
                    say(
                        app,
                        &format!("{} has no other name to split off", app.actors.actors[actor].name),
                    );
                    return None;
                }
                Action::SplitAlias => (PromptPurpose::SplitAlias(actor), String::new()),
                Action::RenameActor => (PromptPurpose::Rename(actor), app.actors.actors[actor].name.clone()),
                _ => (PromptPurpose::Kind(actor), String::new()),
            };
            app.curating_from_view = matches!(app.overlay, Some(Overlay::Actors { .. }));
            app.overlay = Some(Overlay::Prompt(Prompt {
                purpose,
                input,
                choice: 0,
            }));
        }
        Action::NotAnActor => match app.curated_actor() {
            Some(actor) => {
                let name = app.actors.actors[actor].name.clone();
                curate(
                    app,
                    |c, actors| c.not_an_actor(&actors[actor]),
                    format!("{name} is not an actor any more"),
                    None,
                );
            }
            None => say(app, NO_CURATED_ACTOR),
        },
        Action::RemoveSelected => {
            if app.sidebar_tab == SidebarTab::Selection {
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
        Action::StartExport => {
            if app.selection.is_empty() {
                say(
                    app,
                    "Nothing selected: v adds the current passage, c a claim, V every passage of the pinned actor",
                );
            } else {
                let input = format!("recoupe-{}.md", crate::save::now().1);
                app.overlay = Some(Overlay::Prompt(Prompt {
                    purpose: PromptPurpose::ExportPath,
                    input,
                    choice: 0,
                }));
            }
        }
        Action::PromptChar(c) => {
            if let Some(Overlay::Prompt(prompt)) = &mut app.overlay {
                prompt.input.push(c);
                prompt.choice = 0;
            }
        }
        Action::PromptBackspace => {
            if let Some(Overlay::Prompt(prompt)) = &mut app.overlay {
                prompt.input.pop();
            }
        }
        Action::PromptClear => {
            if let Some(Overlay::Prompt(prompt)) = &mut app.overlay {
                prompt.input.clear();
            }
        }
        Action::PromptSubmit => {
            if let Some(Overlay::Prompt(prompt)) = app.overlay.take() {
                submit(app, prompt);
            }
        }
        Action::NextRelated => step_related(app, 1),
        Action::PrevRelated => step_related(app, -1),
        Action::FollowRelated => {
            if let Some(r) = app.related_here.get(app.related_selected.unwrap_or(0)) {
                let (doc, passage) = (r.doc, r.passage);
                update(app, Action::JumpTo { doc, passage });
                app.flash = Some((doc, passage));
            } else {
                say(
                    app,
                    "No related passage here: ]/[ select one when the Related tab lists some",
                );
            }
        }
        Action::Back => travel(app, true),
        Action::Forward => travel(app, false),
        Action::ToggleDebris => {
            app.reader.show_hidden = !app.reader.show_hidden;
            relayout(app);
        }
        Action::NextPassage => step_passage(app, 1),
        Action::PrevPassage => step_passage(app, -1),

        Action::DocDown => step_documents(app, 1),
        Action::DocUp => step_documents(app, -1),
        Action::DocPageDown => step_documents(app, app.documents_visible() as isize),
        Action::DocPageUp => step_documents(app, -(app.documents_visible() as isize)),
        Action::DocFirst => step_documents(app, isize::MIN / 2),
        Action::DocLast => step_documents(app, isize::MAX / 2),
        Action::OpenDocument => {
            app.focus = Focus::Reader;
            let doc = app.visible_documents().get(app.documents.selected).copied()?;
            return Some(Action::JumpTo { doc, passage: 0 });
        }

        Action::ScrollDown => scroll(app, 1),
        Action::ScrollUp => scroll(app, -1),
        Action::PageDown => scroll(app, page(app)),
        Action::PageUp => scroll(app, -page(app)),
        Action::HalfPageDown => scroll(app, page(app) / 2),
        Action::HalfPageUp => scroll(app, -page(app) / 2),
        Action::ReaderTop => scroll(app, isize::MIN / 2),
        Action::ReaderBottom => scroll(app, isize::MAX / 2),

        Action::SideDown => step_sidebar(app, 1),
        Action::SideUp => step_sidebar(app, -1),
        Action::SideFirst => step_sidebar(app, isize::MIN / 2),
        Action::SideLast => step_sidebar(app, isize::MAX / 2),
        Action::SideOpen => match app.sidebar_tab {
            SidebarTab::Selection => {
                let item = app.selection_items().get(app.sidebar.selected).copied();
                let target = match item {
                    Some(SelectionItem::Passage(doc, passage)) => Some((doc, passage)),
                    Some(SelectionItem::Claim(c)) => app.claims.get(c).map(|c| (c.doc, c.passage)),
                    None => None,
                };
                if let Some((doc, passage)) = target {
                    return Some(Action::JumpTo { doc, passage });
                }
            }
            SidebarTab::Related => {
                app.related_selected = Some(app.sidebar.selected);
                return Some(Action::FollowRelated);
            }
            SidebarTab::Claims => {
                if let Some(c) = app.current_claim() {
                    let claim = &app.claims[c];
                    return Some(Action::JumpTo {
                        doc: claim.doc,
                        passage: claim.passage,
                    });
                }
            }
            SidebarTab::Search => go_to_hit(app, app.sidebar.selected),
            SidebarTab::Outline => {
                let outline = app.outline();
                if let Some((passage, _)) = outline.get(app.sidebar.selected) {
                    return Some(Action::JumpTo {
                        doc: app.reader.doc,
                        passage: *passage,
                    });
                }
            }
            SidebarTab::Actors => {
                let selected = app.document_actors().get(app.sidebar.selected).map(|(a, _)| *a);
                if let Some(a) = selected {
                    if app.pinned == Some(a) {
                        app.pinned = None;
                        say(app, "Actor unpinned");
                    } else {
                        app.pinned = Some(a);
                        app.search = None;
                        app.mention_cursor = None;
                        let name = app.actors.actors[a].name.clone();
                        say(
                            app,
                            &format!("Pinned {name}: n/N walk its mentions across articles, Esc unpins"),
                        );
                    }
                }
            }
        },

        Action::Resize { width, height } => {
            app.area = Rect::new(0, 0, width, height);
            relayout(app);
            app.documents.reveal(app.documents_visible());
            app.sidebar.reveal(app.sidebar_visible());
        }
        Action::Wheel { column, row, down } => wheel(app, column, row, down),
        Action::Click { column, row } => return click(app, column, row),
        Action::JumpTo { doc, passage } => {
            record_jump(app, doc, passage);
            jump_to(app, doc, passage);
        }
    }
    None
}

/// What Enter at a prompt does.
fn submit(app: &mut App, prompt: Prompt) {
    match prompt.purpose {
        PromptPurpose::ActorFilter => {
            let matches = app.filter_matches(&prompt.input);
            let Some(m) = matches.get(prompt.choice.min(matches.len().saturating_sub(1))) else {
                say(app, &format!("No actor matches {:?}", prompt.input));
                return;
            };
            if !app.filter.contains(&m.actor) {
                app.filter.push(m.actor);
            }
            let docs = app.visible_documents();
            app.documents = ListCursor::default();
            if let Some(&doc) = docs.first() {
                let names: Vec<&str> = app.filter.iter().map(|&a| app.actors.actors[a].name.as_str()).collect();
                say(
                    app,
                    &format!(
                        "Filter: {} ({} documents); f adds an actor, F or Esc clears",
                        names.join(" + "),
                        docs.len()
                    ),
                );
                if !docs.contains(&app.reader.doc) {
                    update(app, Action::JumpTo { doc, passage: 0 });
                } else {
                    app.documents.selected = docs.iter().position(|&d| d == app.reader.doc).unwrap_or(0);
                }
            } else {
                say(app, "No document names all these actors");
            }
        }
        PromptPurpose::TextSearch => {
            let found = crate::search::find_text(&app.corpus, &prompt.input, SEARCH_LIMIT);
            if found.query.is_empty() {
                app.search = None;
                say(app, "Search cleared");
            } else if found.hits.is_empty() {
                say(app, &format!("No passage contains “{}”", found.query));
            } else {
                app.search = Some(crate::tui::app::SearchState {
                    found,
                    at: None,
                    landed: None,
                });
                app.sidebar_tab = SidebarTab::Search;
                app.sidebar = ListCursor::default();
                step_search(app, true);
            }
        }
        PromptPurpose::MergeInto(from) => {
            let matches = app.prompt_actor_matches(&prompt).unwrap_or_default();
            let Some(m) = matches.get(prompt.choice.min(matches.len().saturating_sub(1))) else {
                say(
                    app,
                    &format!("No other actor matches {:?}: nothing merged", prompt.input),
                );
                return;
            };
            let into = m.actor;
            let (a, b) = (
                app.actors.actors[from].name.clone(),
                app.actors.actors[into].name.clone(),
            );
            curate(
                app,
                |c, actors| c.merge(&actors[from], &actors[into]),
                format!("Merged {a} into {b}"),
                Some(b),
            );
        }
        PromptPurpose::SplitAlias(actor) => {
            let choices = app.prompt_choices(&prompt).unwrap_or_default();
            let Some(alias) = choices.get(prompt.choice.min(choices.len().saturating_sub(1))).cloned() else {
                say(
                    app,
                    &format!("No name of the actor matches {:?}: nothing split", prompt.input),
                );
                return;
            };
            let name = app.actors.actors[actor].name.clone();
            curate(
                app,
                |c, actors| {
                    c.split(&actors[actor], &alias);
                },
                format!("{alias} is an actor of its own, apart from {name}"),
                Some(alias.clone()),
            );
        }
        PromptPurpose::Rename(actor) => {
            let new = prompt.input.split_whitespace().collect::<Vec<_>>().join(" ");
            let old = app.actors.actors[actor].name.clone();
            if new.is_empty() || new == old {
                say(app, "Name unchanged");
                return;
            }
            curate(
                app,
                |c, actors| c.rename(&actors[actor], &new),
                format!("Renamed {old} to {new}"),
                Some(new.clone()),
            );
        }
        PromptPurpose::Kind(actor) => {
            let choices = app.prompt_choices(&prompt).unwrap_or_default();
            let chosen = choices.get(prompt.choice.min(choices.len().saturating_sub(1)));
            let Some(kind) = chosen.and_then(|c| ActorKind::ALL.into_iter().find(|k| k.label() == c)) else {
                say(app, &format!("No kind matches {:?}: kind unchanged", prompt.input));
                return;
            };
            let name = app.actors.actors[actor].name.clone();
            curate(
                app,
                |c, actors| c.set_kind(&actors[actor], kind),
                format!("{name} is now a {}", kind.label()),
                Some(name.clone()),
            );
        }
        PromptPurpose::ExportPath => {
            let path = prompt.input.trim().to_string();
            if path.is_empty() {
                say(app, "Export cancelled: no file name");
            } else if std::path::Path::new(&path).exists() {
                app.overlay = Some(Overlay::Prompt(Prompt {
                    purpose: PromptPurpose::ConfirmOverwrite(path),
                    input: String::new(),
                    choice: 0,
                }));
            } else {
                export_to(app, &path);
            }
        }
        PromptPurpose::ConfirmOverwrite(path) => {
            if matches!(prompt.input.trim(), "y" | "Y" | "yes" | "o" | "oui") {
                export_to(app, &path);
            } else {
                say(app, &format!("Export cancelled: {path} left as it was"));
            }
        }
    }
}

/// Writes the selection as Markdown; on failure the selection stays and the status bar says why.
fn export_to(app: &mut App, path: &str) {
    let filters = app
        .pinned
        .map(|a| vec![format!("pinned actor: {}", app.actors.actors[a].name)])
        .unwrap_or_default();
    let info = crate::export::ExportInfo {
        date: crate::save::now().0,
        corpus: app.corpus.origin.clone(),
        filters,
    };
    let text = crate::export::markdown(&app.corpus, &app.actors, &app.claims, &app.selection, &info);
    match crate::save::write_atomically(std::path::Path::new(path), &text) {
        Ok(()) => say(
            app,
            &format!(
                "Exported {} to {path}",
                crate::wording::counted(app.selection.len(), "item")
            ),
        ),
        Err(e) => {
            app.message = Some(Message {
                text: format!("{e} (the selection is kept)"),
                warning: true,
            });
        }
    }
}

const NO_CURATED_ACTOR: &str =
    "No actor chosen: select one in the Actors tab (t, then Tab to the sidebar) or the actor view (A)";

/// Applies a correction to the user's lexicon, analyses the corpus again with it and saves the
/// file; an unwritable file is said in the status bar and the correction kept for the session.
/// `show` names the actor to select afterwards.
fn curate(app: &mut App, change: impl FnOnce(&mut Curation, &[Actor]), done: String, show: Option<String>) {
    if app.loading.is_some() {
        warn(
            app,
            "The actors are still being worked out: correct them once the gauge is gone",
        );
        return;
    }
    let before = app.curation.clone();
    change(&mut app.curation, &app.actors.actors);
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
        let found = app.actors.actors.iter().position(|a| a.name == name);
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
fn reanalyse(app: &mut App, lexicon: crate::analysis::lexicon::Lexicon) {
    use crate::analysis::text::fold;
    let name_of = |app: &App, a: usize| app.actors.actors.get(a).map(|x| x.name.clone());
    let pinned = app.pinned.and_then(|a| name_of(app, a));
    let filter: Vec<String> = app.filter.iter().filter_map(|&a| name_of(app, a)).collect();
    let claims: Vec<(usize, usize)> = app
        .selection
        .claims
        .iter()
        .filter_map(|&c| app.claims.get(c).map(|c| (c.doc, c.start)))
        .collect();
    let analysis = super::background::Analysis::run(&app.corpus, lexicon);
    install(app, analysis);
    // An actor is found again by its name, or by the name it was merged under.
    let find = |app: &App, name: &str| {
        let key = fold(name);
        app.actors.actors.iter().position(|a| a.name == name).or_else(|| {
            app.actors
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
        .filter_map(|(d, at)| app.claims.iter().position(|c| c.doc == d && c.start == at))
        .collect();
    app.mention_cursor = None;
    if let Some(Overlay::Actors { cursor }) = &mut app.overlay {
        cursor.selected = cursor.selected.min(app.actors.actors.len().saturating_sub(1));
    }
    sync_sidebar(app);
}

/// The actor view with one actor selected.
fn actors_view_at(app: &App, actor: usize) -> Overlay {
    let mut cursor = ListCursor {
        selected: actor.min(app.actors.actors.len().saturating_sub(1)),
        offset: 0,
    };
    cursor.reveal(overlay_page(app) as usize);
    Overlay::Actors { cursor }
}

fn warn(app: &mut App, text: &str) {
    app.message = Some(Message {
        text: text.to_string(),
        warning: true,
    });
}

fn say(app: &mut App, text: &str) {
    app.message = Some(Message {
        text: text.to_string(),
        warning: false,
    });
}

fn overlay_page(app: &App) -> isize {
    (app.area.height as isize * 9 / 10 - 3).max(1)
}

fn step_overlay(app: &mut App, delta: isize) {
    let len = app.actors.actors.len();
    let visible = overlay_page(app) as usize;
    match &mut app.overlay {
        Some(Overlay::Help { scroll }) => *scroll = scroll.saturating_add_signed(delta),
        Some(Overlay::Actors { cursor }) => cursor.step(delta, len, visible),
        Some(Overlay::Prompt(_)) | None => {}
    }
}

/// Remembers where the reader was before a jump elsewhere.
fn record_jump(app: &mut App, doc: usize, passage: usize) {
    let here = app.location();
    let moving = here.doc != doc || here.passage != passage;
    if moving && !app.reader.lines.lines.is_empty() {
        app.history.back.push(here);
        app.history.forward.clear();
    }
}

/// Back or forward in the jump history, restoring the scroll position too.
fn travel(app: &mut App, back: bool) {
    let here = app.location();
    let (from, to) = if back {
        (&mut app.history.back, &mut app.history.forward)
    } else {
        (&mut app.history.forward, &mut app.history.back)
    };
    let Some(target) = from.pop() else {
        say(
            app,
            if back {
                "Nothing to go back to"
            } else {
                "Nothing to go forward to"
            },
        );
        return;
    };
    to.push(here);
    jump_to(app, target.doc, target.passage);
    app.reader.scroll = target.scroll;
    clamp_scroll(app);
    reveal_passage(app);
}

/// Goes to the next (or previous) hit of the search, from the reading position, in any document.
fn step_search(app: &mut App, forward: bool) {
    let Some(search) = &app.search else { return };
    let hits = &search.found.hits;
    if hits.is_empty() {
        return;
    }
    let passage = app
        .current_document()
        .and_then(|d| d.passages.get(app.reader.passage))
        .map_or(0..0, |p| p.range());
    // From the hit last visited while the reader is still where it took it, else from the passage.
    let still = search.landed == Some((app.reader.doc, app.reader.passage));
    let here = match search.at.and_then(|i| hits.get(i)) {
        Some(h) if still || (h.doc == app.reader.doc && passage.contains(&h.start)) => (h.doc, h.start),
        // At the top of an article its title is on screen too: it counts as here.
        _ if forward && app.reader.scroll == 0 => (app.reader.doc, 0),
        _ if forward => (app.reader.doc, passage.start.saturating_sub(1)),
        _ => (app.reader.doc, passage.start),
    };
    let found = if forward {
        hits.iter().position(|h| (h.doc, h.start) > here)
    } else {
        hits.iter().rposition(|h| (h.doc, h.start) < here)
    };
    let wrapped = found.is_none();
    let index = found.unwrap_or(if forward { 0 } else { hits.len() - 1 });
    let wrapped = wrapped && search.at.is_some();
    let text = format!(
        "“{}”: hit {}/{}{} in {} documents{}",
        search.found.query,
        index + 1,
        hits.len(),
        if search.found.truncated { "+" } else { "" },
        search.found.documents(),
        if wrapped {
            " (wrapped around)"
        } else {
            "; n/N next/previous, Esc clears"
        }
    );
    go_to_hit(app, index);
    if app.sidebar_tab == SidebarTab::Search {
        app.sidebar.selected = index;
        app.sidebar.reveal(app.sidebar_visible());
    }
    say(app, &text);
}

/// Opens the passage of a search hit, its line on screen, and makes it the current hit.
fn go_to_hit(app: &mut App, index: usize) {
    let Some(hit) = app.search.as_ref().and_then(|s| s.found.hits.get(index).copied()) else {
        return;
    };
    update(
        app,
        Action::JumpTo {
            doc: hit.doc,
            passage: hit.passage,
        },
    );
    let landed = Some((app.reader.doc, app.reader.passage));
    if let Some(search) = &mut app.search {
        search.at = Some(index);
        search.landed = landed;
    }
    reveal_line_of(app, hit.start);
}

/// Scrolls so the line holding a file offset of the open document is on screen.
fn reveal_line_of(app: &mut App, offset: usize) {
    let lines = &app.reader.lines;
    let row = lines.lines.iter().position(|l| {
        l.passage == Some(app.reader.passage)
            && lines
                .displays
                .get(app.reader.passage)
                .and_then(|d| d.as_ref())
                .is_some_and(|d| {
                    let at = d.to_display(offset);
                    l.range.start <= at && at < l.range.end.max(l.range.start + 1)
                })
    });
    if let Some(row) = row {
        let height = app.reader_height();
        if row < app.reader.scroll || row >= app.reader.scroll + height {
            app.reader.scroll = row.saturating_sub(height / 3);
            clamp_scroll(app);
        }
    }
}

/// Goes to the next (or previous) mention of the current actor, in any document.
fn step_mention(app: &mut App, forward: bool) {
    let Some(actor) = app.current_actor() else {
        say(
            app,
            "No actor chosen: select one in the Actors tab (t), or open the actor view (A)",
        );
        return;
    };
    let passage = app
        .current_document()
        .and_then(|d| d.passages.get(app.reader.passage))
        .map_or(0..0, |p| p.range());
    let passage_start = passage.start;
    // From the last mention visited while the reader is still on it, else from the current passage.
    let here = match app.mention_cursor {
        Some((doc, at)) if doc == app.reader.doc && passage.contains(&at) => (doc, at),
        _ if forward => (app.reader.doc, passage_start.saturating_sub(1)),
        _ => (app.reader.doc, passage_start),
    };
    let mentions = &app.actors.actors[actor].mentions;
    let found = if forward {
        mentions
            .iter()
            .position(|m| (m.doc, m.start) > here)
            .map(|i| (i, false))
    } else {
        mentions
            .iter()
            .rposition(|m| (m.doc, m.start) < here)
            .map(|i| (i, false))
    };
    let wrapped = if forward { 0 } else { mentions.len().saturating_sub(1) };
    let Some((index, wrapped)) = found.or_else(|| (!mentions.is_empty()).then_some((wrapped, true))) else {
        return;
    };
    let m = &mentions[index];
    let (doc, passage, start) = (m.doc, m.passage, m.start);
    let text = format!(
        "{}: mention {}/{}{}",
        app.actors.actors[actor].name,
        index + 1,
        mentions.len(),
        if wrapped { " (wrapped around)" } else { "" }
    );
    update(app, Action::JumpTo { doc, passage });
    app.mention_cursor = Some((doc, start));
    say(app, &text);
}

fn cycle_focus(app: &mut App, delta: isize) {
    let order = Focus::ORDER;
    let at = order.iter().position(|f| *f == app.focus).unwrap_or(0);
    app.focus = order[(at as isize + delta).rem_euclid(order.len() as isize) as usize];
}

fn page(app: &App) -> isize {
    (app.reader_height().saturating_sub(2)).max(1) as isize
}

fn step_documents(app: &mut App, delta: isize) {
    let (len, visible) = (app.visible_documents().len(), app.documents_visible());
    app.documents.step(delta, len, visible);
}

fn step_sidebar(app: &mut App, delta: isize) {
    let (len, visible) = (app.sidebar_len(), app.sidebar_visible());
    app.sidebar.step(delta, len, visible);
}

/// Opens `doc` at `passage` (or the nearest shown passage after it).
fn jump_to(app: &mut App, doc: usize, passage: usize) {
    if doc >= app.corpus.documents.len() {
        return;
    }
    if doc != app.reader.doc || app.reader.lines.lines.is_empty() {
        app.reader.doc = doc;
        app.reader.scroll = 0;
        rewrap(app);
        mark_strong_relations(app);
    }
    if let Some(row) = app.visible_documents().iter().position(|&d| d == doc) {
        app.documents.selected = row;
    }
    app.documents.reveal(app.documents_visible());
    let lines = &app.reader.lines;
    let target = (passage..lines.spans.len())
        .find(|p| lines.is_shown(*p))
        .or_else(|| (0..lines.spans.len()).rev().find(|p| lines.is_shown(*p)));
    let Some(target) = target else { return };
    app.reader.passage = target;
    let first_shown = (0..lines.spans.len()).find(|p| lines.is_shown(*p));
    app.reader.scroll = if first_shown == Some(target) {
        0
    } else {
        lines.spans[target].start.saturating_sub(1)
    };
    clamp_scroll(app);
    reveal_passage(app);
    sync_sidebar(app);
}

fn rewrap(app: &mut App) {
    let width = app.reader_width();
    let show = app.reader.show_hidden;
    app.reader.lines = match app.corpus.documents.get(app.reader.doc) {
        Some(doc) => ReaderLines::build(doc, width, show),
        None => ReaderLines::default(),
    };
}

/// Which passages of the open document have a strong relation elsewhere (margin marks).
fn mark_strong_relations(app: &mut App) {
    let doc = app.reader.doc;
    let passages = app.corpus.documents.get(doc).map_or(0, |d| d.passages.len());
    app.strongly_related = (0..passages)
        .map(|p| {
            app.related
                .related(doc, p, 1)
                .first()
                .is_some_and(|r| r.score >= STRONG_RELATION)
        })
        .collect();
}

/// Moves the related selection, showing the Related tab.
fn step_related(app: &mut App, delta: isize) {
    let len = app.related_here.len();
    if len == 0 {
        say(app, "No passage of another article is related to this one");
        return;
    }
    // The first step selects the best related passage.
    let next = match app.related_selected {
        None => 0,
        Some(at) => (at as isize + delta).rem_euclid(len as isize) as usize,
    };
    app.related_selected = Some(next);
    app.sidebar_tab = SidebarTab::Related;
    app.sidebar.selected = next;
    app.sidebar.reveal(app.sidebar_visible());
}

/// Re-wraps after a size or visibility change, keeping the current passage where it was on screen.
fn relayout(app: &mut App) {
    let old = app.reader.lines.spans.get(app.reader.passage).cloned();
    let old_scroll = app.reader.scroll;
    rewrap(app);
    let lines = &app.reader.lines;
    if !lines.is_shown(app.reader.passage) {
        let next = (app.reader.passage..lines.spans.len())
            .chain((0..app.reader.passage).rev())
            .find(|p| lines.is_shown(*p));
        app.reader.passage = next.unwrap_or(0);
    }
    let new = lines.spans.get(app.reader.passage).cloned().unwrap_or(0..0);
    app.reader.scroll = match old {
        Some(old) if !old.is_empty() && old_scroll > old.start => {
            // The passage began above the screen: keep the same fraction of it above.
            let into = (old_scroll - old.start) * new.len() / old.len().max(1);
            new.start + into
        }
        Some(old) if !old.is_empty() => new.start.saturating_sub(old.start - old_scroll),
        _ => new.start.saturating_sub(1),
    };
    clamp_scroll(app);
    reveal_passage(app);
    sync_sidebar(app);
}

fn max_scroll(app: &App) -> usize {
    app.reader.lines.lines.len().saturating_sub(app.reader_height())
}

fn clamp_scroll(app: &mut App) {
    app.reader.scroll = app.reader.scroll.min(max_scroll(app));
}

/// Scrolls so the current passage's first line is on screen, showing as much of it as fits.
fn reveal_passage(app: &mut App) {
    let Some(span) = app.reader.lines.spans.get(app.reader.passage).cloned() else {
        return;
    };
    if span.is_empty() {
        return;
    }
    let height = app.reader_height();
    if span.start < app.reader.scroll {
        app.reader.scroll = span.start;
    } else if span.end > app.reader.scroll + height {
        app.reader.scroll = span.start.min(span.end.saturating_sub(height));
    }
    clamp_scroll(app);
}

fn step_passage(app: &mut App, delta: isize) {
    let lines = &app.reader.lines;
    let current = app.reader.passage;
    let found = if delta > 0 {
        (current + 1..lines.spans.len()).find(|p| lines.is_shown(*p))
    } else {
        (0..current).rev().find(|p| lines.is_shown(*p))
    };
    if let Some(p) = found {
        app.reader.passage = p;
        reveal_passage(app);
        sync_sidebar(app);
    }
}

/// Scrolls the reader; the current passage follows when it leaves the screen.
fn scroll(app: &mut App, delta: isize) {
    app.reader.scroll = app.reader.scroll.saturating_add_signed(delta);
    clamp_scroll(app);
    let (top, height) = (app.reader.scroll, app.reader_height());
    let span = app.reader.lines.spans.get(app.reader.passage).cloned().unwrap_or(0..0);
    let visible = span.start < top + height && span.end > top;
    if !visible && let Some(p) = app.reader.lines.passage_at_or_after(top) {
        app.reader.passage = p;
        sync_sidebar(app);
    }
}

/// The outline follows the reading position.
fn sync_sidebar(app: &mut App) {
    if app.sidebar_tab != SidebarTab::Outline {
        let len = app.sidebar_len();
        app.sidebar.selected = app.sidebar.selected.min(len.saturating_sub(1));
        app.sidebar.reveal(app.sidebar_visible());
        return;
    }
    let current = app.reader.passage;
    if let Some(at) = app.outline().iter().position(|(p, _)| *p == current) {
        app.sidebar.selected = at;
        app.sidebar.reveal(app.sidebar_visible());
    }
}

fn hit(area: Rect, column: u16, row: u16) -> bool {
    area.contains(Position { x: column, y: row })
}

fn wheel(app: &mut App, column: u16, row: u16, down: bool) {
    let Some(panes) = app.panes() else { return };
    let delta = if down { WHEEL_LINES } else { -WHEEL_LINES };
    if hit(panes.reader, column, row) {
        scroll(app, delta);
    } else if hit(panes.documents, column, row) {
        step_documents(app, delta.signum());
    } else if hit(panes.sidebar, column, row) {
        step_sidebar(app, delta.signum());
    }
}

fn click(app: &mut App, column: u16, row: u16) -> Option<Action> {
    let panes = app.panes()?;
    if app.overlay.is_some() {
        app.overlay = None;
        return None;
    }
    if hit(panes.documents, column, row) {
        app.focus = Focus::Documents;
        if let Some(Hit::Document(index)) = app.hits.at(column, row)
            && let Some(doc) = app.visible_documents().get(index).copied()
        {
            app.documents.selected = index;
            return Some(Action::JumpTo { doc, passage: 0 });
        }
    } else if hit(panes.reader, column, row) {
        app.focus = Focus::Reader;
        let body = inner(panes.reader);
        let line = app.reader.scroll + row.checked_sub(body.y)? as usize;
        if let Some(p) = app.reader.lines.lines.get(line).and_then(|l| l.passage) {
            app.reader.passage = p;
            sync_sidebar(app);
        }
    } else if hit(panes.sidebar, column, row) {
        app.focus = Focus::Sidebar;
        if let Some(Hit::SidebarItem(index)) = app.hits.at(column, row)
            && index < app.sidebar_len()
        {
            app.sidebar.selected = index;
            return Some(Action::SideOpen);
        }
    }
    None
}
