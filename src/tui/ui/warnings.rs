//! The warnings overlay: every file the load skipped or read with trouble, and why.

use crate::tui::action::Action;
use crate::tui::state::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub struct Warnings<'a> {
    pub app: &'a App,
    pub scroll: usize,
}

impl Widget for Warnings<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let warnings = &app.corpus.warnings;
        let title = format!(
            " {} — {} ",
            crate::wording::counted(warnings.len(), "warning"),
            super::overlay_keys(app, "scroll", Action::ToggleWarnings)
        );
        let inner = super::popup(app, area, 100, title, buf);
        let mut lines = Vec::new();
        for w in warnings {
            lines.push(Line::styled(
                crate::corpus::sanitize_line(&w.path),
                Style::new().add_modifier(Modifier::BOLD),
            ));
            lines.push(Line::styled(
                format!("  {}", crate::corpus::sanitize_line(&w.message)),
                Style::new().fg(app.theme.warning),
            ));
        }
        let scroll = self.scroll.min(lines.len().saturating_sub(1)) as u16;
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .render(inner, buf);
    }
}
