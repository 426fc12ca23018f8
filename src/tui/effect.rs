//! What `update` asks the outside world to do: writing files. `update` only returns effects, so
//! it runs without a disk; the run loop (or a test) performs them with `perform`, and what came
//! of each goes back through `update::settle`, so the state still changes in one place.

use crate::export::Selection;
use std::path::PathBuf;

/// A file to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
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

/// Performs an effect: the only place the reader's actions write files.
pub fn perform(app: &crate::tui::App, effect: Effect) -> Outcome {
    match effect {
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

/// Performs the effects and settles what came of them, in order.
pub fn run_all(app: &mut crate::tui::App, effects: Vec<Effect>) {
    for effect in effects {
        let outcome = perform(app, effect);
        crate::tui::update::settle(app, outcome);
    }
}
