//! The headless command line: exit codes, messages, JSON.

use assert_cmd::Command;

/// The binary, with no user lexicon of the machine's (none exists at that config folder) and
/// no cache (its folder cannot be made), so a test neither reads nor leaves one.
fn recoupe() -> Command {
    let mut cmd = Command::cargo_bin("recoupe").expect("binary built");
    cmd.env("XDG_CONFIG_HOME", "/nonexistent/recoupe-tests");
    cmd.env("XDG_CACHE_HOME", "/nonexistent/recoupe-tests");
    cmd
}

/// Runs recoupe, requires success, and reads its JSON output.
fn json_of(args: &[&str]) -> serde_json::Value {
    let out = recoupe().args(args).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
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
    assert!(v["actors"].as_u64().unwrap_or(0) > 20 && v["claims"].as_u64().unwrap_or(0) > 20);
    for stage in ["load_and_clean", "actors", "claims", "related"] {
        assert!(v["milliseconds"][stage].is_number(), "{stage} timed");
    }
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
    assert!(String::from_utf8_lossy(&out.stdout).contains("documents        1"));
}

#[test]
fn actors_json_offsets_point_at_the_exact_words_in_the_files() {
    let out = recoupe().args(["actors", "--json", "seeds"]).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let actors = v["actors"].as_array().expect("actors");
    let isis_k = actors.iter().find(|a| a["name"] == "ISIS-K").expect("ISIS-K found");
    let aliases: Vec<&str> = isis_k["aliases"]
        .as_array()
        .expect("aliases")
        .iter()
        .filter_map(|a| a.as_str())
        .collect();
    for alias in ["EI-K", "EIIS-K", "ISKP"] {
        assert!(aliases.contains(&alias), "{alias} merged into ISIS-K: {aliases:?}");
    }
    let mut checked = 0;
    for actor in actors {
        for m in actor["mentions"].as_array().expect("mentions") {
            let file = std::fs::read(format!("seeds/{}", m["doc"].as_str().expect("doc"))).expect("seed file");
            let (s, e) = (
                m["start"].as_u64().expect("start") as usize,
                m["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(
                std::str::from_utf8(&file[s..e]).expect("utf-8"),
                m["text"].as_str().expect("text")
            );
            checked += 1;
        }
    }
    assert!(checked > 200, "{checked} mentions checked");
}

#[test]
fn actors_filter_is_fuzzy_accent_insensitive_and_alias_aware() {
    let names = |query: &str| {
        let out = recoupe()
            .args(["actors", "seeds", "--json", "--filter", query])
            .output()
            .expect("runs");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        v["actors"]
            .as_array()
            .expect("actors")
            .iter()
            .map(|a| a["name"].as_str().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(names("zakharo").first().map(String::as_str), Some("Maria Zakharova"));
    let isis = names("daech");
    assert_eq!(isis.first().map(String::as_str), Some("État islamique"), "{isis:?}");
    let etat = names("etat isl");
    assert!(
        etat.iter().take(2).any(|n| n == "ISIS-K") && etat.iter().take(2).any(|n| n == "État islamique"),
        "{etat:?}"
    );
}

#[test]
fn a_filter_that_matches_nothing_says_so_on_stderr_with_status_1_in_every_command() {
    for args in [
        &["actors", "seeds", "--filter", "qqqqzz"][..],
        &["actors", "seeds", "--json", "--filter", "qqqqzz"],
        &["claims", "seeds", "--actor", "qqqqzz"],
        &["claims", "seeds", "--json", "--actor", "qqqqzz"],
        &["export", "seeds", "--actor", "qqqqzz"],
    ] {
        let out = recoupe().args(args).output().expect("runs");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim(), "recoupe: no actor matches \"qqqqzz\"", "{args:?}");
    }
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    for args in [
        &["claims", "seeds"][..],
        &["claims", "seeds", "--json"],
        &["actors", "seeds"],
        &["actors", "seeds", "--json"],
        &["related", "seeds"],
        &["related", "seeds", "--json"],
        &["stats", "seeds"],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("recoupe"))
            .args(args)
            .env("XDG_CONFIG_HOME", "/nonexistent/recoupe-tests")
            .env("XDG_CACHE_HOME", "/nonexistent/recoupe-tests")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        // Read one line, then close the pipe as `head -1` does.
        let mut first = String::new();
        let stdout = child.stdout.take().expect("stdout");
        std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut first).expect("a line");
        let out = child.wait_with_output().expect("ends");
        assert!(!first.is_empty(), "{args:?}");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"), "{args:?}");
    }
}

