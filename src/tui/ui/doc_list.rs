//! The document list: title, then date and passage count, per document.

use super::{fit, pane_block};
use crate::corpus::sanitize_line;
use crate::tui::layout::{Hit, HitMap};
use crate::tui::state::{App, Focus};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub struct DocList<'a> {
    pub app: &'a App,
}

/// Rows each document takes in the list: its title, then its date and size.
const ROWS: u16 = 2;

impl DocList<'_> {
    /// Draws the list and says where each document went.
    pub fn draw(self, area: Rect, buf: &mut Buffer, hits: &mut HitMap) {
        let app = self.app;
        let visible = app.visible_documents();
        let title = if app.filter().is_empty() {
            format!(" Documents {}/{} ", app.documents.selected + 1, visible.len())
        } else {
            format!(
                " Documents {}/{} (filtered) ",
                (app.documents.selected + 1).min(visible.len()),
                visible.len()
            )
        };
        let title = Line::from(title);
        let block = pane_block(app, title, Focus::Documents);
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width as usize;
        let mut lines = Vec::new();
        for (row, &d) in visible
            .iter()
            .enumerate()
            .skip(app.documents.offset)
            .take((inner.height / ROWS) as usize)
        {
            let doc = &app.corpus.documents[d];
            let drawn = (row - app.documents.offset) as u16;
            hits.add(
                Rect {
                    y: inner.y + drawn * ROWS,
                    height: ROWS,
                    ..inner
                },
                Hit::Document(row),
            );
            let selected = row == app.documents.selected;
            let open = d == app.reader.doc;
            let mark = if open { "▸ " } else { "  " };
            let mut style = Style::new();
            if selected {
                style = style.bg(app.theme.selection_bg).add_modifier(Modifier::BOLD);
            }
            let title = fit(&sanitize_line(&doc.title), width.saturating_sub(2));
            lines.push(Line::from(vec![Span::raw(mark), Span::raw(title)]).style(style));
            let date = doc.date.as_deref().unwrap_or("no date");
            let mut meta = format!("  {date} · {} ¶", doc.content_count());
            if !app.filter().is_empty() {
                meta.push_str(&format!(
                    " · {}",
                    crate::wording::counted(app.filter_mentions(d), "mention")
                ));
            }
            lines.push(Line::from(Span::styled(fit(&meta, width), Style::new().fg(app.theme.dim))).style(style));
        }
        Paragraph::new(lines).render(inner, buf);
    }
}
