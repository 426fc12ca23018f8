//! The sidebar: for now the outline of the open document, its passages' first words.

use super::{fit, pane_block};
use crate::tui::app::{App, Focus};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

pub struct Sidebar<'a> {
    pub app: &'a App,
}

impl Widget for Sidebar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let block = pane_block(app, Line::from(" Outline "), Focus::Sidebar);
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width as usize;
        let lines: Vec<Line> = app
            .outline()
            .into_iter()
            .enumerate()
            .skip(app.sidebar.offset)
            .take(inner.height as usize)
            .map(|(i, (passage, words))| {
                let mut style = Style::new();
                if passage == app.reader.passage {
                    style = style.fg(app.theme.cursor);
                }
                if i == app.sidebar.selected && app.focus == Focus::Sidebar {
                    style = style
                        .bg(app.theme.selection_bg)
                        .add_modifier(Modifier::BOLD);
                }
                Line::styled(fit(&format!("{:>3} {words}", i + 1), width), style)
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}