#[test]
fn related_honours_top_in_the_table_as_in_json() {
    let table = recoupe()
        .args(["related", "seeds", "--top", "3"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&table.stdout);
    let mut per_passage: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for line in text.lines() {
        *per_passage.entry(line.split(" → ").next().unwrap_or("")).or_default() += 1;
    }
    assert!(per_passage.values().all(|&n| n <= 3), "{per_passage:?}");
    assert!(
        per_passage.values().any(|&n| n == 3),
        "three links shown where there are three"
    );
}

#[test]
fn a_user_lexicon_is_merged_and_a_broken_one_is_a_one_line_error() {
    let dir = tempfile::tempdir().expect("dir");
    let good = dir.path().join("mine.toml");
    std::fs::write(&good, "not_actors = [\"Kaboul\"]\n[[actor]]\nname = \"Général Milley\"\nkind = \"person\"\naliases = [\"Mark Milley\", \"Milley\"]\n").expect("write");
    let out = recoupe()
        .args(["actors", "seeds", "--lexicon"])
        .arg(&good)
        .output()
        .expect("runs");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("Général Milley"), "{table}");
    assert!(!table.contains("\nKaboul "), "not_actors removes an actor");

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[[actor]]\nname = \"X\"\nkind = 3\n").expect("write");
    let out = recoupe()
        .args(["actors", "seeds", "--lexicon"])
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("bad.toml") && err.contains("line 3"), "{err}");
}

