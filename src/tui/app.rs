//! The application state and the terminal run loop.

use super::background::{Analysed, Background, Source};
use super::event::action_for;
use super::keymap::{Context, Keymap};
use super::reader_lines::ReaderLines;
use super::theme::Theme;
use super::ui;
use super::ui::layout::{HitMap, Panes, inner, reader_text_width};
use super::update;
use super::update::update;
use crate::analysis::claims::Claim;
use crate::analysis::lexicon::{ActorKind, Lexicon};
use crate::analysis::related::RelatedPassage;
use crate::corpus::{Corpus, LoadPlan, Progress};
use crate::curation::Curation;
use crate::export::Selection;
use crate::search::{ActorIndex, ActorMatch, TextSearch};
use ratatui::layout::Rect;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Documents,
    Reader,
    Sidebar,
}

impl Focus {
    pub const ORDER: [Focus; 3] = [Focus::Documents, Focus::Reader, Focus::Sidebar];
}

/// A scrolling list position: the selected row and the first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    pub selected: usize,
    pub offset: usize,
}

impl ListCursor {
    /// Moves the selection by `delta` within `len` items, keeping it inside `visible` rows.
    pub fn step(&mut self, delta: isize, len: usize, visible: usize) {
        if len == 0 {
            *self = ListCursor::default();
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(len - 1);
        self.reveal(visible);
    }

    pub fn reveal(&mut self, visible: usize) {
        let visible = visible.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
    }
}

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

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SidebarTab {
    #[default]
    Actors,
    Claims,
    Related,
    Search,
    Selection,
    Outline,
}

/// The sidebar: the tab shown, and a cursor for each tab, so a tab keeps its place while another
/// is shown. It reads as the cursor of the tab shown.
#[derive(Debug, Clone, Default)]
pub struct Sidebar {
    pub tab: SidebarTab,
    cursors: [ListCursor; SidebarTab::ORDER.len()],
}

impl std::ops::Deref for Sidebar {
    type Target = ListCursor;
    fn deref(&self) -> &ListCursor {
        &self.cursors[self.tab.index()]
    }
}

impl std::ops::DerefMut for Sidebar {
    fn deref_mut(&mut self) -> &mut ListCursor {
        &mut self.cursors[self.tab.index()]
    }
}

impl SidebarTab {
    /// Its place in `ORDER`.
    pub fn index(self) -> usize {
        SidebarTab::ORDER.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub const ORDER: [SidebarTab; 6] = [
        SidebarTab::Actors,
        SidebarTab::Claims,
        SidebarTab::Related,
        SidebarTab::Search,
        SidebarTab::Selection,
        SidebarTab::Outline,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SidebarTab::Actors => "Actors",
            SidebarTab::Claims => "Claims",
            SidebarTab::Related => "Related",
            SidebarTab::Search => "Search",
            SidebarTab::Selection => "Selection",
            SidebarTab::Outline => "Outline",
        }
    }
}

/// One thing in the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelectionItem {
    Passage(usize, usize),
    Claim(usize),
}

/// Where the reader was: enough to come back to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub doc: usize,
    pub passage: usize,
    pub scroll: usize,
}

/// Browser-like history of jumps.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub back: Vec<Location>,
    pub forward: Vec<Location>,
}

/// The last full-text search and the hit `n`/`N` last went to.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub found: TextSearch,
    pub at: Option<usize>,
    /// Where the reader went for that hit: `n` goes on from the hit while the reader stays there.
    pub landed: Option<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub warning: bool,
}

/// What the reader pane shows.
#[derive(Debug, Clone, Default)]
pub struct ReaderState {
    pub doc: usize,
    /// The current passage (index into the document's passages).
    pub passage: usize,
    /// First line shown.
    pub scroll: usize,
    pub show_hidden: bool,
    pub lines: ReaderLines,
}

/// Reading and analysing a corpus in the background.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loading {
    pub progress: Progress,
    /// Every file is read; actors, claims and related passages are being worked out.
    pub analysing: bool,
}

