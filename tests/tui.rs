//! The reader as a user sees it: state driven through `update`, frames drawn on a TestBackend.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use recoupe::corpus::load_seeds;
use recoupe::tui::App;
use recoupe::tui::action::Action;
use recoupe::tui::app::Focus;
use recoupe::tui::ui::render;
use recoupe::tui::update::update;

mod common;

fn app(width: u16, height: u16) -> App {
    App::new(load_seeds(), width, height)
}

/// The screen as text, one line per row.
fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.area.width, app.area.height)).expect("terminal");
    terminal.draw(|f| drop(render(app, f))).expect("draw");
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

/// Draws a frame as the run loop does, keeping where its items went for the next click.
fn draw(app: &mut App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.area.width, app.area.height)).expect("terminal");
    let mut hits = Default::default();
    terminal.draw(|f| hits = render(app, f)).expect("draw");
    app.hits = hits;
    screen(app)
}

/// Actions as the run loop applies them: their effects (files written) performed too.
fn run(app: &mut App, actions: &[Action]) {
    for a in actions {
        let effects = update(app, *a);
        recoupe::tui::effect::run_all(app, effects);
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
                Action::Resize { width: w, height: h },
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
    for pane in ["Documents", "Actors", "000_17e018d6b4590ed6.txt"] {
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
        update(&mut a, Action::Resize { width: w, height: h });
        assert_eq!(a.reader.passage, passage, "the reading position survives {w}x{h}");
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
    run(&mut a, &[Action::DocDown, Action::OpenDocument, Action::ReaderBottom]);
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
    draw(&mut a);
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
    assert!(a.reader.scroll > scroll, "the wheel scrolls the reader under it");
}

#[test]
fn sidebar_outline_jumps_to_a_passage() {
    let mut a = app(120, 40);
    run(
        &mut a,
        &[Action::FocusPrev, Action::NextTab, Action::SideLast, Action::SideOpen],
    );
    let last_shown = a.outline().last().map(|(p, _)| *p);
    assert_eq!(Some(a.reader.passage), last_shown);
}

/// Rows and columns of the cells drawn with a modifier, as text.
fn cells_with(app: &App, modifier: ratatui::style::Modifier) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.area.width, app.area.height)).expect("terminal");
    terminal.draw(|f| drop(render(app, f))).expect("draw");
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            if buffer[(x, y)].modifier.contains(modifier) {
                out.push_str(buffer[(x, y)].symbol());
            }
        }
    }
    out
}

fn actor_index(app: &App, name: &str) -> usize {
    app.analysis
        .actors
        .actors
        .iter()
        .position(|a| a.name == name)
        .expect("actor exists")
}

#[test]
fn the_actors_tab_lists_the_documents_actors_most_mentioned_first() {
    let a = app(120, 40);
    let s = screen(&a);
    assert!(s.contains("Actors"));
    let rows = a.document_actors();
    assert!(rows.windows(2).all(|w| w[0].1 >= w[1].1), "sorted by mentions here");
    let milley = actor_index(&a, "Mark Milley");
    assert!(rows.iter().any(|(i, _)| *i == milley));
    assert!(s.contains("Mark Milley"));
}

#[test]
fn selecting_an_actor_emphasises_its_mentions_in_the_reader() {
    let mut a = app(120, 40);
    run(&mut a, &[Action::FocusPrev]);
    let milley = actor_index(&a, "Mark Milley");
    let row = a
        .document_actors()
        .iter()
        .position(|(i, _)| *i == milley)
        .expect("in doc");
    for _ in 0..row {
        update(&mut a, Action::SideDown);
    }
    assert_eq!(a.current_actor(), Some(milley));
    let emphasised = cells_with(&a, ratatui::style::Modifier::REVERSED);
    assert!(emphasised.contains("Mark Milley"), "{emphasised}");
    assert!(!emphasised.contains("Kaboul"));
}

#[test]
fn n_walks_a_pinned_actor_across_documents_and_back_returns() {
    let mut a = app(120, 40);
    let milley = actor_index(&a, "Mark Milley");
    a.pinned = Some(milley);
    let docs_with_milley: std::collections::BTreeSet<usize> = a.analysis.actors.actors[milley]
        .mentions
        .iter()
        .map(|m| m.doc)
        .collect();
    assert!(docs_with_milley.len() >= 2);
    let mut visited = std::collections::BTreeSet::new();
    for _ in 0..a.analysis.actors.actors[milley].mentions.len() {
        update(&mut a, Action::NextMention);
        visited.insert(a.reader.doc);
        let here: Vec<_> = a
            .analysis
            .actors
            .in_passage(a.reader.doc, a.reader.passage)
            .map(|r| r.actor)
            .collect();
        assert!(here.contains(&milley), "every stop shows a mention of Milley");
        assert!(!cursor_rows(&screen(&a)).is_empty());
    }
    assert_eq!(
        visited, docs_with_milley,
        "n crossed into every document that names him"
    );
    let (doc, passage) = (a.reader.doc, a.reader.passage);
    update(&mut a, Action::NextMention);
    assert_eq!(a.message.as_ref().map(|m| m.text.contains("wrapped")), Some(true));
    update(&mut a, Action::Back);
    assert_eq!(
        (a.reader.doc, a.reader.passage),
        (doc, passage),
        "back undoes the last jump"
    );
    update(&mut a, Action::Forward);
    assert_ne!((a.reader.doc, a.reader.passage), (doc, passage));
    update(&mut a, Action::PrevMention);
    assert_eq!((a.reader.doc, a.reader.passage), (doc, passage), "N goes the other way");
}

#[test]
fn n_without_an_actor_says_what_to_do() {
    let mut a = app(120, 40);
    update(&mut a, Action::NextMention);
    assert!(a.message.as_ref().is_some_and(|m| m.text.contains("No actor chosen")));
}

#[test]
fn p_in_the_actors_tab_pins_and_esc_unpins() {
    let mut a = app(120, 40);
    run(&mut a, &[Action::FocusPrev, Action::PinActor]);
    let first = a.document_actors()[0].0;
    assert_eq!(a.pinned, Some(first));
    assert!(screen(&a).contains(&format!("◆ {}", a.analysis.actors.actors[first].name)));
    run(&mut a, &[Action::FocusNext, Action::CloseOverlay]);
    assert_eq!(a.pinned, None);
}