#[test]
fn claims_json_names_speakers_and_filters_by_actor() {
    let v = json_of(&["claims", "--json", "seeds", "--actor", "zakharo"]);
    let claims = v["claims"].as_array().expect("claims");
    assert!(claims.len() >= 3, "{claims:?}");
    for c in claims {
        assert_eq!(c["speaker"], "Maria Zakharova");
        for field in ["doc", "passage", "start", "end", "speaker_text", "cue", "kind", "text"] {
            assert!(!c[field].is_null(), "{field} present");
        }
    }
    assert!(claims.iter().any(|c| c["kind"] == "direct") && claims.iter().any(|c| c["kind"] == "indirect"));
    let v = json_of(&["claims", "--json", "seeds"]);
    let anonymous = v["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter(|c| c["speaker"].is_null())
        .count();
    assert!(anonymous > 0, "anonymous sources kept as the text calls them");
}

#[test]
fn related_json_links_the_same_quote_across_articles() {
    let v = json_of(&["related", "--json", "--top", "3", "seeds"]);
    let passages = v["passages"].as_array().expect("passages");
    assert!(
        passages
            .iter()
            .all(|p| p["related"].as_array().is_some_and(|r| r.len() <= 3))
    );
    let austin = passages
        .iter()
        .find(|p| {
            p["doc"] == "000_17e018d6b4590ed6.txt"
                && p["related"].as_array().is_some_and(|r| {
                    !r.is_empty()
                        && r[0]["reasons"]
                            .as_array()
                            .is_some_and(|x| x.iter().any(|y| y == "same quote"))
                })
        })
        .expect("a same-quote link from the first article");
    let best = &austin["related"][0];
    assert_eq!(best["doc"], "001_f80f425ae6c9e5c4.txt");
    let file = std::fs::read_to_string("seeds/001_f80f425ae6c9e5c4.txt").expect("seed");
    let (s, e) = (
        best["start"].as_u64().expect("start") as usize,
        best["end"].as_u64().expect("end") as usize,
    );
    assert!(file[s..e].contains("saut logique"));
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("a.txt"), "Titre\n\nLe général Mark Milley parle.\n").expect("write");
    let out = recoupe().arg("stats").arg(dir.path()).output().expect("runs");
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_user_cue_file_beside_the_lexicon_extends_the_reporting_cues() {
    let dir = tempfile::tempdir().expect("dir");
    let texts = dir.path().join("texts");
    std::fs::create_dir(&texts).expect("dir");
    std::fs::write(
        texts.join("a.txt"),
        "Budget\n\nLe ministre Jean Dupont susurre que la loi de finances passera avant l’été.\n",
    )
    .expect("write");
    let config = dir.path().join("config");
    let claims_with = |config: &std::path::Path| {
        let out = Command::cargo_bin("recoupe")
            .expect("binary")
            .env("XDG_CONFIG_HOME", config)
            .env("XDG_CACHE_HOME", dir.path().join("cache"))
            .args(["claims", "--json"])
            .arg(&texts)
            .output()
            .expect("runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        v["claims"].as_array().cloned().unwrap_or_default()
    };
    assert!(claims_with(&config).is_empty(), "`susurre` is no bundled cue");
    std::fs::create_dir_all(config.join("recoupe")).expect("dir");
    std::fs::write(config.join("recoupe/cues.toml"), "verbs_fr = [\"susurre\"]\n").expect("write");
    let found = claims_with(&config);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["speaker_text"], "Le ministre Jean Dupont");
    assert!(
        found[0]["text"]
            .as_str()
            .unwrap_or("")
            .starts_with("la loi de finances")
    );

    std::fs::write(config.join("recoupe/cues.toml"), "verbs = [\"susurre\"]\n").expect("write");
    let out = Command::cargo_bin("recoupe")
        .expect("binary")
        .env("XDG_CONFIG_HOME", &config)
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .args(["claims"])
        .arg(&texts)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("cues.toml"), "{err}");
}

#[test]
fn one_paragraph_number_for_a_passage_in_json_tables_and_the_export() {
    let v = json_of(&["claims", "seeds", "--json", "--actor", "Biden"]);
    let claim = v["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| {
            c["text"]
                .as_str()
                .unwrap_or("")
                .starts_with("de poursuivre les frappes")
        })
        .cloned()
        .expect("Biden's promise");
    let paragraph = claim["paragraph"].as_u64().expect("a paragraph number");
    assert!(paragraph >= 1);
    assert_ne!(
        paragraph,
        claim["passage"].as_u64().expect("passage"),
        "1-based, counting what a reader sees"
    );
    let table = recoupe()
        .args(["claims", "seeds", "--actor", "Biden"])
        .output()
        .expect("runs");
    let line = String::from_utf8_lossy(&table.stdout)
        .lines()
        .find(|l| l.contains("de poursuivre les frappes"))
        .map(str::to_string)
        .expect("in the table");
    assert!(line.contains(&format!(" ¶{paragraph} ")), "{line}");
    let export = recoupe()
        .args(["export", "seeds", "--claims", "--actor", "Biden"])
        .output()
        .expect("runs");
    let md = String::from_utf8_lossy(&export.stdout);
    let said = md
        .lines()
        .find(|l| l.contains("de poursuivre les frappes"))
        .expect("exported");
    assert!(said.contains(&format!("— ¶ {paragraph}")), "{said}");
    let related = json_of(&["related", "seeds", "--json"]);
    let here = related["passages"]
        .as_array()
        .expect("passages")
        .iter()
        .find(|p| p["doc"] == claim["doc"] && p["passage"] == claim["passage"])
        .cloned()
        .expect("the passage in related");
    assert_eq!(here["paragraph"].as_u64(), Some(paragraph));
}