pub struct App {
    /// Shared with the analysis thread while it runs; documents are only added while loading.
    pub corpus: Arc<Corpus>,
    /// Set while the corpus loads or is analysed: the status bar shows a gauge.
    pub loading: Option<Loading>,
    /// Loading found nothing to read: the reader closes and this is said.
    pub failed: Option<crate::corpus::LoadError>,
    /// The user's lexicon, where actor corrections are saved, and the lexicon in use.
    pub curation: Curation,
    pub lexicon: Lexicon,
    /// A curation prompt was opened from the actor view: go back to it afterwards.
    pub curating_from_view: bool,
    /// Actors, claims, related passages and cross-checks: one analysis, replaced whole.
    pub analysis: crate::analysis::Analysis,
    /// The passages of other documents related to the current passage, best first.
    pub related_here: Vec<RelatedPassage>,
    /// The passage `related_here` was computed for.
    pub related_for: Option<(usize, usize)>,
    /// The related passage `]`/`[` have selected.
    pub related_selected: Option<usize>,
    /// Which shown passages of the open document have a strong relation elsewhere.
    pub strongly_related: Vec<bool>,
    /// Actors the corpus is narrowed to: documents, claims and `V` keep what names all of them.
    filter: Vec<usize>,
    /// The documents the list shows: worked out when the filter, the analysis or the corpus
    /// changes (`refresh_visible`), not for each frame.
    visible: Vec<usize>,
    pub actor_index: ActorIndex,
    /// The active full-text search (`/`): its hits are lit in the reader and walked by `n`/`N`.
    pub search: Option<SearchState>,
    /// The passages and claims chosen for export; survives every move, filter and jump.
    pub selection: Selection,
    /// The selection as it was last exported: quitting with a different one asks first.
    pub exported: Selection,
    /// A passage just jumped to, highlighted until the next action.
    pub flash: Option<(usize, usize)>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub focus: Focus,
    pub overlay: Option<Overlay>,
    /// The actor pinned with Enter: highlighted and walked by `n`/`N` whatever is selected.
    pub pinned: Option<usize>,
    /// The mention `n`/`N` last went to (document, byte offset).
    pub mention_cursor: Option<(usize, usize)>,
    pub history: History,
    pub area: Rect,
    /// Where the last frame drew each clickable item; set after each draw, read by the mouse.
    pub hits: HitMap,
    pub documents: ListCursor,
    pub reader: ReaderState,
    pub sidebar: Sidebar,
    pub message: Option<Message>,
    /// Files the last actions asked to write: `update` hands them to its caller.
    pub effects: Vec<super::effect::Effect>,
    pub quit: bool,
}

impl App {
    /// The reader on a corpus, analysed with the bundled lexicon; corrections kept in memory.
    pub fn new(corpus: Corpus, width: u16, height: u16) -> App {
        App::with_curation(corpus, Curation::in_memory(), width, height)
    }

    /// The reader on a corpus, with the user's lexicon (corrections are saved to its file). A
    /// lexicon that does not parse is reported and the bundled one used.
    pub fn with_curation(corpus: Corpus, curation: Curation, width: u16, height: u16) -> App {
        let corpus = Arc::new(corpus);
        let mut app = App::empty(corpus.clone(), curation, width, height);
        let analysis = Analysed::run(&corpus, app.lexicon.clone());
        update::absorb(&mut app, Background::Analysed(Box::new(analysis)));
        app
    }

    /// The reader on a corpus still to be read (the plan's files): documents arrive through
    /// `update::absorb` as they load, then the analysis.
    pub fn loading(plan: &LoadPlan, curation: Curation, width: u16, height: u16) -> App {
        let corpus = Corpus {
            origin: plan.origin.clone(),
            ..Corpus::default()
        };
        let mut app = App::empty(Arc::new(corpus), curation, width, height);
        app.loading = Some(Loading {
            progress: Progress {
                files_total: plan.files.len(),
                bytes_total: plan.bytes,
                ..Progress::default()
            },
            analysing: false,
        });
        app
    }

