//! Prompts answered: what Enter does in each prompt (filter, search, export path, curation
//! names), and writing the export.

use super::*;

/// What Enter at a prompt does.
pub(super) fn submit(app: &mut App, prompt: Prompt) {
    match prompt.purpose {
        PromptPurpose::ActorFilter => {
            let matches = app.filter_matches(&prompt.input);
            let Some(m) = matches.get(prompt.choice.min(matches.len().saturating_sub(1))) else {
                say(app, &format!("No actor matches {:?}", prompt.input));
                return;
            };
            if !app.filter().contains(&m.actor) {
                let mut filter = app.filter().to_vec();
                filter.push(m.actor);
                app.set_filter(filter);
            }
            let docs = app.visible_documents().to_vec();
            app.documents = ListCursor::default();
            if let Some(&doc) = docs.first() {
                let names: Vec<&str> = app
                    .filter()
                    .iter()
                    .map(|&a| app.analysis.actors.actors[a].name.as_str())
                    .collect();
                let text = format!(
                    "Filter: {} ({}); {} adds an actor, {} or {} clears",
                    names.join(" + "),
                    crate::wording::counted(docs.len(), "document"),
                    app.key(Action::StartFilter),
                    app.key(Action::ClearFilter),
                    app.key(Action::CloseOverlay)
                );
                say(app, &text);
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
            let found = app.find_text(&prompt.input);
            app.search_preview = None;
            if found.query.is_empty() {
                app.search = None;
                say(app, "Search cleared");
            } else if found.hits.is_empty() {
                say(app, &format!("No passage contains “{}”", found.query));
            } else {
                app.last_query = found.query.clone();
                app.search = Some(crate::tui::state::SearchState {
                    found,
                    at: None,
                    landed: None,
                });
                app.sidebar.tab = SidebarTab::Search;
                *app.sidebar = ListCursor::default();
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
                app.analysis.actors.actors[from].name.clone(),
                app.analysis.actors.actors[into].name.clone(),
            );
            curate(
                app,
                |c, actors| c.merge(&actors[from], &actors[into]),
                format!("Merged {a} into {b}"),
                app.analysis.actors.actors[into].id().map(Shown::Id),
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
            let name = app.analysis.actors.actors[actor].name.clone();
            curate(
                app,
                |c, actors| {
                    c.split(&actors[actor], &alias);
                },
                format!("{alias} is an actor of its own, apart from {name}"),
                Some(Shown::Named(alias.clone())),
            );
        }
        PromptPurpose::Rename(actor) => {
            let new = prompt.input.split_whitespace().collect::<Vec<_>>().join(" ");
            let old = app.analysis.actors.actors[actor].name.clone();
            if new.is_empty() || new == old {
                say(app, "Name unchanged");
                return;
            }
            curate(
                app,
                |c, actors| c.rename(&actors[actor], &new),
                format!("Renamed {old} to {new}"),
                app.analysis.actors.actors[actor].id().map(Shown::Id),
            );
        }
        PromptPurpose::Kind(actor) => {
            let choices = app.prompt_choices(&prompt).unwrap_or_default();
            let chosen = choices.get(prompt.choice.min(choices.len().saturating_sub(1)));
            let Some(kind) = chosen.and_then(|c| ActorKind::ALL.into_iter().find(|k| k.label() == c)) else {
                say(app, &format!("No kind matches {:?}: kind unchanged", prompt.input));
                return;
            };
            let name = app.analysis.actors.actors[actor].name.clone();
            curate(
                app,
                |c, actors| c.set_kind(&actors[actor], kind),
                format!("{name} is now a {}", kind.label()),
                app.analysis.actors.actors[actor].id().map(Shown::Id),
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
            if matches!(prompt.input.trim(), "y" | "Y" | "o" | "O") {
                export_to(app, &path);
            } else {
                say(app, &format!("Export cancelled: {path} left as it was"));
            }
        }
        PromptPurpose::ConfirmNotActor(actor) => {
            let name = app.analysis.actors.actors[actor].name.clone();
            if matches!(prompt.input.trim(), "y" | "Y" | "o" | "O") {
                let done = format!("{name} is not an actor any more ({} undoes)", app.key(Action::Undo));
                curate(app, |c, actors| c.not_an_actor(&actors[actor]), done, None);
            } else {
                if std::mem::take(&mut app.curating_from_view) {
                    app.overlay = Some(actors_view_at(app, actor));
                }
                say(app, &format!("{name} is still an actor"));
            }
        }
        PromptPurpose::ConfirmQuit => {
            // `y` (or French `o`), or the quit key again.
            let answer = prompt.input.trim();
            if matches!(answer, "y" | "Y" | "o" | "O") || answer == app.key(Action::Quit) {
                app.quit = true;
            } else {
                let text = format!("Not quitting: {} exports the selection", app.key(Action::StartExport));
                say(app, &text);
            }
        }
    }
}

/// Asks for the selection to be written as Markdown (an effect); `settle` says how it went.
pub(super) fn export_to(app: &mut App, path: &str) {
    let filters = app
        .pinned
        .map(|a| vec![format!("pinned actor: {}", app.analysis.actors.actors[a].name)])
        .unwrap_or_default();
    let info = crate::export::ExportInfo {
        date: crate::save::now().0,
        corpus: app.corpus.origin.clone(),
        filters,
    };
    let text = crate::export::markdown(&app.corpus, &app.analysis, &app.selection, &info);
    app.effects.push(crate::tui::effect::Effect::Export {
        path: path.to_string(),
        text,
        selection: app.selection.clone(),
    });
}
