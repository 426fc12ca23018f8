//! The headless command line: exit codes, messages, JSON.

use assert_cmd::Command;

fn recoupe() -> Command {
    Command::cargo_bin("recoupe").expect("binary built")
}

#[test]
fn a_missing_path_is_a_one_line_error_with_status_2() {
    let out = recoupe().args(["stats", "/no/such/folder"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("/no/such/folder: no such file or folder"), "{err}");
}

#[test]
fn an_empty_folder_is_an_error_with_status_2() {
    let dir = tempfile::tempdir().expect("dir");
    let out = recoupe().arg("stats").arg(dir.path()).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to read"));
}

#[test]
fn the_reader_refuses_to_start_without_a_terminal() {
    let out = recoupe().output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a terminal"));
    assert!(out.stdout.is_empty(), "no escape sequences written when not a terminal");
}

#[test]
fn stats_json_counts_the_bundled_corpus_from_any_folder() {
    let dir = tempfile::tempdir().expect("dir");
    let out = recoupe()
        .current_dir(dir.path())
        .args(["stats", "--json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["documents"], 5);
    assert!(v["passages"].as_u64().unwrap_or(0) > 50);
}

#[test]
fn warnings_go_to_stderr_and_the_rest_loads() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("ok.txt"), "Titre\n\nUn paragraphe.\n").expect("write");
    std::fs::write(dir.path().join("empty.txt"), "").expect("write");
    let out = recoupe().arg("stats").arg(dir.path()).output().expect("runs");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("empty.txt: empty file, skipped"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("documents  1"));
}
