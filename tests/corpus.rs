//! Loading: every kind of input a user's folder may hold, on files the tests create.

use recoupe::corpus::{LoadError, PassageKind, load_paths, load_seeds};
use std::fs;
use std::path::{Path, PathBuf};

const ARTICLE: &str =
    "Un titre d’article\n\nPremier paragraphe de l’article. Il parle.\n\nSecond paragraphe, plus court.\n";

fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(path, bytes).expect("write");
    }
    dir
}

fn load(dir: &Path) -> recoupe::corpus::Corpus {
    load_paths(&[dir.to_path_buf()]).expect("corpus loads")
}

fn warning_for<'a>(corpus: &'a recoupe::corpus::Corpus, name: &str) -> Option<&'a str> {
    corpus
        .warnings
        .iter()
        .find(|w| w.path.ends_with(name))
        .map(|w| w.message.as_str())
}

#[test]
fn folders_are_walked_for_txt_and_md_only() {
    let dir = folder(&[
        ("a.txt", ARTICLE.as_bytes()),
        ("sub/deeper/b.md", ARTICLE.as_bytes()),
        ("c.html", ARTICLE.as_bytes()),
    ]);
    let corpus = load(dir.path());
    let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, vec!["a.txt", "b.md"]);
}

#[test]
fn files_and_folders_mix_on_the_command_line() {
    let dir = folder(&[("a.txt", ARTICLE.as_bytes()), ("other/b.txt", ARTICLE.as_bytes())]);
    let corpus = load_paths(&[dir.path().join("a.txt"), dir.path().join("other")]).expect("loads");
    assert_eq!(corpus.documents.len(), 2);
}

#[test]
fn title_line_and_passages_with_byte_ranges() {
    let dir = folder(&[("a.txt", ARTICLE.as_bytes())]);
    let corpus = load(dir.path());
    let doc = &corpus.documents[0];
    assert_eq!(doc.title, "Un titre d’article");
    let content: Vec<&str> = doc.content().map(|(_, p)| doc.text(p)).collect();
    assert_eq!(
        content,
        vec![
            "Premier paragraphe de l’article. Il parle.",
            "Second paragraphe, plus court."
        ]
    );
    for (_, p) in doc.content() {
        assert_eq!(&ARTICLE[p.start..p.end], doc.text(p), "ranges index the original file");
    }
}

#[test]
fn empty_binary_and_broken_files_are_skipped_with_a_warning() {
    let dir = folder(&[
        ("good.txt", ARTICLE.as_bytes()),
        ("empty.txt", b"  \n\n"),
        ("binary.txt", b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0"),
    ]);
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("dangling.txt")).expect("symlink");
    let corpus = load(dir.path());
    assert_eq!(corpus.documents.len(), 1);
    assert_eq!(warning_for(&corpus, "empty.txt"), Some("empty file, skipped"));
    assert_eq!(warning_for(&corpus, "binary.txt"), Some("binary file, skipped"));
    #[cfg(unix)]
    assert!(warning_for(&corpus, "dangling.txt").is_some_and(|m| m.starts_with("cannot read")));
    for w in &corpus.warnings {
        assert!(!w.to_string().contains('\n'), "one-line warning: {w}");
    }
}

#[test]
fn latin1_file_is_decoded_with_one_warning_naming_its_encoding() {
    let bytes = b"Titre\n\nLe g\xe9n\xe9ral a parl\xe9 hier soir \xe0 l'\xc9lys\xe9e.\n";
    let dir = folder(&[("latin1.txt", bytes)]);
    let corpus = load(dir.path());
    let doc = &corpus.documents[0];
    assert!(
        doc.source.contains("Le général a parlé hier soir à l'Élysée."),
        "{}",
        doc.source
    );
    let warnings: Vec<_> = corpus
        .warnings
        .iter()
        .filter(|w| w.path.ends_with("latin1.txt"))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].message.contains("windows-1252"), "{}", warnings[0].message);
}

#[test]
fn utf8_cut_inside_a_character_keeps_its_accents_and_marks_the_broken_byte() {
    let mut bytes = "Titre\n\nLe général a parlé hier soir à l'Élysée".as_bytes().to_vec();
    bytes.push(0xc3);
    let dir = folder(&[("cut.txt", &bytes)]);
    let corpus = load(dir.path());
    let doc = &corpus.documents[0];
    assert!(doc.source.contains("Le général a parlé"), "{}", doc.source);
    assert!(doc.source.ends_with('\u{fffd}'));
    assert!(warning_for(&corpus, "cut.txt").is_some_and(|m| m.contains("replacement")));
}

#[test]
fn bom_and_crlf_do_not_leak_into_titles_or_passages() {
    let text = "\u{feff}Titre Windows\r\n\r\nPremière ligne\r\ndu paragraphe.\r\n\r\nDeuxième paragraphe.\r\n";
    let dir = folder(&[("win.txt", text.as_bytes())]);
    let corpus = load(dir.path());
    let doc = &corpus.documents[0];
    assert_eq!(doc.title, "Titre Windows");
    assert_eq!(doc.content_count(), 2);
    let first = doc.content().next().map(|(_, p)| p.clone()).expect("a passage");
    assert_eq!(&text[first.start..first.end], "Première ligne\r\ndu paragraphe.");
    let shown = recoupe::corpus::DisplayText::new(doc.text(&first), first.start);
    assert_eq!(shown.text, "Première ligne du paragraphe.");
}