    /// A reader with no analysis yet.
    fn empty(corpus: Arc<Corpus>, curation: Curation, width: u16, height: u16) -> App {
        let (lexicon, broken) = match curation.lexicon() {
            Ok(l) => (l, None),
            Err(e) => (Lexicon::embedded(), Some(e.to_string())),
        };
        let visible = (0..corpus.documents.len()).collect();
        App {
            corpus,
            curation,
            lexicon,
            loading: None,
            failed: None,
            curating_from_view: false,
            actor_index: ActorIndex::new(&[]),
            analysis: crate::analysis::Analysis::default(),
            related_here: Vec::new(),
            related_for: None,
            related_selected: None,
            strongly_related: Vec::new(),
            flash: None,
            selection: Selection::default(),
            exported: Selection::default(),
            filter: Vec::new(),
            visible,
            search: None,
            keymap: Keymap::default_map(),
            theme: Theme::embedded(),
            focus: Focus::Documents,
            overlay: None,
            pinned: None,
            mention_cursor: None,
            history: History::default(),
            area: Rect::new(0, 0, width, height),
            hits: HitMap::default(),
            documents: ListCursor::default(),
            reader: ReaderState::default(),
            sidebar: Sidebar::default(),
            message: broken.map(|text| Message { text, warning: true }),
            effects: Vec::new(),
            quit: false,
        }
    }

    pub fn context(&self) -> Context {
        match self.overlay {
            Some(Overlay::Prompt(_)) => return Context::Prompt,
            Some(_) => return Context::Overlay,
            None => {}
        }
        match self.focus {
            Focus::Documents => Context::Documents,
            Focus::Reader => Context::Reader,
            Focus::Sidebar => Context::Sidebar,
        }
    }

    pub fn panes(&self) -> Option<Panes> {
        Panes::of(self.area)
    }

    pub fn reader_width(&self) -> usize {
        self.panes().map_or(40, |p| reader_text_width(&p))
    }

    /// Rows of text in the reader.
    pub fn reader_height(&self) -> usize {
        self.panes().map_or(1, |p| inner(p.reader).height.max(1) as usize)
    }

    /// Documents shown at once (two rows each).
    pub fn documents_visible(&self) -> usize {
        self.panes()
            .map_or(1, |p| (inner(p.documents).height as usize / 2).max(1))
    }

    pub fn sidebar_visible(&self) -> usize {
        self.panes().map_or(1, |p| (inner(p.sidebar).height as usize).max(1))
    }

    pub fn current_document(&self) -> Option<&crate::corpus::Document> {
        self.corpus.documents.get(self.reader.doc)
    }

    /// The actors of the open document with their mention count there, most mentioned first.
    pub fn document_actors(&self) -> Vec<(usize, usize)> {
        self.analysis.actors.in_document(self.reader.doc)
    }

    /// The documents the list shows: all, or those naming every filter actor.
    pub fn visible_documents(&self) -> &[usize] {
        &self.visible
    }

    /// The actors of the filter: a document is listed when it names all of them.
    pub fn filter(&self) -> &[usize] {
        &self.filter
    }

    /// Sets the filter and the documents it lists.
    pub fn set_filter(&mut self, filter: Vec<usize>) {
        self.filter = filter;
        self.refresh_visible();
    }

    /// Works the listed documents out again (after the filter, the analysis or the corpus changed).
    pub fn refresh_visible(&mut self) {
        self.visible = if self.filter.is_empty() {
            (0..self.corpus.documents.len()).collect()
        } else {
            crate::analysis::query::ActorQuery::all_of(&self.filter).documents(&self.analysis.actors, &self.corpus)
        };
    }

    /// One more document read: listed at once when no filter narrows the list (a filter waits
    /// for the analysis, which lists again), without a pass over every document.
    pub fn document_added(&mut self) {
        if self.filter.is_empty() {
            self.visible.push(self.corpus.documents.len() - 1);
        } else {
            self.refresh_visible();
        }
    }

    /// Mentions of the filter actors in a document.
    pub fn filter_mentions(&self, doc: usize) -> usize {
        self.filter
            .iter()
            .map(|&a| {
                self.analysis.actors.actors[a]
                    .mentions
                    .iter()
                    .filter(|m| m.doc == doc)
                    .count()
            })
            .sum()
    }

    /// The actors matching what is typed at the filter prompt.
    pub fn filter_matches(&self, query: &str) -> Vec<ActorMatch> {
        self.actor_index.search(&self.analysis.actors.actors, query, 50)
    }

