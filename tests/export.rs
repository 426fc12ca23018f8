//! Export: Markdown checked through a CommonMark parser, and the headless command.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use recoupe::analysis::actors::extract;
use recoupe::analysis::claims::{Cues, extract as claims};
use recoupe::analysis::lexicon::Lexicon;
use recoupe::corpus::{Corpus, Document};
use recoupe::export::{ExportInfo, Selection, markdown};

fn corpus_of(texts: &[(&str, &str)]) -> Corpus {
    let documents = texts
        .iter()
        .map(|(id, t)| Document::from_text(*id, *id, t.to_string()))
        .collect();
    Corpus {
        documents,
        ..Corpus::default()
    }
}

#[test]
fn markdown_has_a_section_per_article_a_quote_per_passage_and_keeps_text_as_text() {
    let corpus = corpus_of(&[
        (
            "a.txt",
            "Premier article\n\nLe ministre Jean Dupont a déclaré : « Nous *refusons* ce [plan](x) » # fin.\n\n- Une ligne qui ressemble à une liste, avec l’apostrophe et œ.\n",
        ),
        (
            "b.txt",
            "Second article\n\n1. Un paragraphe numéroté où Jean Dupont parle encore.\n",
        ),
    ]);
    let lexicon = Lexicon::embedded();
    let actors = extract(&corpus, &lexicon);
    let found = claims(&corpus, &actors, &lexicon, &Cues::embedded());
    let mut selection = Selection::default();
    selection.passages.extend([(0, 1), (0, 2), (1, 1)]);
    selection.claims.extend(0..found.len());
    let info = ExportInfo {
        date: "2026-11-21 10:00".into(),
        corpus: "tests".into(),
        filters: vec!["actor: Jean Dupont".into()],
    };
    let related = recoupe::analysis::related::RelatedIndex::build(&corpus, &actors, &found, &lexicon);
    let analysis = recoupe::analysis::Analysis {
        actors,
        claims: found,
        related,
    };
    let md = markdown(&corpus, &analysis, &selection, &info);

    let mut headings = Vec::new();
    let mut in_heading = None;
    let mut quotes = 0;
    let mut text = String::new();
    let mut markup = Vec::new();
    for event in Parser::new(&md) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => in_heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => headings.extend(in_heading.take()),
            Event::Start(Tag::BlockQuote(_)) => quotes += 1,
            Event::Start(Tag::Link { .. }) | Event::Start(Tag::List(_)) | Event::Code(_) => {
                markup.push(format!("{event:?}"))
            }
            Event::Start(Tag::Emphasis) => markup.push("emphasis".into()),
            Event::Text(t) => {
                if let Some((_, h)) = in_heading.as_mut() {
                    h.push_str(&t);
                }
                text.push_str(&t);
            }
            _ => {}
        }
    }
    let h2: Vec<&str> = headings
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H2)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(h2, vec!["Premier article", "Second article", "Index of actors"], "{md}");
    assert_eq!(quotes, 3, "one blockquote per passage:\n{md}");
    // The only markup is ours: the header's and the index's lists, and each article's emphasised
    // line naming its file in code. No text became a link, a list, code or emphasis.
    assert_eq!(
        markup.iter().filter(|m| m.contains("List")).count(),
        2,
        "{markup:?}\n{md}"
    );
    assert_eq!(markup.iter().filter(|m| *m == "emphasis").count(), 2, "{markup:?}");
    let code: Vec<&String> = markup.iter().filter(|m| m.contains("Code")).collect();
    assert!(
        code.len() == 2 && code[0].contains("a.txt") && code[1].contains("b.txt"),
        "{code:?}"
    );
    assert!(!markup.iter().any(|m| m.contains("Link")), "{markup:?}");
    assert!(
        text.contains("Nous *refusons* ce [plan](x)"),
        "special characters kept as text"
    );
    assert!(
        text.contains("l’apostrophe et œ") && text.contains("« Nous"),
        "French typography preserved"
    );
    assert!(text.contains("1. Un paragraphe numéroté"));
    assert!(
        md.contains("**Jean Dupont** (a déclaré): « "),
        "claims as **Speaker** (cue): {md}"
    );
}

