//! Snapshots of every sidebar tab, the loading gauge, the warnings list, the help, the actor
//! page and a fuzzy prompt before typing, at 80x24 and
//! 140x40: what a user sees, drawn on a TestBackend.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use recoupe::corpus::load_seeds;
use recoupe::tui::App;
use recoupe::tui::action::Action;
use recoupe::tui::app::SidebarTab;
use recoupe::tui::ui::render;
use recoupe::tui::update::update;

mod common;

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.area.width, app.area.height)).expect("terminal");
    terminal.draw(|f| drop(render(app, f))).expect("draw");
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            let row: String = (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect();
            row.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn run(app: &mut App, actions: &[Action]) {
    for a in actions {
        update(app, *a);
    }
}

/// The second article, at its first passage with related passages elsewhere, a passage and a
/// claim selected and a search made, the sidebar focused on a tab.
fn on_tab(tab: SidebarTab, width: u16, height: u16) -> App {
    let mut a = App::new(load_seeds(), width, height);
    run(&mut a, &[Action::DocDown, Action::OpenDocument]);
    while a.related_here.len() < 2 {
        run(&mut a, &[Action::NextPassage]);
    }
    run(
        &mut a,
        &[Action::ToggleSelect, Action::SelectClaim, Action::StartSearch],
    );
    for c in "Milley".chars() {
        update(&mut a, Action::PromptChar(c));
    }
    run(&mut a, &[Action::PromptSubmit, Action::FocusNext]);
    while a.sidebar.tab != tab {
        run(&mut a, &[Action::NextTab]);
    }
    run(&mut a, &[Action::SideDown]);
    a
}

#[test]
fn every_sidebar_tab() {
    for (width, height) in SIZES {
        for tab in SidebarTab::ORDER {
            let a = on_tab(tab, width, height);
            let name = format!("sidebar_{}_{width}x{height}", tab.label().to_lowercase());
            insta::assert_snapshot!(name, screen(&a));
        }
    }
}

#[test]
fn the_loading_gauge() {
    let seeds = load_seeds();
    for (width, height) in SIZES {
        let (a, _) = common::loading_seeds(&seeds, 2, width, height);
        insta::assert_snapshot!(format!("loading_gauge_{width}x{height}"), screen(&a));
    }
}

#[test]
fn the_warnings_list() {
    use recoupe::corpus::LoadWarning;
    for (width, height) in SIZES {
        let mut a = App::new(load_seeds(), width, height);
        std::sync::Arc::make_mut(&mut a.corpus).warnings = vec![
            LoadWarning {
                path: "articles/scan.txt".into(),
                message: "binary file, skipped".into(),
            },
            LoadWarning {
                path: "articles/old.txt".into(),
                message: "not valid UTF-8, decoded with replacement characters (�)".into(),
            },
        ];
        update(&mut a, Action::ToggleWarnings);
        insta::assert_snapshot!(format!("warnings_list_{width}x{height}"), screen(&a));
    }
}

/// The first article, the Claims tab on the claim holding `words`.
fn on_claim(width: u16, height: u16, words: &str) -> App {
    let mut a = App::new(load_seeds(), width, height);
    run(&mut a, &[Action::NextTab, Action::FocusNext, Action::FocusNext]);
    while !a
        .current_claim()
        .is_some_and(|c| a.analysis.claims[c].text.contains(words))
    {
        run(&mut a, &[Action::SideDown]);
    }
    a
}

#[test]
fn the_cross_check_list_and_the_contrast_view() {
    for (width, height) in SIZES {
        let mut a = on_claim(width, height, "Aucun saut de logique");
        update(&mut a, Action::SideOpen);
        insta::assert_snapshot!(format!("cross_check_{width}x{height}"), screen(&a));
        let mut a = on_claim(width, height, "finissent par collaborer");
        update(&mut a, Action::ContrastView);
        insta::assert_snapshot!(format!("contrast_view_{width}x{height}"), screen(&a));
    }
}

#[test]
fn the_help_the_actor_page_and_a_fuzzy_prompt_before_typing() {
    for (width, height) in SIZES {
        let mut a = App::new(load_seeds(), width, height);
        update(&mut a, Action::ToggleHelp);
        insta::assert_snapshot!(format!("help_{width}x{height}"), screen(&a));

        let mut a = App::new(load_seeds(), width, height);
        // The first actor of the first article, its page opened from the Actors tab.
        run(&mut a, &[Action::FocusPrev, Action::SideOpen]);
        insta::assert_snapshot!(format!("actor_page_{width}x{height}"), screen(&a));

        let mut a = App::new(load_seeds(), width, height);
        update(&mut a, Action::StartFilter);
        insta::assert_snapshot!(format!("filter_prompt_before_typing_{width}x{height}"), screen(&a));
    }
}
