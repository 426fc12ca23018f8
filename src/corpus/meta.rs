//! Title and date of a document, read from its first passages.

use super::{Passage, PassageKind};
use crate::analysis::text::fold;
use regex::Regex;
use std::sync::OnceLock;

pub struct Meta {
    pub title: String,
    pub date: Option<String>,
}

const TITLE_MAX_CHARS: usize = 90;

/// Reads the title and date, marks the title passage (and a repetition of it) as `Title`,
/// and strips a leading ` date YYYY-MM` header from the first passage.
pub fn read(source: &str, passages: &mut Vec<Passage>, id: &str) -> Meta {
    let mut date = strip_date_header(source, passages);
    let title = match title_passage(source, passages) {
        Some(i) => {
            passages[i].kind = PassageKind::Title;
            let title = one_line(&source[passages[i].range()]);
            mark_repeated_title(source, passages, i, &title);
            title
        }
        None => derived_title(source, passages).unwrap_or_else(|| id.to_string()),
    };
    if date.is_none() {
        date = passages.iter().take(4).find_map(|p| find_date(&source[p.range()]));
    }
    Meta { title, date }
}

fn date_header() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?i:date)\s*:?\s*((?:19|20)\d{2}-\d{2}(?:-\d{2})?)(?-u:\b)\s*").expect("valid regex")
    })
}

fn strip_date_header(source: &str, passages: &mut Vec<Passage>) -> Option<String> {
    let first = passages.first_mut()?;
    let text = &source[first.range()];
    let caps = date_header().captures(text)?;
    let date = caps.get(1)?.as_str().to_string();
    let header_len = caps.get(0)?.end();
    first.start += header_len;
    if first.start >= first.end {
        passages.remove(0);
    } else {
        first.kind = super::clean::classify(&source[first.range()]);
    }
    Some(date)
}

/// The first passage is a title when it is one short line without a closing full stop,
/// and article text follows it.
fn title_passage(source: &str, passages: &[Passage]) -> Option<usize> {
    let (i, first) = passages
        .iter()
        .enumerate()
        .find(|(_, p)| p.kind != PassageKind::Debris)?;
    let text = source[first.range()].trim();
    let looks_like_title = !text.contains('\n')
        && text.chars().count() <= 250
        && !text.ends_with(['.', ':', ';', ','])
        && text.chars().next().is_some_and(|c| !c.is_lowercase());
    let more_follows = passages[i + 1..].iter().any(|p| p.kind == PassageKind::Body);
    (looks_like_title && more_follows).then_some(i)
}

fn mark_repeated_title(source: &str, passages: &mut [Passage], title_at: usize, title: &str) {
    let folded = fold(title);
    for p in passages.iter_mut().skip(title_at + 1).take(3) {
        let len = p.end - p.start;
        if len > title.len() * 2 || len * 2 < title.len() {
            continue;
        }
        if fold(&one_line(&source[p.range()])) == folded {
            p.kind = PassageKind::Debris;
        }
    }
}

/// A title made from the first sentence of the first body passage.
fn derived_title(source: &str, passages: &[Passage]) -> Option<String> {
    let first = passages.iter().find(|p| p.kind == PassageKind::Body)?;
    let text = one_line(&source[first.range()]);
    let sentence_end = text
        .char_indices()
        .find(|(i, c)| matches!(c, '.' | '!' | '?') && text[i + c.len_utf8()..].starts_with(' '))
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    let sentence = &text[..sentence_end];
    Some(shorten(sentence, TITLE_MAX_CHARS))
}

/// Cuts at a word boundary and adds an ellipsis when the text is longer than `max` chars.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ' ', ';', ':']))
}

fn one_line(text: &str) -> String {
    super::sanitize_line(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn date_patterns() -> &'static [(Regex, DateOrder)] {
    static RE: OnceLock<Vec<(Regex, DateOrder)>> = OnceLock::new();
    RE.get_or_init(|| {
        let months = r"(janvier|fevrier|février|mars|avril|mai|juin|juillet|aout|août|septembre|octobre|novembre|decembre|décembre|january|february|march|april|may|june|july|august|september|october|november|december)";
        // ASCII word boundaries: Unicode `(?-u:\b)` forces regex's slowest engine.
        vec![
            (Regex::new(r"(?-u:\b)((?:19|20)\d{2})-(\d{2})-(\d{2})(?-u:\b)").expect("valid regex"), DateOrder::Ymd),
            (Regex::new(r"(?-u:\b)(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})(?-u:\b)").expect("valid regex"), DateOrder::Dmy),
            (Regex::new(&format!(r"(?i)(?-u:\b)(\d{{1,2}})(?:er)?\s+{months}\s+((?:19|20)\d{{2}})(?-u:\b)")).expect("valid regex"), DateOrder::DayMonthName),
            (Regex::new(&format!(r"(?i)(?-u:\b){months}\s+(\d{{1,2}}),?\s+((?:19|20)\d{{2}})(?-u:\b)")).expect("valid regex"), DateOrder::MonthNameDay),
        ]
    })
}

#[derive(Clone, Copy)]
enum DateOrder {
    Ymd,
    Dmy,
    DayMonthName,
    MonthNameDay,
}

fn month_number(name: &str) -> Option<u32> {
    let folded = fold(name);
    let table = [
        ("jan", 1),
        ("fev", 2),
        ("feb", 2),
        ("mar", 3),
        ("avr", 4),
        ("apr", 4),
        ("mai", 5),
        ("may", 5),
        ("juin", 6),
        ("june", 6),
        ("juil", 7),
        ("july", 7),
        ("aou", 8),
        ("aug", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ];
    table.iter().find(|(p, _)| folded.starts_with(p)).map(|(_, n)| *n)
}

/// The first date written in the text, as `YYYY-MM-DD`.
pub fn find_date(text: &str) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for (re, order) in date_patterns() {
        let Some(caps) = re.captures(text) else {
            continue;
        };
        let at = caps.get(0)?.start();
        let (y, m, d): (u32, u32, u32) = match order {
            DateOrder::Ymd => (caps[1].parse().ok()?, caps[2].parse().ok()?, caps[3].parse().ok()?),
            DateOrder::Dmy => (caps[3].parse().ok()?, caps[2].parse().ok()?, caps[1].parse().ok()?),
            DateOrder::DayMonthName => (caps[3].parse().ok()?, month_number(&caps[2])?, caps[1].parse().ok()?),
            DateOrder::MonthNameDay => (caps[3].parse().ok()?, month_number(&caps[1])?, caps[2].parse().ok()?),
        };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            continue;
        }
        if best.as_ref().is_none_or(|(b, _)| at < *b) {
            best = Some((at, format!("{y:04}-{m:02}-{d:02}")));
        }
    }
    best.map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_several_forms() {
        assert_eq!(find_date("il s'avère... 24.10.2021").as_deref(), Some("2021-10-24"));
        assert_eq!(
            find_date("Publié le 3 février 2022 à 10h").as_deref(),
            Some("2022-02-03")
        );
        assert_eq!(find_date("Posted July 4, 2023 by").as_deref(), Some("2023-07-04"));
        assert_eq!(find_date("version 2.0.1"), None);
    }

    #[test]
    fn shorten_cuts_at_a_word() {
        assert_eq!(shorten("un deux trois quatre", 12), "un deux…");
        assert_eq!(shorten("court", 12), "court");
    }
}
