//! The `?` overlay, generated from the keymap so it cannot drift from the real keys.

use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::state::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub struct Help<'a> {
    pub app: &'a App,
    pub scroll: usize,
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let title = format!(" Keys — {} ", super::overlay_keys(app, "scroll", Action::ToggleHelp));
        let key_width = app
            .keymap
            .bindings
            .iter()
            .map(|b| b.on.join(" ").chars().count())
            .max()
            .unwrap_or(0)
            + 2;
        // As wide as the longest line needs (borders included), never wider than the terminal.
        let widest = app
            .keymap
            .bindings
            .iter()
            .map(|b| b.desc.chars().count())
            .max()
            .unwrap_or(0);
        let want = (2 + key_width + widest + 2).max(title.chars().count() + 4);
        let inner = super::popup(app, area, want.min(u16::MAX as usize) as u16, title, buf);
        let desc_width = (inner.width as usize).saturating_sub(2 + key_width).max(10);
        let mut lines = Vec::new();
        let contexts = [
            Context::Any,
            Context::Documents,
            Context::Reader,
            Context::Sidebar,
            Context::ActorsTab,
            Context::SelectionTab,
            Context::Overlay,
            Context::Prompt,
        ];
        for context in contexts {
            lines.push(Line::styled(context.label(), Style::new().add_modifier(Modifier::BOLD)));
            for binding in app.keymap.bindings.iter().filter(|b| b.when == context) {
                let keys = binding.on.join(" ");
                // A description too long for the window goes on under itself, never cut.
                let desc = textwrap::wrap(&binding.desc, desc_width);
                for (i, part) in desc.iter().enumerate() {
                    let lead = if i == 0 { keys.as_str() } else { "" };
                    lines.push(Line::from(vec![
                        Span::styled(format!("  {lead:<key_width$}"), Style::new().fg(app.theme.cursor)),
                        Span::raw(part.to_string()),
                    ]));
                }
            }
            lines.push(Line::raw(""));
        }
        lines.push(Line::raw(
            "Mouse: the wheel scrolls the pane under it; a click focuses and selects.",
        ));
        // No scrolling on into blank rows: the last page is as far as it goes.
        let scroll = self.scroll.min(lines.len().saturating_sub(inner.height as usize)) as u16;
        Paragraph::new(lines).scroll((scroll, 0)).render(inner, buf);
    }
}
