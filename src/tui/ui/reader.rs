//! The reader: the open document wrapped to the pane, actor mentions coloured by kind, the
//! current actor emphasised, and a mark beside the current passage.

use super::pane_block;
use crate::tui::reader_lines::{LineKind, ReaderLine};
use crate::tui::state::{App, Focus};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use std::ops::Range;

pub struct Reader<'a> {
    app: &'a App,
    /// Worked out once a frame, not once a line.
    current_actor: Option<usize>,
    current_claim: Option<usize>,
    doc_claims: Vec<usize>,
}

impl<'a> Reader<'a> {
    pub fn new(app: &'a App) -> Reader<'a> {
        Reader {
            app,
            current_actor: app.current_actor(),
            current_claim: app.current_claim(),
            doc_claims: app.document_claims(),
        }
    }
}

impl Reader<'_> {
    /// The part of a file byte range that falls on a line, as a byte range in the line's text.
    fn on_line(&self, line: &ReaderLine, start: usize, end: usize) -> Option<Range<usize>> {
        let display = self.app.reader.lines.displays.get(line.passage?)?.as_ref()?;
        let (a, b) = (display.to_display(start), display.to_display(end));
        let (a, b) = (a.max(line.range.start), b.min(line.range.end));
        (a < b).then(|| a - line.range.start..b - line.range.start)
    }

    /// Claims on one line: byte range in the line's text, and whether it is the current claim.
    fn claim_spans(&self, line: &ReaderLine) -> Vec<(Range<usize>, bool)> {
        let app = self.app;
        let Some(p) = line.passage else { return Vec::new() };
        self.doc_claims
            .iter()
            .filter(|&&c| app.analysis.claims[c].passage == p)
            .filter_map(|&c| {
                self.on_line(line, app.analysis.claims[c].start, app.analysis.claims[c].end)
                    .map(|r| (r, self.current_claim == Some(c)))
            })
            .collect()
    }

    /// Search hits on one line, painted over everything else (the current hit brighter).
    fn search_spans(&self, line: &ReaderLine) -> Vec<(Range<usize>, Style)> {
        let app = self.app;
        let (Some(search), Some(p)) = (&app.search, line.passage) else {
            return Vec::new();
        };
        let current = search.at.and_then(|i| search.found.hits.get(i));
        search
            .found
            .in_document(app.reader.doc)
            .iter()
            .filter(|h| h.passage == p)
            .filter_map(|h| {
                let style = if current == Some(h) {
                    Style::new()
                        .fg(app.theme.search_fg)
                        .bg(app.theme.cursor)
                        .add_modifier(Modifier::BOLD)
                } else {
                    Style::new().fg(app.theme.search_fg).bg(app.theme.search_bg)
                };
                self.on_line(line, h.start, h.end).map(|r| (r, style))
            })
            .collect()
    }

    /// Mentions on one line: byte range in the line's text and the style to paint it with.
    fn mention_spans(&self, line: &ReaderLine) -> Vec<(Range<usize>, Style)> {
        let app = self.app;
        let Some(p) = line.passage else { return Vec::new() };
        let mut out = Vec::new();
        for r in app.analysis.actors.in_passage(app.reader.doc, p) {
            let m = app.analysis.actors.mention(r);
            let Some(range) = self.on_line(line, m.start, m.end) else {
                continue;
            };
            let kind = app.analysis.actors.actors[r.actor].kind;
            let mut style = Style::new().fg(app.theme.kind(kind));
            if !app.theme.colour {
                style = style.add_modifier(Modifier::BOLD);
            }
            if self.current_actor == Some(r.actor) || app.filter().contains(&r.actor) {
                style = style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED | Modifier::REVERSED);
            }
            out.push((range, style));
        }
        out
    }
}

