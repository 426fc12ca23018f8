//! The sidebar: tabs for the open document's actors and its outline.

use super::{fit, pane_block};
use crate::tui::app::{App, Focus, SidebarTab};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub struct Sidebar<'a> {
    pub app: &'a App,
}

impl Sidebar<'_> {
    fn tabs(&self) -> Line<'static> {
        let mut spans = vec![Span::raw(" ")];
        for tab in SidebarTab::ORDER {
            let style = if tab == self.app.sidebar_tab {
                Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
            } else {
                Style::new().fg(self.app.theme.dim)
            };
            spans.push(Span::styled(tab.label(), style));
            spans.push(Span::raw(" "));
        }
        Line::from(spans)
    }

    /// `name   3·12`: mentions here and in the corpus, the pinned actor marked.
    fn actor_rows(&self, width: usize) -> Vec<Line<'static>> {
        let app = self.app;
        let rows = app.document_actors();
        if rows.is_empty() {
            return vec![Line::styled("No actor found here.", Style::new().fg(app.theme.dim))];
        }
        rows.into_iter()
            .map(|(a, here)| {
                let actor = &app.actors.actors[a];
                let counts = format!(" {here}·{}", actor.mentions.len());
                let pin = if app.pinned == Some(a) { "◆ " } else { "" };
                let name_width = width.saturating_sub(counts.chars().count());
                let name = fit(&format!("{pin}{}", actor.name), name_width);
                let pad = name_width.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str()));
                Line::from(vec![
                    Span::styled(name, Style::new().fg(app.theme.kind(actor.kind))),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(counts, Style::new().fg(app.theme.dim)),
                ])
            })
            .collect()
    }

    fn outline_rows(&self, width: usize) -> Vec<Line<'static>> {
        let app = self.app;
        app.outline()
            .into_iter()
            .enumerate()
            .map(|(i, (passage, words))| {
                let style = if passage == app.reader.passage {
                    Style::new().fg(app.theme.cursor)
                } else {
                    Style::new()
                };
                Line::styled(fit(&format!("{:>3} {words}", i + 1), width), style)
            })
            .collect()
    }
}

impl Widget for Sidebar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let block = pane_block(app, self.tabs(), Focus::Sidebar);
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width as usize;
        let rows = match app.sidebar_tab {
            SidebarTab::Actors => self.actor_rows(width),
            SidebarTab::Outline => self.outline_rows(width),
        };
        let lines: Vec<Line> = rows
            .into_iter()
            .enumerate()
            .skip(app.sidebar.offset)
            .take(inner.height as usize)
            .map(|(i, line)| {
                if i == app.sidebar.selected && app.focus == Focus::Sidebar {
                    line.style(Style::new().bg(app.theme.selection_bg).add_modifier(Modifier::BOLD))
                } else {
                    line
                }
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}