#[test]
fn enter_in_the_actors_tab_opens_the_actor_page_and_esc_closes_it() {
    let mut a = app(120, 40);
    run(&mut a, &[Action::FocusPrev, Action::SideOpen]);
    let first = a.document_actors()[0].0;
    let name = a.analysis.actors.actors[first].name.clone();
    let s = screen(&a);
    assert!(
        s.contains(&format!("{name} — ")),
        "the page is titled with the actor:\n{s}"
    );
    assert!(s.contains("Mentions ("), "{s}");
    assert_eq!(a.pinned, None, "Enter no longer pins");
    update(&mut a, Action::CloseOverlay);
    assert!(a.overlay.is_none());
}

#[test]
fn actor_view_lists_the_corpus_and_enter_opens_the_page_whose_lines_jump_with_history() {
    let mut a = app(120, 40);
    update(&mut a, Action::ToggleActorsView);
    let s = screen(&a);
    assert!(s.contains("Actors of the corpus"));
    assert!(s.contains("ISIS-K") && s.contains("Daech"), "aliases shown");
    let zakharova = actor_index(&a, "Maria Zakharova");
    for _ in 0..zakharova {
        update(&mut a, Action::OverlayDown);
    }
    update(&mut a, Action::OverlayOpen);
    let s = screen(&a);
    assert!(s.contains("Maria Zakharova — "), "{s}");
    // The last mention, then Enter: the reader stands there, the actor pinned.
    update(&mut a, Action::OverlayDown);
    let second = a.analysis.actors.actors[zakharova].mentions[1].clone();
    let start = (a.reader.doc, a.reader.passage);
    update(&mut a, Action::OverlayOpen);
    assert!(a.overlay.is_none());
    assert_eq!(a.pinned, Some(zakharova));
    assert_eq!((a.reader.doc, a.reader.passage), (second.doc, second.passage));
    update(&mut a, Action::Back);
    assert_eq!(
        (a.reader.doc, a.reader.passage),
        start,
        "Back returns to where the reader was"
    );
}

#[test]
fn actor_view_80x24() {
    let mut a = app(80, 24);
    run(
        &mut a,
        &[Action::ToggleActorsView, Action::OverlayDown, Action::OverlayDown],
    );
    insta::assert_snapshot!(screen(&a));
}

#[test]
fn the_claims_tab_lists_speaker_and_words_and_enter_jumps_to_the_claim() {
    let mut a = app(120, 40);
    run(
        &mut a,
        &[
            Action::DocDown,
            Action::DocDown,
            Action::DocDown,
            Action::DocDown,
            Action::OpenDocument,
        ],
    );
    run(&mut a, &[Action::FocusNext, Action::NextTab]);
    let s = screen(&a);
    assert!(s.contains("Maria Zakharova — "), "speaker — words:\n{s}");
    let claims = a.document_claims();
    assert!(claims.len() >= 3);
    run(&mut a, &[Action::SideDown, Action::SideOpen]);
    let claim = &a.analysis.claims[claims[1]];
    assert_eq!((a.reader.doc, a.reader.passage), (claim.doc, claim.passage));
    let bold_underlined = cells_with(
        &a,
        ratatui::style::Modifier::BOLD | ratatui::style::Modifier::UNDERLINED,
    );
    let first_words: String = claim.text.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
    assert!(
        bold_underlined.contains(&first_words),
        "current claim emphasised: {bold_underlined}"
    );
}

#[test]
fn claims_are_underlined_in_the_reader() {
    let a = app(120, 40);
    let underlined = cells_with(&a, ratatui::style::Modifier::UNDERLINED);
    assert!(underlined.contains("finissent par collaborer"), "{underlined}");
    assert!(screen(&a).contains('❝'), "margin mark beside claims");
}

#[test]
fn related_passages_are_listed_stepped_and_followed_with_history() {
    let mut a = app(120, 40);
    // The passage where Lloyd Austin makes no "saut de logique": the same quote is in article 2.
    let austin = a.corpus.documents[0]
        .passages
        .iter()
        .position(|p| a.corpus.documents[0].text(p).contains("Aucun saut"))
        .expect("passage");
    update(
        &mut a,
        Action::JumpTo {
            doc: 0,
            passage: austin,
        },
    );
    assert!(!a.related_here.is_empty());
    assert!(a.related_here.iter().all(|r| r.doc != 0), "other articles only");
    update(&mut a, Action::NextRelated);
    let s = screen(&a);
    assert!(s.contains("same quote"), "{s}");
    let target = (a.related_here[0].doc, a.related_here[0].passage);
    run(&mut a, &[Action::FocusNext, Action::FollowRelated]);
    assert_eq!((a.reader.doc, a.reader.passage), target);
    assert_eq!(a.flash, Some(target), "the passage is flashed");
    assert!(screen(&a).contains("Je ne ferais aucun saut logique"));
    update(&mut a, Action::Back);
    assert_eq!((a.reader.doc, a.reader.passage), (0, austin), "back to where we were");
    assert_eq!(a.flash, None);
    assert!(a.strongly_related[austin], "strong relation marked in the margin");
    assert!(screen(&a).contains('↔'));
}

fn type_text(app: &mut App, text: &str) {
    run(app, &[Action::PromptClear]);
    for c in text.chars() {
        run(app, &[Action::PromptChar(c)]);
    }
}

