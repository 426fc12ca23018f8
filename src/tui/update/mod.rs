//! `update`: the only code that changes the application state.
//!
//! This module owns the dispatch: `apply` maps each action to the module that does it
//! (`navigation`, `selection`, `search`, `prompts`, `curation`, `mouse`) and returns the
//! follow-up action it implies; `update` runs follow-ups until none is left, then derives
//! the related passages and keeps cursors inside their lists.

use super::action::Action;
use super::background::Background;
use super::layout::{Hit, inner};
use super::state::{
    ActorPage, App, Focus, ListCursor, Message, Overlay, PageItem, Prompt, PromptPurpose, Reanalysis, SelectionItem,
    Shown, SidebarTab,
};
use crate::analysis::actors::Actor;
use crate::analysis::lexicon::ActorKind;
use crate::curation::Curation;
use ratatui::layout::{Position, Rect};
use std::sync::Arc;

mod curation;
mod mouse;
mod navigation;
mod news;
mod prompts;
mod search;
mod selection;

use curation::*;
use mouse::*;
use navigation::*;
pub use news::{absorb, restore_selection, settle};
use prompts::*;
use search::*;
use selection::*;

/// Related passages listed for the current passage.
const RELATED_SHOWN: usize = 5;
/// A relation this strong earns the passage a margin mark.
const STRONG_RELATION: f32 = 0.35;

/// Hits a search keeps; the status bar says when there were more.
const SEARCH_LIMIT: usize = 10_000;

impl App {
    /// A full-text search: on the folded index once it is built, else by folding the passages.
    pub fn find_text(&self, query: &str) -> crate::search::TextSearch {
        match &self.text_index {
            Some(index) => index.find(&self.corpus, query, SEARCH_LIMIT),
            None => crate::search::find_text(&self.corpus, query, SEARCH_LIMIT),
        }
    }
}

/// While a search is typed, what it finds so far (as vim's incsearch shows): counted on the
/// index, a scan of memory per key; nothing before the index is built.
fn preview_search(app: &mut App) {
    app.search_preview = match (&app.overlay, &app.text_index) {
        (Some(Overlay::Prompt(p)), Some(_)) if p.purpose == PromptPurpose::TextSearch && !p.input.trim().is_empty() => {
            let found = app.find_text(&p.input);
            Some((found.hits.len(), found.documents(), found.truncated))
        }
        _ => None,
    };
}

/// Said when a curation key is pressed with no actor under the cursor.
fn no_curated_actor(app: &App) -> String {
    format!(
        "No actor chosen: select one in the Actors tab ({}, then {} to the sidebar) or the actor view ({})",
        app.key(Action::NextTab),
        app.key(Action::FocusNext),
        app.key(Action::ToggleActorsView)
    )
}

/// Shows a sidebar tab. Each tab keeps its own cursor: coming back finds the same item
/// (within the list).
fn show_tab(app: &mut App, tab: SidebarTab) {
    app.sidebar.tab = tab;
    keep_cursors_in_lists(app);
    sync_sidebar(app);
}

/// Lines moved by one mouse wheel notch.
const WHEEL_LINES: isize = 3;

/// Applies an action (and the actions it implies); returns the files it asks to write, for the
/// caller to perform (`effect::run_all`) — `update` itself never touches the disk.
pub fn update(app: &mut App, action: Action) -> Vec<super::effect::Effect> {
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
    derive(app);
    std::mem::take(&mut app.effects)
}

/// What the panes show that follows from the state — the reader's wrapped lines, the margin
/// marks of the open document, the related passages of the current one, cursors inside their
/// lists — worked out here after every change, each only when what it follows from changed.
pub(super) fn derive(app: &mut App) {
    rewrap(app);
    mark_strong_relations(app);
    refresh_related(app);
    keep_cursors_in_lists(app);
}

/// Lists shrink (a selection item removed, a filter applied, actors merged): their cursors follow.
pub(super) fn keep_cursors_in_lists(app: &mut App) {
    let side = app.sidebar_len();
    app.sidebar.selected = app.sidebar.selected.min(side.saturating_sub(1));
    app.sidebar.offset = app.sidebar.offset.min(app.sidebar.selected);
    let docs = app.visible_documents().len();
    app.documents.selected = app.documents.selected.min(docs.saturating_sub(1));
    app.documents.offset = app.documents.offset.min(app.documents.selected);
}

/// Keeps the related list in step with the current passage.
pub(super) fn refresh_related(app: &mut App) {
    let here = (app.reader.doc, app.reader.passage, app.generation);
    if app.related_for == Some(here) {
        return;
    }
    app.related_here = app.analysis.related.related(here.0, here.1, RELATED_SHOWN);
    app.related_for = Some(here);
    app.related_selected = None;
    if app.sidebar.tab == SidebarTab::Related {
        *app.sidebar = ListCursor::default();
    }
}

