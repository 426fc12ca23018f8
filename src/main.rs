//! The `recoupe` command: the reader with no subcommand, headless analysis with one.

use clap::{Parser, Subcommand};
use recoupe::analysis::lexicon::Lexicon;
use recoupe::analysis::{actors, claims, related};
use recoupe::corpus::{self, Corpus, LoadError};
use recoupe::curation::Curation;
use recoupe::export;
use recoupe::tui::Source;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// A terminal reader for news corpora: who appears, who said what, and where else it is told.
#[derive(Parser)]
#[command(
    name = "recoupe",
    version,
    args_conflicts_with_subcommands = true,
    after_help = "Exit status: 0 done; 1 a filter (--actor, --filter) matched nothing, said on stderr, or the work failed; 2 the command could not run as asked (arguments, a missing path, an empty folder, a broken lexicon or cue file, an export file that exists). A closed pipe (| head) ends a command quietly with 0."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Files or folders to read (.txt and .md, folders walked recursively).
    /// Default: ./seeds if present, else the bundled seed corpus.
    paths: Vec<PathBuf>,
    /// Your lexicon (TOML), merged over the bundled one; the reader saves actor corrections to it
    /// [default: ~/.config/recoupe/actors.toml].
    #[arg(long, value_name = "FILE")]
    lexicon: Option<PathBuf>,
    /// Analyse again instead of reusing the analysis kept in the cache folder
    /// (~/.cache/recoupe/, or $XDG_CACHE_HOME/recoupe/).
    #[arg(long)]
    no_cache: bool,
}

#[derive(Subcommand)]
enum Command {
    /// The actors of a corpus: people, organisations, states, groups, media, places.
    Actors {
        paths: Vec<PathBuf>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Only the actors matching this fuzzy query (name or alias, accents and case ignored), best first.
        #[arg(long, value_name = "QUERY")]
        filter: Option<String>,
        /// Your lexicon (TOML), merged over the bundled one [default: ~/.config/recoupe/actors.toml].
        #[arg(long, value_name = "FILE")]
        lexicon: Option<PathBuf>,
    },
    /// Who said what: direct quotes and reported speech, with their speakers.
    Claims {
        paths: Vec<PathBuf>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Only the claims of actors whose name or alias contains this (accents and case ignored).
        #[arg(long, value_name = "QUERY")]
        actor: Vec<String>,
        /// Your lexicon (TOML), merged over the bundled one [default: ~/.config/recoupe/actors.toml].
        #[arg(long, value_name = "FILE")]
        lexicon: Option<PathBuf>,
    },
    /// For every passage, the most related passages of other documents, with the reasons.
    Related {
        paths: Vec<PathBuf>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// How many related passages per passage.
        #[arg(long, default_value_t = 5)]
        top: usize,
        /// Your lexicon (TOML), merged over the bundled one [default: ~/.config/recoupe/actors.toml].
        #[arg(long, value_name = "FILE")]
        lexicon: Option<PathBuf>,
    },
    /// Export passages (or claims) to Markdown: those mentioning every given actor.
    Export {
        paths: Vec<PathBuf>,
        /// Keep passages that mention this actor (name or alias, accents and case ignored); repeat to require several.
        #[arg(long, value_name = "QUERY")]
        actor: Vec<String>,
        /// Export claims instead of passages.
        #[arg(long)]
        claims: bool,
        /// Where to write; `-` or nothing is standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// markdown or json.
        #[arg(long, default_value = "markdown", value_parser = ["markdown", "json"])]
        format: String,
        /// Overwrite FILE when it exists.
        #[arg(long)]
        force: bool,
        /// Your lexicon (TOML), merged over the bundled one [default: ~/.config/recoupe/actors.toml].
        #[arg(long, value_name = "FILE")]
        lexicon: Option<PathBuf>,
    },
    /// Documents, passages, actors, claims, bytes, and the time each stage took.
    Stats {
        paths: Vec<PathBuf>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => {
            let cache = (!cli.no_cache).then(recoupe::cache::default_dir).flatten();
            reader_source(&cli.paths).and_then(|s| run_tui(s, cli.lexicon.as_deref(), cache))
        }
        Some(Command::Actors {
            paths,
            json,
            filter,
            lexicon,
        }) => open(&paths).and_then(|c| print_actors(&c, json, filter.as_deref(), lexicon.as_deref())),
        Some(Command::Claims {
            paths,
            json,
            actor,
            lexicon,
        }) => open(&paths).and_then(|c| print_claims(&c, json, &actor, lexicon.as_deref())),
        Some(Command::Related {
            paths,
            json,
            top,
            lexicon,
        }) => open(&paths).and_then(|c| print_related(&c, json, top, lexicon.as_deref())),
        Some(Command::Export {
            paths,
            actor,
            claims,
            output,
            format,
            force,
            lexicon,
        }) => open(&paths).and_then(|c| {
            let options = ExportOptions {
                queries: &actor,
                claims,
                output: output.as_deref(),
                json: format == "json",
                force,
            };
            export(&c, &options, lexicon.as_deref())
        }),
        Some(Command::Stats { paths, json }) => print_stats(&paths, json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("recoupe: {e:#}");
            let usage = e.downcast_ref::<LoadError>().is_some() || e.downcast_ref::<UsageError>().is_some();
            // 1: nothing matched, or the work failed; 2: the command could not run as asked.
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct UsageError(String);

/// What a filter matched nothing of: said on stderr, exit status 1 (like `grep`).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct NoMatch(String);

/// Writes a line to standard output; a closed pipe (`recoupe claims | head -1`) comes back as
/// an error that ends the command quietly.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)?
    }};
}

