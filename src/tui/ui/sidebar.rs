//! The sidebar: tabs for the open document's actors, its claims, the passages of other
//! articles related to the current one, and its outline.

use super::{fit, pane_block};
use crate::corpus::PassageKind;
use crate::tui::layout::{Hit, HitMap};
use crate::tui::state::{App, Focus, SelectionItem, SidebarTab};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// A claim longer than this is cut with an ellipsis in the list.
const MAX_CLAIM_LINES: usize = 4;

pub struct Sidebar<'a> {
    pub app: &'a App,
}

impl Sidebar<'_> {
    /// Tab names; the others shortened (`Act Clm Rel Srch Sel Out`, still distinct), or
    /// numbered as their keys are, when the pane is too narrow for them.
    fn tabs(&self, width: usize) -> Line<'static> {
        let current = self.app.sidebar.tab;
        // 0: full names, 1: short names, 2: numbers.
        let label = |tab: SidebarTab, level: usize| -> String {
            match level {
                _ if tab == current => tab.label().to_string(),
                0 => tab.label().to_string(),
                1 => tab.short().to_string(),
                _ => (tab.index() + 1).to_string(),
            }
        };
        let room = width.saturating_sub(2);
        let cut = [0, 1, 2]
            .into_iter()
            .find(|&level| {
                SidebarTab::ORDER
                    .iter()
                    .map(|&t| label(t, level).chars().count() + 1)
                    .sum::<usize>()
                    < room
            })
            .unwrap_or(2);
        let mut spans = vec![Span::raw(" ")];
        for tab in SidebarTab::ORDER {
            let style = if tab == current {
                Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
            } else {
                Style::new().fg(self.app.theme.dim)
            };
            spans.push(Span::styled(label(tab, cut), style));
            spans.push(Span::raw(" "));
        }
        Line::from(spans)
    }

    /// `name   3·12`: mentions here and in the corpus, the pinned actor marked.
    fn actor_rows(&self, width: usize) -> Vec<Line<'static>> {
        let app = self.app;
        let rows = app.document_actors();
        if rows.is_empty() {
            let text = if app.loading.is_some() && app.analysis.actors.by_doc.is_empty() {
                "Actors to come…"
            } else {
                "No actor found here."
            };
            return vec![Line::styled(text, Style::new().fg(app.theme.dim))];
        }
        rows.into_iter()
            .map(|(a, here)| {
                let actor = &app.analysis.actors.actors[a];
                let counts = format!(" {here}·{}", actor.mentions.len());
                let pin = if app.pinned == Some(a) { "◆ " } else { "" };
                let name_width = width.saturating_sub(counts.chars().count());
                let name = fit(&format!("{pin}{}", actor.name), name_width);
                let pad = name_width.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str()));
                Line::from(vec![
                    Span::styled(name, Style::new().fg(app.theme.kind(actor.kind))),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(counts, Style::new().fg(app.theme.dim)),
                ])
            })
            .collect()
    }

    /// `Speaker — words`, wrapped, at most four lines a claim.
    fn claim_items(&self, width: usize) -> Vec<Vec<Line<'static>>> {
        let app = self.app;
        let claims = app.listed_claims();
        if claims.is_empty() {
            // Until the first analysis is complete, no claim is known anywhere.
            let text = if app.loading.is_some() {
                "Claims to come…"
            } else {
                "No claim found here."
            };
            return vec![vec![Line::styled(text, Style::new().fg(app.theme.dim))]];
        }
        claims
            .into_iter()
            .map(|c| {
                let claim = &app.analysis.claims[c];
                let speaker = app.speaker_name(claim);
                let color = claim
                    .speaker
                    .map_or(app.theme.dim, |s| app.theme.kind(app.analysis.actors.actors[s].kind));
                // A speaker found through a pronoun, a role or the previous claim is marked `?`:
                // worth checking before citing.
                let speaker = format!("{speaker}{}", weak_mark(claim.how_found));
                let text = format!("{speaker} — {}", claim.quoted());
                let options = textwrap::Options::new(width.max(4)).subsequent_indent("  ");
                let mut lines: Vec<String> = textwrap::wrap(&text, options)
                    .into_iter()
                    .map(|l| l.into_owned())
                    .collect();
                if lines.len() > MAX_CLAIM_LINES {
                    lines.truncate(MAX_CLAIM_LINES);
                    let last = lines.pop().unwrap_or_default();
                    lines.push(fit(&format!("{last} …"), width));
                }
                let checked = cross_check_lines(app, c, width);
                lines
                    .into_iter()
                    .enumerate()
                    .map(|(i, l)| {
                        if i == 0 && l.starts_with(speaker.as_str()) {
                            let rest = l[speaker.len()..].to_string();
                            Line::from(vec![
                                Span::styled(speaker.clone(), Style::new().fg(color).add_modifier(Modifier::BOLD)),
                                Span::raw(rest),
                            ])
                        } else {
                            Line::raw(l)
                        }
                    })
                    .chain(checked)
                    .collect()
            })
            .collect()
    }

    /// Each related passage: the other article's title, a snippet, score and reasons.
    fn related_items(&self, width: usize) -> Vec<Vec<Line<'static>>> {
        let app = self.app;
        if app.related_here.is_empty() {
            return vec![vec![Line::styled(
                "No related passage in other articles.",
                Style::new().fg(app.theme.dim),
            )]];
        }
        app.related_here
            .iter()
            .map(|r| {
                let doc = &app.corpus.documents[r.doc];
                let title = fit(&crate::corpus::sanitize_line(&doc.title), width);
                let snippet = doc.passages.get(r.passage).map_or(String::new(), |p| {
                    let words: Vec<&str> = doc.text(p).split_whitespace().take(14).collect();
                    crate::corpus::sanitize_line(&words.join(" "))
                });
                let reasons: Vec<String> = r.reasons.iter().map(|x| x.label()).collect();
                let mut item = vec![Line::styled(title, Style::new().add_modifier(Modifier::BOLD))];
                let options = textwrap::Options::new(width.max(4))
                    .initial_indent("  ")
                    .subsequent_indent("  ");
                item.extend(
                    textwrap::wrap(&format!("{snippet}…"), options)
                        .into_iter()
                        .take(2)
                        .map(|l| Line::raw(l.into_owned())),
                );
                let score = format!("  {:.2} {} · {}", r.score, r.relation.label(), reasons.join(" · "));
                item.push(Line::styled(fit(&score, width), Style::new().fg(app.theme.dim)));
                item
            })
            .collect()
    }

    /// The selection in corpus order: each passage's article and first words, each claim.
    fn selection_rows(&self, width: usize) -> Vec<Line<'static>> {
        let app = self.app;
        let items = app.selection_items();
        if items.is_empty() {
            return vec![Line::styled(
                format!(
                    "Nothing selected: {} adds a passage.",
                    app.key(crate::tui::action::Action::ToggleSelect)
                ),
                Style::new().fg(app.theme.dim),
            )];
        }
        items
            .into_iter()
            .map(|item| match item {
                SelectionItem::Passage(d, p) => {
                    let doc = &app.corpus.documents[d];
                    let words = doc.passages.get(p).map_or(String::new(), |x| {
                        crate::corpus::sanitize_line(
                            &doc.text(x).split_whitespace().take(8).collect::<Vec<_>>().join(" "),
                        )
                    });
                    // The paragraph number first: a narrow sidebar cuts the rest.
                    Line::raw(fit(&format!("¶ {} · {} · {}", doc.paragraph(p), doc.id, words), width))
                }
                SelectionItem::Claim(c) => {
                    let claim = &app.analysis.claims[c];
                    let text = format!(
                        "❝ {}{} — {}",
                        app.speaker_name(claim),
                        weak_mark(claim.how_found),
                        claim.quoted()
                    );
                    Line::styled(fit(&text, width), Style::new().fg(app.theme.heading))
                }
            })
            .collect()
    }

    /// Each search hit: its article and paragraph, then the words around it, the match lit.
    fn search_items(&self, width: usize) -> Vec<Vec<Line<'static>>> {
        let app = self.app;
        let Some(search) = &app.search else {
            return vec![vec![Line::styled(
                "No search: / finds a word or phrase in every article.",
                Style::new().fg(app.theme.dim),
            )]];
        };
        search
            .found
            .hits
            .iter()
            .map(|hit| {
                let doc = &app.corpus.documents[hit.doc];
                let head = crate::corpus::sanitize_line(&doc.title);
                let (before, matched, after) = crate::search::hit_context(&app.corpus, hit, width.saturating_sub(2));
                let lit = Style::new().fg(app.theme.search_fg).bg(app.theme.search_bg);
                let room = width.saturating_sub(2);
                let before_w = unicode_width::UnicodeWidthStr::width(before.as_str());
                let matched = fit(&matched, room.saturating_sub(before_w).max(1));
                let after_room =
                    room.saturating_sub(before_w + unicode_width::UnicodeWidthStr::width(matched.as_str()));
                vec![
                    Line::styled(fit(&head, width), Style::new().fg(app.theme.dim)),
                    Line::from(vec![
                        Span::raw("  "),
                        Span::raw(before),
                        Span::styled(matched, lit),
                        Span::raw(fit(&after, after_room)),
                    ]),
                ]
            })
            .collect()
    }

    /// The passages of the article, numbered as citations number them: the title and section
    /// headings in bold, the paragraphs under a heading indented beneath it.
    fn outline_rows(&self, width: usize) -> Vec<Line<'static>> {
        let app = self.app;
        let Some(doc) = app.current_document() else {
            return Vec::new();
        };
        let mut under_heading = false;
        app.outline()
            .into_iter()
            .map(|(passage, words)| {
                let kind = doc.passages[passage].kind;
                let mut style = Style::new();
                let indent = match kind {
                    PassageKind::Heading | PassageKind::Title => {
                        under_heading |= kind == PassageKind::Heading;
                        style = style.add_modifier(Modifier::BOLD);
                        ""
                    }
                    _ if under_heading => "  ",
                    _ => "",
                };
                if passage == app.reader.passage {
                    style = style.fg(app.theme.cursor);
                }
                // Debris (shown with D) has no number of its own.
                let number = match kind {
                    PassageKind::Debris => "  ·".to_string(),
                    _ => format!("{:>3}", doc.paragraph(passage)),
                };
                Line::styled(fit(&format!("{number} {indent}{words}"), width), style)
            })
            .collect()
    }
}

