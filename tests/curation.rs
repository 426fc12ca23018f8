//! Correcting the actors: merge, split, rename, kind, not an actor. Each correction is saved to
//! the user's lexicon file, and reading the file again gives the same actors.

use recoupe::analysis::actors::{self, Actors};
use recoupe::analysis::lexicon::ActorKind;
use recoupe::corpus::load_seeds;
use recoupe::curation::Curation;
use recoupe::tui::App;
use recoupe::tui::action::Action;
use recoupe::tui::update::update;

/// An action as the run loop applies it: its effects (the lexicon saved) performed too.
fn act(app: &mut App, action: Action) {
    let effects = update(app, action);
    recoupe::tui::effect::run_all(app, effects);
}

fn analyse(curation: &Curation) -> Actors {
    actors::extract(&load_seeds(), &curation.lexicon().expect("lexicon parses"))
}

fn find<'a>(actors: &'a Actors, name: &str) -> Option<&'a actors::Actor> {
    actors.actors.iter().find(|a| a.name == name)
}

/// An actor's name, kind and mention places (document, offset).
type Seen = (String, ActorKind, Vec<(usize, usize)>);

/// Names, kinds and mention places: what a user sees of the actors.
fn summary(actors: &Actors) -> Vec<Seen> {
    let mut out: Vec<_> = actors
        .actors
        .iter()
        .map(|a| {
            (
                a.name.clone(),
                a.kind,
                a.mentions.iter().map(|m| (m.doc, m.start)).collect(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Saves, reads the file back from disk, and checks the reloaded analysis is the same.
fn round_trip(curation: &Curation, in_session: &Actors) {
    curation.save().expect("saved");
    let path = curation.path.as_ref().expect("a file");
    let reloaded = Curation::load(path).expect("the saved file reads back");
    assert_eq!(summary(&analyse(&reloaded)), summary(in_session));
}

#[test]
fn merging_two_actors_gives_one_with_both_mentions_and_survives_a_reload() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("config/recoupe/actors.toml");
    let mut curation = Curation::load(&path).expect("a missing file is an empty lexicon");
    let before = analyse(&curation);
    let kabul = find(&before, "Kaboul").expect("Kaboul is found").clone();
    let afghanistan = find(&before, "Afghanistan").expect("Afghanistan is found").clone();
    curation.merge(&kabul, &afghanistan);
    let after = analyse(&curation);
    assert!(find(&after, "Kaboul").is_none(), "one actor left");
    let merged = find(&after, "Afghanistan").expect("merged actor");
    assert_eq!(merged.mentions.len(), kabul.mentions.len() + afghanistan.mentions.len());
    assert!(merged.aliases.iter().any(|a| a == "Kaboul" || a == "Kabul"));
    round_trip(&curation, &after);
    let text = std::fs::read_to_string(&path).expect("file written");
    assert!(text.contains("Kaboul") && text.contains("[[actor]]"), "{text}");
}

#[test]
fn splitting_an_alias_off_makes_an_actor_of_its_own() {
    let dir = tempfile::tempdir().expect("dir");
    let mut curation = Curation::load(&dir.path().join("actors.toml")).expect("empty");
    let before = analyse(&curation);
    let us = find(&before, "États-Unis").expect("États-Unis").clone();
    let washington = us.mentions.iter().filter(|m| m.text == "Washington").count();
    assert!(washington > 0, "the seeds say Washington for the United States");
    assert!(curation.split(&us, "Washington"));
    let after = analyse(&curation);
    let split = find(&after, "Washington").expect("an actor of its own");
    assert_eq!(split.mentions.len(), washington);
    assert_eq!(split.kind, ActorKind::State);
    assert_eq!(
        find(&after, "États-Unis").expect("still there").mentions.len(),
        us.mentions.len() - washington
    );
    assert!(!curation.split(&us, "no such alias"), "only an alias can be split off");
    round_trip(&curation, &after);
}

#[test]
fn renaming_keeps_the_mentions_and_the_old_name_as_an_alias() {
    let dir = tempfile::tempdir().expect("dir");
    let mut curation = Curation::load(&dir.path().join("actors.toml")).expect("empty");
    let before = analyse(&curation);
    let taliban = find(&before, "Talibans").expect("Talibans").clone();
    curation.rename(&taliban, "Mouvement taliban");
    let after = analyse(&curation);
    let renamed = find(&after, "Mouvement taliban").expect("renamed");
    assert_eq!(renamed.mentions.len(), taliban.mentions.len());
    assert!(
        renamed
            .aliases
            .iter()
            .any(|a| recoupe::analysis::text::fold(a) == "talibans")
    );
    assert!(find(&after, "Talibans").is_none());
    round_trip(&curation, &after);
}

#[test]
fn changing_the_kind_and_not_an_actor() {
    let dir = tempfile::tempdir().expect("dir");
    let mut curation = Curation::load(&dir.path().join("actors.toml")).expect("empty");
    let before = analyse(&curation);
    let milley = find(&before, "Mark Milley").expect("Milley").clone();
    curation.set_kind(&milley, ActorKind::Organisation);
    let mistake = find(&before, "Timber Sycamore")
        .expect("the detector's mistake")
        .clone();
    curation.not_an_actor(&mistake);
    let after = analyse(&curation);
    assert_eq!(
        find(&after, "Mark Milley").expect("still there").kind,
        ActorKind::Organisation
    );
    assert!(find(&after, "Timber Sycamore").is_none());
    assert_eq!(after.actors.len(), before.actors.len() - 1, "nothing else lost");
    round_trip(&curation, &after);
}

#[test]
fn a_name_marked_not_an_actor_comes_back_when_merged_into_another() {
    let dir = tempfile::tempdir().expect("dir");
    let mut curation = Curation::load(&dir.path().join("actors.toml")).expect("empty");
    let before = analyse(&curation);
    let moscow = find(&before, "Moscou").expect("Moscou").clone();
    curation.not_an_actor(&moscow);
    assert!(find(&analyse(&curation), "Moscou").is_none());
    let russia = find(&before, "Russie").expect("Russie").clone();
    curation.merge(&moscow, &russia);
    let after = analyse(&curation);
    assert!(
        find(&after, "Russie")
            .expect("Russie")
            .mentions
            .iter()
            .any(|m| m.text == "Moscou"),
        "the merge takes the name back"
    );
}

fn actor_at(app: &App, name: &str) -> usize {
    app.analysis
        .actors
        .actors
        .iter()
        .position(|a| a.name == name)
        .expect("actor")
}

fn type_text(app: &mut App, text: &str) {
    act(app, Action::PromptClear);
    for c in text.chars() {
        act(app, Action::PromptChar(c));
    }
}

fn open_view_at(app: &mut App, name: &str) {
    act(app, Action::ToggleActorsView);
    let target = actor_at(app, name);
    for _ in 0..target {
        act(app, Action::OverlayDown);
    }
}

#[test]
fn merging_from_the_actor_view_is_applied_at_once_and_saved() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("actors.toml");
    let curation = Curation::load(&path).expect("empty");
    let mut app = App::with_curation(load_seeds(), curation, 120, 40);
    open_view_at(&mut app, "Kaboul");
    act(&mut app, Action::MergeActor);
    type_text(&mut app, "afghan");
    act(&mut app, Action::PromptSubmit);
    let message = app.message.clone().expect("a message").text;
    assert!(
        message.starts_with("Merged Kaboul into Afghanistan; saved to"),
        "{message}"
    );
    assert!(app.analysis.actors.actors.iter().all(|a| a.name != "Kaboul"));
    let back = Curation::load(&path).expect("written");
    assert!(
        back.file
            .actors
            .iter()
            .any(|e| e.name == "Afghanistan" && e.aliases.iter().any(|a| a == "Kaboul"))
    );
    // Back in the actor view, on the merged actor.
    match app.overlay {
        Some(recoupe::tui::app::Overlay::Actors { cursor }) => {
            assert_eq!(app.analysis.actors.actors[cursor.selected].name, "Afghanistan")
        }
        ref other => panic!("actor view expected, got {other:?}"),
    }
    // Rename, kind and not-an-actor from the same view.
    act(&mut app, Action::RenameActor);
    type_text(&mut app, "Afghanistan (pays)");
    act(&mut app, Action::PromptSubmit);
    assert!(
        app.analysis
            .actors
            .actors
            .iter()
            .any(|a| a.name == "Afghanistan (pays)")
    );
    act(&mut app, Action::ChangeKind);
    type_text(&mut app, "plac");
    act(&mut app, Action::PromptSubmit);
    assert_eq!(
        app.analysis.actors.actors[actor_at(&app, "Afghanistan (pays)")].kind,
        ActorKind::Place
    );
    act(&mut app, Action::CloseOverlay);
    open_view_at(&mut app, "Timber Sycamore");
    act(&mut app, Action::NotAnActor);
    act(&mut app, Action::PromptChar('y'));
    assert!(app.analysis.actors.actors.iter().all(|a| a.name != "Timber Sycamore"));
    let back = Curation::load(&path).expect("written");
    assert!(back.file.not_actors.iter().any(|n| n == "Timber Sycamore"));
}

#[test]
fn an_unwritable_lexicon_is_reported_and_the_change_kept_for_the_session() {
    let dir = tempfile::tempdir().expect("dir");
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "not a folder").expect("write");
    // Root may write anywhere: a path under a plain file cannot be written by anyone.
    let curation = Curation {
        path: Some(blocker.join("actors.toml")),
        ..Curation::default()
    };
    let mut app = App::with_curation(load_seeds(), curation, 120, 40);
    open_view_at(&mut app, "Timber Sycamore");
    act(&mut app, Action::NotAnActor);
    act(&mut app, Action::PromptChar('y'));
    let message = app.message.clone().expect("a message");
    assert!(message.warning, "{message:?}");
    assert!(
        message.text.contains("for this session only") && message.text.contains("cannot write"),
        "{message:?}"
    );
    assert!(
        app.analysis.actors.actors.iter().all(|a| a.name != "Timber Sycamore"),
        "kept for the session"
    );
}

#[test]
fn x_in_the_actors_tab_marks_the_selected_actor_and_in_the_selection_tab_removes_an_item() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
    let mut app = App::new(load_seeds(), 120, 40);
    act(&mut app, Action::FocusPrev);
    assert_eq!(app.sidebar.tab, recoupe::tui::app::SidebarTab::Actors);
    // The keymap decides what x means on each tab.
    let on_actors = app.keymap.action(app.context(), x).expect("x is bound");
    assert_eq!(on_actors, Action::NotAnActor);
    let first = app.document_actors()[0].0;
    let name = app.analysis.actors.actors[first].name.clone();
    act(&mut app, on_actors);
    act(&mut app, Action::PromptChar('y'));
    assert!(
        app.analysis.actors.actors.iter().all(|a| a.name != name),
        "{name} is gone"
    );
    assert!(app.message.clone().expect("message").text.contains("for this session"));

    act(&mut app, Action::ToggleSelect);
    while app.sidebar.tab != recoupe::tui::app::SidebarTab::Selection {
        act(&mut app, Action::NextTab);
    }
    let on_selection = app.keymap.action(app.context(), x).expect("x is bound");
    assert_eq!(on_selection, Action::RemoveSelected);
    act(&mut app, on_selection);
    assert!(app.selection.is_empty(), "the item is out of the selection");
}

#[test]
fn the_headless_actors_command_shows_the_saved_corrections() {
    let dir = tempfile::tempdir().expect("dir");
    let config = dir.path().join("config");
    let mut curation = Curation::load(&config.join("recoupe/actors.toml")).expect("empty");
    let before = analyse(&curation);
    curation.merge(
        find(&before, "Kaboul").expect("Kaboul"),
        find(&before, "Afghanistan").expect("Afghanistan"),
    );
    curation.save().expect("saved");
    // The default place: $XDG_CONFIG_HOME/recoupe/actors.toml.
    let out = assert_cmd::Command::cargo_bin("recoupe")
        .expect("binary")
        .env("XDG_CONFIG_HOME", &config)
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .args(["actors", "--json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let names: Vec<&str> = json["actors"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|a| a["name"].as_str())
        .collect();
    assert!(
        names.contains(&"Afghanistan") && !names.contains(&"Kaboul"),
        "{names:?}"
    );
}

#[test]
fn the_pinned_actor_and_the_filter_follow_a_rename_and_a_merge() {
    let dir = tempfile::tempdir().expect("dir");
    let curation = Curation::load(&dir.path().join("actors.toml")).expect("empty");
    let mut app = App::with_curation(load_seeds(), curation, 120, 40);
    app.pinned = Some(actor_at(&app, "Talibans"));
    let filter = vec![actor_at(&app, "Kaboul"), actor_at(&app, "Afghanistan")];
    app.set_filter(filter);
    // Rename the pinned actor: it stays pinned under its new name.
    open_view_at(&mut app, "Talibans");
    act(&mut app, Action::RenameActor);
    type_text(&mut app, "Mouvement taliban");
    act(&mut app, Action::PromptSubmit);
    let pinned = app.pinned.map(|a| app.analysis.actors.actors[a].name.clone());
    assert_eq!(pinned.as_deref(), Some("Mouvement taliban"));
    // Merge one filter actor into the other: the filter is that one actor.
    act(&mut app, Action::CloseOverlay);
    open_view_at(&mut app, "Kaboul");
    act(&mut app, Action::MergeActor);
    type_text(&mut app, "afghan");
    act(&mut app, Action::PromptSubmit);
    let filter: Vec<&str> = app
        .filter()
        .iter()
        .map(|&a| app.analysis.actors.actors[a].name.as_str())
        .collect();
    assert_eq!(filter, ["Afghanistan"]);
    let pinned = app.pinned.map(|a| app.analysis.actors.actors[a].name.clone());
    assert_eq!(
        pinned.as_deref(),
        Some("Mouvement taliban"),
        "still pinned after another correction"
    );
}

#[test]
fn a_correction_is_analysed_off_the_key_press_and_applied_when_the_analysis_arrives() {
    use recoupe::tui::effect::Effect;
    let dir = tempfile::tempdir().expect("dir");
    let curation = Curation::load(&dir.path().join("actors.toml")).expect("empty");
    let mut app = App::with_curation(load_seeds(), curation, 120, 40);
    app.pinned = Some(actor_at(&app, "Kaboul"));
    open_view_at(&mut app, "Kaboul");
    update(&mut app, Action::MergeActor);
    type_text(&mut app, "afghan");
    let effects = update(&mut app, Action::PromptSubmit);
    assert!(
        matches!(effects.first(), Some(Effect::Reanalyse { .. })),
        "the analysis is left to the run loop: {effects:?}"
    );
    assert!(
        app.analysis.actors.actors.iter().any(|a| a.name == "Kaboul"),
        "the old analysis stays until the new one arrives"
    );
    // A second correction meanwhile waits.
    open_view_at(&mut app, "Afghanistan");
    update(&mut app, Action::NotAnActor);
    let said = app.message.clone().expect("message").text;
    assert!(said.contains("still being applied"), "{said}");
    recoupe::tui::effect::run_all(&mut app, effects);
    assert!(app.analysis.actors.actors.iter().all(|a| a.name != "Kaboul"));
    let pinned = app.pinned.map(|a| app.analysis.actors.actors[a].name.clone());
    assert_eq!(pinned.as_deref(), Some("Afghanistan"), "the pin followed the merge");
    assert!(app.reanalysis.is_none());
}

#[test]
fn u_undoes_corrections_one_by_one_and_the_lexicon_file_reads_as_before() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("actors.toml");
    std::fs::write(&path, "# mine\nnot_actors = [\"Aïd\"]\n").expect("write");
    let original = std::fs::read_to_string(&path).expect("read");
    let curation = Curation::load(&path).expect("loads");
    let mut app = App::with_curation(load_seeds(), curation, 120, 40);
    let actors_before = app.analysis.actors.actors.len();
    open_view_at(&mut app, "Kaboul");
    act(&mut app, Action::MergeActor);
    type_text(&mut app, "afghan");
    act(&mut app, Action::PromptSubmit);
    act(&mut app, Action::CloseOverlay);
    open_view_at(&mut app, "Timber Sycamore");
    act(&mut app, Action::RenameActor);
    type_text(&mut app, "Opération Timber Sycamore");
    act(&mut app, Action::PromptSubmit);
    assert_ne!(std::fs::read_to_string(&path).expect("read"), original);

    act(&mut app, Action::Undo);
    let said = app.message.clone().expect("message").text;
    assert!(said.starts_with("Undone: "), "{said}");
    assert!(app.analysis.actors.actors.iter().any(|a| a.name == "Timber Sycamore"));
    assert!(
        app.analysis.actors.actors.iter().all(|a| a.name != "Kaboul"),
        "one step only: the merge stays"
    );
    act(&mut app, Action::Undo);
    assert!(app.analysis.actors.actors.iter().any(|a| a.name == "Kaboul"));
    assert_eq!(app.analysis.actors.actors.len(), actors_before);
    let back = Curation::load(&path).expect("reads");
    let copy = dir.path().join("original.toml");
    std::fs::write(&copy, &original).expect("write");
    let first = Curation::load(&copy).expect("reads");
    assert_eq!(back.file, first.file, "the lexicon says what it said");
    assert!(
        back.file.not_actors.iter().any(|n| n == "Aïd"),
        "the user's own entry kept"
    );
    act(&mut app, Action::Undo);
    let said = app.message.clone().expect("message").text;
    assert!(said.contains("Nothing to undo"), "{said}");
}

#[test]
fn not_an_actor_asks_first_and_anything_but_yes_keeps_the_actor() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("actors.toml");
    let curation = Curation::load(&path).expect("empty");
    let mut app = App::with_curation(load_seeds(), curation, 120, 40);
    open_view_at(&mut app, "Timber Sycamore");
    act(&mut app, Action::NotAnActor);
    assert!(!path.exists(), "nothing saved before the answer");
    act(&mut app, Action::PromptChar('n'));
    assert!(app.analysis.actors.actors.iter().any(|a| a.name == "Timber Sycamore"));
    assert!(!path.exists());
    let said = app.message.clone().expect("message").text;
    assert!(said.contains("still an actor"), "{said}");
    assert!(
        matches!(app.overlay, Some(recoupe::tui::app::Overlay::Actors { .. })),
        "back in the actor view"
    );
}