/// `"a", "b"`: queries as the user typed them.
fn quoted_list(queries: &[String]) -> String {
    queries
        .iter()
        .map(|q| format!("{q:?}"))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// Whether an error is standard output closed by the reader of a pipe.
fn closed_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Loads the corpus named on the command line (or the default one), warnings on stderr, and a
/// progress bar there when stderr is a terminal (nothing when it is a pipe or a file).
fn open(paths: &[PathBuf]) -> anyhow::Result<Corpus> {
    open_timed(paths).map(|(corpus, _)| corpus)
}

/// Like `open`, with the time spent reading files and cleaning them (zero for the bundled corpus).
fn open_timed(paths: &[PathBuf]) -> anyhow::Result<(Corpus, [std::time::Duration; 2])> {
    let (corpus, times) = if !paths.is_empty() {
        load_with_progress(paths)?
    } else if std::path::Path::new("seeds").is_dir() {
        load_with_progress(&[PathBuf::from("seeds")])?
    } else {
        (corpus::load_seeds(), Default::default())
    };
    for warning in &corpus.warnings {
        eprintln!("recoupe: {warning}");
    }
    Ok((corpus, times))
}

fn load_with_progress(paths: &[PathBuf]) -> Result<(Corpus, [std::time::Duration; 2]), LoadError> {
    let bar = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(0)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("reading {bar:30} {binary_bytes}/{binary_total_bytes} {msg} ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut times = [std::time::Duration::ZERO; 2];
    let result = corpus::load_paths_with(paths, |loader| {
        let p = &loader.progress;
        bar.set_length(p.bytes_total);
        bar.set_position(p.bytes_done);
        bar.set_message(format!("{}/{} files", p.files_done, p.files_total));
        times = [loader.read_time, loader.clean_time];
    });
    bar.finish_and_clear();
    result.map(|corpus| (corpus, times))
}

/// What the reader opens: the files to read in the background (missing paths and empty folders
/// are said at once, before the terminal is taken over), or the bundled corpus.
fn reader_source(paths: &[PathBuf]) -> anyhow::Result<Source> {
    let paths = if !paths.is_empty() {
        paths.to_vec()
    } else if std::path::Path::new("seeds").is_dir() {
        vec![PathBuf::from("seeds")]
    } else {
        return Ok(Source::Ready(corpus::load_seeds()));
    };
    let plan = corpus::plan(&paths)?;
    if plan.files.is_empty() {
        return Err(LoadError::NothingLoadable {
            origin: plan.origin,
            warnings: plan.warnings,
        }
        .into());
    }
    Ok(Source::Load(plan))
}

fn run_tui(source: Source, lexicon: Option<&std::path::Path>, cache: Option<PathBuf>) -> anyhow::Result<()> {
    let curation = user_curation(lexicon)?;
    // A broken lexicon is said before the terminal is taken over.
    curation.lexicon().map_err(|e| UsageError(e.to_string()))?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(UsageError(
            "the reader needs a terminal; for scripts use a subcommand (see recoupe --help)".into(),
        )
        .into());
    }
    let settings = recoupe::tui::Settings {
        cache,
        kept: recoupe::kept::default_dir(),
        theme: user_theme()?,
        keymap: user_keymap()?,
    };
    recoupe::tui::run(source, curation, settings)
}

/// Counts of a corpus and the time each stage took, so a user can see where time goes.
fn print_stats(paths: &[PathBuf], json: bool) -> anyhow::Result<()> {
    use std::time::Instant;
    let clock = Instant::now();
    // Reading and cleaning happen file by file: the loader times each apart.
    let (corpus, [read, clean]) = open_timed(paths)?;
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

/// The user's lexicon: the `--lexicon` file, else `actors.toml` in the platform's config folder
/// (`$XDG_CONFIG_HOME/recoupe/` or `~/.config/recoupe/` on Linux). Missing is empty.
fn user_curation(path: Option<&std::path::Path>) -> anyhow::Result<Curation> {
    let path = match path {
        Some(p) => Some(p.to_path_buf()),
        None => dirs::config_dir().map(|d| d.join("recoupe").join("actors.toml")),
    };
    match path {
        Some(p) => Ok(Curation::load(&p).map_err(|e| UsageError(e.to_string()))?),
        None => Ok(Curation::in_memory()),
    }
}

/// A file of the user's config folder, if it is there; one that cannot be read is an error.
fn user_config_file(name: &str) -> anyhow::Result<Option<(PathBuf, String)>> {
    let Some(path) = dirs::config_dir().map(|d| d.join("recoupe").join(name)) else {
        return Ok(None);
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some((path, text))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(UsageError(format!("cannot read {}: {e}", path.display())).into()),
    }
}

/// The bundled keymap with the user's `keymap.toml` (same format) over it.
fn user_keymap() -> anyhow::Result<recoupe::tui::keymap::Keymap> {
    use recoupe::tui::keymap::Keymap;
    let Some((path, text)) = user_config_file("keymap.toml")? else {
        return Ok(Keymap::default_map());
    };
    let user = Keymap::parse(&text).map_err(|e| UsageError(format!("{}: {e}", path.display())))?;
    Ok(Keymap::default_map().with_user(user))
}

/// `NO_COLOR` (set and not empty) wins; else the bundled theme with the user's `theme.toml`.
fn user_theme() -> anyhow::Result<recoupe::tui::theme::Theme> {
    use recoupe::tui::theme::Theme;
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return Ok(Theme::no_color());
    }
    match user_config_file("theme.toml")? {
        Some((path, text)) => Ok(Theme::with_user(&text).map_err(|e| UsageError(format!("{}: {e}", path.display())))?),
        None => Ok(Theme::embedded()),
    }
}

fn load_lexicon(path: Option<&std::path::Path>) -> anyhow::Result<Lexicon> {
    Ok(user_curation(path)?.lexicon().map_err(|e| UsageError(e.to_string()))?)
}

fn print_actors(
    corpus: &Corpus,
    json: bool,
    filter: Option<&str>,
    lexicon: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    let lexicon = load_lexicon(lexicon)?;
    let found = actors::extract(corpus, &lexicon);
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
        let list: Vec<serde_json::Value> = shown
            .iter()
            .map(|a| {
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
                            v["role"] = role.clone().into();
                        }
                        v
                    })
                    .collect();
                serde_json::json!({"name": a.name, "kind": a.kind, "aliases": a.aliases, "mentions": mentions})
            })
            .collect();
        out!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "actors": list }))?
        );
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