#[test]
fn cli_export_of_milley_finds_both_articles_that_quote_him() {
    let out = assert_cmd::Command::cargo_bin("recoupe")
        .expect("binary")
        .env("XDG_CONFIG_HOME", "/nonexistent/recoupe-tests")
        .env("XDG_CACHE_HOME", "/nonexistent/recoupe-tests")
        .args(["export", "seeds", "--actor", "Milley"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.contains("`000_17e018d6b4590ed6.txt`") && md.contains("`001_f80f425ae6c9e5c4.txt`"),
        "{md}"
    );
    assert!(md.contains("Filters: actor: Mark Milley"));
}

#[test]
fn cli_export_writes_a_file_and_never_overwrites_without_force() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("out.md");
    let run = |extra: &[&str]| {
        assert_cmd::Command::cargo_bin("recoupe")
            .expect("binary")
            .env("XDG_CONFIG_HOME", "/nonexistent/recoupe-tests")
            .env("XDG_CACHE_HOME", "/nonexistent/recoupe-tests")
            .args(["export", "seeds", "--claims", "--actor", "zakharova", "-o"])
            .arg(&file)
            .args(extra)
            .output()
            .expect("runs")
    };
    assert!(run(&[]).status.success());
    let first = std::fs::read_to_string(&file).expect("written");
    assert!(first.contains("**Maria Zakharova**"));
    let again = run(&[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), first, "nothing lost");
    assert!(run(&["--force"]).status.success());
    let json = assert_cmd::Command::cargo_bin("recoupe")
        .expect("binary")
        .env("XDG_CONFIG_HOME", "/nonexistent/recoupe-tests")
        .env("XDG_CACHE_HOME", "/nonexistent/recoupe-tests")
        .args([
            "export",
            "seeds",
            "--claims",
            "--actor",
            "zakharova",
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert!(v["claims"].as_array().is_some_and(|c| c.len() >= 3));
    let bad = assert_cmd::Command::cargo_bin("recoupe")
        .expect("binary")
        .env("XDG_CONFIG_HOME", "/nonexistent/recoupe-tests")
        .env("XDG_CACHE_HOME", "/nonexistent/recoupe-tests")
        .args(["export", "seeds", "-o", "/no/such/folder/out.md"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(1));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("cannot write /no/such/folder/out.md") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn a_kept_selection_reads_back_by_path_and_drops_what_is_gone() {
    use recoupe::kept::{Kept, file_for, load, save};
    let dir = tempfile::tempdir().expect("dir");
    let corpus = recoupe::corpus::load_seeds();
    let lexicon = Lexicon::embedded();
    let analyse = |corpus: &Corpus| claims(corpus, &extract(corpus, &lexicon), &lexicon, &Cues::embedded());
    let claims = analyse(&corpus);
    let mut kept = Kept::default();
    kept.selection.passages.insert((1, 3));
    kept.selection.passages.insert((4, 2));
    let claim = claims
        .iter()
        .position(|c| c.doc == 2)
        .expect("a claim in the third article");
    kept.selection.claims.insert(claim);
    let file = file_for(dir.path(), &corpus);
    save(&file, &corpus, &claims, &kept).expect("saved");
    assert_eq!(load(&file, &corpus, &claims), kept, "read back whole");

    // The same files read in another order: the same file, the same passages and claim.
    let mut shuffled = corpus.clone();
    shuffled.documents.reverse();
    assert_eq!(file_for(dir.path(), &shuffled), file);
    let claims_shuffled = analyse(&shuffled);
    let back = load(&file, &shuffled, &claims_shuffled);
    assert!(back.selection.passages.contains(&(3, 3)) && back.selection.passages.contains(&(0, 2)));
    let c = back.selection.claims.first().copied().expect("the claim");
    assert_eq!(claims_shuffled[c].text, claims[claim].text);

    // A document gone: its passage is dropped, the rest kept.
    let mut fewer = corpus.clone();
    fewer.documents.truncate(4);
    let back = load(&file, &fewer, &claims);
    assert_eq!(back.selection.passages.len(), 1);

    save(&file, &corpus, &claims, &Kept::default()).expect("emptied");
    assert!(!file.exists(), "an empty selection leaves no file");
}