#[test]
fn selection_survives_moves_and_exports_to_markdown_with_confirmation_and_clear_errors() {
    let dir = tempfile::tempdir().expect("dir");
    let mut a = app(120, 40);
    update(&mut a, Action::StartExport);
    assert!(a.overlay.is_none() && a.message.as_ref().is_some_and(|m| m.text.contains("Nothing selected")));
    run(
        &mut a,
        &[
            Action::ToggleSelect,
            Action::DocDown,
            Action::OpenDocument,
            Action::NextPassage,
            Action::ToggleSelect,
        ],
    );
    run(
        &mut a,
        &[
            Action::FocusPrev,
            Action::NextTab,
            Action::SideDown,
            Action::FocusNext,
            Action::SelectClaim,
        ],
    );
    assert_eq!(a.selection.len(), 3, "two passages and a claim");
    run(
        &mut a,
        &[
            Action::DocFirst,
            Action::NextMention,
            Action::Back,
            Action::ToggleActorsView,
            Action::CloseOverlay,
        ],
    );
    assert_eq!(a.selection.len(), 3, "the selection survives moves and jumps");
    assert!(screen(&a).contains("✚ 3 selected"));

    // A folder that does not exist: the status bar says so, the selection stays.
    update(&mut a, Action::StartExport);
    assert!(screen(&a).contains("Export the selection to"));
    type_text(&mut a, "/no/such/folder/out.md");
    run(&mut a, &[Action::PromptSubmit]);
    assert!(
        a.message
            .as_ref()
            .is_some_and(|m| m.warning && m.text.contains("cannot write /no/such/folder/out.md"))
    );
    assert_eq!(a.selection.len(), 3);

    let file = dir.path().join("sel.md");
    let path = file.to_string_lossy().into_owned();
    update(&mut a, Action::StartExport);
    type_text(&mut a, &path);
    run(&mut a, &[Action::PromptSubmit]);
    let first = std::fs::read_to_string(&file).expect("exported");
    assert_eq!(first.matches("\n>\n> — ¶").count(), 2, "two passages quoted:\n{first}");
    assert!(first.contains("`000_17e018d6b4590ed6.txt`") && first.contains("`001_f80f425ae6c9e5c4.txt`"));
    assert!(
        first.contains("** (") || first.contains("**Mark Milley**") || first.contains(" : « "),
        "the claim:\n{first}"
    );

    // Exporting again to the same file asks first; one key answers (no Enter, nothing typed
    // into the file name) and anything but y leaves the file alone.
    update(&mut a, Action::ToggleSelect);
    update(&mut a, Action::StartExport);
    type_text(&mut a, &path);
    run(&mut a, &[Action::PromptSubmit]);
    assert!(screen(&a).contains("exists. Overwrite it? (y overwrites"));
    type_text(&mut a, "n");
    assert!(a.overlay.is_none(), "n alone answered");
    assert!(screen(&a).contains("Export cancelled"));
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), first);
    update(&mut a, Action::StartExport);
    type_text(&mut a, &path);
    run(&mut a, &[Action::PromptSubmit]);
    type_text(&mut a, "y");
    assert!(a.overlay.is_none(), "y alone answered");
    assert_ne!(std::fs::read_to_string(&file).expect("rewritten"), first);
}

#[test]
fn quitting_with_a_selection_never_exported_asks_first() {
    let mut a = app(120, 40);
    update(&mut a, Action::Quit);
    assert!(a.quit, "nothing selected: q quits at once");

    let dir = tempfile::tempdir().expect("dir");
    let mut a = app(120, 40);
    run(&mut a, &[Action::NextPassage, Action::ToggleSelect, Action::Quit]);
    assert!(!a.quit);
    assert!(screen(&a).contains("1 selected item not exported. Quit anyway?"));
    type_text(&mut a, "n");
    assert!(!a.quit && a.overlay.is_none(), "any other key stays");
    assert_eq!(a.selection.len(), 1, "the selection is kept");
    update(&mut a, Action::Quit);
    type_text(&mut a, "q");
    assert!(a.quit, "q again quits");

    // Exported as it is: q quits at once; changed since: it asks again.
    let mut a = app(120, 40);
    run(
        &mut a,
        &[Action::NextPassage, Action::ToggleSelect, Action::StartExport],
    );
    type_text(&mut a, &dir.path().join("out.md").to_string_lossy());
    run(
        &mut a,
        &[
            Action::PromptSubmit,
            Action::NextPassage,
            Action::ToggleSelect,
            Action::Quit,
        ],
    );
    assert!(!a.quit, "a passage added after the export");
    update(&mut a, Action::CloseOverlay);
    run(&mut a, &[Action::ToggleSelect, Action::Quit]);
    assert!(a.quit, "the selection is the one exported");
}

#[test]
fn the_selection_tab_lists_items_in_corpus_order_and_removes_them() {
    let mut a = app(120, 40);
    run(
        &mut a,
        &[
            Action::DocDown,
            Action::OpenDocument,
            Action::ToggleSelect,
            Action::DocFirst,
            Action::OpenDocument,
            Action::ToggleSelect,
        ],
    );
    let items = a.selection_items();
    assert_eq!(items.len(), 2);
    assert!(
        matches!(items[0], recoupe::tui::app::SelectionItem::Passage(0, _)),
        "corpus order: {items:?}"
    );
    run(
        &mut a,
        &[
            Action::FocusPrev,
            Action::NextTab,
            Action::NextTab,
            Action::NextTab,
            Action::NextTab,
        ],
    );
    // Each item cites its document and the paragraph number every view uses.
    let recoupe::tui::app::SelectionItem::Passage(_, p) = items[0] else {
        unreachable!("checked above")
    };
    let doc = &a.corpus.documents[0];
    let cited = format!("¶ {} · {}", doc.paragraph(p), &doc.id[..8]);
    assert!(screen(&a).contains(&cited), "{cited:?} in\n{}", screen(&a));
    update(&mut a, Action::RemoveSelected);
    assert_eq!(a.selection.len(), 1);
    assert!(matches!(
        a.selection_items()[0],
        recoupe::tui::app::SelectionItem::Passage(1, _)
    ));
}

#[test]
fn the_actor_filter_narrows_documents_claims_and_v_then_esc_clears_it() {
    let mut a = app(120, 40);
    update(&mut a, Action::StartFilter);
    type_text(&mut a, "zakharo");
    assert!(screen(&a).contains("Maria Zakharova"), "live results");
    run(&mut a, &[Action::PromptSubmit]);
    let zakharova = actor_index(&a, "Maria Zakharova");
    assert_eq!(a.filter(), vec![zakharova]);
    assert_eq!(a.visible_documents(), vec![4], "only the article that names her");
    let s = screen(&a);
    assert!(s.contains("(filtered)") && s.contains("filter: Maria Zakharova"), "{s}");
    assert!(!s.contains("Biden a promis"), "other articles are hidden from the list");
    let listed = a.listed_claims();
    assert!(listed.len() >= 3 && listed.iter().all(|&c| a.analysis.claims[c].speaker == Some(zakharova)));
    update(&mut a, Action::SelectActorPassages);
    let expected: std::collections::BTreeSet<(usize, usize)> = a.analysis.actors.actors[zakharova]
        .mentions
        .iter()
        .map(|m| (m.doc, m.passage))
        .collect();
    assert_eq!(a.selection.passages, expected);
    // A second actor: documents must name both.
    update(&mut a, Action::StartFilter);
    type_text(&mut a, "daech");
    run(&mut a, &[Action::PromptSubmit]);
    assert_eq!(a.filter().len(), 2);
    assert_eq!(a.visible_documents(), vec![4]);
    update(&mut a, Action::CloseOverlay);
    assert!(a.filter().is_empty(), "Esc clears the filter");
    assert_eq!(a.visible_documents().len(), 5);
}

