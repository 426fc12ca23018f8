//! One actor at a glance: every mention in its context (keyword in context), its claims, its
//! mentions month by month, and the actors named beside it. What the reader's actor page shows,
//! worked out from an analysis with no terminal.

use super::Analysis;
use super::HashMap;
use crate::corpus::Corpus;

/// Characters of context kept on each side of a mention.
const CONTEXT_CHARS: usize = 80;

/// An actor's page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorProfile {
    pub actor: usize,
    /// Every mention, in corpus order.
    pub mentions: Vec<InContext>,
    /// The claims the actor makes (indices into `Analysis::claims`), in corpus order.
    pub claims: Vec<usize>,
    /// Mentions per month (`YYYY-MM`), every month from the first to the last, empty ones too.
    pub months: Vec<(String, usize)>,
    /// Mentions in documents that carry no date.
    pub undated: usize,
    /// The actors most often named in the same passages, with how many passages they share.
    pub company: Vec<(usize, usize)>,
}

/// A mention with the words around it in its passage, on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InContext {
    pub doc: usize,
    pub passage: usize,
    /// The paragraph number, as every citation gives it.
    pub paragraph: usize,
    /// The words before the mention, ending with a space when the text has one there.
    pub before: String,
    pub words: String,
    /// The words after it, starting with a space when the text has one there.
    pub after: String,
}

impl ActorProfile {
    /// The page of actor `actor`; `company` actors at most in `company`.
    pub fn of(corpus: &Corpus, analysis: &Analysis, actor: usize, company: usize) -> ActorProfile {
        let Some(who) = analysis.actors.actors.get(actor) else {
            return ActorProfile::default();
        };
        let mentions: Vec<InContext> = who
            .mentions
            .iter()
            .filter_map(|m| {
                let doc = corpus.documents.get(m.doc)?;
                let passage = doc.passages.get(m.passage)?;
                let text = &doc.source;
                let before = text.get(passage.start..m.start.max(passage.start))?;
                let after = text.get(m.end.min(passage.end)..passage.end)?;
                Some(InContext {
                    doc: m.doc,
                    passage: m.passage,
                    paragraph: doc.paragraph(m.passage),
                    before: last_chars(&spaced(before), CONTEXT_CHARS),
                    words: one_line(text.get(m.start..m.end)?),
                    after: spaced(after).chars().take(CONTEXT_CHARS).collect(),
                })
            })
            .collect();
        let claims = (0..analysis.claims.len())
            .filter(|&c| analysis.claims[c].speaker == Some(actor))
            .collect();
        let (months, undated) = by_month(corpus, who.mentions.iter().map(|m| m.doc));
        ActorProfile {
            actor,
            mentions,
            claims,
            months,
            undated,
            company: company_of(analysis, actor, company),
        }
    }
}

/// Mentions per month from the first month to the last, and the count of undated ones.
fn by_month(corpus: &Corpus, docs: impl Iterator<Item = usize>) -> (Vec<(String, usize)>, usize) {
    let mut counts: std::collections::BTreeMap<(i32, u32), usize> = Default::default();
    let mut undated = 0;
    for doc in docs {
        match corpus
            .documents
            .get(doc)
            .and_then(|d| d.date.as_deref())
            .and_then(month_of)
        {
            Some(month) => *counts.entry(month).or_default() += 1,
            None => undated += 1,
        }
    }
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return (Vec::new(), undated);
    };
    let mut months = Vec::new();
    let (mut year, mut month) = first;
    while (year, month) <= last {
        let n = counts.get(&(year, month)).copied().unwrap_or(0);
        months.push((format!("{year:04}-{month:02}"), n));
        (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    }
    (months, undated)
}

/// The year and month of an ISO date (`2021-08-29` or `2021-08`).
fn month_of(date: &str) -> Option<(i32, u32)> {
    let mut parts = date.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok().filter(|m| (1..=12).contains(m))?;
    Some((year, month))
}

/// The actors named in the passages that name `actor`, by passages shared, most first.
fn company_of(analysis: &Analysis, actor: usize, most: usize) -> Vec<(usize, usize)> {
    let actors = &analysis.actors;
    let Some(who) = actors.actors.get(actor) else {
        return Vec::new();
    };
    let mut passages: Vec<(usize, usize)> = who.mentions.iter().map(|m| (m.doc, m.passage)).collect();
    passages.dedup();
    let mut shared: HashMap<usize, usize> = HashMap::default();
    for (doc, passage) in passages {
        let mut here: Vec<usize> = actors
            .in_passage(doc, passage)
            .map(|r| r.actor)
            .filter(|&a| a != actor)
            .collect();
        here.sort_unstable();
        here.dedup();
        for a in here {
            *shared.entry(a).or_default() += 1;
        }
    }
    let mut list: Vec<(usize, usize)> = shared.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    list.truncate(most);
    list
}

fn one_line(text: &str) -> String {
    crate::corpus::sanitize_line(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// One line, with one space kept at either end where the text had white space there, so the
/// context joins its mention as the text does (`talibans.`, not `talibans .`).
fn spaced(text: &str) -> String {
    let mut line = String::new();
    if text.starts_with(char::is_whitespace) {
        line.push(' ');
    }
    line.push_str(&one_line(text));
    if text.ends_with(char::is_whitespace) && !line.ends_with(' ') {
        line.push(' ');
    }
    line
}

fn last_chars(text: &str, n: usize) -> String {
    let count = text.chars().count();
    text.chars().skip(count.saturating_sub(n)).collect()
}
