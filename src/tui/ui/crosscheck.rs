//! The cross-check overlay: a claim and the claims of other articles that report it or
//! contradict it (document, date, paragraph, language, speaker, the words, why), and the
//! Contrast view, which puts the claim beside only the claims that contradict it.

use crate::analysis::crosscheck::Relation;
use crate::tui::action::Action;
use crate::tui::state::{App, ListCursor};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

pub struct CrossCheckView<'a> {
    pub app: &'a App,
    pub claim: usize,
    pub contrast: bool,
    pub cursor: ListCursor,
}

/// Where a claim comes from: `001.txt · 2021-08-29 · ¶ 12 · fr`.
fn provenance(app: &App, claim: usize) -> String {
    let c = &app.analysis.claims[claim];
    let doc = &app.corpus.documents[c.doc];
    let lang = crate::analysis::lang::of_document(doc).code();
    format!(
        "{} · {} · ¶ {} · {lang}",
        crate::corpus::sanitize_line(&doc.id),
        doc.date.as_deref().unwrap_or("no date"),
        doc.paragraph(c.passage)
    )
}

fn wrapped(text: &str, width: usize, max: usize) -> Vec<Line<'static>> {
    let options = textwrap::Options::new(width.max(4))
        .initial_indent("  ")
        .subsequent_indent("  ");
    let mut lines: Vec<String> = textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            last.push_str(" …");
        }
    }
    lines.into_iter().map(Line::raw).collect()
}

/// `Speaker — « words »`.
fn said(app: &App, claim: usize) -> String {
    let c = &app.analysis.claims[claim];
    crate::corpus::sanitize_line(&format!("{} — {}", app.speaker_name(c), c.quoted()))
}

impl CrossCheckView<'_> {
    fn items(&self, width: usize) -> Vec<Vec<Line<'static>>> {
        let app = self.app;
        app.cross_refs(self.claim, self.contrast)
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let mark = match r.relation {
                    Relation::Contrast => "≠",
                    _ => "⇄",
                };
                let color = match r.relation {
                    Relation::Contrast => app.theme.warning,
                    _ => app.theme.heading,
                };
                let head = super::fit(
                    &format!(" {} · {}", r.relation.label(), provenance(app, r.claim)),
                    width.saturating_sub(2),
                );
                let mut item = vec![Line::from(vec![
                    Span::styled(mark.to_string(), Style::new().fg(color).add_modifier(Modifier::BOLD)),
                    Span::styled(head, Style::new().add_modifier(Modifier::BOLD)),
                ])];
                item.extend(wrapped(&said(app, r.claim), width, 4));
                if !r.reasons.is_empty() {
                    let why = super::fit(&format!("  {}", r.reasons.join(" · ")), width);
                    item.push(Line::styled(why, Style::new().fg(app.theme.dim)));
                }
                if i == self.cursor.selected {
                    for line in &mut item {
                        line.style = Style::new().bg(app.theme.selection_bg);
                    }
                }
                item
            })
            .collect()
    }

    /// The items from the first one that lets the selected one show whole.
    fn visible(&self, items: Vec<Vec<Line<'static>>>, rows: usize) -> Vec<Line<'static>> {
        let selected = self.cursor.selected.min(items.len().saturating_sub(1));
        let mut first = selected;
        let mut used = items.get(selected).map_or(0, |i| i.len() + 1);
        while first > 0 && used + items[first - 1].len() < rows {
            first -= 1;
            used += items[first].len() + 1;
        }
        let mut lines = Vec::new();
        for item in items.into_iter().skip(first) {
            lines.extend(item);
            lines.push(Line::raw(""));
        }
        lines
    }
}

impl Widget for CrossCheckView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let count = app.cross_refs(self.claim, self.contrast).len();
        let (reports, contradicts) = app
            .analysis
            .related
            .crosscheck()
            .counts(self.claim, &app.analysis.claims);
        let keys = format!(
            "{}/{} move · {} goes there · {} closes",
            app.key(Action::OverlayDown),
            app.key(Action::OverlayUp),
            app.key(Action::OverlayOpen),
            app.key(Action::CloseOverlay)
        );
        let title = if self.contrast {
            format!("Contrast: {}", crate::wording::counted(count, "claim against it"))
        } else {
            format!("Cross-check: {}", crate::wording::cross_checked(reports, contradicts))
        };
        // The keys when they fit beside the title (the help lists them anyway).
        let room = area.width.min(140) as usize;
        let title = if title.chars().count() + keys.chars().count() + 7 <= room {
            format!(" {title} — {keys} ")
        } else {
            format!(" {title} ")
        };
        let inner = super::popup(app, area, 140, title, buf);
        let claim_head = |width: usize| {
            let mut lines = vec![Line::styled(
                super::fit(&format!("❝ {}", provenance(app, self.claim)), width),
                Style::new().add_modifier(Modifier::BOLD),
            )];
            lines.extend(wrapped(&said(app, self.claim), width, usize::MAX));
            lines
        };
        if self.contrast && inner.width >= 60 {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(inner);
            let block = Block::new()
                .borders(Borders::RIGHT)
                .border_style(Style::new().fg(app.theme.dim));
            let text_area = block.inner(left);
            block.render(left, buf);
            Paragraph::new(claim_head(text_area.width as usize))
                .wrap(Wrap { trim: false })
                .render(text_area, buf);
            let right = Rect {
                x: right.x + 1,
                width: right.width.saturating_sub(1),
                ..right
            };
            let items = self.items(right.width as usize);
            Paragraph::new(self.visible(items, right.height as usize)).render(right, buf);
            return;
        }
        let mut lines = claim_head(inner.width as usize);
        lines.truncate((inner.height as usize / 3).max(2));
        lines.push(Line::raw(""));
        let rows = (inner.height as usize).saturating_sub(lines.len());
        let items = self.items(inner.width as usize);
        lines.extend(self.visible(items, rows));
        Paragraph::new(lines).render(inner, buf);
    }
}