#[test]
fn filter_prompt_80x24() {
    let mut a = app(80, 24);
    update(&mut a, Action::StartFilter);
    type_text(&mut a, "etat isl");
    insta::assert_snapshot!(screen(&a));
}

/// The text of the cells painted with a background colour, row by row.
fn cells_with_bg(app: &App, bg: ratatui::style::Color) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(app.area.width, app.area.height)).expect("terminal");
    terminal.draw(|f| drop(render(app, f))).expect("draw");
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .filter(|&x| buffer[(x, y)].bg == bg)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .filter(|row| !row.is_empty())
        .collect()
}

#[test]
fn search_finds_a_phrase_without_accents_lists_hits_and_n_walks_them_across_documents() {
    let mut a = app(120, 40);
    update(&mut a, Action::StartSearch);
    type_text(&mut a, "  ETAT   ISLAMIQUE ");
    run(&mut a, &[Action::PromptSubmit]);
    let search = a.search.clone().expect("a search is active");
    let docs: std::collections::BTreeSet<usize> = search.found.hits.iter().map(|h| h.doc).collect();
    assert!(docs.len() >= 2, "hits in several articles: {docs:?}");
    for h in &search.found.hits {
        let text = &a.corpus.documents[h.doc].source[h.start..h.end];
        assert!(
            recoupe::analysis::text::fold(text)
                .split_whitespace()
                .collect::<Vec<_>>()
                == ["etat", "islamique"],
            "{text:?}"
        );
    }
    let s = screen(&a);
    assert!(s.contains("Search") && s.contains("/ETAT ISLAMIQUE 1/8"), "{s}");
    // Hits are lit in the reader and listed with context in the sidebar.
    let lit = cells_with_bg(&a, a.theme.search_bg).join("|");
    assert!(fold_contains(&lit, "etat islamique"), "{lit}");
    // n walks every hit, moving to other articles, and wraps around.
    let mut visited = Vec::new();
    for _ in 0..search.found.hits.len() {
        visited.push(a.search.as_ref().and_then(|s| s.at).expect("a current hit"));
        assert_eq!(a.reader.doc, search.found.hits[*visited.last().unwrap()].doc);
        update(&mut a, Action::NextMention);
    }
    visited.sort();
    visited.dedup();
    assert_eq!(visited.len(), search.found.hits.len(), "n visits every hit once");
    update(&mut a, Action::PrevMention);
    update(&mut a, Action::Back);
    // Esc clears the search; n then goes back to actors.
    update(&mut a, Action::CloseOverlay);
    assert!(a.search.is_none());
    assert!(cells_with_bg(&a, a.theme.search_bg).is_empty());
}

fn fold_contains(text: &str, what: &str) -> bool {
    recoupe::analysis::text::fold(text).contains(what)
}

#[test]
fn search_for_nothing_found_says_so() {
    let mut a = app(120, 40);
    update(&mut a, Action::StartSearch);
    type_text(&mut a, "zzyzx quux");
    run(&mut a, &[Action::PromptSubmit]);
    assert!(a.search.is_none());
    assert!(screen(&a).contains("No passage contains “zzyzx quux”"));
}

#[test]
fn search_results_80x24() {
    let mut a = app(80, 24);
    update(&mut a, Action::StartSearch);
    type_text(&mut a, "daech");
    run(&mut a, &[Action::PromptSubmit]);
    insta::assert_snapshot!(screen(&a));
}

#[test]
fn documents_are_readable_while_the_rest_load_and_the_gauge_goes_when_the_analysis_arrives() {
    use recoupe::tui::background::{Analysed, Background};
    let seeds = load_seeds();
    let (mut a, mut progress) = common::loading_seeds(&seeds, 2, 120, 40);
    let s = screen(&a);
    assert!(s.contains("reading 2/5 files"), "{s}");
    assert!(
        s.contains("Un général américain") && s.contains("Biden a promis"),
        "{s}"
    );
    assert!(!s.contains("Le Pakistan fournirait"), "not read yet");
    // The reader already works on what is there.
    run(&mut a, &[Action::DocDown, Action::OpenDocument, Action::PageDown]);
    assert_eq!(a.reader.doc, 1);
    for doc in seeds.documents.iter().skip(2) {
        progress.files_done += 1;
        recoupe::tui::update::absorb(
            &mut a,
            Background::Loaded {
                progress,
                document: Some(Box::new(doc.clone())),
            },
        );
    }
    recoupe::tui::update::absorb(&mut a, Background::LoadFinished { warnings: Vec::new() });
    assert!(screen(&a).contains("analysing 5 articles"));
    let analysis = Analysed::run(&a.corpus, a.lexicon.clone());
    recoupe::tui::update::absorb(&mut a, Background::Analysed(Box::new(analysis)));
    let s = screen(&a);
    assert!(!s.contains("analysing") && !s.contains("reading"), "{s}");
    assert_eq!(a.reader.doc, 1, "the reader stayed where the user was");
    assert!(!a.document_actors().is_empty(), "actors arrived");
}

