//! Overlays and prompts: what is open over the panes and what it asks.

use super::*;

/// A modal window over the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    /// Every actor of the corpus.
    Actors {
        cursor: ListCursor,
    },
    /// A line of text typed at the bottom of the screen.
    Prompt(Prompt),
    /// The load's warnings: each file and why.
    Warnings {
        scroll: usize,
    },
    /// A claim's cross-references: the other articles that report it and those that
    /// contradict it (`contrast`: only those, beside the claim).
    CrossCheck {
        claim: usize,
        contrast: bool,
        cursor: ListCursor,
    },
}

/// What a prompt asks for, and what has been typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub purpose: PromptPurpose,
    pub input: String,
    /// The result chosen with the arrows (actor filter).
    pub choice: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptPurpose {
    /// Actors to filter by, matched as the user types.
    ActorFilter,
    /// The file to export the selection to.
    ExportPath,
    /// The export file exists: overwrite it? (`y` to confirm).
    ConfirmOverwrite(String),
    /// A word or phrase to find in the passages.
    TextSearch,
    /// The actor to merge this actor into (fuzzy, like the filter).
    MergeInto(usize),
    /// Which alias of this actor becomes an actor of its own.
    SplitAlias(usize),
    /// A new name for this actor.
    Rename(usize),
    /// A new kind for this actor.
    Kind(usize),
    /// The selection was never exported: quit anyway? (`y` or `q` again to confirm).
    ConfirmQuit,
}

impl PromptPurpose {
    /// A yes/no question, answered by one key rather than typed and sent with Enter.
    pub fn is_question(&self) -> bool {
        matches!(self, PromptPurpose::ConfirmOverwrite(_) | PromptPurpose::ConfirmQuit)
    }
}
