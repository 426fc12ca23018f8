//! The actor page: one actor at a glance. Its names and kind, its mentions month by month (a
//! sparkline), every mention as a keyword-in-context line, its claims, and the actors named
//! beside it; Enter follows the chosen line.

use super::fit;
use crate::tui::action::Action;
use crate::tui::state::{ActorPage, App, PageItem};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline, Widget};
use unicode_width::UnicodeWidthStr;

pub struct ActorPageView<'a> {
    pub app: &'a App,
    pub page: &'a ActorPage,
}

/// Rows above the list: names, the timeline (two rows and its axis), a blank.
const HEAD_ROWS: u16 = 5;

impl ActorPageView<'_> {
    fn title(&self) -> String {
        let app = self.app;
        let actor = &app.analysis.actors.actors[self.page.profile.actor];
        format!(
            " {} — {}/{} choose, {} goes there, {} pins, {} closes ",
            crate::corpus::sanitize_line(&actor.name),
            app.key(Action::OverlayDown),
            app.key(Action::OverlayUp),
            app.key(Action::OverlayOpen),
            app.key(Action::PinActor),
            app.key(Action::CloseOverlay),
        )
    }

    /// `person · 6 mentions in 3 documents · also Milley, général Milley`.
    fn summary(&self, width: usize) -> Line<'static> {
        let app = self.app;
        let actor = &app.analysis.actors.actors[self.page.profile.actor];
        let mut text = format!(
            "{} · {} in {}",
            actor.kind.label(),
            crate::wording::counted(actor.mentions.len(), "mention"),
            crate::wording::counted(actor.documents(), "document")
        );
        if !actor.aliases.is_empty() {
            text.push_str(&format!(" · also {}", actor.aliases.join(", ")));
        }
        Line::styled(
            fit(&crate::corpus::sanitize_line(&text), width),
            Style::new().fg(app.theme.kind(actor.kind)),
        )
    }

    /// The mentions month by month, as many months as fit (years when they do not), and the
    /// first and last of them under the line.
    fn timeline(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let profile = &self.page.profile;
        let dim = Style::new().fg(app.theme.dim);
        let undated = match profile.undated {
            0 => String::new(),
            n => format!(" · {n} undated"),
        };
        if profile.months.is_empty() {
            let text = "Mentions by month: none of its documents carries a date";
            Paragraph::new(Line::styled(fit(text, area.width as usize), dim)).render(area, buf);
            return;
        }
        let label = "By month ";
        let room = (area.width as usize).saturating_sub(label.len()).max(1);
        let mut buckets: Vec<(String, u64)> = profile.months.iter().map(|(m, n)| (m.clone(), *n as u64)).collect();
        let mut unit = "month";
        if buckets.len() > room {
            // Too many months for the width: a bar per year.
            let mut years: Vec<(String, u64)> = Vec::new();
            for (month, n) in buckets {
                let year = month[..4].to_string();
                match years.last_mut() {
                    Some((y, total)) if *y == year => *total += n,
                    _ => years.push((year, n)),
                }
            }
            buckets = years;
            unit = "year";
        }
        buckets.truncate(room);
        let data: Vec<u64> = buckets.iter().map(|(_, n)| *n).collect();
        let label = if unit == "year" { "By year  " } else { label };
        Paragraph::new(Line::styled(label, Style::new().add_modifier(Modifier::BOLD))).render(area, buf);
        let bars = Rect {
            x: area.x + label.len() as u16,
            width: (data.len() as u16).min(area.width.saturating_sub(label.len() as u16)),
            height: 2,
            ..area
        };
        Sparkline::default()
            .data(&data)
            .style(Style::new().fg(app.theme.cursor))
            .render(bars, buf);
        let first = &buckets[0].0;
        let last = &buckets[buckets.len() - 1].0;
        let peak = data.iter().max().copied().unwrap_or(0);
        let axis = if first == last {
            format!("{first} · {peak} mentions{undated}")
        } else {
            format!("{first} → {last} · at most {peak} in a {unit}{undated}")
        };
        let axis_area = Rect {
            x: area.x + label.len() as u16,
            y: area.y + 2,
            width: area.width.saturating_sub(label.len() as u16),
            height: 1,
        };
        Paragraph::new(Line::styled(fit(&axis, axis_area.width as usize), dim)).render(axis_area, buf);
    }

    /// The list under the timeline: section headings and one line per item, with the index
    /// of the item each line is (headings have none).
    fn rows(&self, width: usize) -> Vec<(Line<'static>, Option<usize>)> {
        let app = self.app;
        let profile = &self.page.profile;
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let dim = Style::new().fg(app.theme.dim);
        let colour = app.theme.kind(app.analysis.actors.actors[profile.actor].kind);
        let mut rows = Vec::new();
        let place_width = 30.min(width / 3);
        // The document's name cut to fit, never the paragraph number.
        let place = |doc: usize, paragraph: usize| {
            let id = app.corpus.documents.get(doc).map_or("", |d| d.id.as_str());
            let number = format!(" ¶ {paragraph}");
            let room = place_width.saturating_sub(number.width());
            format!("{}{number}", fit(&crate::corpus::sanitize_line(id), room))
        };
        for (item, entry) in self.page.items().into_iter().enumerate() {
            let heading = match entry {
                PageItem::Mention(0) => Some(format!("Mentions ({})", profile.mentions.len())),
                PageItem::Claim(c) if profile.claims.first() == Some(&c) => {
                    Some(format!("Claims ({})", profile.claims.len()))
                }
                PageItem::Company(a) if profile.company.first().map(|x| x.0) == Some(a) => {
                    Some("Named in the same passages".to_string())
                }
                _ => None,
            };
            if let Some(h) = heading {
                if !rows.is_empty() {
                    rows.push((Line::raw(""), None));
                }
                rows.push((Line::styled(h, bold), None));
            }
            let line = match entry {
                PageItem::Mention(i) => {
                    let m = &profile.mentions[i];
                    let at = format!("{:<place_width$} ", fit(&place(m.doc, m.paragraph), place_width));
                    // The mention at the same column on every line, its context either side.
                    let rest = width.saturating_sub(place_width + 1);
                    let side = rest.saturating_sub(m.words.width().min(rest)) / 2;
                    let before = last_width(&m.before, side);
                    let after = fit(&m.after, rest.saturating_sub(side + m.words.width()));
                    Line::from(vec![
                        Span::styled(at, dim),
                        Span::raw(format!("{before:>side$}")),
                        Span::styled(m.words.clone(), Style::new().fg(colour).add_modifier(Modifier::BOLD)),
                        Span::raw(after),
                    ])
                }
                PageItem::Claim(c) => {
                    let claim = &app.analysis.claims[c];
                    let at = format!(
                        "{:<place_width$} ",
                        fit(
                            &place(claim.doc, app.corpus.documents[claim.doc].paragraph(claim.passage)),
                            place_width
                        )
                    );
                    let words = crate::corpus::sanitize_line(&claim.quoted());
                    Line::from(vec![
                        Span::styled(at, dim),
                        Span::raw(fit(&words, width.saturating_sub(place_width + 1))),
                    ])
                }
                PageItem::Company(a) => {
                    let other = &app.analysis.actors.actors[a];
                    let shared = profile.company.iter().find(|x| x.0 == a).map_or(0, |x| x.1);
                    let name = fit(&crate::corpus::sanitize_line(&other.name), width.saturating_sub(16));
                    Line::from(vec![
                        Span::styled(name, Style::new().fg(app.theme.kind(other.kind))),
                        Span::styled(format!(" · {}", crate::wording::counted(shared, "passage")), dim),
                    ])
                }
            };
            rows.push((line, Some(item)));
        }
        if profile.claims.is_empty() {
            rows.push((Line::raw(""), None));
            rows.push((Line::styled("No claim of this actor's was found", dim), None));
        }
        rows
    }
}