#[test]
fn a_kept_analysis_shows_its_actors_before_its_claims_arrive() {
    use recoupe::tui::background::{Analysed, Background, RestOfKept};
    let seeds = load_seeds();
    let (mut a, _) = common::loading_seeds(&seeds, 5, 120, 40);
    recoupe::tui::update::absorb(&mut a, Background::LoadFinished { warnings: Vec::new() });
    let kept = Analysed::run(&a.corpus, a.lexicon.clone()).analysis;
    let whole = kept.claims.len();
    assert!(!screen(&a).contains("Talibans"), "no actor before the analysis");
    recoupe::tui::update::absorb(&mut a, Background::ActorsFirst(Box::new(kept.actors.clone())));
    let s = screen(&a);
    assert!(s.contains("Talibans"), "the actors are on the first screen: {s}");
    assert!(!a.document_actors().is_empty());
    assert!(
        s.contains("analysing 5 articles: claims, related passages"),
        "the rest is still coming: {s}"
    );
    assert!(a.analysis.claims.is_empty());
    update(&mut a, Action::ToggleActorsView);
    assert!(screen(&a).contains("Mark Milley"), "the actor view lists them already");
    update(&mut a, Action::CloseOverlay);
    let lexicon = a.lexicon.clone();
    recoupe::tui::update::absorb(
        &mut a,
        Background::RestOfKept(Box::new(RestOfKept {
            claims: kept.claims,
            related: kept.related,
            lexicon,
        })),
    );
    let s = screen(&a);
    assert!(!s.contains("analysing"), "{s}");
    assert_eq!(a.analysis.claims.len(), whole, "the claims joined the actors");
    assert_eq!(a.analysis.actors.actors, kept.actors.actors);
}

#[test]
fn the_gauge_names_the_stage_an_analysis_being_built_is_at() {
    use recoupe::analysis::Stage;
    use recoupe::tui::background::Background;
    let seeds = load_seeds();
    let (mut a, _) = common::loading_seeds(&seeds, 5, 120, 40);
    recoupe::tui::update::absorb(&mut a, Background::LoadFinished { warnings: Vec::new() });
    assert!(screen(&a).contains("analysing 5 articles: actors, claims, related passages"));
    recoupe::tui::update::absorb(&mut a, Background::Stage(Stage::Claims));
    assert!(
        screen(&a).contains("analysing 5 articles: claims (2/3)"),
        "{}",
        screen(&a)
    );
    recoupe::tui::update::absorb(&mut a, Background::Stage(Stage::Related));
    assert!(screen(&a).contains("analysing 5 articles: related passages (3/3)"));
}

#[test]
fn a_correction_under_way_is_said_in_the_status_bar_until_its_analysis_is_in() {
    let mut a = app(160, 40);
    update(&mut a, Action::ToggleActorsView);
    update(&mut a, Action::RenameActor);
    update(&mut a, Action::PromptChar('!'));
    let effects = update(&mut a, Action::PromptSubmit);
    assert!(
        screen(&a).contains("applying the correction to 5 articles"),
        "{}",
        screen(&a)
    );
    recoupe::tui::effect::run_all(&mut a, effects);
    assert!(!screen(&a).contains("applying the correction"), "{}", screen(&a));
}

#[test]
fn a_load_that_finds_nothing_closes_the_reader_with_the_reason() {
    use recoupe::tui::background::Background;
    let plan = recoupe::corpus::LoadPlan {
        origin: "junk".into(),
        ..Default::default()
    };
    let mut a = App::loading(&plan, recoupe::curation::Curation::in_memory(), 120, 40);
    recoupe::tui::update::absorb(&mut a, Background::LoadFinished { warnings: Vec::new() });
    assert!(a.quit);
    assert!(a.failed.as_ref().is_some_and(|e| e.to_string().contains("junk")));
    screen(&a);
}

/// The screen rows where each sidebar item begins, read off the screen as a user sees it:
/// an item's first row starts at the pane's left edge, its other rows are indented.
fn sidebar_items_on_screen(app: &App, screen: &str) -> (u16, Vec<u16>) {
    let panes = recoupe::tui::layout::Panes::of(app.area, app.sidebar_extra).expect("room for the panes");
    let left = panes.sidebar.x as usize + 1;
    let starts = screen
        .lines()
        .enumerate()
        .skip(panes.sidebar.y as usize + 1)
        .take(panes.sidebar.height as usize - 2)
        .filter(|(_, row)| {
            let cell: String = row.chars().skip(left).take(2).collect();
            !cell.starts_with(' ')
        })
        .map(|(y, _)| y as u16)
        .collect();
    (panes.sidebar.x + 3, starts)
}

/// Opens the sidebar on a tab, at a passage of the first document with at least three related
/// passages elsewhere (and so, in the seeds, several claims), and draws it.
fn on_tab(tab: recoupe::tui::app::SidebarTab) -> (App, String) {
    let mut a = app(120, 40);
    run(&mut a, &[Action::FocusNext]);
    while a.related_here.len() < 3 {
        let before = a.reader.passage;
        run(&mut a, &[Action::NextPassage]);
        assert_ne!(a.reader.passage, before, "a seed passage with three related passages");
    }
    while a.sidebar.tab != tab {
        run(&mut a, &[Action::NextTab]);
    }
    let shown = draw(&mut a);
    (a, shown)
}

#[test]
fn a_click_on_a_multi_row_claim_opens_that_claim() {
    use recoupe::tui::app::SidebarTab;
    for item in [1, 2] {
        let (mut a, shown) = on_tab(SidebarTab::Claims);
        let (column, starts) = sidebar_items_on_screen(&a, &shown);
        assert!(starts.len() > 3, "several claims listed:\n{shown}");
        assert!(starts[1] - starts[0] > 1, "claims several rows high:\n{shown}");
        let wanted = a.analysis.claims[a.listed_claims()[item]].clone();
        // The item's last row: one row per item would have picked a later claim.
        update(
            &mut a,
            Action::Click {
                column,
                row: starts[item + 1] - 1,
            },
        );
        assert_eq!(a.sidebar.selected, item, "claim {item} selected");
        assert_eq!((a.reader.doc, a.reader.passage), (wanted.doc, wanted.passage));
    }
}

#[test]
fn a_click_on_a_multi_row_related_passage_follows_that_one() {
    use recoupe::tui::app::SidebarTab;
    for item in [1, 2] {
        let (mut a, shown) = on_tab(SidebarTab::Related);
        let (column, starts) = sidebar_items_on_screen(&a, &shown);
        assert!(starts.len() >= 3, "three related passages listed:\n{shown}");
        let wanted = a.related_here[item].clone();
        let last_row = starts.get(item + 1).map_or(starts[item] + 2, |next| next - 1);
        update(&mut a, Action::Click { column, row: last_row });
        assert_eq!(
            (a.reader.doc, a.reader.passage),
            (wanted.doc, wanted.passage),
            "related {item} followed"
        );
    }
}