    /// The actors a prompt offers (filter, merge target), best first.
    pub fn prompt_actor_matches(&self, prompt: &Prompt) -> Option<Vec<ActorMatch>> {
        match prompt.purpose {
            PromptPurpose::ActorFilter => Some(self.filter_matches(&prompt.input)),
            PromptPurpose::MergeInto(from) => Some(
                self.filter_matches(&prompt.input)
                    .into_iter()
                    .filter(|m| m.actor != from)
                    .collect(),
            ),
            _ => None,
        }
    }

    /// The actor the curation keys (m, s, r, K, x) work on: the one chosen in the actor view,
    /// else the one selected in the Actors tab while the sidebar has focus.
    pub fn curated_actor(&self) -> Option<usize> {
        match &self.overlay {
            Some(Overlay::Actors { cursor }) => {
                Some(cursor.selected).filter(|&a| a < self.analysis.actors.actors.len())
            }
            Some(_) => None,
            None => (self.focus == Focus::Sidebar && self.sidebar.tab == SidebarTab::Actors)
                .then(|| self.document_actors().get(self.sidebar.selected).map(|(a, _)| *a))
                .flatten(),
        }
    }

    /// The choices a prompt offers as a plain list (alias to split off, kind), narrowed by what is typed.
    /// Passages or claims were chosen and not exported as they are now.
    pub fn unexported(&self) -> bool {
        !self.selection.is_empty() && self.selection != self.exported
    }

    pub fn prompt_choices(&self, prompt: &Prompt) -> Option<Vec<String>> {
        let typed = crate::analysis::text::fold(prompt.input.trim());
        let all: Vec<String> = match prompt.purpose {
            PromptPurpose::SplitAlias(a) => self.analysis.actors.actors.get(a)?.aliases.clone(),
            PromptPurpose::Kind(_) => ActorKind::ALL.iter().map(|k| k.label().to_string()).collect(),
            _ => return None,
        };
        Some(
            all.into_iter()
                .filter(|c| crate::analysis::text::fold(c).contains(&typed))
                .collect(),
        )
    }

    /// The claims the Claims tab lists: the filter actors' across the corpus, else the open document's.
    pub fn listed_claims(&self) -> Vec<usize> {
        if self.filter.is_empty() {
            self.document_claims()
        } else {
            (0..self.analysis.claims.len())
                .filter(|&c| {
                    self.analysis.claims[c]
                        .speaker
                        .is_some_and(|s| self.filter.contains(&s))
                })
                .collect()
        }
    }

    /// The claims of the open document (indices into `claims`).
    pub fn document_claims(&self) -> Vec<usize> {
        let doc = self.reader.doc;
        let first = self.analysis.claims.partition_point(|c| c.doc < doc);
        (first..self.analysis.claims.len())
            .take_while(|&i| self.analysis.claims[i].doc == doc)
            .collect()
    }

    /// The claims of other articles that report claim `claim` or contradict it, closest
    /// first; only the contradictions with `contrast`.
    pub fn cross_refs(&self, claim: usize, contrast: bool) -> Vec<&crate::analysis::crosscheck::CrossRef> {
        use crate::analysis::crosscheck::Relation;
        self.analysis
            .related
            .crosscheck()
            .of(claim)
            .iter()
            .filter(|r| !contrast || r.relation == Relation::Contrast)
            .filter(|r| r.claim < self.analysis.claims.len())
            .collect()
    }

    /// The claim a cross-check is about: the one selected in the Claims tab, else the first
    /// claim of the current passage that has cross-references (contradictions, with `contrast`).
    pub fn claim_to_check(&self, contrast: bool) -> Option<usize> {
        self.current_claim().or_else(|| {
            let here = (self.reader.doc, self.reader.passage);
            self.document_claims()
                .into_iter()
                .filter(|&c| (self.analysis.claims[c].doc, self.analysis.claims[c].passage) == here)
                .find(|&c| !self.cross_refs(c, contrast).is_empty())
        })
    }

    /// The claim selected in the Claims tab, emphasised in the reader.
    pub fn current_claim(&self) -> Option<usize> {
        (self.sidebar.tab == SidebarTab::Claims)
            .then(|| self.listed_claims().get(self.sidebar.selected).copied())
            .flatten()
    }