impl Sidebar<'_> {
    /// Draws the current tab and says where each item went (items can be several rows high).
    pub fn draw(self, area: Rect, buf: &mut Buffer, hits: &mut HitMap) {
        let app = self.app;
        let block = pane_block(app, self.tabs(area.width as usize), Focus::Sidebar);
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width as usize;
        let one_line = |rows: Vec<Line<'static>>| rows.into_iter().map(|l| vec![l]).collect::<Vec<_>>();
        let items = match app.sidebar.tab {
            SidebarTab::Actors => one_line(self.actor_rows(width)),
            SidebarTab::Claims => self.claim_items(width),
            SidebarTab::Related => self.related_items(width),
            SidebarTab::Search => self.search_items(width),
            SidebarTab::Selection => one_line(self.selection_rows(width)),
            SidebarTab::Outline => one_line(self.outline_rows(width)),
        };
        let height = inner.height as usize;
        let selected = app.sidebar.selected.min(items.len().saturating_sub(1));
        // Items can be several lines high: start late enough for the selection to fit.
        let mut start = app.sidebar.offset.min(selected);
        while start < selected && items[start..=selected].iter().map(Vec::len).sum::<usize>() > height {
            start += 1;
        }
        let highlight = app.focus == Focus::Sidebar
            || matches!(
                app.sidebar.tab,
                SidebarTab::Claims | SidebarTab::Related | SidebarTab::Search
            );
        let mut y = inner.y;
        let bottom = inner.y + inner.height;
        // Derived once per frame: the lists behind it are recomputed on each call.
        let listed = app.sidebar_len();
        for item in items.iter().enumerate().skip(start) {
            let (i, lines) = item;
            if y >= bottom {
                break;
            }
            let rows = (lines.len() as u16).min(bottom - y);
            // The empty-tab message is not an item.
            if i < listed {
                hits.add(
                    Rect {
                        y,
                        height: rows,
                        ..inner
                    },
                    Hit::SidebarItem(i),
                );
            }
            y += rows;
        }
        let lines: Vec<Line> = items
            .into_iter()
            .enumerate()
            .skip(start)
            .flat_map(|(i, item)| {
                item.into_iter().map(move |line| {
                    if i == selected && highlight {
                        line.style(
                            Style::new()
                                .bg(self.app.theme.selection_bg)
                                .add_modifier(Modifier::BOLD),
                        )
                    } else {
                        line
                    }
                })
            })
            .take(height)
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}

