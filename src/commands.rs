//! The headless commands: actors, claims, related, export and stats, as tables or JSON.

use super::*;

/// Counts of a corpus and the time each stage took, so a user can see where time goes.
pub(crate) fn print_stats(paths: &[PathBuf], json: bool) -> anyhow::Result<()> {
    use std::time::Instant;
    let clock = Instant::now();
    // Reading and cleaning happen file by file: the loader times each apart.
    let (corpus, [read, clean]) = open_timed(paths, None)?;
    let load = clock.elapsed();
    let lexicon = Lexicon::embedded();
    let clock = Instant::now();
    let found = actors::extract(&corpus, &lexicon);
    let actors_time = clock.elapsed();
    let clock = Instant::now();
    let all = claims::extract(&corpus, &found, &lexicon, &lexicon.cues);
    let claims_time = clock.elapsed();
    let clock = Instant::now();
    let index = related::RelatedIndex::build(&corpus, &found, &all, &lexicon);
    let related_time = clock.elapsed();
    let passages: usize = corpus.documents.iter().map(|d| d.content_count()).sum();
    let ms = |d: std::time::Duration| (d.as_secs_f64() * 10_000.0).round() / 10.0;
    let value = serde_json::json!({
        "documents": corpus.documents.len(),
        "passages": passages,
        "actors": found.actors.len(),
        "claims": all.len(),
        "bytes": corpus.bytes(),
        "warnings": corpus.warnings.len(),
        "indexed_passages": index.passages().count(),
        // Loading and cleaning happen together, file by file.
        "milliseconds": {"load": ms(read), "clean": ms(clean), "load_and_clean": ms(load), "actors": ms(actors_time), "claims": ms(claims_time), "related": ms(related_time)},
    });
    if json {
        out!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        for key in ["documents", "passages", "actors", "claims", "bytes", "warnings"] {
            out!("{key:<16} {}", value[key]);
        }
        for (stage, t) in [
            ("load (read)", read),
            ("clean", clean),
            ("actors", actors_time),
            ("claims", claims_time),
            ("related", related_time),
        ] {
            out!("{:<16} {} ms", stage, ms(t));
        }
    }
    Ok(())
}

pub(crate) fn print_actors(corpus: &Corpus, json: bool, filter: Option<&str>, setup: &Setup) -> anyhow::Result<()> {
    let found = analysed_actors(corpus, setup)?;
    let order: Vec<usize> = match filter {
        Some(query) => recoupe::search::ActorIndex::new(&found.actors)
            .search(&found.actors, query, usize::MAX)
            .into_iter()
            .map(|m| m.actor)
            .collect(),
        None => (0..found.actors.len()).collect(),
    };
    let shown: Vec<&actors::Actor> = order.iter().map(|&a| &found.actors[a]).collect();
    if let Some(query) = filter.filter(|_| shown.is_empty()) {
        return Err(NoMatch(format!("no actor matches {query:?}")).into());
    }
    if json {
        let list = Each(&shown, |a: &&actors::Actor| {
            let mentions: Vec<serde_json::Value> = a
                .mentions
                .iter()
                .map(|m| {
                    let mut v = serde_json::json!({
                        "doc": corpus.documents[m.doc].id,
                        "paragraph": corpus.documents[m.doc].paragraph(m.passage),
                        "passage": m.passage,
                        "start": corpus.documents[m.doc].file_offset(m.start),
                        "end": corpus.documents[m.doc].file_offset(m.end),
                        "text": m.text,
                    });
                    if let Some(role) = &m.role {
                        v["role"] = role.as_str().into();
                    }
                    v
                })
                .collect();
            serde_json::json!({"name": a.name, "kind": a.kind, "aliases": a.aliases, "mentions": mentions})
        });
        print_json(&Named {
            key: "actors",
            value: list,
        })?;
    } else {
        out!(
            "{:<36} {:<13} {:>8} {:>5}  aliases",
            "actor",
            "kind",
            "mentions",
            "docs"
        );
        for a in &shown {
            out!(
                "{:<36} {:<13} {:>8} {:>5}  {}",
                a.name,
                a.kind.label(),
                a.mentions.len(),
                a.documents(),
                a.aliases.join(", ")
            );
        }
    }
    Ok(())
}

