//! Reading and analysing a corpus off the UI thread. The threads here only compute and send;
//! `update::absorb` applies what they send, so the state still changes in one place.

use crate::analysis::Analysis;
use crate::analysis::actors::Actors;
use crate::analysis::claims::Claim;
use crate::analysis::lexicon::Lexicon;
use crate::analysis::related::RelatedIndex;
use crate::corpus::{Corpus, Document, LoadPlan, LoadWarning, Loader, Progress};
use std::sync::Arc;
use std::sync::mpsc::Sender;

/// What the reader opens: a corpus already in memory, or files still to read.
pub enum Source {
    Ready(Corpus),
    Load(LoadPlan),
}

/// News from a background thread.
pub enum Background {
    /// One more file read (a document, or nothing when it was skipped).
    Loaded {
        progress: Progress,
        document: Option<Box<Document>>,
    },
    /// Every file is read; the warnings of the whole load.
    LoadFinished { warnings: Vec<LoadWarning> },
    /// Actors, claims and the related-passage index of the whole corpus.
    Analysed(Box<Analysed>),
    /// The first analysis begins a stage (none was kept: it is being built).
    Stage(crate::analysis::Stage),
    /// The actors of a kept analysis, sent before the rest of it: the first screen needs them.
    ActorsFirst(Box<Actors>),
    /// The rest of that kept analysis, which completes it.
    RestOfKept(Box<RestOfKept>),
    /// The corpus folded for full-text search.
    TextIndexed(Arc<crate::search::TextIndex>),
}

/// Folds the corpus for search on a thread of its own.
pub fn index_text(corpus: Arc<Corpus>, news: Sender<Background>) {
    std::thread::spawn(move || {
        let _ = news.send(Background::TextIndexed(Arc::new(crate::search::TextIndex::new(
            &corpus,
        ))));
    });
}

/// An analysis and the lexicon it was made with (the reader curates that lexicon further).
pub struct Analysed {
    pub analysis: Analysis,
    pub lexicon: Lexicon,
}

impl Analysed {
    pub fn run(corpus: &Corpus, lexicon: Lexicon) -> Analysed {
        Analysed {
            analysis: Analysis::build(corpus, &lexicon),
            lexicon,
        }
    }
}

/// The claims and related index of a kept analysis whose actors were sent first
/// (`Background::ActorsFirst`), and the lexicon it was made with.
pub struct RestOfKept {
    pub claims: Vec<Claim>,
    pub related: RelatedIndex,
    pub lexicon: Lexicon,
}

/// How many files the reader's loader reads at once (on every core): small enough that the
/// first article shows at once, large enough to keep the cores busy.
const LOAD_BATCH: usize = 32;

/// Reads the plan's files on a thread of its own, sending each document as it is read. Stops
/// early when the reader has gone (nobody listens any more).
/// With a cache folder, files cleaned by an earlier run are not cleaned again (and what this
/// run cleaned is kept there).
pub fn load(plan: LoadPlan, cache: Option<std::path::PathBuf>, news: Sender<Background>) {
    std::thread::spawn(move || {
        let mut loader = Loader::new(plan);
        if let Some(dir) = &cache {
            loader = loader.with_shapes(Arc::new(crate::cache::load_shapes(dir)));
        }
        while let Some(batch) = loader.next_batch(LOAD_BATCH) {
            for document in batch {
                let sent = news.send(Background::Loaded {
                    progress: loader.progress,
                    document: document.map(Box::new),
                });
                if sent.is_err() {
                    return;
                }
            }
        }
        let _ = news.send(Background::LoadFinished {
            warnings: std::mem::take(&mut loader.warnings),
        });
        if let (Some(dir), Some(learned)) = (&cache, loader.learned_news()) {
            // A cache that cannot be written only costs time next run.
            let _ = crate::cache::store_shapes(dir, &learned);
        }
    });
}

/// Analyses the corpus on a thread of its own, or takes the analysis from the cache folder when
/// one was kept for the same files and lexicon (and keeps a new one there).
pub fn analyse(
    corpus: Arc<Corpus>,
    lexicon: Lexicon,
    lexicon_text: String,
    cache: Option<std::path::PathBuf>,
    news: Sender<Background>,
) {
    std::thread::spawn(move || {
        let analysis = crate::cache::analysis(&corpus, &lexicon, &lexicon_text, cache.as_deref());
        let _ = news.send(Background::Analysed(Box::new(Analysed { analysis, lexicon })));
    });
}

/// The first analysis of the corpus, on a thread of its own: like `analyse`, but a kept analysis
/// is sent in two steps, its actors first, so that the first screen shows them sooner. (A
/// correction's analysis is sent whole: its actors must never meet the old claims.)
pub fn open_analysis(
    corpus: Arc<Corpus>,
    lexicon: Lexicon,
    lexicon_text: String,
    cache: Option<std::path::PathBuf>,
    news: Sender<Background>,
) {
    use crate::cache::Step;
    std::thread::spawn(move || {
        let mut last = None;
        crate::cache::analysis_actors_first(&corpus, &lexicon, &lexicon_text, cache.as_deref(), |step| match step {
            Step::Actors(actors) => {
                let _ = news.send(Background::ActorsFirst(Box::new(actors)));
            }
            Step::Building(stage) => {
                let _ = news.send(Background::Stage(stage));
            }
            step => last = Some(step),
        });
        let _ = match last {
            Some(Step::Rest { claims, related }) => news.send(Background::RestOfKept(Box::new(RestOfKept {
                claims,
                related,
                lexicon,
            }))),
            Some(Step::Whole(analysis)) => news.send(Background::Analysed(Box::new(Analysed { analysis, lexicon }))),
            Some(Step::Actors(_) | Step::Building(_)) | None => Ok(()),
        };
    });
}
