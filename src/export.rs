//! A selection of passages and claims, written out as Markdown (or JSON). Pure: returns a
//! String; the caller writes it.

use crate::analysis::Analysis;
use crate::analysis::actors::Actors;
use crate::analysis::claims::{Claim, ClaimKind, HowFound};
use crate::analysis::crosscheck::Relation;
use crate::corpus::{Corpus, sanitize_line};
use std::collections::{BTreeMap, BTreeSet};

/// What the reader chose: passages `(doc, passage)` and claims (indices into the claims list).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub passages: BTreeSet<(usize, usize)>,
    pub claims: BTreeSet<usize>,
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.passages.is_empty() && self.claims.is_empty()
    }

    pub fn len(&self) -> usize {
        self.passages.len() + self.claims.len()
    }

    /// Adds the passage, or removes it when it is already there. Returns whether it is now in.
    pub fn toggle_passage(&mut self, doc: usize, passage: usize) -> bool {
        if self.passages.remove(&(doc, passage)) {
            false
        } else {
            self.passages.insert((doc, passage))
        }
    }
}

/// What goes in the export's header.
#[derive(Debug, Clone, Default)]
pub struct ExportInfo {
    /// When, as the user reads it (`2026-11-21 14:03`).
    pub date: String,
    /// Where the corpus came from.
    pub corpus: String,
    /// Active filters, as words (`actor: Mark Milley`).
    pub filters: Vec<String>,
}

/// Escapes the characters that Markdown would read as markup, so text stays text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let at_start = i == 0;
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    // `1. ` at the start would open an ordered list.
    if let Some(dot) = out.find(['.', ')'])
        && dot > 0
        && out[..dot].chars().all(|c| c.is_ascii_digit())
    {
        out.insert(dot, '\\');
    }
    out
}