#[test]
fn the_current_passage_follows_what_is_on_screen() {
    let mut a = app(100, 24);
    run(&mut a, &[Action::DocDown, Action::OpenDocument, Action::ReaderBottom]);
    let last_shown = a.outline().last().map(|(p, _)| *p);
    assert_eq!(
        Some(a.reader.passage),
        last_shown,
        "G: the last passage, not one cut off at the top"
    );
    run(&mut a, &[Action::ReaderTop]);
    assert_eq!(
        Some(a.reader.passage),
        a.outline().first().map(|(p, _)| *p),
        "gg: the first"
    );
    // A page down leaves the current passage above the screen: the new one is on screen, and
    // is cut off at the top only when it fills the screen.
    for _ in 0..6 {
        run(&mut a, &[Action::PageDown]);
        let span = a.reader.lines.spans[a.reader.passage].clone();
        let (top, bottom) = (a.reader.scroll, a.reader.scroll + a.reader_height());
        assert!(span.start < bottom && span.end > top, "on screen");
        assert!(
            span.start >= top || span.end >= bottom,
            "passage {} ({span:?}) is cut off at the top of {top}..{bottom}",
            a.reader.passage
        );
    }
}

#[test]
fn the_load_warnings_are_listed_by_a_key() {
    let mut seeds = app(120, 40);
    update(&mut seeds, Action::ToggleWarnings);
    assert!(seeds.overlay.is_none() && screen(&seeds).contains("No warning: every file was read"));

    let dir = tempfile::tempdir().expect("dir");
    let article = "Le ministre a déclaré lundi que la réforme serait votée avant l'été.\n\n\
                   Selon l'opposition, le texte arrive trop tard.\n";
    std::fs::write(dir.path().join("article.txt"), article).expect("write");
    std::fs::write(dir.path().join("image.txt"), [0u8, 159, 146, 150, 0, 1, 2]).expect("write");
    std::fs::write(dir.path().join("latin.txt"), b"d\xe9clar\xe9 \xe0 Paris").expect("write");
    let corpus = recoupe::corpus::load_paths(&[dir.path().to_path_buf()]).expect("loads");
    assert_eq!(corpus.warnings.len(), 2, "{:?}", corpus.warnings);
    let mut a = App::new(corpus, 120, 40);
    let said = screen(&a);
    assert!(said.contains("(and 1 more warning: W lists them)"), "{said}");
    update(&mut a, Action::ToggleWarnings);
    let listed = screen(&a);
    assert!(listed.contains("2 warnings"), "{listed}");
    assert!(listed.contains("image.txt") && listed.contains("latin.txt"), "{listed}");
    update(&mut a, Action::CloseOverlay);
    assert!(a.overlay.is_none());
}

/// The seeds' first article with the Claims tab focused on the claim holding `words`.
fn on_claim(width: u16, height: u16, words: &str) -> App {
    let mut a = app(width, height);
    update(&mut a, Action::NextTab);
    assert_eq!(a.sidebar.tab, recoupe::tui::app::SidebarTab::Claims);
    update(&mut a, Action::FocusNext);
    update(&mut a, Action::FocusNext);
    while !a
        .current_claim()
        .is_some_and(|c| a.analysis.claims[c].text.contains(words))
    {
        let before = a.sidebar.selected;
        update(&mut a, Action::SideDown);
        assert_ne!(a.sidebar.selected, before, "no claim {words:?} in the Claims tab");
    }
    a
}

#[test]
fn enter_on_a_reported_claim_lists_its_other_reports_and_jumps_there_with_history() {
    let mut a = on_claim(140, 40, "Aucun saut de logique");
    let screen_text = screen(&a);
    assert!(screen_text.contains("⇄ 1 reports it"), "{screen_text}");
    update(&mut a, Action::SideOpen);
    let listed = screen(&a);
    assert!(listed.contains("Cross-check: reported by 1 other article"), "{listed}");
    assert!(
        listed.contains("same quote · 001_f80f425ae6c9e5c4.txt · no date · ¶ 26 · fr"),
        "{listed}"
    );
    assert!(listed.contains("Je ne ferais aucun saut logique"), "{listed}");
    update(&mut a, Action::OverlayOpen);
    assert!(a.overlay.is_none());
    assert_eq!(a.corpus.documents[a.reader.doc].id, "001_f80f425ae6c9e5c4.txt");
    assert_eq!(a.corpus.documents[a.reader.doc].paragraph(a.reader.passage), 26);
    update(&mut a, Action::Back);
    assert_eq!(a.reader.doc, 0, "back to the claim's article");
}

#[test]
fn the_contrast_view_puts_the_claim_beside_the_claims_against_it() {
    let mut a = on_claim(140, 40, "finissent par collaborer");
    let listed = screen(&a);
    assert!(listed.contains("≠ 1 against it"), "{listed}");
    assert!(
        listed.contains("≠ Talibans"),
        "who is against it, under the claim: {listed}"
    );
    update(&mut a, Action::ContrastView);
    let shown = screen(&a);
    assert!(shown.contains("Contrast: 1 claim against it"), "{shown}");
    let row = shown
        .lines()
        .find(|l| l.contains("000_17e018d6b4590ed6.txt · no date · ¶ 2"))
        .expect("the claim on the left");
    assert!(
        row.contains("≠ contrast · 002_2329b692eac1120f.txt · 2021-10-24 · ¶ 8"),
        "side by side: {row}"
    );
    assert!(shown.contains("il n'y aurait pas de collaboration"), "{shown}");
    update(&mut a, Action::ContrastView);
    assert!(a.overlay.is_none(), "the same key closes it");

    let mut b = on_claim(140, 40, "Aucun saut de logique");
    update(&mut b, Action::ContrastView);
    assert!(b.overlay.is_none());
    assert_eq!(
        b.message.as_ref().map(|m| m.text.as_str()),
        Some("No other article contradicts this claim")
    );
}

#[test]
fn messages_and_prompts_name_the_keys_of_the_users_keymap() {
    use recoupe::tui::keymap::Keymap;
    let user = Keymap::parse(
        "[[keys]]\nwhen = \"any\"\non = [\"a\"]\nrun = \"toggle_select\"\n\n\
         [[keys]]\nwhen = \"any\"\non = [\"E\"]\nrun = \"start_export\"\n\n\
         [[keys]]\nwhen = \"any\"\non = [\"<C-g>\"]\nrun = \"close_overlay\"\n",
    )
    .expect("user keymap");
    let mut a = app(120, 40);
    a.keymap = Keymap::default_map().with_user(user);
    update(&mut a, Action::ToggleSelect);
    let said = a.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.ends_with("; E exports it"), "{said}");
    update(&mut a, Action::StartFilter);
    let shown = screen(&a);
    assert!(shown.contains("Enter applies, Ctrl-g cancels"), "{shown}");
    update(&mut a, Action::CloseOverlay);
    update(&mut a, Action::ToggleSelect);
    update(&mut a, Action::StartExport);
    let said = a.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(
        said.starts_with("Nothing selected: a adds the current passage"),
        "{said}"
    );
}

