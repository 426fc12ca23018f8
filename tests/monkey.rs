//! A seeded monkey: thousands of random actions, resizes (0x0 and 1x1 among them), clicks and
//! keystrokes through `update`, each followed by a frame on a TestBackend. Nothing may panic and
//! the state must stay consistent after every step.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use recoupe::corpus::load_seeds;
use recoupe::tui::App;
use recoupe::tui::action::Action;
use recoupe::tui::app::{Overlay, SidebarTab};
use recoupe::tui::ui::render;
use recoupe::tui::update::update;

/// Every action a key can give. Export prompts are pointed at a temporary folder and
/// curation saves to a temporary lexicon, so nothing is written elsewhere.
const KEYS: &[Action] = &[
    Action::Quit,
    Action::ToggleWarnings,
    Action::StartExport,
    Action::ClearSelection,
    Action::FocusNext,
    Action::FocusPrev,
    Action::ToggleHelp,
    Action::CloseOverlay,
    Action::ToggleDebris,
    Action::NextPassage,
    Action::PrevPassage,
    Action::DocDown,
    Action::DocUp,
    Action::DocPageDown,
    Action::DocPageUp,
    Action::DocFirst,
    Action::DocLast,
    Action::OpenDocument,
    Action::ScrollDown,
    Action::ScrollUp,
    Action::PageDown,
    Action::PageUp,
    Action::HalfPageDown,
    Action::HalfPageUp,
    Action::ReaderTop,
    Action::ReaderBottom,
    Action::SideDown,
    Action::SideUp,
    Action::SideFirst,
    Action::SideLast,
    Action::SideOpen,
    Action::NextTab,
    Action::NextMention,
    Action::PrevMention,
    Action::ToggleActorsView,
    Action::NextRelated,
    Action::PrevRelated,
    Action::FollowRelated,
    Action::Back,
    Action::Forward,
    Action::ToggleSelect,
    Action::SelectClaim,
    Action::SelectActorPassages,
    Action::RemoveSelected,
    Action::StartFilter,
    Action::ClearFilter,
    Action::StartSearch,
    Action::MergeActor,
    Action::SplitAlias,
    Action::RenameActor,
    Action::ChangeKind,
    Action::NotAnActor,
    Action::PromptDown,
    Action::PromptUp,
    Action::PromptBackspace,
    Action::PromptClear,
    Action::PromptSubmit,
    Action::OverlayDown,
    Action::OverlayUp,
    Action::OverlayPageDown,
    Action::OverlayPageUp,
    Action::OverlayOpen,
];

const TYPED: &[char] = &[
    'a', 'e', 'é', 't', 'i', 's', ' ', 'K', 'ñ', '’', '-', 'z', '1', '\u{7}', '界',
];

fn random_action(rng: &mut fastrand::Rng, app: &App) -> Action {
    let (w, h) = (app.area.width.max(1), app.area.height.max(1));
    match rng.u32(0..100) {
        0..=3 => {
            let sizes = [(0, 0), (1, 1), (59, 9), (60, 10), (80, 24), (200, 60)];
            let (width, height) = if rng.bool() {
                sizes[rng.usize(..sizes.len())]
            } else {
                (rng.u16(0..220), rng.u16(0..70))
            };
            Action::Resize { width, height }
        }
        4..=7 => Action::Click {
            column: rng.u16(0..w + 2),
            row: rng.u16(0..h + 2),
        },
        8..=10 => Action::Wheel {
            column: rng.u16(0..w),
            row: rng.u16(0..h),
            down: rng.bool(),
        },
        11..=25 => Action::PromptChar(TYPED[rng.usize(..TYPED.len())]),
        26..=27 => Action::JumpTo {
            doc: rng.usize(0..app.corpus.documents.len() + 2),
            passage: rng.usize(0..80),
        },
        _ => KEYS[rng.usize(..KEYS.len())],
    }
}

