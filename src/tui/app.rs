//! The terminal run loop: events in, `update`, effects out, frames drawn. The state it runs
//! on lives in `tui::state`.

use super::background::Source;
use super::event::action_for;
use super::keymap::Keymap;
use super::layout::HitMap;
pub use super::state::*;
use super::theme::Theme;
use super::ui;
use super::update;
use super::update::update;
use crate::curation::Curation;

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
            // Held until the process ends: no frame is written over the restored terminal.
            let _output = TERMINAL_OUTPUT.lock().unwrap_or_else(|e| e.into_inner());
            restore_terminal();
            std::process::exit(128 + signal);
        }
    });
}

/// How long the loop waits for a key while background work may send news: news (the analysis
/// in, the load done and the analysis to start) waits no longer than this.
const BUSY_POLL: std::time::Duration = std::time::Duration::from_millis(8);
/// While news streams in, a frame at most this often (a key is always answered at once).
const NEWS_FRAME: std::time::Duration = std::time::Duration::from_millis(33);
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
            super::background::load(plan, settings.cache.clone(), news.clone());
            app
        }
    };
    if app.loading.is_none() {
        super::background::index_text(app.corpus.clone(), news.clone());
    }
    let Settings {
        cache,
        kept,
        theme,
        keymap,
    } = settings;
    app.theme = theme;
    app.keymap = keymap;
    let mut analysis_started = false;
    let mut text_index_started = false;
    // The file the selection is kept in, once the corpus is analysed and it was read back.
    let mut kept_file: Option<std::path::PathBuf> = None;
    restore_once(&mut app, kept.as_deref(), &mut kept_file);
    draw(terminal, &mut app)?;
    // Lets the end-to-end tests check that a panic restores the terminal.
    if std::env::var_os("RECOUPE_TEST_PANIC").is_some() {
        panic!("panic requested by RECOUPE_TEST_PANIC");
    }
    // News left in the inbox when the last budget ran out: look at the keys, then go on at once.
    let mut news_waiting = false;
    let mut last_frame = std::time::Instant::now();
    // News taken in but not drawn yet (frames are spaced while news streams in).
    let mut news_undrawn = false;
    while !app.quit {
        let busy = app.loading.is_some() || app.reanalysis.is_some();
        let waited = if news_waiting {
            std::time::Duration::ZERO
        } else if news_undrawn {
            NEWS_FRAME.saturating_sub(last_frame.elapsed()).min(BUSY_POLL)
        } else if busy {
            BUSY_POLL
        } else {
            std::time::Duration::from_secs(3600)
        };
        // A frame is drawn when something changed: a key, a click, a resize, or news.
        let mut changed = false;
        let mut answered = false;
        if crossterm::event::poll(waited)? {
            changed = true;
            answered = true;
            let event = crossterm::event::read()?;
            if let Some(action) = action_for(&app, &event) {
                for effect in update(&mut app, action) {
                    match effect {
                        // A correction is analysed off the UI thread, like the first analysis.
                        super::effect::Effect::Reanalyse { lexicon } => super::background::analyse(
                            app.corpus.clone(),
                            *lexicon,
                            app.curation.fingerprint(),
                            cache.clone(),
                            news.clone(),
                        ),
                        effect => {
                            let outcome = super::effect::perform(&app, effect);
                            update::settle(&mut app, outcome);
                        }
                    }
                }
            }
        }
        let started = std::time::Instant::now();
        news_waiting = false;
        while !news_waiting {
            let Ok(item) = inbox.try_recv() else { break };
            changed = true;
            update::absorb(&mut app, item);
            news_waiting = started.elapsed() >= NEWS_BUDGET;
        }
        if !analysis_started && app.loading.is_some_and(|l| l.analysing) {
            analysis_started = true;
            super::background::open_analysis(
                app.corpus.clone(),
                app.lexicon.clone(),
                app.curation.fingerprint(),
                cache.clone(),
                news.clone(),
            );
        }
        // The search index is folded once the analysis is in: the first screen needs the
        // analysis, and two cores are better spent on it first (a search meanwhile scans).
        if analysis_started && !text_index_started && app.loading.is_none() {
            text_index_started = true;
            super::background::index_text(app.corpus.clone(), news.clone());
        }
        let pending = changed || news_undrawn;
        let still_busy = app.loading.is_some() || app.reanalysis.is_some();
        let draw_now = pending && (answered || !still_busy || last_frame.elapsed() >= NEWS_FRAME);
        if draw_now {
            restore_once(&mut app, kept.as_deref(), &mut kept_file);
            draw(terminal, &mut app)?;
            last_frame = std::time::Instant::now();
        }
        news_undrawn = pending && !draw_now;
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
/// Held while a frame is written, and by a signal's restore: a frame drawn as a signal comes
/// (a key, a resize, news) can no longer hide the cursor again after the terminal is restored.
static TERMINAL_OUTPUT: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn draw(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> std::io::Result<()> {
    let _output = TERMINAL_OUTPUT.lock().unwrap_or_else(|e| e.into_inner());
    let mut hits = HitMap::default();
    terminal.draw(|f| hits = ui::render(app, f))?;
    app.hits = hits;
    Ok(())
}