#[test]
fn update_writes_no_file_itself_it_returns_the_write_to_perform() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("out.md");
    let mut a = app(120, 40);
    run(&mut a, &[Action::ToggleSelect, Action::StartExport]);
    update(&mut a, Action::PromptClear);
    for c in file.to_string_lossy().chars() {
        update(&mut a, Action::PromptChar(c));
    }
    let effects = update(&mut a, Action::PromptSubmit);
    assert!(!file.exists(), "nothing written by update");
    let [recoupe::tui::effect::Effect::Export { path, text, selection }] = &effects[..] else {
        panic!("one export to perform: {effects:?}");
    };
    assert_eq!(path, &file.to_string_lossy());
    assert!(text.starts_with("# recoupe: selection"));
    assert_eq!(selection.len(), 1);
    assert!(a.unexported(), "not exported until the write is done");
    recoupe::tui::effect::run_all(&mut a, effects);
    assert!(file.exists());
    assert!(!a.unexported());
    assert!(
        a.message
            .as_ref()
            .is_some_and(|m| m.text.starts_with("Exported 1 item to"))
    );
}

#[test]
fn each_sidebar_tab_keeps_its_own_place() {
    use recoupe::tui::app::SidebarTab;
    let mut a = app(120, 40);
    run(&mut a, &[Action::FocusNext, Action::FocusNext]);
    run(&mut a, &[Action::SideDown, Action::SideDown, Action::SideDown]);
    assert_eq!((a.sidebar.tab, a.sidebar.selected), (SidebarTab::Actors, 3));
    run(&mut a, &[Action::NextTab, Action::SideDown]);
    assert_eq!((a.sidebar.tab, a.sidebar.selected), (SidebarTab::Claims, 1));
    for _ in 1..SidebarTab::ORDER.len() {
        run(&mut a, &[Action::NextTab]);
    }
    assert_eq!(
        (a.sidebar.tab, a.sidebar.selected),
        (SidebarTab::Actors, 3),
        "back where it was"
    );
    run(&mut a, &[Action::NextTab]);
    assert_eq!(a.sidebar.selected, 1, "and the Claims tab where it was");
}

#[test]
fn tabs_have_distinct_names_when_short_and_keys_of_their_own() {
    use recoupe::tui::app::SidebarTab;
    // Shortened, never ambiguous: numbered like their keys when short names do not fit.
    let top = |a: &App| screen(a).lines().next().unwrap_or_default().to_string();
    assert!(
        top(&app(100, 30)).contains(" Actors 2 3 4 5 6 "),
        "{}",
        top(&app(100, 30))
    );
    assert!(
        top(&app(140, 40)).contains(" Actors Clm Rel Srch Sel Out "),
        "{}",
        top(&app(140, 40))
    );
    let mut a = app(100, 30);
    run(&mut a, &[Action::SelectionTab]);
    assert_eq!(a.sidebar.tab, SidebarTab::Selection);
    run(&mut a, &[Action::PrevTab]);
    assert_eq!(a.sidebar.tab, SidebarTab::Search);
    run(&mut a, &[Action::PrevTab, Action::PrevTab, Action::PrevTab]);
    assert_eq!(a.sidebar.tab, SidebarTab::Actors);
    run(&mut a, &[Action::PrevTab]);
    assert_eq!(a.sidebar.tab, SidebarTab::Outline, "T wraps around");
    let key = |c: char| {
        crossterm::event::KeyEvent::new(crossterm::event::KeyCode::Char(c), crossterm::event::KeyModifiers::NONE)
    };
    let actions: Vec<_> = "123456T"
        .chars()
        .map(|c| a.keymap.action(a.context(), key(c)))
        .collect();
    use Action::*;
    assert_eq!(
        actions,
        [
            ActorsTab,
            ClaimsTab,
            RelatedTab,
            SearchTab,
            SelectionTab,
            OutlineTab,
            PrevTab
        ]
        .map(Some)
    );
}

#[test]
fn the_actor_filter_lists_every_candidate_before_a_letter_is_typed() {
    let mut a = app(120, 40);
    run(&mut a, &[Action::StartFilter]);
    let shown = screen(&a);
    let listed = a.analysis.actors.actors.len().min(50);
    assert!(shown.contains(&format!("Actors matching: {listed}")), "{shown}");
    assert!(shown.contains("Talibans"), "the most mentioned first: {shown}");
    run(
        &mut a,
        &[
            Action::PromptChar('z'),
            Action::PromptChar('a'),
            Action::PromptChar('k'),
        ],
    );
    assert!(screen(&a).contains("Maria Zakharova"));
}

#[test]
fn the_search_prompt_offers_the_last_query_again_after_it_was_cleared() {
    let mut a = app(120, 40);
    run(&mut a, &[Action::StartSearch]);
    for c in "Kaboul".chars() {
        run(&mut a, &[Action::PromptChar(c)]);
    }
    run(&mut a, &[Action::PromptSubmit, Action::CloseOverlay]);
    assert!(a.search.is_none(), "Esc cleared the search");
    run(&mut a, &[Action::StartSearch]);
    assert!(screen(&a).contains("/Kaboul"), "the last query is offered");
    run(&mut a, &[Action::PromptSubmit]);
    assert_eq!(a.search.as_ref().map(|s| s.found.query.as_str()), Some("Kaboul"));
}

#[test]
fn the_reader_previews_the_highlighted_document_and_back_returns_past_the_whole_browse() {
    for moves in [0, 2] {
        let mut a = app(120, 40);
        for _ in 0..moves {
            run(&mut a, &[Action::NextPassage]);
        }
        browse_and_come_back(&mut a);
    }
}