    /// The selection in corpus order: passages, and claims after the passage they are in.
    pub fn selection_items(&self) -> Vec<SelectionItem> {
        let mut items: Vec<(usize, usize, usize, SelectionItem)> = self
            .selection
            .passages
            .iter()
            .map(|&(d, p)| (d, p, 0, SelectionItem::Passage(d, p)))
            .chain(self.selection.claims.iter().filter_map(|&c| {
                let claim = self.analysis.claims.get(c)?;
                Some((claim.doc, claim.passage, claim.start + 1, SelectionItem::Claim(c)))
            }))
            .collect();
        items.sort_by_key(|(d, p, at, _)| (*d, *p, *at));
        items.into_iter().map(|(_, _, _, item)| item).collect()
    }

    /// How a claim's speaker is shown: the actor's name, else the words of the text.
    /// The key the user's keymap binds to an action, as a message names it (`Esc`, `f`).
    pub fn key(&self, action: crate::tui::action::Action) -> String {
        self.keymap.key_name(action)
    }

    pub fn speaker_name(&self, claim: &Claim) -> String {
        match claim.speaker.and_then(|s| self.analysis.actors.actors.get(s)) {
            Some(actor) if claim.speaker_text.split_whitespace().count() <= 3 => actor.name.clone(),
            Some(actor) => format!("{} ({})", claim.speaker_text, actor.name),
            None => claim.speaker_text.clone(),
        }
    }

    /// Items in the sidebar's current tab.
    pub fn sidebar_len(&self) -> usize {
        match self.sidebar.tab {
            SidebarTab::Actors => self.document_actors().len(),
            SidebarTab::Claims => self.listed_claims().len(),
            SidebarTab::Related => self.related_here.len(),
            SidebarTab::Search => self.search.as_ref().map_or(0, |s| s.found.hits.len()),
            SidebarTab::Selection => self.selection_items().len(),
            SidebarTab::Outline => self.outline().len(),
        }
    }

    /// The actor highlighted and walked by `n`/`N`: the pinned one, else the one selected in
    /// the Actors tab while the sidebar has focus.
    pub fn current_actor(&self) -> Option<usize> {
        let browsing = self.focus == Focus::Sidebar && self.sidebar.tab == SidebarTab::Actors;
        self.pinned
            .or_else(|| {
                browsing
                    .then(|| self.document_actors().get(self.sidebar.selected).map(|(a, _)| *a))
                    .flatten()
            })
            .or_else(|| self.filter.first().copied())
    }

    pub fn location(&self) -> Location {
        Location {
            doc: self.reader.doc,
            passage: self.reader.passage,
            scroll: self.reader.scroll,
        }
    }

    /// The sidebar's items: the shown passages of the current document and their opening words.
    pub fn outline(&self) -> Vec<(usize, String)> {
        let Some(doc) = self.current_document() else {
            return Vec::new();
        };
        doc.passages
            .iter()
            .enumerate()
            .filter(|(i, _)| self.reader.lines.is_shown(*i))
            .map(|(i, p)| {
                let text = crate::corpus::sanitize_line(doc.text(p));
                let words: Vec<&str> = text.split_whitespace().take(8).collect();
                (i, words.join(" "))
            })
            .collect()
    }
}

/// Opens the reader and runs until the user quits. Files are read and analysed off the UI
/// thread, the first documents readable while the rest load. The terminal is restored on every
/// exit path, panics and signals included. A folder with nothing to read ends with that error.
/// Where the reader keeps things and how it looks, chosen by the caller (from the user's
/// folders, or for a test).
pub struct Settings {
    /// The analysis cache folder (`None`: no cache).
    pub cache: Option<std::path::PathBuf>,
    /// Where the selection is kept between sessions (`None`: not kept).
    pub kept: Option<std::path::PathBuf>,
    pub theme: Theme,
    pub keymap: Keymap,
}

pub fn run(source: Source, curation: Curation, settings: Settings) -> anyhow::Result<()> {
    use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
    use crossterm::execute;
    let mut terminal = ratatui::init();
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture, crossterm::cursor::Show);
        ratatui_hook(info);
    }));
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    restore_on_signals();
    let result = event_loop(&mut terminal, source, curation, settings);
    restore_terminal();
    result
}

