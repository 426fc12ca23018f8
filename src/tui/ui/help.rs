//! The `?` overlay, generated from the keymap so it cannot drift from the real keys, with a
//! legend of the marks and colours the panes use.

use crate::analysis::lexicon::ActorKind;
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

/// What the marks of the reader and the sidebar mean: `(mark, meaning)`.
const MARKS: [(&str, &str); 8] = [
    ("▌", "reader margin: the current passage"),
    ("┃", "reader margin: a passage in the selection"),
    (
        "❝",
        "reader margin: a claim in this line (bright: the claim chosen in the Claims tab)",
    ),
    (
        "↔",
        "reader margin: a passage closely related to one in another article",
    ),
    ("8·65", "Actors tab: mentions in this article · in the whole corpus"),
    ("◆", "the pinned actor (lit in the reader, walked by n/N)"),
    (
        "?",
        "after a speaker: found by a pronoun, a role or carried over — check it",
    ),
    ("⇄ ≠", "a claim other articles report (⇄) or contradict (≠)"),
];

impl Help<'_> {
    fn title(&self) -> String {
        let app = self.app;
        format!(
            " Keys — {}, {}/{} top/bottom ",
            super::overlay_keys(app, "scroll", Action::ToggleHelp),
            app.key(Action::OverlayFirst),
            app.key(Action::OverlayLast)
        )
    }

    /// Width of the key column: the longest key list and two spaces.
    fn key_width(&self) -> usize {
        let bindings = &self.app.keymap.bindings;
        let keys = bindings.iter().map(|b| b.on.join(" ").chars().count());
        keys.chain(MARKS.iter().map(|(m, _)| m.chars().count()))
            .max()
            .unwrap_or(0)
            + 2
    }

    /// The window: as wide as its longest line needs (borders included), never wider than the
    /// terminal, and as tall as its lines or 90 % of the terminal.
    fn window(&self, area: Rect) -> Rect {
        let widest = self
            .app
            .keymap
            .bindings
            .iter()
            .map(|b| b.desc.chars().count())
            .chain(MARKS.iter().map(|(_, d)| d.chars().count()))
            .max()
            .unwrap_or(0);
        let want = (2 + self.key_width() + widest + 2).max(self.title().chars().count() + 4);
        let width = want.min(area.width as usize) as u16;
        let rows = self.lines(width.saturating_sub(2) as usize).len() + 2;
        let height = (rows as u16).min(area.height * 9 / 10).max(3);
        super::centred(area, width, height)
    }

    /// Every line of the help, wrapped to `width` (a description too long goes on under
    /// itself, never cut).
    fn lines(&self, width: usize) -> Vec<Line<'static>> {
        let app = self.app;
        let key_width = self.key_width();
        let desc_width = width.saturating_sub(2 + key_width).max(10);
        let key_style = Style::new().fg(app.theme.cursor);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let mut lines = Vec::new();
        let entry = |lines: &mut Vec<Line<'static>>, lead: &str, lead_style: Style, desc: &str| {
            for (i, part) in textwrap::wrap(desc, desc_width).iter().enumerate() {
                let lead = if i == 0 { lead } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!("  {lead:<key_width$}"), lead_style),
                    Span::raw(part.to_string()),
                ]));
            }
        };
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
            lines.push(Line::styled(context.label(), bold));
            for binding in app.keymap.bindings.iter().filter(|b| b.when == context) {
                entry(&mut lines, &binding.on.join(" "), key_style, &binding.desc);
            }
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled("Marks", bold));
        for (mark, meaning) in MARKS {
            entry(&mut lines, mark, key_style, meaning);
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled("Colours of actors, by kind", bold));
        for kind in ActorKind::ALL {
            let swatch = Style::new().fg(app.theme.kind(kind)).add_modifier(Modifier::BOLD);
            entry(&mut lines, "■", swatch, kind.label());
        }
        lines.push(Line::raw(""));
        for line in textwrap::wrap(
            "Mouse: the wheel scrolls the pane under it; a click focuses and selects.",
            width.max(10),
        ) {
            lines.push(Line::raw(line.to_string()));
        }
        lines
    }

    /// How far the help scrolls in a terminal of this size: its last page, no further.
    pub fn max_scroll(app: &App) -> usize {
        let help = Help { app, scroll: 0 };
        let inner = super::inner_of(help.window(app.area));
        help.lines(inner.width as usize)
            .len()
            .saturating_sub(inner.height as usize)
    }
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let inner = super::framed(self.app, self.window(area), self.title(), buf);
        let lines = self.lines(inner.width as usize);
        // No scrolling on into blank rows: the last page is as far as it goes.
        let scroll = self.scroll.min(lines.len().saturating_sub(inner.height as usize)) as u16;
        Paragraph::new(lines).scroll((scroll, 0)).render(inner, buf);
    }
}
