//! The status bar: where you are, the last message, and key hints from the keymap.

use super::fit;
use crate::tui::app::App;
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
        let room = width.saturating_sub(left.chars().count());
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