/// The end of a text that fits in `width` columns.
fn last_width(text: &str, width: usize) -> String {
    let mut out: Vec<char> = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.into_iter().rev().collect()
}

impl Widget for ActorPageView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let inner = super::popup(app, area, 130, self.title(), buf);
        if inner.height < HEAD_ROWS + 1 || inner.width < 20 {
            Paragraph::new(self.summary(inner.width as usize)).render(inner, buf);
            return;
        }
        let width = inner.width as usize;
        Paragraph::new(self.summary(width)).render(Rect { height: 1, ..inner }, buf);
        self.timeline(
            Rect {
                y: inner.y + 1,
                height: 3,
                ..inner
            },
            buf,
        );
        let list = Rect {
            y: inner.y + HEAD_ROWS,
            height: inner.height - HEAD_ROWS,
            ..inner
        };
        let rows = self.rows(width);
        let chosen = rows
            .iter()
            .position(|(_, item)| *item == Some(self.page.cursor.selected))
            .unwrap_or(0);
        // The chosen line on screen, with its section heading when there is room.
        let height = list.height as usize;
        let scroll = (chosen + 1).saturating_sub(height);
        let lines: Vec<Line> = rows
            .into_iter()
            .skip(scroll)
            .take(height)
            .map(|(line, item)| match item == Some(self.page.cursor.selected) {
                true => line.style(Style::new().bg(app.theme.selection_bg)),
                false => line,
            })
            .collect();
        Paragraph::new(lines).render(list, buf);
    }
}