pub(crate) fn print_claims(corpus: &Corpus, json: bool, queries: &[String], setup: &Setup) -> anyhow::Result<()> {
    let analysis = analysed(corpus, setup)?;
    let (found, all) = (&analysis.actors, &analysis.claims);
    let query = recoupe::analysis::query::ActorQuery::from_texts(found, queries)
        .map_err(|q| NoMatch(format!("no actor matches {q:?}")))?;
    let selected: Vec<(usize, &claims::Claim)> = query.claims(all).into_iter().map(|c| (c, &all[c])).collect();
    if selected.is_empty() && !queries.is_empty() {
        return Err(NoMatch(format!("no claim by an actor matching {}", quoted_list(queries))).into());
    }
    if json {
        /// One claim as printed: written straight out, its fields in name order.
        #[derive(serde::Serialize)]
        struct ClaimJson<'a> {
            crossrefs: Vec<serde_json::Value>,
            cue: &'a str,
            doc: &'a str,
            end: usize,
            how_found: claims::HowFound,
            kind: claims::ClaimKind,
            paragraph: usize,
            passage: usize,
            speaker: Option<&'a str>,
            speaker_text: &'a str,
            start: usize,
            text: &'a str,
        }
        let list = Each(&selected, |&(i, _): &(usize, &claims::Claim)| {
            let c = &all[i];
            let doc = &corpus.documents[c.doc];
            ClaimJson {
                crossrefs: recoupe::export::crossrefs_json(corpus, analysis, i),
                cue: &c.cue,
                doc: &doc.id,
                end: doc.file_offset(c.end),
                how_found: c.how_found,
                kind: c.kind,
                paragraph: doc.paragraph(c.passage),
                passage: c.passage,
                speaker: c.speaker.map(|s| found.actors[s].name.as_str()),
                speaker_text: &c.speaker_text,
                start: doc.file_offset(c.start),
                text: &c.text,
            }
        });
        print_json(&Named {
            key: "claims",
            value: list,
        })?;
    } else {
        for (i, c) in selected {
            let speaker = c
                .speaker
                .map_or_else(|| c.speaker_text.to_string(), |s| found.actors[s].name.clone());
            let cue = if c.cue.is_empty() {
                String::new()
            } else {
                format!(" ({})", c.cue)
            };
            let how = match c.how_found {
                claims::HowFound::Named => String::new(),
                other => format!(" [{}]", other.label()),
            };
            let text = c.quoted();
            let checked = match analysis.crosscheck().counts(i, all) {
                (0, 0) => String::new(),
                (reports, contradicts) => format!(" [{}]", recoupe::wording::cross_checked(reports, contradicts)),
            };
            out!(
                "{} ¶{} [{}] {speaker}{how}{cue}: {text}{checked}",
                corpus.documents[c.doc].id,
                corpus.documents[c.doc].paragraph(c.passage),
                format!("{:?}", c.kind).to_lowercase(),
            );
        }
    }
    Ok(())
}

