//! The reader: the open document wrapped to the pane, with a mark beside the current passage.

use super::pane_block;
use crate::tui::app::{App, Focus};
use crate::tui::reader_lines::LineKind;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub struct Reader<'a> {
    pub app: &'a App,
}

impl Widget for Reader<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let reader = &app.reader;
        let shown = reader.lines.spans.iter().filter(|s| !s.is_empty()).count();
        let position = reader.lines.spans[..reader.passage.min(reader.lines.spans.len())]
            .iter()
            .filter(|s| !s.is_empty())
            .count()
            + 1;
        let name = app.current_document().map_or("", |d| d.id.as_str());
        let title = Line::from(format!(" {name} · ¶ {position}/{shown} "));
        let block = pane_block(app, title, Focus::Reader);
        let inner = block.inner(area);
        block.render(area, buf);
        let theme = &app.theme;
        let lines: Vec<Line> = reader
            .lines
            .lines
            .iter()
            .skip(reader.scroll)
            .take(inner.height as usize)
            .map(|line| {
                let current = line.passage == Some(reader.passage);
                let mark = if current {
                    Span::styled("▌ ", Style::new().fg(theme.cursor))
                } else {
                    Span::raw("  ")
                };
                let style = match line.kind {
                    LineKind::Title => Style::new().fg(theme.title).add_modifier(Modifier::BOLD),
                    LineKind::Meta => Style::new().fg(theme.dim),
                    LineKind::Heading => {
                        Style::new().fg(theme.heading).add_modifier(Modifier::BOLD)
                    }
                    LineKind::Hidden => Style::new().fg(theme.dim).add_modifier(Modifier::ITALIC),
                    LineKind::Body | LineKind::Blank => Style::new(),
                };
                Line::from(vec![mark, Span::styled(line.text.as_str(), style)])
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}