#[test]
fn a_windows_1252_file_reads_like_its_utf8_twin_and_offsets_point_into_the_file() {
    let seed = std::fs::read_to_string("seeds/001_f80f425ae6c9e5c4.txt").expect("seed");
    let (latin, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&seed);
    assert!(!unmappable, "the seed has only characters windows-1252 can hold");
    let dir = tempfile::tempdir().expect("dir");
    let (utf8_dir, latin_dir) = (dir.path().join("utf8"), dir.path().join("latin"));
    for d in [&utf8_dir, &latin_dir] {
        std::fs::create_dir(d).expect("dir");
    }
    std::fs::write(utf8_dir.join("001.txt"), &seed).expect("write");
    std::fs::write(latin_dir.join("001.txt"), &latin).expect("write");

    let out = recoupe()
        .args(["actors", "--json"])
        .arg(&latin_dir)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("decoded as windows-1252").count(), 1, "{err}");
    let latin_json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let utf8_json = json_of(&["actors", "--json", utf8_dir.to_str().expect("path")]);
    let names = |v: &serde_json::Value| -> Vec<String> {
        v["actors"]
            .as_array()
            .expect("actors")
            .iter()
            .map(|a| a["name"].to_string())
            .collect()
    };
    assert_eq!(names(&latin_json), names(&utf8_json));

    let mut accented = 0;
    for actor in latin_json["actors"].as_array().expect("actors") {
        for m in actor["mentions"].as_array().expect("mentions") {
            let (s, e) = (
                m["start"].as_u64().expect("start") as usize,
                m["end"].as_u64().expect("end") as usize,
            );
            let text = m["text"].as_str().expect("text");
            let (in_file, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&latin[s..e]);
            assert_eq!(in_file, text, "bytes {s}..{e} of the file");
            accented += usize::from(!text.is_ascii());
        }
    }
    assert!(accented > 5, "{accented} mentions with accents checked");
}

#[test]
fn the_headless_commands_keep_and_reuse_the_readers_cache_unless_told_not_to() {
    let dir = tempfile::tempdir().expect("dir");
    let cache = dir.path().join("cache");
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("recoupe")
            .expect("binary")
            .env("XDG_CONFIG_HOME", "/nonexistent/recoupe-tests")
            .env("XDG_CACHE_HOME", &cache)
            .args(args)
            .output()
            .expect("runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    // The analyses kept, and the shapes of the files read (so they are not cleaned again).
    let listed = |shapes: bool| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(cache.join("recoupe"))
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("shapes-"))
                    == shapes
            })
            .collect()
    };
    let kept = || listed(false);
    // `--no-cache` is accepted after the subcommand too, and leaves nothing behind.
    let uncached = run(&["claims", "seeds", "--json", "--no-cache"]);
    assert!(kept().is_empty(), "{:?}", kept());
    let first = run(&["claims", "seeds", "--json"]);
    assert_eq!(kept().len(), 1, "one analysis kept: {:?}", kept());
    let file = &kept()[0];
    let written = std::fs::metadata(file).expect("kept").modified().expect("mtime");
    assert_eq!(
        listed(true).len(),
        1,
        "the shapes of the files read: {:?}",
        listed(true)
    );
    let shapes = std::fs::metadata(&listed(true)[0])
        .expect("kept")
        .modified()
        .expect("mtime");
    let second = run(&["claims", "seeds", "--json"]);
    assert_eq!(first, uncached, "the cache changes nothing in what is printed");
    assert_eq!(second, first, "read back, the same claims");
    assert_eq!(
        std::fs::metadata(file).expect("kept").modified().expect("mtime"),
        written,
        "the second run read the cache instead of writing it again"
    );
    assert_eq!(
        std::fs::metadata(&listed(true)[0])
            .expect("kept")
            .modified()
            .expect("mtime"),
        shapes,
        "no file was cleaned again, so nothing new to keep"
    );
    // The other commands read the same file.
    run(&["actors", "seeds", "--json"]);
    assert_eq!(kept().len(), 1, "{:?}", kept());
}
