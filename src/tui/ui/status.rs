//! The status bar: where you are, the last message, and key hints from the keymap.

use super::fit;
use crate::tui::action::Action;
use crate::tui::state::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub struct Status<'a> {
    pub app: &'a App,
}

impl Widget for Status<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = &app.theme;
        let base = Style::new().bg(theme.status_bg);
        let docs = app.corpus.documents.len();
        let name = app.current_document().map_or("", |d| d.id.as_str());
        let left = format!(" {name} {}/{docs} │ ", app.reader.doc + 1);
        let hints: String = app
            .keymap
            .hints(app.context())
            .iter()
            .map(|(key, desc)| format!("{key} {desc}"))
            .collect::<Vec<_>>()
            .join("  ");
        let width = area.width as usize;
        let mut spans = vec![Span::styled(left.clone(), base.add_modifier(Modifier::BOLD))];
        let mut used = left.chars().count();
        let busy = match app.loading {
            Some(loading) => Some(gauge(&loading, docs, !app.analysis.actors.by_doc.is_empty())),
            // A correction's analysis takes seconds on a large corpus: the lists change when it is in.
            None if app.reanalysis.is_some() => Some(format!("applying the correction to {docs} articles…")),
            None => None,
        };
        if let Some(busy) = busy {
            let text = format!("{busy} │ ");
            used += text.chars().count();
            spans.push(Span::styled(text, base.fg(theme.cursor).add_modifier(Modifier::BOLD)));
        }
        if !app.selection.is_empty() {
            let count = format!("✚ {} selected │ ", app.selection.len());
            used += count.chars().count();
            spans.push(Span::styled(count, base.fg(theme.state).add_modifier(Modifier::BOLD)));
        }
        if !app.filter().is_empty() {
            let names: Vec<&str> = app
                .filter()
                .iter()
                .map(|&a| app.analysis.actors.actors[a].name.as_str())
                .collect();
            let filter = format!("filter: {} │ ", names.join(" + "));
            used += filter.chars().count();
            spans.push(Span::styled(
                filter,
                base.fg(theme.heading).add_modifier(Modifier::BOLD),
            ));
        }
        if let Some(search) = &app.search {
            let at = search
                .at
                .map_or(String::new(), |i| format!(" {}/{}", i + 1, search.found.hits.len()));
            let text = format!("/{}{at} │ ", crate::corpus::sanitize_line(&search.found.query));
            used += text.chars().count();
            spans.push(Span::styled(
                text,
                base.fg(theme.search_bg).add_modifier(Modifier::BOLD),
            ));
        }
        if let Some(actor) = app.pinned.and_then(|a| app.analysis.actors.actors.get(a)) {
            let pin = format!("◆ {} │ ", actor.name);
            used += pin.chars().count();
            spans.push(Span::styled(
                pin,
                base.fg(theme.kind(actor.kind)).add_modifier(Modifier::BOLD),
            ));
        }
        let room = width.saturating_sub(used);
        match &app.message {
            Some(m) => {
                let style = if m.warning { base.fg(theme.warning) } else { base };
                spans.push(Span::styled(fit(&m.text, room), style));
            }
            None => spans.push(Span::styled(fit(&hints, room), base.fg(theme.dim))),
        }
        Paragraph::new(Line::from(spans)).style(base).render(area, buf);
    }
}

/// `reading 120/10000 files · 0.9/78.0 MB ▕██░░░░░░░░▏`, then `analysing 9998 articles…`
/// (what is still to come once the actors are in).
fn gauge(loading: &crate::tui::state::Loading, docs: usize, actors_in: bool) -> String {
    let p = loading.progress;
    if loading.analysing && actors_in {
        return format!("analysing {docs} articles: claims, related passages…");
    }
    if let (true, Some(stage)) = (loading.analysing, loading.stage) {
        return format!(
            "analysing {docs} articles: {} ({}/{})…",
            stage.label(),
            stage.number(),
            crate::analysis::Stage::COUNT
        );
    }
    if loading.analysing {
        return format!("analysing {docs} articles: actors, claims, related passages…");
    }
    const CELLS: u64 = 10;
    let filled = (p.bytes_done * CELLS)
        .checked_div(p.bytes_total)
        .unwrap_or(0)
        .min(CELLS) as usize;
    let bar: String = "█".repeat(filled) + &"░".repeat(CELLS as usize - filled);
    // Kilobytes below a megabyte: a small folder would read `0.0/0.0 MB`.
    let (unit, scale) = if p.bytes_total < 1_000_000 {
        ("KB", 1_000.0)
    } else {
        ("MB", 1_000_000.0)
    };
    let size = |b: u64| b as f64 / scale;
    format!(
        "reading {}/{} files · {:.1}/{:.1} {unit} ▕{bar}▏",
        p.files_done,
        p.files_total,
        size(p.bytes_done),
        size(p.bytes_total)
    )
}

