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
        let inner = super::popup(app, area, 80, title, buf);
        let key_width = app
            .keymap
            .bindings
            .iter()
            .map(|b| b.on.join(" ").chars().count())
            .max()
            .unwrap_or(0)
            + 2;
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
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys:<key_width$}"), Style::new().fg(app.theme.cursor)),
                    Span::raw(binding.desc.as_str()),
                ]));
            }
            lines.push(Line::raw(""));
        }
        lines.push(Line::raw(
            "Mouse: the wheel scrolls the pane under it; a click focuses and selects.",
        ));
        let scroll = self.scroll.min(lines.len().saturating_sub(1)) as u16;
        Paragraph::new(lines).scroll((scroll, 0)).render(inner, buf);
    }
}