pub(crate) fn print_related(corpus: &Corpus, json: bool, top: usize, setup: &Setup) -> anyhow::Result<()> {
    let analysis = analysed(corpus, setup)?;
    let index = &analysis.related;
    let range = |d: usize, p: usize| {
        let doc = &corpus.documents[d];
        let passage = &doc.passages[p];
        (doc.file_offset(passage.start), doc.file_offset(passage.end))
    };
    let passages: Vec<(usize, usize)> = index.passages().collect();
    if json {
        let list = Each(&passages, |&(d, p): &(usize, usize)| {
            let (start, end) = range(d, p);
            let related: Vec<serde_json::Value> = index
                .related(d, p, top)
                .iter()
                .map(|r| {
                    let (s, e) = range(r.doc, r.passage);
                    serde_json::json!({
                        "doc": corpus.documents[r.doc].id, "paragraph": corpus.documents[r.doc].paragraph(r.passage),
                        "passage": r.passage, "start": s, "end": e,
                        "score": (r.score * 1000.0).round() / 1000.0,
                        "relation": r.relation,
                        "reasons": r.reasons.iter().map(|x| x.label()).collect::<Vec<_>>(),
                    })
                })
                .collect();
            serde_json::json!({"doc": corpus.documents[d].id, "paragraph": corpus.documents[d].paragraph(p), "passage": p, "start": start, "end": end, "related": related})
        });
        return print_json(&Named {
            key: "passages",
            value: list,
        });
    }
    for (d, p) in passages {
        for r in &index.related(d, p, top) {
            out!(
                "{} ¶{} → {} ¶{} ({:.2} {}; {})",
                corpus.documents[d].id,
                corpus.documents[d].paragraph(p),
                corpus.documents[r.doc].id,
                corpus.documents[r.doc].paragraph(r.passage),
                r.score,
                r.relation.label(),
                r.reasons.iter().map(|x| x.label()).collect::<Vec<_>>().join("; ")
            );
        }
    }
    Ok(())
}

/// A list written item by item as it is serialised, each item made by a function: the JSON of
/// a large corpus is never held whole in memory.
struct Each<'a, T, F>(&'a [T], F);

impl<T, U: serde::Serialize, F: Fn(&T) -> U> serde::Serialize for Each<'_, T, F> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(&self.1))
    }
}

/// `{"key": value}`.
struct Named<T> {
    key: &'static str,
    value: T,
}

impl<T: serde::Serialize> serde::Serialize for Named<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.key, &self.value)?;
        map.end()
    }
}

/// Writes pretty JSON to standard output as it is serialised (a closed pipe comes back as the
/// I/O error it is).
fn print_json(value: &impl serde::Serialize) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, value).map_err(std::io::Error::from)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

pub(crate) struct ExportOptions<'a> {
    pub(crate) queries: &'a [String],
    pub(crate) claims: bool,
    pub(crate) output: Option<&'a std::path::Path>,
    pub(crate) json: bool,
    pub(crate) force: bool,
}

pub(crate) fn export(corpus: &Corpus, options: &ExportOptions, setup: &Setup) -> anyhow::Result<()> {
    let analysis = analysed(corpus, setup)?;
    let (found, all) = (&analysis.actors, &analysis.claims);
    // Each query names a set of actors; a passage must mention one actor of every set.
    let query = recoupe::analysis::query::ActorQuery::from_texts(found, options.queries)
        .map_err(|q| NoMatch(format!("no actor matches {q:?}")))?;
    let mut selection = export::Selection::default();
    if options.claims {
        selection.claims = query.claims(all).into_iter().collect();
    } else {
        selection.passages = query.passages(found, corpus).into_iter().collect();
    }
    if selection.is_empty() {
        return Err(NoMatch(format!(
            "nothing to export: no {} of actors matching {}",
            if options.claims { "claim" } else { "passage" },
            quoted_list(options.queries)
        ))
        .into());
    }
    let names: Vec<String> = query.names(found).into_iter().map(|n| format!("actor: {n}")).collect();
    let info = export::ExportInfo {
        date: recoupe::save::now().0,
        corpus: corpus.origin.clone(),
        filters: names,
    };
    let text = if options.json {
        serde_json::to_string_pretty(&export::json(corpus, analysis, &selection, &info))? + "\n"
    } else {
        export::markdown(corpus, analysis, &selection, &info)
    };
    match options.output.filter(|p| p.as_os_str() != "-") {
        None => {
            use std::io::Write as _;
            std::io::stdout().lock().write_all(text.as_bytes())?;
        }
        Some(path) => {
            if path.exists() && !options.force {
                return Err(UsageError(format!(
                    "{}: already exists; add --force to overwrite it",
                    path.display()
                ))
                .into());
            }
            recoupe::save::write_atomically(path, &text)?;
            eprintln!(
                "recoupe: wrote {} ({})",
                path.display(),
                recoupe::wording::counted(selection.len(), "item")
            );
        }
    }
    Ok(())
}