/// ` ?` after a speaker the text does not name in the sentence.
fn weak_mark(how: crate::analysis::claims::HowFound) -> &'static str {
    use crate::analysis::claims::HowFound;
    match how {
        HowFound::Named | HowFound::Anonymous => "",
        HowFound::Pronoun | HowFound::Role | HowFound::CarriedOver => " ?",
    }
}

/// `⇄ 2 report it · ≠ 1 against it` (Enter lists them) and who is against it (`≠ Talibans`),
/// for a claim other articles report or contradict; nothing for one they do not.
fn cross_check_lines(app: &App, claim: usize, width: usize) -> Vec<Line<'static>> {
    let (reports, contradicts) = app.analysis.related.crosscheck().counts(claim, &app.analysis.claims);
    if reports + contradicts == 0 {
        return Vec::new();
    }
    let mut parts = Vec::new();
    if reports > 0 {
        parts.push(format!(
            "⇄ {reports} report{}",
            if reports == 1 { "s it" } else { " it" }
        ));
    }
    if contradicts > 0 {
        parts.push(format!("≠ {contradicts} against it"));
    }
    let style = Style::new().fg(app.theme.heading);
    let mut lines = vec![Line::styled(fit(&format!("  {}", parts.join(" · ")), width), style)];
    let mut against: Vec<String> = Vec::new();
    for r in app.cross_refs(claim, true) {
        let other = &app.analysis.claims[r.claim];
        let name = other
            .speaker
            .and_then(|s| app.analysis.actors.actors.get(s))
            .map_or_else(|| other.speaker_text.to_string(), |a| a.name.clone());
        if !against.contains(&name) {
            against.push(name);
        }
    }
    if !against.is_empty() {
        let text = format!("  ≠ {}", crate::corpus::sanitize_line(&against.join(", ")));
        lines.push(Line::styled(fit(&text, width), Style::new().fg(app.theme.warning)));
    }
    lines
}
