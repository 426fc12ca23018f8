//! The actor filter's live results, above the prompt line: best first, matched letters lit,
//! the alias that matched shown when it is not the canonical name.

use super::fit;
use crate::tui::state::{App, Prompt};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Results shown at once.
const SHOWN: usize = 10;

pub struct FilterResults<'a> {
    pub app: &'a App,
    pub prompt: &'a Prompt,
    pub matches: Vec<crate::search::ActorMatch>,
}

/// A list of plain choices above the prompt (an alias to split off, a kind), narrowed by typing.
pub struct Choices<'a> {
    pub app: &'a App,
    pub prompt: &'a Prompt,
    pub choices: Vec<String>,
}

/// A box at the bottom left of `area`, `rows` high inside, cleared and framed.
fn results_box(app: &App, area: Rect, rows: usize, title: String, buf: &mut Buffer) -> Rect {
    let rows = rows.clamp(1, SHOWN) as u16;
    let height = (rows + 2).min(area.height);
    let width = area.width.min(70);
    let popup = Rect {
        x: area.x,
        y: area.y + area.height - height,
        width,
        height,
    };
    super::framed(app, popup, title, buf)
}

impl Widget for Choices<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let inner = results_box(
            app,
            area,
            self.choices.len(),
            format!(" Choices: {} ", self.choices.len()),
            buf,
        );
        if self.choices.is_empty() {
            Paragraph::new(Line::styled("Nothing matches.", Style::new().fg(app.theme.dim))).render(inner, buf);
            return;
        }
        let choice = self.prompt.choice.min(self.choices.len() - 1);
        let start = choice.saturating_sub(SHOWN - 1);
        let lines: Vec<Line> = self
            .choices
            .iter()
            .enumerate()
            .skip(start)
            .take(SHOWN)
            .map(|(i, c)| {
                let line = Line::raw(fit(&crate::corpus::sanitize_line(c), inner.width as usize));
                if i == choice {
                    line.style(Style::new().bg(app.theme.selection_bg).add_modifier(Modifier::BOLD))
                } else {
                    line
                }
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}

impl Widget for FilterResults<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let matches = self.matches;
        let inner = results_box(
            app,
            area,
            matches.len(),
            format!(" Actors matching: {} ", matches.len()),
            buf,
        );
        if matches.is_empty() {
            let text = if self.prompt.input.trim().is_empty() {
                "Type a name, an alias, a few letters…"
            } else {
                "No actor matches."
            };
            Paragraph::new(Line::styled(text, Style::new().fg(app.theme.dim))).render(inner, buf);
            return;
        }
        let choice = self.prompt.choice.min(matches.len() - 1);
        let start = choice.saturating_sub(SHOWN - 1);
        let lines: Vec<Line> = matches
            .iter()
            .enumerate()
            .skip(start)
            .take(SHOWN)
            .map(|(i, m)| {
                let actor = &app.analysis.actors.actors[m.actor];
                let shown = m.alias.as_deref().unwrap_or(&actor.name);
                let color = app.theme.kind(actor.kind);
                let mut spans: Vec<Span> = shown
                    .chars()
                    .enumerate()
                    .map(|(k, c)| {
                        let lit = m.positions.contains(&k);
                        let style = if lit {
                            Style::new()
                                .fg(color)
                                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                        } else {
                            Style::new().fg(color)
                        };
                        Span::styled(c.to_string(), style)
                    })
                    .collect();
                if m.alias.is_some() {
                    spans.push(Span::styled(
                        format!(" → {}", actor.name),
                        Style::new().fg(app.theme.dim),
                    ));
                }
                let rest = format!(
                    "  {} · {}",
                    actor.kind.label(),
                    crate::wording::counted(actor.documents(), "doc")
                );
                spans.push(Span::styled(
                    fit(&rest, inner.width as usize),
                    Style::new().fg(app.theme.dim),
                ));
                let line = Line::from(spans);
                if i == choice {
                    line.style(Style::new().bg(app.theme.selection_bg))
                } else {
                    line
                }
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}