fn print_claims(
    corpus: &Corpus,
    json: bool,
    queries: &[String],
    lexicon: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    let lexicon = load_lexicon(lexicon)?;
    let analysis = recoupe::analysis::Analysis::build(corpus, &lexicon);
    let (found, all) = (&analysis.actors, &analysis.claims);
    let query = recoupe::analysis::query::ActorQuery::from_texts(found, queries)
        .map_err(|q| NoMatch(format!("no actor matches {q:?}")))?;
    let selected: Vec<(usize, &claims::Claim)> = query.claims(all).into_iter().map(|c| (c, &all[c])).collect();
    if selected.is_empty() && !queries.is_empty() {
        return Err(NoMatch(format!("no claim by an actor matching {}", quoted_list(queries))).into());
    }
    if json {
        let list: Vec<serde_json::Value> = selected
            .iter()
            .map(|&(i, c)| {
                let crossrefs = recoupe::export::crossrefs_json(corpus, &analysis, i);
                serde_json::json!({
                    "doc": corpus.documents[c.doc].id,
                    "paragraph": corpus.documents[c.doc].paragraph(c.passage),
                    "passage": c.passage,
                    "start": corpus.documents[c.doc].file_offset(c.start),
                    "end": corpus.documents[c.doc].file_offset(c.end),
                    "speaker": c.speaker.map(|s| found.actors[s].name.clone()),
                    "speaker_text": c.speaker_text,
                    "cue": c.cue,
                    "kind": c.kind,
                    "how_found": c.how_found,
                    "text": c.text,
                    "crossrefs": crossrefs,
                })
            })
            .collect();
        out!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "claims": list }))?
        );
    } else {
        for (i, c) in selected {
            let speaker = c
                .speaker
                .map_or(c.speaker_text.clone(), |s| found.actors[s].name.clone());
            let cue = if c.cue.is_empty() {
                String::new()
            } else {
                format!(" ({})", c.cue)
            };
            let how = match c.how_found {
                claims::HowFound::Named => String::new(),
                other => format!(" [{}]", other.label()),
            };
            let text = match c.kind {
                claims::ClaimKind::Direct => format!("« {} »", c.text),
                claims::ClaimKind::Indirect => c.text.clone(),
            };
            let checked = match analysis.crosscheck().counts(i, all) {
                (0, 0) => String::new(),
                (reports, contradicts) => {
                    let reported = (reports > 0)
                        .then(|| format!("reported by {}", recoupe::wording::counted(reports, "other article")));
                    let contradicted = (contradicts > 0)
                        .then(|| format!("contradicted by {}", recoupe::wording::counted(contradicts, "article")));
                    format!(
                        " [{}]",
                        reported.into_iter().chain(contradicted).collect::<Vec<_>>().join(", ")
                    )
                }
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

fn print_related(corpus: &Corpus, json: bool, top: usize, lexicon: Option<&std::path::Path>) -> anyhow::Result<()> {
    let lexicon = load_lexicon(lexicon)?;
    let analysis = recoupe::analysis::Analysis::build(corpus, &lexicon);
    let index = &analysis.related;
    let range = |d: usize, p: usize| {
        let doc = &corpus.documents[d];
        let passage = &doc.passages[p];
        (doc.file_offset(passage.start), doc.file_offset(passage.end))
    };
    let mut out = Vec::new();
    for (d, p) in index.passages() {
        let list = index.related(d, p, top);
        if json {
            let (start, end) = range(d, p);
            let related: Vec<serde_json::Value> = list
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
            out.push(serde_json::json!({"doc": corpus.documents[d].id, "paragraph": corpus.documents[d].paragraph(p), "passage": p, "start": start, "end": end, "related": related}));
        } else {
            for r in &list {
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
    }
    if json {
        out!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "passages": out }))?
        );
    }
    Ok(())
}

struct ExportOptions<'a> {
    queries: &'a [String],
    claims: bool,
    output: Option<&'a std::path::Path>,
    json: bool,
    force: bool,
}

fn export(corpus: &Corpus, options: &ExportOptions, lexicon: Option<&std::path::Path>) -> anyhow::Result<()> {
    let lexicon = load_lexicon(lexicon)?;
    let analysis = recoupe::analysis::Analysis::build(corpus, &lexicon);
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
        serde_json::to_string_pretty(&export::json(corpus, &analysis, &selection, &info))? + "\n"
    } else {
        export::markdown(corpus, &analysis, &selection, &info)
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
