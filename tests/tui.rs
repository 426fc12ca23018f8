//! The reader as a user sees it: state driven through `update`, frames drawn on a TestBackend.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use recoupe::corpus::load_seeds;
use recoupe::tui::App;
use recoupe::tui::action::Action;
use recoupe::tui::app::Focus;
use recoupe::tui::ui::render;
use recoupe::tui::update::update;

fn app(width: u16, height: u16) -> App {
    App::new(load_seeds(), width, height)
}

/// The screen as text, one line per row.
fn screen(app: &App) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(app.area.width, app.area.height)).expect("terminal");
    terminal.draw(|f| render(app, f)).expect("draw");
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut row = String::new();
        for x in 0..buffer.area.width {
            row.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

fn run(app: &mut App, actions: &[Action]) {
    for a in actions {
        update(app, *a);
    }
}

#[test]
fn opening_screen_120x40() {
    insta::assert_snapshot!(screen(&app(120, 40)));
}

#[test]
fn opening_screen_80x24() {
    insta::assert_snapshot!(screen(&app(80, 24)));
}

#[test]
fn scrolled_article_120x40() {
    let mut a = app(120, 40);
    run(
        &mut a,
        &[
            Action::DocDown,
            Action::OpenDocument,
            Action::PageDown,
            Action::ScrollDown,
        ],
    );
    insta::assert_snapshot!(screen(&a));
}

#[test]
fn scrolled_article_80x24() {
    let mut a = app(80, 24);
    run(
        &mut a,
        &[
            Action::DocDown,
            Action::DocDown,
            Action::OpenDocument,
            Action::NextPassage,
            Action::NextPassage,
        ],
    );
    insta::assert_snapshot!(screen(&a));
}

#[test]
fn help_overlay_120x40() {
    let mut a = app(120, 40);
    run(&mut a, &[Action::ToggleHelp]);
    insta::assert_snapshot!(screen(&a));
}

#[test]
fn help_overlay_80x24() {
    let mut a = app(80, 24);
    run(&mut a, &[Action::ToggleHelp]);
    insta::assert_snapshot!(screen(&a));
}

#[test]
fn too_small_message() {
    insta::assert_snapshot!(screen(&app(40, 8)));
}

#[test]
fn too_small_80x24_layout_is_not_too_small() {
    assert!(!screen(&app(80, 24)).contains("too small"));
}

#[test]
fn tiny_and_zero_sizes_do_not_panic() {
    for (w, h) in [(1, 1), (0, 0), (2, 30), (200, 1), (59, 10), (60, 9)] {
        let mut a = app(120, 40);
        run(
            &mut a,
            &[
                Action::Resize {
                    width: w,
                    height: h,
                },
                Action::PageDown,
                Action::NextPassage,
            ],
        );
        let _ = screen(&a);
    }
}

#[test]
fn the_five_seed_titles_and_three_panes_are_on_the_first_screen() {
    let s = screen(&app(120, 40));
    for pane in ["Documents", "Outline", "000_17e018d6b4590ed6.txt"] {
        assert!(s.contains(pane), "{pane} missing");
    }
    for title_start in [
        "Un général américain",
        "Biden a promis",
        "Le Pakistan fournirait",
        "Au cours des deux",
        "Un faisceau d’indices",
    ] {
        assert!(s.contains(title_start), "{title_start} missing");
    }
}

/// The rows of the reader pane that hold the current-passage mark.
fn cursor_rows(s: &str) -> Vec<usize> {
    s.lines()
        .enumerate()
        .filter(|(_, l)| l.contains('▌'))
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn resizing_keeps_the_current_passage_on_screen() {
    let mut a = app(120, 40);
    run(&mut a, &[Action::DocDown, Action::OpenDocument]);
    for _ in 0..12 {
        update(&mut a, Action::NextPassage);
    }
    let passage = a.reader.passage;
    for (w, h) in [(70, 20), (200, 60), (61, 11), (120, 40)] {
        update(
            &mut a,
            Action::Resize {
                width: w,
                height: h,
            },
        );
        assert_eq!(
            a.reader.passage, passage,
            "the reading position survives {w}x{h}"
        );
        assert!(
            !cursor_rows(&screen(&a)).is_empty(),
            "current passage visible at {w}x{h}"
        );
    }
}

#[test]
fn scrolling_moves_the_cursor_with_the_text_and_stops_at_the_end() {
    let mut a = app(80, 24);
    run(&mut a, &[Action::DocDown, Action::OpenDocument]);
    let before = a.reader.passage;
    for _ in 0..5 {
        update(&mut a, Action::PageDown);
    }
    assert!(a.reader.passage > before);
    assert!(!cursor_rows(&screen(&a)).is_empty());
    update(&mut a, Action::ReaderBottom);
    let bottom = a.reader.scroll;
    update(&mut a, Action::ScrollDown);
    assert_eq!(a.reader.scroll, bottom, "no scrolling past the end");
    assert!(
        screen(&a).contains("C’est bien mieux"),
        "last passage shown at the bottom"
    );
    update(&mut a, Action::ReaderTop);
    assert_eq!(a.reader.scroll, 0);
}

#[test]
fn debris_is_hidden_until_asked_for() {
    let mut a = app(120, 40);
    run(
        &mut a,
        &[Action::DocDown, Action::OpenDocument, Action::ReaderBottom],
    );
    assert!(!screen(&a).contains("Leave a Reply"));
    run(&mut a, &[Action::ToggleDebris, Action::ReaderBottom]);
    assert!(screen(&a).contains("Leave a Reply"));
}

#[test]
fn focus_cycles_and_the_mouse_focuses_and_selects() {
    let mut a = app(120, 40);
    assert_eq!(a.focus, Focus::Documents);
    run(&mut a, &[Action::FocusNext, Action::FocusNext]);
    assert_eq!(a.focus, Focus::Sidebar);
    run(&mut a, &[Action::FocusPrev]);
    assert_eq!(a.focus, Focus::Reader);
    // The third document's title row: border row, then two rows per document.
    update(&mut a, Action::Click { column: 5, row: 5 });
    assert_eq!(a.focus, Focus::Documents);
    assert_eq!(a.reader.doc, 2);
    let scroll = a.reader.scroll;
    update(
        &mut a,
        Action::Wheel {
            column: 60,
            row: 10,
            down: true,
        },
    );
    assert!(
        a.reader.scroll > scroll,
        "the wheel scrolls the reader under it"
    );
}

#[test]
fn sidebar_outline_jumps_to_a_passage() {
    let mut a = app(120, 40);
    run(
        &mut a,
        &[Action::FocusPrev, Action::SideLast, Action::SideOpen],
    );
    let last_shown = a.outline().last().map(|(p, _)| *p);
    assert_eq!(Some(a.reader.passage), last_shown);
}
