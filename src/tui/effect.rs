//! What `update` asks the outside world to do: writing files, analysing again. `update` only
//! returns effects, so it runs without a disk or a thread; the run loop performs them (the
//! analysis on a thread of its own), and what came of each goes back through `update::settle`
//! or `update::absorb`, so the state still changes in one place.

use crate::export::Selection;
use std::path::PathBuf;

/// Something for the run loop to do.
#[derive(Debug, Clone)]
pub enum Effect {
    /// The corpus analysed again with a corrected lexicon (off the UI thread in the reader).
    Reanalyse {
        lexicon: Box<crate::analysis::lexicon::Lexicon>,
    },
    /// The Markdown export of `selection`, to `path` (atomically).
    Export {
        path: String,
        text: String,
        selection: Selection,
    },
    /// The user's lexicon after a correction; `done` says what the correction was.
    SaveLexicon { done: String },
}

/// What came of an effect.
pub enum Outcome {
    Analysed(Box<crate::tui::background::Analysed>),
    Exported {
        path: String,
        selection: Selection,
        error: Option<String>,
    },
    LexiconSaved {
        done: String,
        /// Where it went: `None` when there is no lexicon file (corrections last the session).
        path: Option<PathBuf>,
        error: Option<String>,
    },
}

/// Performs an effect: the only place the reader's actions write files. A re-analysis is done
/// here and now (the run loop sends it to a thread instead).
pub fn perform(app: &crate::tui::App, effect: Effect) -> Outcome {
    match effect {
        Effect::Reanalyse { lexicon } => {
            Outcome::Analysed(Box::new(crate::tui::background::Analysed::run(&app.corpus, *lexicon)))
        }
        Effect::Export { path, text, selection } => {
            let error = crate::save::write_atomically(std::path::Path::new(&path), &text)
                .err()
                .map(|e| e.to_string());
            Outcome::Exported { path, selection, error }
        }
        Effect::SaveLexicon { done } => Outcome::LexiconSaved {
            done,
            path: app.curation.path.clone(),
            error: app.curation.save().err().map(|e| e.to_string()),
        },
    }
}

/// Performs the effects and settles what came of them, in order, a re-analysis here and now
/// (what a test or a headless caller wants; the run loop sends it to a thread).
pub fn run_all(app: &mut crate::tui::App, effects: Vec<Effect>) {
    for effect in effects {
        let outcome = perform(app, effect);
        crate::tui::update::settle(app, outcome);
    }
}