/// What must hold after every step, whatever happened before.
fn check(app: &App, step: usize, action: Action) {
    let docs = app.corpus.documents.len();
    let at = format!("step {step} after {action:?}");
    assert!(app.reader.doc < docs, "{at}: open document out of range");
    let passages = app.corpus.documents[app.reader.doc].passages.len();
    assert!(app.reader.passage < passages.max(1), "{at}: passage out of range");
    let lines = app.reader.lines.lines.len();
    assert!(app.reader.scroll <= lines, "{at}: scrolled past the text");
    let visible = app.visible_documents();
    assert!(
        visible.is_empty() || app.documents.selected < visible.len(),
        "{at}: document cursor past the list"
    );
    let side = app.sidebar_len();
    assert!(
        side == 0 || app.sidebar.selected < side,
        "{at}: sidebar cursor past its list"
    );
    let actors = app.analysis.actors.actors.len();
    assert!(
        app.filter().iter().all(|&a| a < actors),
        "{at}: filter names a lost actor"
    );
    assert!(app.pinned.is_none_or(|a| a < actors), "{at}: pinned actor lost");
    assert!(
        app.selection.claims.iter().all(|&c| c < app.analysis.claims.len()),
        "{at}: selected claim lost"
    );
    assert!(
        app.selection
            .passages
            .iter()
            .all(|&(d, p)| d < docs && p < app.corpus.documents[d].passages.len()),
        "{at}: selected passage lost"
    );
    if let Some(Overlay::Actors { cursor }) = &app.overlay {
        assert!(
            actors == 0 || cursor.selected < actors,
            "{at}: actor view cursor past the list"
        );
    }
    if let Some(search) = &app.search {
        assert!(
            search.at.is_none_or(|i| i < search.found.hits.len()),
            "{at}: search hit lost"
        );
    }
    if app.sidebar.tab == SidebarTab::Search && app.search.is_none() {
        assert_eq!(side, 0, "{at}");
    }
}

/// Runs the monkey; gives how many exports it wrote and whether a correction was saved.
fn monkey(seed: u64, steps: usize) -> (usize, bool) {
    use recoupe::tui::app::PromptPurpose;
    let mut rng = fastrand::Rng::with_seed(seed);
    let config = tempfile::tempdir().expect("config dir");
    let out = tempfile::tempdir().expect("output dir");
    let curation = recoupe::curation::Curation::load(&config.path().join("actors.toml")).expect("empty lexicon");
    let mut app = App::with_curation(load_seeds(), curation, 120, 40);
    for step in 0..steps {
        let action = random_action(&mut rng, &app);
        let effects = update(&mut app, action);
        recoupe::tui::effect::run_all(&mut app, effects);
        if app.quit {
            app.quit = false;
        }
        // An export goes to the output folder, under a name the monkey may go on typing into.
        if let Some(Overlay::Prompt(prompt)) = &mut app.overlay
            && prompt.purpose == PromptPurpose::ExportPath
            && !prompt.input.starts_with(out.path().to_str().expect("utf-8"))
        {
            prompt.input = out.path().join(format!("sel-{step}")).to_string_lossy().into_owned();
        }
        check(&app, step, action);
        if let Some(message) = &app.message
            && let Some(path) = message
                .text
                .strip_prefix("Exported ")
                .and_then(|t| t.split(" to ").nth(1))
        {
            assert!(std::path::Path::new(path).is_file(), "step {step}: {path} said written");
        }
        let mut terminal =
            Terminal::new(TestBackend::new(app.area.width, app.area.height)).expect("a terminal of any size");
        let mut hits = Default::default();
        terminal.draw(|f| hits = render(&app, f)).expect("draw");
        app.hits = hits;
    }
    let strays: Vec<_> = std::fs::read_dir(config.path())
        .expect("config dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name() != "actors.toml")
        .collect();
    assert!(strays.is_empty(), "only the lexicon in the config folder: {strays:?}");
    let exports = std::fs::read_dir(out.path()).expect("output dir").count();
    (exports, config.path().join("actors.toml").exists())
}

#[test]
fn thousands_of_random_actions_and_resizes_never_panic_and_keep_the_state_consistent() {
    let (mut exports, mut curated) = (0, false);
    for seed in [1, 2, 3] {
        let (e, c) = monkey(seed, 1000);
        exports += e;
        curated |= c;
    }
    assert!(exports > 0, "the monkey exported something");
    assert!(curated, "the monkey saved a correction");
}