/// Combines two sorted lists of styled ranges into one list of disjoint ranges, the styles of
/// overlapping parts patched together.
fn overlay(a: &[(Range<usize>, Style)], b: &[(Range<usize>, Style)]) -> Vec<(Range<usize>, Style)> {
    let mut cuts: Vec<usize> = a.iter().chain(b).flat_map(|(r, _)| [r.start, r.end]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let style_at =
        |list: &[(Range<usize>, Style)], at: usize| list.iter().find(|(r, _)| r.contains(&at)).map(|(_, s)| *s);
    cuts.windows(2)
        .filter_map(|w| {
            let (sa, sb) = (style_at(a, w[0]), style_at(b, w[0]));
            let style = match (sa, sb) {
                (None, None) => return None,
                (Some(x), None) | (None, Some(x)) => x,
                (Some(x), Some(y)) => x.patch(y),
            };
            Some((w[0]..w[1], style))
        })
        .collect()
}

/// Splits a line's text into spans, painting the given ranges over the base style.
fn paint<'t>(text: &'t str, base: Style, marks: &[(Range<usize>, Style)]) -> Vec<Span<'t>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for (range, style) in marks {
        let (start, end) = (range.start.max(at), range.end.min(text.len()));
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        if start > at {
            spans.push(Span::styled(&text[at..start], base));
        }
        spans.push(Span::styled(&text[start..end], base.patch(*style)));
        at = end;
    }
    if at < text.len() {
        spans.push(Span::styled(&text[at..], base));
    }
    spans
}

impl Widget for Reader<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let reader = &app.reader;
        // The paragraph number every view cites (debris shown or not).
        let (position, shown) = app
            .current_document()
            .map_or((0, 0), |d| (d.paragraph(reader.passage).max(1), d.content_count()));
        let name = app.current_document().map_or("", |d| d.id.as_str());
        let title = Line::from(format!(" {name} · ¶ {position}/{shown} "));
        let block = pane_block(app, title, Focus::Reader);
        // The text at a readable measure, centred in a wide pane.
        let inner = crate::tui::layout::measured(block.inner(area));
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
                let selected = line
                    .passage
                    .is_some_and(|p| app.selection.passages.contains(&(reader.doc, p)));
                let mark = match (current, selected) {
                    (true, true) => Span::styled("▌", Style::new().fg(theme.state)),
                    (true, false) => Span::styled("▌", Style::new().fg(theme.cursor)),
                    (false, true) => Span::styled("┃", Style::new().fg(theme.state)),
                    (false, false) => Span::raw(" "),
                };
                let base = match line.kind {
                    LineKind::Title => Style::new().fg(theme.title).add_modifier(Modifier::BOLD),
                    LineKind::Meta => Style::new().fg(theme.dim),
                    LineKind::Heading => Style::new().fg(theme.heading).add_modifier(Modifier::BOLD),
                    LineKind::Hidden => Style::new().fg(theme.dim).add_modifier(Modifier::ITALIC),
                    LineKind::Body | LineKind::Blank => Style::new(),
                };
                let claims = self.claim_spans(line);
                let quote_mark = match claims.iter().any(|(_, current)| *current) {
                    true => Span::styled("❝", Style::new().fg(theme.cursor).add_modifier(Modifier::BOLD)),
                    false if !claims.is_empty() => Span::styled("❝", Style::new().fg(theme.dim)),
                    false => Span::raw(" "),
                };
                // Claims are underlined (bold too for the current one), mentions coloured over them.
                let mut marks: Vec<(Range<usize>, Style)> = claims
                    .into_iter()
                    .map(|(r, current)| {
                        let style = Style::new().add_modifier(Modifier::UNDERLINED);
                        (
                            r,
                            if current {
                                style.add_modifier(Modifier::BOLD)
                            } else {
                                style
                            },
                        )
                    })
                    .collect();
                marks = overlay(&marks, &self.mention_spans(line));
                marks = overlay(&marks, &self.search_spans(line));
                let related = line
                    .passage
                    .is_some_and(|p| app.strongly_related.get(p).copied().unwrap_or(false));
                let related_mark = if related {
                    Span::styled("↔", Style::new().fg(theme.heading))
                } else {
                    Span::raw(" ")
                };
                let flashed = line.passage.is_some_and(|p| app.flash == Some((reader.doc, p)));
                let base = if flashed { base.bg(theme.selection_bg) } else { base };
                let mut spans = vec![mark, quote_mark, related_mark];
                spans.extend(paint(&line.text, base, &marks));
                Line::from(spans)
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn painting_keeps_every_character_once() {
        let marks = vec![
            (2..5, Style::new().bold()),
            (4..8, Style::new().italic()),
            (20..30, Style::new()),
        ];
        let spans = paint("Le général Milley", Style::new(), &marks);
        let joined: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(joined, "Le général Milley");
    }
}