fn apply(app: &mut App, action: Action) -> Option<Action> {
    match action {
        Action::Quit => {
            let asked = matches!(&app.overlay, Some(Overlay::Prompt(p)) if p.purpose == PromptPurpose::ConfirmQuit);
            if app.unexported() && !asked {
                app.overlay = Some(Overlay::Prompt(Prompt {
                    purpose: PromptPurpose::ConfirmQuit,
                    input: String::new(),
                    choice: 0,
                }));
            } else {
                app.quit = true;
            }
        }
        Action::FocusNext => cycle_focus(app, 1),
        Action::FocusPrev => cycle_focus(app, -1),
        Action::ToggleHelp => {
            app.overlay = match app.overlay {
                Some(Overlay::Help { .. }) => None,
                _ => Some(Overlay::Help { scroll: 0 }),
            }
        }
        Action::ToggleWarnings => {
            app.overlay = match app.overlay {
                Some(Overlay::Warnings { .. }) => None,
                _ if app.corpus.warnings.is_empty() => {
                    say(app, "No warning: every file was read");
                    None
                }
                _ => Some(Overlay::Warnings { scroll: 0 }),
            }
        }
        Action::ContrastView => {
            app.overlay = match app.overlay {
                Some(Overlay::CrossCheck { contrast: true, .. }) => None,
                _ => match app.claim_to_check(true) {
                    Some(claim) if !app.cross_refs(claim, true).is_empty() => Some(Overlay::CrossCheck {
                        claim,
                        contrast: true,
                        cursor: ListCursor::default(),
                    }),
                    Some(_) => {
                        say(app, "No other article contradicts this claim");
                        None
                    }
                    None => {
                        say(app, "No claim here is contradicted in another article");
                        None
                    }
                },
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
                        | PromptPurpose::Kind(a)
                        | PromptPurpose::ConfirmNotActor(a),
                    ..
                }) = overlay
                    && std::mem::take(&mut app.curating_from_view)
                {
                    app.overlay = Some(actors_view_at(app, a));
                }
                // A page opened from the actor view goes back to it.
                if let Overlay::ActorPage(page) = overlay
                    && let Some(cursor) = page.from_view
                {
                    app.overlay = Some(Overlay::Actors { cursor });
                }
            } else if let Some(search) = app.search.take() {
                say(app, &format!("Search for “{}” cleared", search.found.query));
            } else if app.pinned.take().is_some() {
                say(app, "Actor unpinned");
            } else if !app.filter().is_empty() {
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
            // The search under way, else the last one made: Enter searches it again.
            let input = app
                .search
                .as_ref()
                .map_or_else(|| app.last_query.clone(), |s| s.found.query.clone());
            app.overlay = Some(Overlay::Prompt(Prompt {
                purpose: PromptPurpose::TextSearch,
                input,
                choice: 0,
            }));
            preview_search(app);
        }
        Action::ClearFilter => {
            app.set_filter(Vec::new());
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
            if let Some(Overlay::CrossCheck {
                claim,
                contrast,
                cursor,
            }) = app.overlay
            {
                let target = app.cross_refs(claim, contrast).get(cursor.selected).map(|r| r.claim);
                if let Some(other) = target {
                    app.overlay = None;
                    let other = &app.analysis.claims[other];
                    return Some(Action::JumpTo {
                        doc: other.doc,
                        passage: other.passage,
                    });
                }
            }
            if let Some(Overlay::Actors { cursor }) = app.overlay
                && cursor.selected < app.analysis.actors.actors.len()
            {
                open_actor_page(app, cursor.selected, Some(cursor));
            } else if let Some(Overlay::ActorPage(page)) = &app.overlay {
                return follow_page_item(app, page.items().get(page.cursor.selected).copied()?);
            }
        }
        Action::OverlayFirst => step_overlay(app, isize::MIN / 2),
        Action::OverlayLast => step_overlay(app, isize::MAX / 2),
        Action::PinActor => {
            let actor = match &app.overlay {
                Some(Overlay::Actors { cursor }) => Some(cursor.selected),
                _ => app.curated_actor(),
            };
            match actor.filter(|&a| a < app.analysis.actors.actors.len()) {
                Some(a) if app.overlay.is_some() => {
                    app.overlay = None;
                    pin(app, a);
                    return Some(Action::NextMention);
                }
                Some(a) if app.pinned == Some(a) => {
                    app.pinned = None;
                    say(app, "Actor unpinned");
                }
                Some(a) => pin(app, a),
                None => say(app, &no_curated_actor(app)),
            }
        }
        Action::WidenSidebar | Action::NarrowSidebar => {
            let step = if action == Action::WidenSidebar { 4 } else { -4 };
            let before = app.panes().map(|p| p.sidebar.width);
            app.sidebar_extra = (app.sidebar_extra + step).clamp(-60, 120);
            let after = app.panes().map(|p| p.sidebar.width);
            if before == after {
                // At its limit: the extra width asked for is not kept either.
                app.sidebar_extra -= step;
                say(app, "The sidebar is as wide (or as narrow) as it can be here");
            }
            relayout(app);
        }
        Action::Undo => undo_curation(app),
        Action::NextTab | Action::PrevTab => {
            let order = SidebarTab::ORDER;
            let step = if action == Action::NextTab { 1 } else { order.len() - 1 };
            show_tab(app, order[(app.sidebar.tab.index() + step) % order.len()]);
        }
        Action::ActorsTab => show_tab(app, SidebarTab::Actors),
        Action::ClaimsTab => show_tab(app, SidebarTab::Claims),
        Action::RelatedTab => show_tab(app, SidebarTab::Related),
        Action::SearchTab => show_tab(app, SidebarTab::Search),
        Action::SelectionTab => show_tab(app, SidebarTab::Selection),
        Action::OutlineTab => show_tab(app, SidebarTab::Outline),
        Action::NextMention if app.search.is_some() => step_search(app, true),
        Action::PrevMention if app.search.is_some() => step_search(app, false),
        Action::NextMention => step_mention(app, true),
        Action::PrevMention => step_mention(app, false),
        Action::ToggleSelect => toggle_select(app),
        Action::SelectClaim => select_claim(app),
        Action::SelectActorPassages => select_actor_passages(app),
        Action::MergeActor | Action::SplitAlias | Action::RenameActor | Action::ChangeKind => {
            let Some(actor) = app.curated_actor() else {
                say(app, &no_curated_actor(app));
                return None;
            };
            let (purpose, input) = match action {
                Action::MergeActor => (PromptPurpose::MergeInto(actor), String::new()),
                Action::SplitAlias if app.analysis.actors.actors[actor].aliases.is_empty() => {
                    say(
                        app,
                        &format!(
                            "{} has no other name to split off",
                            app.analysis.actors.actors[actor].name
                        ),
                    );
                    return None;
                }
                Action::SplitAlias => (PromptPurpose::SplitAlias(actor), String::new()),
                Action::RenameActor => (
                    PromptPurpose::Rename(actor),
                    app.analysis.actors.actors[actor].name.clone(),
                ),
                _ => (PromptPurpose::Kind(actor), String::new()),
            };
            app.curating_from_view = app.in_actor_overlay();
            app.overlay = Some(Overlay::Prompt(Prompt {
                purpose,
                input,
                choice: 0,
            }));
        }
        Action::NotAnActor => match app.curated_actor() {
            // Corpus-wide and saved: asked first (when it can be done now).
            Some(actor) if curation::can_curate(app) => {
                app.curating_from_view = app.in_actor_overlay();
                app.overlay = Some(Overlay::Prompt(Prompt {
                    purpose: PromptPurpose::ConfirmNotActor(actor),
                    input: String::new(),
                    choice: 0,
                }));
            }
            Some(_) => {}
            None => say(app, &no_curated_actor(app)),
        },
        Action::RemoveSelected => remove_selected(app),
        Action::ClearSelection => {
            let n = app.selection.len();
            app.selection = Default::default();
            let text = match n {
                0 => "Nothing selected to clear".to_string(),
                n => format!("Selection cleared ({})", crate::wording::counted(n, "item")),
            };
            say(app, &text);
        }
        Action::StartExport => {
            if app.selection.is_empty() {
                let text = format!(
                    "Nothing selected: {} adds the current passage, {} a claim, {} every passage of the pinned actor",
                    app.key(Action::ToggleSelect),
                    app.key(Action::SelectClaim),
                    app.key(Action::SelectActorPassages)
                );
                say(app, &text);
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
                if prompt.purpose.is_question() {
                    // One key answers: no Enter needed, nothing typed into a file name.
                    prompt.input = c.to_string();
                    return Some(Action::PromptSubmit);
                }
                prompt.input.push(c);
                prompt.choice = 0;
            }
            preview_search(app);
        }
        Action::PromptBackspace => {
            if let Some(Overlay::Prompt(prompt)) = &mut app.overlay {
                prompt.input.pop();
            }
            preview_search(app);
        }
        Action::PromptClear => {
            if let Some(Overlay::Prompt(prompt)) = &mut app.overlay {
                prompt.input.clear();
            }
            preview_search(app);
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
        Action::Back => {
            end_preview(app);
            travel(app, true);
        }
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
            end_preview(app);
            app.focus = Focus::Reader;
            let doc = app.visible_documents().get(app.documents.selected).copied()?;
            // Already there (previewed): only the focus moves.
            if doc != app.reader.doc {
                return Some(Action::JumpTo { doc, passage: 0 });
            }
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
        Action::SideOpen => return open_sidebar_item(app),
        Action::Resize { width, height } => {
            app.area = Rect::new(0, 0, width, height);
            relayout(app);
            app.documents.reveal(app.documents_visible());
            let rows = app.sidebar_visible();
            app.sidebar.reveal(rows);
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

pub(super) fn warn(app: &mut App, text: &str) {
    app.message = Some(Message {
        text: text.to_string(),
        warning: true,
    });
}

pub(super) fn say(app: &mut App, text: &str) {
    app.message = Some(Message {
        text: text.to_string(),
        warning: false,
    });
}
