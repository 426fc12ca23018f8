//! The `A` overlay: every actor of the corpus with its kind, documents and aliases.

use super::fit;
use crate::tui::action::Action;
use crate::tui::state::{App, ListCursor};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub struct ActorsView<'a> {
    pub app: &'a App,
    pub cursor: ListCursor,
}

impl Widget for ActorsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let total = app.analysis.actors.actors.len();
        let title = format!(
            " Actors of the corpus: {total} — {} its page · {} pins · {} merge · {} split · {} rename · {} kind · {} not an actor · {} closes ",
            app.key(Action::OverlayOpen),
            app.key(Action::PinActor),
            app.key(Action::MergeActor),
            app.key(Action::SplitAlias),
            app.key(Action::RenameActor),
            app.key(Action::ChangeKind),
            app.key(Action::NotAnActor),
            app.key(Action::CloseOverlay),
        );
        let inner = super::popup(app, area, 110, title, buf);
        let width = inner.width as usize;
        let name_width = (width / 3).clamp(12, 36);
        let header = format!(
            "{:<name_width$} {:<13} {:>5} {:>5}  aliases",
            "actor", "kind", "docs", "ment."
        );
        let mut lines = vec![Line::styled(
            fit(&header, width),
            Style::new().add_modifier(Modifier::BOLD),
        )];
        let rows = (inner.height as usize).saturating_sub(1);
        let offset = self
            .cursor
            .selected
            .saturating_sub(rows.saturating_sub(1))
            .min(self.cursor.selected);
        for (i, actor) in app.analysis.actors.actors.iter().enumerate().skip(offset).take(rows) {
            let mut style = Style::new();
            if i == self.cursor.selected {
                style = style.bg(app.theme.selection_bg).add_modifier(Modifier::BOLD);
            }
            let pin = if app.pinned == Some(i) { "◆ " } else { "" };
            let name = fit(&format!("{pin}{}", actor.name), name_width);
            let rest = format!(
                " {:<13} {:>5} {:>5}  {}",
                actor.kind.label(),
                actor.documents(),
                actor.mentions.len(),
                actor.aliases.join(", ")
            );
            lines.push(
                Line::from(vec![
                    Span::styled(
                        format!("{name:<name_width$}"),
                        Style::new().fg(app.theme.kind(actor.kind)),
                    ),
                    Span::raw(fit(&rest, width.saturating_sub(name_width))),
                ])
                .style(style),
            );
        }
        Paragraph::new(lines).render(inner, buf);
    }
}
