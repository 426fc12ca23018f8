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

/// The analysis makes and frees millions of small values (words, mentions, postings, claims)
/// on every core; mimalloc does that faster than the system allocator (a cold analysis of
/// 10,000 articles: a fifth less time and memory). Built without transparent huge pages
/// (`no_thp`): the kernel may stall compacting memory to give them, and did here, by a second.
/// The benchmarks use it too, counted by `cap` to tell the memory a stage holds.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    #[arg(long, global = true)]
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
    let cache = (!cli.no_cache).then(recoupe::cache::default_dir).flatten();
    // A subcommand's own --lexicon, else the one given before it.
    let setup = |lexicon: Option<PathBuf>| Setup {
        lexicon: lexicon.or(cli.lexicon.clone()),
        cache: cache.clone(),
    };
    let result = match cli.command {
        None => reader_source(&cli.paths).and_then(|s| run_tui(s, cli.lexicon.as_deref(), cache.clone())),
        Some(Command::Actors {
            paths,
            json,
            filter,
            lexicon,
        }) => open(&paths, cache.as_deref()).and_then(|c| print_actors(&c, json, filter.as_deref(), &setup(lexicon))),
        Some(Command::Claims {
            paths,
            json,
            actor,
            lexicon,
        }) => open(&paths, cache.as_deref()).and_then(|c| print_claims(&c, json, &actor, &setup(lexicon))),
        Some(Command::Related {
            paths,
            json,
            top,
            lexicon,
        }) => open(&paths, cache.as_deref()).and_then(|c| print_related(&c, json, top, &setup(lexicon))),
        Some(Command::Export {
            paths,
            actor,
            claims,
            output,
            format,
            force,
            lexicon,
        }) => open(&paths, cache.as_deref()).and_then(|c| {
            let options = ExportOptions {
                queries: &actor,
                claims,
                output: output.as_deref(),
                json: format == "json",
                force,
            };
            export(&c, &options, &setup(lexicon))
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

mod commands;
use commands::*;

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
/// With a cache folder, files cleaned by an earlier run are not cleaned again.
fn open(paths: &[PathBuf], cache: Option<&std::path::Path>) -> anyhow::Result<Corpus> {
    open_timed(paths, cache).map(|(corpus, _)| corpus)
}

/// Like `open`, with the time spent reading files and cleaning them (zero for the bundled corpus).
fn open_timed(
    paths: &[PathBuf],
    cache: Option<&std::path::Path>,
) -> anyhow::Result<(Corpus, [std::time::Duration; 2])> {
    let (corpus, times) = if !paths.is_empty() {
        load_with_progress(paths, cache)?
    } else if std::path::Path::new("seeds").is_dir() {
        load_with_progress(&[PathBuf::from("seeds")], cache)?
    } else {
        (corpus::load_seeds(), Default::default())
    };
    for warning in &corpus.warnings {
        eprintln!("recoupe: {warning}");
    }
    Ok((corpus, times))
}

fn load_with_progress(
    paths: &[PathBuf],
    cache: Option<&std::path::Path>,
) -> Result<(Corpus, [std::time::Duration; 2]), LoadError> {
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
    let shapes = cache.map(|dir| std::sync::Arc::new(recoupe::cache::load_shapes(dir)));
    let result = corpus::load_paths_with_shapes(paths, shapes, |loader| {
        let p = &loader.progress;
        bar.set_length(p.bytes_total);
        bar.set_position(p.bytes_done);
        bar.set_message(format!("{}/{} files", p.files_done, p.files_total));
        times = [loader.read_time, loader.clean_time];
    });
    bar.finish_and_clear();
    result.map(|(corpus, learned)| {
        if let (Some(dir), Some(learned)) = (cache, learned) {
            // A cache that cannot be written only costs time next run.
            let _ = recoupe::cache::store_shapes(dir, &learned);
        }
        (corpus, times)
    })
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

/// How a headless command analyses: with the user's lexicon (and cue file beside it), and the
/// cache folder the reader uses too (none with `--no-cache`).
struct Setup {
    lexicon: Option<PathBuf>,
    cache: Option<PathBuf>,
}

/// The corpus's actors as `setup` says, read alone from the cache when they were kept.
fn analysed_actors(corpus: &Corpus, setup: &Setup) -> anyhow::Result<&'static recoupe::analysis::actors::Actors> {
    with_user_lexicon(corpus, setup, recoupe::cache::actors)
}

/// The corpus analysed as `setup` says: read back from the cache when it was kept for the same
/// files, lexicon, cues and build, else built (and kept).
fn analysed(corpus: &Corpus, setup: &Setup) -> anyhow::Result<&'static recoupe::analysis::Analysis> {
    with_user_lexicon(corpus, setup, recoupe::cache::analysis)
}

/// What `work` makes of the corpus with the user's lexicon (its text as the cache key takes it)
/// and the cache folder of `setup`. A headless command ends with the process, so the result is
/// never freed: letting go of its millions of small values one by one would only make the
/// command slower.
fn with_user_lexicon<T>(
    corpus: &Corpus,
    setup: &Setup,
    work: impl FnOnce(&Corpus, &Lexicon, &str, Option<&std::path::Path>) -> T,
) -> anyhow::Result<&'static T> {
    let curation = user_curation(setup.lexicon.as_deref())?;
    let lexicon = curation.lexicon().map_err(|e| UsageError(e.to_string()))?;
    Ok(Box::leak(Box::new(work(
        corpus,
        &lexicon,
        &curation.fingerprint(),
        setup.cache.as_deref(),
    ))))
}