/// Line number (1-based) of a byte offset.
fn line_of(source: &str, offset: usize) -> usize {
    source.as_bytes()[..offset.min(source.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// `**Speaker** (cue): « text »` or `reported: text`, as the export writes a claim.
fn claim_words(c: &Claim, actors: &Actors) -> (String, String) {
    let speaker = c
        .speaker
        .and_then(|s| actors.actors.get(s))
        .map_or_else(|| c.speaker_text.to_string(), |a| a.name.clone());
    // Only the words the text quotes go inside « »; reported speech is said as such.
    let said = match c.kind {
        ClaimKind::Direct => format!("« {} »", escape(&c.text)),
        ClaimKind::Indirect => format!("reported: {}", escape(&c.text)),
    };
    (speaker, said)
}

/// For each selected claim that other articles report or contradict: who, where, in which
/// language, in which words.
fn cross_check_section(corpus: &Corpus, analysed: &Analysis, selection: &Selection) -> String {
    let mut out = String::new();
    for &c in &selection.claims {
        let (Some(claim), refs) = (analysed.claims.get(c), analysed.crosscheck().of(c)) else {
            continue;
        };
        if refs.is_empty() {
            continue;
        }
        let doc = &corpus.documents[claim.doc];
        let (speaker, said) = claim_words(claim, &analysed.actors);
        out.push_str(&format!(
            "\n### {} — `{}` ¶ {}\n\n**{}**: {said}\n\n",
            escape(&speaker),
            doc.id.replace('`', "'"),
            doc.paragraph(claim.passage),
            escape(&speaker)
        ));
        for r in refs {
            let Some(other) = analysed.claims.get(r.claim) else {
                continue;
            };
            let there = &corpus.documents[other.doc];
            let (who, words) = claim_words(other, &analysed.actors);
            let how = match r.relation {
                Relation::Contrast => "Contradicted by",
                _ => "Also reported by",
            };
            let date = there.date.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
            out.push_str(&format!(
                "- {how} **{}** in `{}`{} ¶ {} [{}, {}]: {words}\n",
                escape(&who),
                there.id.replace('`', "'"),
                escape(&date),
                there.paragraph(other.passage),
                crate::analysis::lang::of_document(there).code(),
                r.relation.label(),
            ));
        }
    }
    if out.is_empty() {
        out
    } else {
        format!("\n## Cross-check\n{out}")
    }
}

/// The selection as Markdown: a header, one section per article in corpus order (passages as
/// quotes with their position and actors, claims as `**Speaker** (cue): « text »`), the
/// cross-check of the selected claims (who else reports them, who contradicts them), and an
/// index of actors.
pub fn markdown(corpus: &Corpus, analysed: &Analysis, selection: &Selection, info: &ExportInfo) -> String {
    let (actors, claims) = (&analysed.actors, &analysed.claims);
    use crate::wording::counted;
    let mut out = String::from("# recoupe: selection\n\n");
    out.push_str(&format!("- Exported: {}\n", escape(&info.date)));
    out.push_str(&format!(
        "- Corpus: {} ({})\n",
        escape(&info.corpus),
        counted(corpus.documents.len(), "document")
    ));
    if !info.filters.is_empty() {
        out.push_str(&format!("- Filters: {}\n", escape(&info.filters.join("; "))));
    }
    out.push_str(&format!(
        "- Selected: {}, {}\n",
        counted(selection.passages.len(), "passage"),
        counted(selection.claims.len(), "claim")
    ));
    let mut docs: BTreeSet<usize> = selection.passages.iter().map(|(d, _)| *d).collect();
    docs.extend(selection.claims.iter().filter_map(|c| claims.get(*c)).map(|c| c.doc));
    let mut index: BTreeMap<String, BTreeSet<(usize, usize)>> = BTreeMap::new();
    for d in docs {
        let doc = &corpus.documents[d];
        out.push_str(&format!("\n## {}\n\n", escape(&sanitize_line(&doc.title))));
        let date = doc.date.as_deref().map(|x| format!("{x} · ")).unwrap_or_default();
        out.push_str(&format!("*{}`{}`*\n", escape(&date), doc.id.replace('`', "'")));
        for &(_, p) in selection.passages.range((d, 0)..(d + 1, 0)) {
            let Some(passage) = doc.passages.get(p) else { continue };
            let text = sanitize_line(doc.text(passage));
            let (first, last) = (line_of(&doc.source, passage.start), line_of(&doc.source, passage.end));
            let mut names: Vec<String> = actors
                .in_passage(d, p)
                .map(|r| actors.actors[r.actor].name.clone())
                .collect();
            names.sort();
            names.dedup();
            let lines = if first == last {
                format!("line {first}")
            } else {
                format!("lines {first}–{last}")
            };
            out.push_str(&format!(
                "\n> {}\n>\n> — ¶ {}, {lines}",
                escape(&text),
                doc.paragraph(p)
            ));
            if !names.is_empty() {
                out.push_str(&format!(" · actors: {}", escape(&names.join(", "))));
            }
            out.push('\n');
            for name in names {
                index.entry(name).or_default().insert((d, p));
            }
        }
        for c in selection
            .claims
            .iter()
            .filter_map(|c| claims.get(*c))
            .filter(|c| c.doc == d)
        {
            let (speaker, said) = claim_words(c, actors);
            let cue = if c.cue.is_empty() {
                String::new()
            } else {
                format!(" ({})", escape(&sanitize_line(&c.cue)))
            };
            let how = match c.how_found {
                HowFound::Named => String::new(),
                other => format!(" _(speaker found by {})_", other.label()),
            };
            out.push_str(&format!(
                "\n**{}**{cue}: {said} — ¶ {}{how}\n",
                escape(&speaker),
                doc.paragraph(c.passage)
            ));
            index.entry(speaker).or_default().insert((d, c.passage));
        }
    }
    out.push_str(&cross_check_section(corpus, analysed, selection));
    if !index.is_empty() {
        out.push_str("\n## Index of actors\n\n");
        for (name, places) in index {
            let places: Vec<String> = places
                .into_iter()
                .map(|(d, p)| {
                    let doc = &corpus.documents[d];
                    escape(&format!("{} ¶ {}", doc.id, doc.paragraph(p)))
                })
                .collect();
            out.push_str(&format!("- **{}**: {}\n", escape(&name), places.join(", ")));
        }
    }
    out
}

/// A claim's cross-references as JSON: each other claim's place, relation, score, reasons,
/// speaker, language and words (`recoupe claims --json` and the JSON export).
pub fn crossrefs_json(corpus: &Corpus, analysed: &Analysis, claim: usize) -> Vec<serde_json::Value> {
    analysed
        .crosscheck()
        .of(claim)
        .iter()
        .filter_map(|r| {
            let other = analysed.claims.get(r.claim)?;
            let doc = &corpus.documents[other.doc];
            Some(serde_json::json!({
                "doc": doc.id, "paragraph": doc.paragraph(other.passage), "passage": other.passage,
                "start": doc.file_offset(other.start), "end": doc.file_offset(other.end),
                "relation": r.relation, "score": (r.score * 1000.0).round() / 1000.0, "reasons": r.reasons,
                "speaker": other.speaker.and_then(|s| analysed.actors.actors.get(s)).map(|a| a.name.clone()),
                "lang": crate::analysis::lang::of_document(doc).code(), "text": other.text,
            }))
        })
        .collect()
}

/// The same selection as JSON.
pub fn json(corpus: &Corpus, analysed: &Analysis, selection: &Selection, info: &ExportInfo) -> serde_json::Value {
    let (actors, claims) = (&analysed.actors, &analysed.claims);
    let passages: Vec<serde_json::Value> = selection
        .passages
        .iter()
        .filter_map(|&(d, p)| {
            let doc = corpus.documents.get(d)?;
            let passage = doc.passages.get(p)?;
            let names: BTreeSet<String> = actors
                .in_passage(d, p)
                .map(|r| actors.actors[r.actor].name.clone())
                .collect();
            Some(serde_json::json!({
                "doc": doc.id, "title": doc.title, "date": doc.date, "paragraph": doc.paragraph(p), "passage": p,
                "start": doc.file_offset(passage.start), "end": doc.file_offset(passage.end), "text": doc.text(passage), "actors": names,
            }))
        })
        .collect();
    let claims: Vec<serde_json::Value> = selection
        .claims
        .iter()
        .filter_map(|&i| claims.get(i).map(|c| (i, c)))
        .map(|(i, c)| {
            let doc = &corpus.documents[c.doc];
            serde_json::json!({
                "doc": doc.id, "paragraph": doc.paragraph(c.passage),
                "passage": c.passage, "start": doc.file_offset(c.start), "end": doc.file_offset(c.end),
                "speaker": c.speaker.and_then(|s| actors.actors.get(s)).map(|a| a.name.clone()),
                "speaker_text": c.speaker_text, "cue": c.cue, "kind": c.kind, "how_found": c.how_found, "text": c.text,
                "crossrefs": crossrefs_json(corpus, analysed, i),
            })
        })
        .collect();
    serde_json::json!({"exported": info.date, "corpus": info.corpus, "filters": info.filters, "passages": passages, "claims": claims})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape("*gras* _it_ [lien](x) `code` # titre"),
            "\\*gras\\* \\_it\\_ \\[lien\\](x) \\`code\\` \\# titre"
        );
        assert_eq!(escape("- liste"), "\\- liste");
        assert_eq!(escape("1. un"), "1\\. un");
        assert_eq!(escape("« guillemets » l’OTAN"), "« guillemets » l’OTAN");
    }
}