/// Mouse released, cursor shown, main screen back, raw mode off.
fn restore_terminal() {
    let _ = crossterm::execute!(
        std::io::stdout(),
        crossterm::event::DisableMouseCapture,
        crossterm::cursor::Show
    );
    ratatui::restore();
}

/// SIGTERM, SIGINT, SIGHUP and SIGQUIT end the reader with the terminal restored (a signal's
/// default action would leave it in raw mode on the alternate screen). The exit status is the
/// shell's usual 128 + signal number.
fn restore_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP, SIGQUIT]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            restore_terminal();
            std::process::exit(128 + signal);
        }
    });
}

/// How long the loop waits for a key while background work may send news.
const BUSY_POLL: std::time::Duration = std::time::Duration::from_millis(40);
/// The longest the loop spends taking in news before it draws and looks at the keys again.
const NEWS_BUDGET: std::time::Duration = std::time::Duration::from_millis(25);

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    source: Source,
    curation: Curation,
    settings: Settings,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    let (news, inbox) = std::sync::mpsc::channel();
    let mut app = match source {
        Source::Ready(corpus) => App::with_curation(corpus, curation, size.width, size.height),
        Source::Load(plan) => {
            let app = App::loading(&plan, curation, size.width, size.height);
            super::background::load(plan, news.clone());
            app
        }
    };
    let Settings {
        cache,
        kept,
        theme,
        keymap,
    } = settings;
    app.theme = theme;
    app.keymap = keymap;
    let mut analysis_started = false;
    // The file the selection is kept in, once the corpus is analysed and it was read back.
    let mut kept_file: Option<std::path::PathBuf> = None;
    restore_once(&mut app, kept.as_deref(), &mut kept_file);
    draw(terminal, &mut app)?;
    // Lets the end-to-end tests check that a panic restores the terminal.
    if std::env::var_os("RECOUPE_TEST_PANIC").is_some() {
        panic!("panic requested by RECOUPE_TEST_PANIC");
    }
    while !app.quit {
        let busy = app.loading.is_some();
        let waited = if busy {
            BUSY_POLL
        } else {
            std::time::Duration::from_secs(3600)
        };
        if crossterm::event::poll(waited)? {
            let event = crossterm::event::read()?;
            if let Some(action) = action_for(&app, &event) {
                let effects = update(&mut app, action);
                super::effect::run_all(&mut app, effects);
            }
        }
        let started = std::time::Instant::now();
        while started.elapsed() < NEWS_BUDGET {
            let Ok(item) = inbox.try_recv() else { break };
            update::absorb(&mut app, item);
        }
        if !analysis_started && app.loading.is_some_and(|l| l.analysing) {
            analysis_started = true;
            super::background::analyse(
                app.corpus.clone(),
                app.lexicon.clone(),
                app.curation.fingerprint(),
                cache.clone(),
                news.clone(),
            );
        }
        restore_once(&mut app, kept.as_deref(), &mut kept_file);
        draw(terminal, &mut app)?;
    }
    if let Some(file) = &kept_file {
        let kept = crate::kept::Kept {
            exported: app.selection == app.exported,
            selection: app.selection.clone(),
        };
        crate::kept::save(file, &app.corpus, &app.analysis.claims, &kept)
            .map_err(|e| anyhow::anyhow!("the selection could not be kept: {e}"))?;
    }
    match app.failed.take() {
        Some(error) => Err(error.into()),
        None => Ok(()),
    }
}

/// Once the corpus is read and analysed, puts back the selection kept for it, and remembers
/// the file to keep it in at the end.
fn restore_once(app: &mut App, dir: Option<&std::path::Path>, file: &mut Option<std::path::PathBuf>) {
    if file.is_some() || app.loading.is_some() || app.corpus.documents.is_empty() {
        return;
    }
    let Some(dir) = dir else { return };
    let path = crate::kept::file_for(dir, &app.corpus);
    let restored = crate::kept::load(&path, &app.corpus, &app.analysis.claims);
    update::restore_selection(app, restored);
    *file = Some(path);
}

/// Draws a frame and keeps where its items went, for the next click.
fn draw(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> std::io::Result<()> {
    let mut hits = HitMap::default();
    terminal.draw(|f| hits = ui::render(app, f))?;
    app.hits = hits;
    Ok(())
}