/// The line typed at a prompt, over the status bar.
pub struct PromptLine<'a> {
    pub app: &'a App,
    pub prompt: &'a crate::tui::state::Prompt,
}

impl PromptLine<'_> {
    fn actor(&self, a: usize) -> String {
        self.app
            .analysis
            .actors
            .actors
            .get(a)
            .map_or(String::new(), |x| crate::corpus::sanitize_line(&x.name))
    }
}

impl Widget for PromptLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        use crate::tui::state::PromptPurpose;
        let theme = &self.app.theme;
        let base = Style::new().bg(theme.status_bg);
        let app = self.app;
        let (choose, enter, esc) = (
            format!("{}{}", app.key(Action::PromptUp), app.key(Action::PromptDown)),
            app.key(Action::PromptSubmit),
            app.key(Action::CloseOverlay),
        );
        let label = match &self.prompt.purpose {
            PromptPurpose::ActorFilter => {
                format!(" Filter by actor ({choose} choose, {enter} applies, {esc} cancels): ")
            }
            PromptPurpose::ExportPath => format!(" Export the selection to ({enter} writes, {esc} cancels): "),
            PromptPurpose::ConfirmOverwrite(path) => {
                format!(" {path} exists. Overwrite it? (y overwrites, any other key keeps it) ")
            }
            PromptPurpose::ConfirmQuit => format!(
                " {} not exported. Quit anyway? (y or {} quits, any other key stays) ",
                crate::wording::counted(self.app.selection.len(), "selected item"),
                app.key(Action::Quit)
            ),
            PromptPurpose::ConfirmNotActor(a) => format!(
                " Never report {} as an actor, in any article (saved to your lexicon)? (y confirms, any other key keeps it) ",
                self.actor(*a)
            ),
            PromptPurpose::TextSearch => format!(" Search (accents and case ignored; {enter} finds, {esc} cancels): /"),
            PromptPurpose::MergeInto(a) => format!(
                " Merge {} into ({choose} choose, {enter} merges, {esc} cancels): ",
                self.actor(*a)
            ),
            PromptPurpose::SplitAlias(a) => {
                format!(
                    " Split off which name of {} ({choose}, {enter}, {esc}): ",
                    self.actor(*a)
                )
            }
            PromptPurpose::Rename(a) => format!(" Rename {} to ({enter} renames, {esc} cancels): ", self.actor(*a)),
            PromptPurpose::Kind(a) => format!(
                " Kind of {} ({choose} choose, {enter} sets, {esc} cancels): ",
                self.actor(*a)
            ),
        };
        let input = crate::corpus::sanitize_line(&self.prompt.input);
        let room = (area.width as usize).saturating_sub(label.chars().count() + 1);
        // Show the end of a long name: that is where the typing happens.
        let shown: String = input
            .chars()
            .rev()
            .take(room)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let mut spans = vec![
            Span::styled(label, base.fg(theme.cursor).add_modifier(Modifier::BOLD)),
            Span::styled(shown, base),
            Span::styled("█", base.fg(theme.cursor)),
        ];
        // What the search typed so far finds, as it is typed.
        if self.prompt.purpose == PromptPurpose::TextSearch
            && let Some((hits, docs, more)) = self.app.search_preview
        {
            let counted = if hits == 0 {
                "  no passage has it".to_string()
            } else {
                if more {
                    // Counting stopped at the limit: how many documents is not known.
                    format!("  more than {hits} hits")
                } else {
                    format!(
                        "  {} in {}",
                        crate::wording::counted(hits, "hit"),
                        crate::wording::counted(docs, "document")
                    )
                }
            };
            spans.push(Span::styled(counted, base.fg(theme.dim)));
        }
        let line = Line::from(spans);
        ratatui::widgets::Clear.render(area, buf);
        Paragraph::new(line).style(base).render(area, buf);
    }
}
