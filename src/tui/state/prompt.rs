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
    /// One actor at a glance: its mentions in context, claims, months and company.
    ActorPage(Box<ActorPage>),
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
    /// Never an actor, in any article (a corpus-wide entry of the lexicon): sure? (`y`).
    ConfirmNotActor(usize),
}

impl PromptPurpose {
    /// A yes/no question, answered by one key rather than typed and sent with Enter.
    pub fn is_question(&self) -> bool {
        matches!(
            self,
            PromptPurpose::ConfirmOverwrite(_) | PromptPurpose::ConfirmQuit | PromptPurpose::ConfirmNotActor(_)
        )
    }
}

/// The actor page: what it shows, and the line chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorPage {
    pub profile: crate::analysis::profile::ActorProfile,
    pub cursor: ListCursor,
    /// Opened from the actor view at this cursor: closing the page goes back there.
    pub from_view: Option<ListCursor>,
}

/// A line of the actor page that Enter follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageItem {
    /// The n-th mention of the profile.
    Mention(usize),
    /// A claim (index into the analysis's claims).
    Claim(usize),
    /// An actor named beside this one: its own page.
    Company(usize),
}

impl ActorPage {
    /// The lines Enter follows, in the order the page shows them.
    pub fn items(&self) -> Vec<PageItem> {
        let p = &self.profile;
        (0..p.mentions.len())
            .map(PageItem::Mention)
            .chain(p.claims.iter().map(|&c| PageItem::Claim(c)))
            .chain(p.company.iter().map(|&(a, _)| PageItem::Company(a)))
            .collect()
    }
}