#[test]
fn nothing_loadable_and_missing_paths_are_errors() {
    let empty = tempfile::tempdir().expect("dir");
    assert!(matches!(
        load_paths(&[empty.path().to_path_buf()]),
        Err(LoadError::NothingLoadable { .. })
    ));
    let only_bad = folder(&[("empty.txt", b"")]);
    match load_paths(&[only_bad.path().to_path_buf()]) {
        Err(LoadError::NothingLoadable { warnings, .. }) => assert_eq!(warnings.len(), 1),
        other => panic!("expected an error, got {other:?}"),
    }
    let missing = PathBuf::from("/definitely/not/here");
    let err = load_paths(&[missing]).expect_err("missing path");
    assert_eq!(err.to_string(), "/definitely/not/here: no such file or folder");
}

#[test]
fn escape_sequences_never_reach_the_screen() {
    let text = "Titre\n\nTexte \u{1b}]52;c;ZWNobyBwd25lZA==\u{7} piégé \u{1b}[2J fin.\n";
    let dir = folder(&[("evil.txt", text.as_bytes())]);
    let corpus = load(dir.path());
    let doc = &corpus.documents[0];
    let (_, p) = doc.content().next().expect("passage");
    let shown = recoupe::corpus::DisplayText::new(doc.text(p), p.start).text;
    assert!(shown.chars().all(|c| !c.is_control()), "{shown:?}");
    assert!(shown.contains('␛'), "a visible placeholder: {shown:?}");
}

#[test]
fn date_header_gives_the_date_and_a_title_from_the_first_sentence() {
    let text = " date 2024-03 Le ministre a annoncé mardi une réforme des retraites très attendue par les syndicats. Elle sera votée en mai.\n\nSuite de l’article.\n";
    let dir = folder(&[("d.txt", text.as_bytes())]);
    let doc = &load(dir.path()).documents[0];
    assert_eq!(doc.date.as_deref(), Some("2024-03"));
    assert!(doc.title.starts_with("Le ministre a annoncé mardi"), "{}", doc.title);
    assert!(!doc.title.contains("date"));
    let (_, first) = doc.content().next().expect("passage");
    assert!(doc.text(first).starts_with("Le ministre"));
}

#[test]
fn repeated_title_and_web_debris_are_not_content() {
    let text = "Le titre\n\nLe titre\n\nVrai texte de l’article, avec une phrase.\n\nLire aussi : autre chose\n\nLeave a Reply\n\nYour email address will not be published.\n\nRecent News\n\nPlus\n";
    let dir = folder(&[("w.txt", text.as_bytes())]);
    let doc = &load(dir.path()).documents[0];
    assert_eq!(doc.content_count(), 1);
    let kinds: Vec<PassageKind> = doc.passages.iter().map(|p| p.kind).collect();
    assert_eq!(kinds[..2], [PassageKind::Title, PassageKind::Debris]);
    assert!(kinds[3..].iter().all(|k| *k == PassageKind::Debris));
}

#[test]
fn an_article_glued_into_one_line_is_split_into_paragraphs_and_headings() {
    let text = "Titre\n\nLe ministre a parlé au Monde.Selon lui, rien ne change. Il insiste.Le contexte régionalLa région reste tendue, a-t-il dit.Une autre phrase suit ici.\n";
    let dir = folder(&[("g.txt", text.as_bytes())]);
    let doc = &load(dir.path()).documents[0];
    let parts: Vec<(PassageKind, &str)> = doc.content().map(|(_, p)| (p.kind, doc.text(p))).collect();
    assert_eq!(
        parts,
        vec![
            (PassageKind::Body, "Le ministre a parlé au Monde."),
            (PassageKind::Body, "Selon lui, rien ne change. Il insiste."),
            (PassageKind::Heading, "Le contexte régional"),
            (PassageKind::Body, "La région reste tendue, a-t-il dit."),
            (PassageKind::Body, "Une autre phrase suit ici."),
        ]
    );
}

#[test]
fn seeds_load_from_the_binary_with_titles_dates_and_no_debris() {
    let corpus = load_seeds();
    assert_eq!(corpus.documents.len(), 5);
    for doc in &corpus.documents {
        assert!(
            !doc.title.is_empty() && doc.title.chars().count() <= 250,
            "{}",
            doc.title
        );
        assert!(!doc.title.starts_with("date"));
        for (_, p) in doc.content() {
            let text = doc.text(p);
            for debris in [
                "Leave a Reply",
                "Recent News",
                "Editor's Pick",
                "Pour aller plus loin",
                "Lire aussi",
            ] {
                assert!(!text.starts_with(debris), "{} keeps debris {text:?}", doc.id);
            }
            assert_ne!(text.trim(), "Plus");
        }
    }
    let dated = corpus.documents.iter().filter(|d| d.date.is_some()).count();
    assert!(dated >= 3, "dates from headers and text");
}

#[test]
fn markdown_headings_are_headings_without_their_marks() {
    let dir = folder(&[(
        "a.md",
        "# Le titre de l’article\n\nPremier paragraphe du texte, assez long pour être lu.\n\n## Réactions\nLe ministre a déclaré que la loi passera.\n".as_bytes(),
    )]);
    let corpus = load(dir.path());
    let doc = &corpus.documents[0];
    assert_eq!(doc.title, "Le titre de l’article");
    let heading = doc
        .passages
        .iter()
        .find(|p| doc.text(p) == "Réactions")
        .expect("the heading without its marks");
    assert_eq!(heading.kind, PassageKind::Heading);
    // Offsets stay in the original file: the heading starts after `## `.
    assert_eq!(&doc.source[heading.start - 3..heading.start], "## ");
    let body = doc
        .passages
        .iter()
        .find(|p| doc.text(p).starts_with("Le ministre"))
        .expect("body");
    assert_eq!(body.kind, PassageKind::Body);
    assert!(!doc.passages.iter().any(|p| doc.text(p).starts_with('#')));
}
