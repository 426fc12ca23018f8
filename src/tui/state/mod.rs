//! What the reader holds, by concern (list, prompt, sidebar, reader), and `App`, which holds
//! it all with the analysis and works out what the panes show.

mod list;
mod prompt;
mod reader;
mod sidebar;

pub use list::{Focus, ListCursor};
pub use prompt::{ActorPage, Overlay, PageItem, Prompt, PromptPurpose};
pub use reader::{History, Location, ReaderState};
pub use sidebar::{SelectionItem, Sidebar, SidebarTab};

use crate::analysis::claims::Claim;
use crate::analysis::lexicon::{ActorKind, Lexicon};
use crate::analysis::related::RelatedPassage;
use crate::corpus::{Corpus, LoadPlan, Progress};
use crate::curation::Curation;
use crate::export::Selection;
use crate::search::{ActorIndex, ActorMatch, TextSearch};
use crate::tui::background::{Analysed, Background};
use crate::tui::keymap::{Context, Keymap};
use crate::tui::layout::{HitMap, Panes, inner, reader_text_width};
use crate::tui::theme::Theme;
use crate::tui::update;
use ratatui::layout::Rect;
use std::sync::Arc;

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

/// The actor to select after a correction: one that was there (by its id), or one that the
/// correction makes (a name split off, by its name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    Id(crate::analysis::actors::ActorId),
    Named(String),
}

/// A correction's analysis under way in the background: what to find again in it when it
/// arrives (actors and claims are renumbered by a new analysis).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reanalysis {
    pub pinned: Option<crate::analysis::actors::ActorId>,
    pub filter: Vec<crate::analysis::actors::ActorId>,
    pub claims: Vec<crate::analysis::claims::ClaimId>,
    pub show: Option<Shown>,
    /// The correction was made in the actor view: go back to it.
    pub from_view: bool,
}

/// A correction `u` can take back: the user's lexicon as it was before it.
#[derive(Debug, Clone)]
pub struct Undo {
    pub before: Curation,
    /// What the correction did, as its message said (`Merged A into B`).
    pub what: String,
}

/// Reading and analysing a corpus in the background.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loading {
    pub progress: Progress,
    /// Every file is read; actors, claims and related passages are being worked out.
    pub analysing: bool,
    /// The stage the analysis is at, when it is being built (not read back from the cache).
    pub stage: Option<crate::analysis::Stage>,
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
    pub related_for: Option<(usize, usize, u64)>,
    /// The related passage `]`/`[` have selected.
    pub related_selected: Option<usize>,
    /// Which shown passages of the open document have a strong relation elsewhere.
    pub strongly_related: Vec<bool>,
    /// The document and analysis `strongly_related` was worked out for.
    pub strong_for: Option<(usize, u64)>,
    /// Counts the analyses put in place: what was derived from an older one is derived again.
    pub generation: u64,
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
    /// Where the reader was when the list cursor started previewing other documents.
    pub preview_from: Option<Location>,
    /// The last text searched for, offered again by the next search prompt.
    pub last_query: String,
    /// The corpus folded for search, once a background thread has built it.
    pub text_index: Option<Arc<crate::search::TextIndex>>,
    /// What the search being typed finds so far (with the index): hits, documents, whether
    /// there are more than counted.
    pub search_preview: Option<(usize, usize, bool)>,
    /// A correction being analysed in the background.
    pub reanalysis: Option<Reanalysis>,
    /// Columns the user added to the sidebar's width (negative: took away).
    pub sidebar_extra: i16,
    /// The corrections of this session, the last one last: `u` takes them back one by one.
    pub undo: Vec<Undo>,
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
            stage: None,
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
            strong_for: None,
            generation: 0,
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
            reanalysis: None,
            undo: Vec::new(),
            sidebar_extra: 0,
            last_query: String::new(),
            text_index: None,
            search_preview: None,
            preview_from: None,
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
            Focus::Sidebar => match self.sidebar.tab {
                SidebarTab::Actors => Context::ActorsTab,
                SidebarTab::Selection => Context::SelectionTab,
                _ => Context::Sidebar,
            },
        }
    }

    pub fn panes(&self) -> Option<Panes> {
        Panes::of(self.area, self.sidebar_extra)
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
            Some(Overlay::ActorPage(page)) => {
                Some(page.profile.actor).filter(|&a| a < self.analysis.actors.actors.len())
            }
            Some(_) => None,
            None => (self.focus == Focus::Sidebar && self.sidebar.tab == SidebarTab::Actors)
                .then(|| self.document_actors().get(self.sidebar.selected).map(|(a, _)| *a))
                .flatten(),
        }
    }

    /// The actor view or an actor page is open: curation prompts go back to the actor view.
    pub fn in_actor_overlay(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Actors { .. } | Overlay::ActorPage(_)))
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
            None => claim.speaker_text.to_string(),
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
