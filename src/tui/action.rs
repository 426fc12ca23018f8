//! Every thing a user can do, one variant each. Keys and mouse events become actions;
//! `update` is the only code that applies them.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave recoupe.
    Quit,
    /// Move focus to the next / previous pane.
    FocusNext,
    FocusPrev,
    /// Show or hide the key help.
    ToggleHelp,
    /// Show or hide the list of load warnings (files skipped or read with trouble).
    ToggleWarnings,
    /// The claims of other articles that contradict the current claim, beside it.
    ContrastView,
    /// Empty the selection (kept between sessions otherwise).
    ClearSelection,
    /// Close whatever overlay is open.
    CloseOverlay,
    /// Show or hide web debris in the reader.
    ToggleDebris,
    /// Move the reading cursor to the next / previous passage.
    NextPassage,
    PrevPassage,

    /// Document list.
    DocDown,
    DocUp,
    DocPageDown,
    DocPageUp,
    DocFirst,
    DocLast,
    OpenDocument,

    /// Reader scrolling.
    ScrollDown,
    ScrollUp,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    ReaderTop,
    ReaderBottom,

    /// Sidebar.
    SideDown,
    SideUp,
    SideFirst,
    SideLast,
    SideOpen,

    /// Switch the sidebar to its next tab.
    NextTab,
    /// Switch the sidebar to its previous tab.
    PrevTab,
    /// Show one tab of the sidebar directly (the keys 1 to 6).
    ActorsTab,
    ClaimsTab,
    RelatedTab,
    SearchTab,
    SelectionTab,
    OutlineTab,
    /// Go to the next / previous mention of the current actor, across the corpus.
    NextMention,
    PrevMention,
    /// Open or close the corpus-wide actor view.
    ToggleActorsView,
    /// Select the next / previous passage related to the current one (Related tab).
    NextRelated,
    PrevRelated,
    /// Go to the selected related passage.
    FollowRelated,
    /// Browser-like history of jumps.
    Back,
    Forward,

    /// Add the current passage to the selection, or take it out.
    ToggleSelect,
    /// Add the current claim (selected in the Claims tab, else the first of the passage).
    SelectClaim,
    /// Add every passage that names the pinned actor.
    SelectActorPassages,
    /// Take the item selected in the Selection tab out of the selection.
    RemoveSelected,
    /// Ask for a file name and export the selection to Markdown.
    StartExport,
    /// Filter the corpus by an actor, typed and matched as you go.
    StartFilter,
    /// Drop the actor filter.
    ClearFilter,
    /// Find a word or phrase in every passage.
    StartSearch,
    /// Curating the actor chosen in the actor view or the Actors tab: merge it into another,
    /// split an alias off, rename it, change its kind, or say it is not an actor.
    MergeActor,
    SplitAlias,
    RenameActor,
    ChangeKind,
    NotAnActor,
    /// Take back the last actor correction (several steps), saved like any correction.
    Undo,
    /// Typing at a prompt.
    PromptDown,
    PromptUp,
    PromptBackspace,
    PromptClear,
    PromptSubmit,
    #[serde(skip)]
    PromptChar(char),

    /// Inside an overlay (help, actor view).
    OverlayDown,
    OverlayUp,
    OverlayPageDown,
    OverlayPageUp,
    OverlayOpen,
    OverlayFirst,
    OverlayLast,
    /// Pin the actor chosen (Actors tab, actor view): lit in the reader and walked by `n`/`N`.
    PinActor,
    /// Make the sidebar wider / narrower (within limits that leave the reader room).
    WidenSidebar,
    NarrowSidebar,

    /// The terminal changed size.
    #[serde(skip)]
    Resize {
        width: u16,
        height: u16,
    },
    /// Mouse wheel over a screen cell.
    #[serde(skip)]
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
    /// Mouse click on a screen cell.
    #[serde(skip)]
    Click {
        column: u16,
        row: u16,
    },
    /// Open a document at a passage (every jump goes through here).
    #[serde(skip)]
    JumpTo {
        doc: usize,
        passage: usize,
    },
}