fn browse_and_come_back(a: &mut App) {
    let start = (a.reader.doc, a.reader.passage);
    run(a, &[Action::DocDown]);
    assert_eq!(a.reader.doc, 1, "the reader follows the list cursor");
    assert_eq!(a.focus, recoupe::tui::app::Focus::Documents, "the list keeps the focus");
    run(a, &[Action::DocDown, Action::DocDown]);
    assert_eq!(a.reader.doc, 3);
    run(a, &[Action::OpenDocument]);
    assert_eq!(a.focus, recoupe::tui::app::Focus::Reader);
    assert_eq!(a.reader.doc, 3, "Enter goes on reading the document previewed");
    assert_eq!(a.history.back.len(), 1, "one step for the browse, not one per document");
    run(a, &[Action::Back]);
    assert_eq!((a.reader.doc, a.reader.passage), start);
}

#[test]
fn help_lines_wrap_at_80_columns_and_scrolling_stops_at_the_last_page() {
    let mut a = app(80, 24);
    run(&mut a, &[Action::ToggleHelp]);
    let shown = screen(&a);
    assert!(
        shown.contains("close the overlay, else clear the search, unpin"),
        "{shown}"
    );
    assert!(
        shown.contains("the actor, clear the filter"),
        "the rest on the next line: {shown}"
    );
    for _ in 0..500 {
        run(&mut a, &[Action::OverlayDown]);
    }
    let shown = screen(&a);
    let rows: Vec<&str> = shown.lines().collect();
    let last_inside = rows[rows.len() - 3];
    assert!(
        last_inside.contains("Mouse: the wheel scrolls"),
        "the last line ends the last page:\n{shown}"
    );
}

#[test]
fn search_starts_after_the_cursor_and_n_wraps_around_with_a_message() {
    let mut a = app(80, 24);
    // The third article, some passages in (scrolled: its top is off screen).
    run(&mut a, &[Action::DocDown, Action::DocDown, Action::OpenDocument]);
    for _ in 0..5 {
        update(&mut a, Action::NextPassage);
    }
    assert!(a.reader.scroll > 0);
    let doc = &a.corpus.documents[a.reader.doc];
    let here = (a.reader.doc, doc.passages[a.reader.passage].start);
    update(&mut a, Action::StartSearch);
    type_text(&mut a, "talibans");
    update(&mut a, Action::PromptSubmit);
    let search = a.search.clone().expect("a search");
    let hits = &search.found.hits;
    let first = &hits[search.at.expect("a current hit")];
    assert!(
        hits.iter().any(|h| (h.doc, h.start) < here),
        "the corpus has hits before the cursor too"
    );
    assert!(
        (first.doc, first.start) >= here,
        "the first hit shown is after the cursor"
    );
    let expected = hits.iter().position(|h| (h.doc, h.start) >= here).expect("a hit after");
    assert_eq!(search.at, Some(expected), "the next one, not the first of the corpus");
    // n past the last hit goes round to the first, and says so.
    for _ in expected..hits.len() - 1 {
        update(&mut a, Action::NextMention);
        assert!(!a.message.as_ref().expect("message").text.contains("wrapped"));
    }
    update(&mut a, Action::NextMention);
    assert_eq!(a.search.as_ref().and_then(|s| s.at), Some(0));
    assert!(a.message.as_ref().expect("message").text.contains("(wrapped around)"));
    // N from the first goes round to the last.
    update(&mut a, Action::PrevMention);
    assert_eq!(a.search.as_ref().and_then(|s| s.at), Some(hits.len() - 1));
    assert!(a.message.as_ref().expect("message").text.contains("(wrapped around)"));
}

#[test]
fn the_sidebar_widens_and_narrows_within_limits_and_the_text_keeps_its_measure() {
    let mut a = app(200, 50);
    let width = |a: &App| {
        recoupe::tui::layout::Panes::of(a.area, a.sidebar_extra)
            .expect("panes")
            .sidebar
            .width
    };
    let start = width(&a);
    update(&mut a, Action::WidenSidebar);
    assert!(width(&a) > start, "wider");
    run(&mut a, &[Action::NarrowSidebar, Action::NarrowSidebar]);
    assert!(width(&a) < start, "narrower");
    for _ in 0..100 {
        update(&mut a, Action::NarrowSidebar);
    }
    let narrowest = width(&a);
    assert!(narrowest >= 18, "{narrowest}");
    assert!(a.message.as_ref().expect("message").text.contains("narrow"));
    // However wide the reader pane, no line of text is longer than the measure.
    for _ in 0..100 {
        update(&mut a, Action::NarrowSidebar);
    }
    let s = draw(&mut a);
    let longest = a
        .reader
        .lines
        .lines
        .iter()
        .map(|r| r.text.chars().count())
        .max()
        .unwrap_or(0);
    assert!(longest <= recoupe::tui::layout::MEASURE as usize, "{longest}\n{s}");
    assert!(longest > 80, "the wide pane is used: {longest}");
}

#[test]
fn a_search_being_typed_says_what_it_finds_once_the_corpus_is_folded() {
    let mut a = app(120, 40);
    let status = |a: &App| screen(a).lines().last().unwrap_or_default().to_string();
    // Before the folded corpus is there, typing counts nothing (no scan per key).
    update(&mut a, Action::StartSearch);
    type_text(&mut a, "kab");
    assert!(!status(&a).contains("hit"), "{}", status(&a));
    update(&mut a, Action::CloseOverlay);
    // Built off the UI thread, it arrives as news.
    let index = std::sync::Arc::new(recoupe::search::TextIndex::new(&a.corpus));
    recoupe::tui::update::absorb(&mut a, recoupe::tui::background::Background::TextIndexed(index));
    update(&mut a, Action::StartSearch);
    type_text(&mut a, "kab");
    let expected = recoupe::search::find_text(&a.corpus, "kab", 10_000);
    assert!(expected.hits.len() > 1);
    let said = format!("{} hits in {} documents", expected.hits.len(), expected.documents());
    assert!(status(&a).contains(&said), "{} / {said}", status(&a));
    for c in "oulzz".chars() {
        update(&mut a, Action::PromptChar(c));
    }
    assert!(status(&a).contains("no passage has it"), "{}", status(&a));
    update(&mut a, Action::PromptBackspace);
    update(&mut a, Action::PromptBackspace);
    update(&mut a, Action::PromptSubmit);
    let search = a.search.clone().expect("a search");
    assert_eq!(search.found, recoupe::search::find_text(&a.corpus, "kaboul", 10_000));
}
