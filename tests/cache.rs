//! The analysis kept between runs: read back whole and the same, or not at all.

use recoupe::analysis::Analysis;
use recoupe::analysis::lexicon::Lexicon;
use recoupe::cache;
use recoupe::corpus::load_paths;
use std::fs;

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    for (name, text) in [
        (
            "a.txt",
            "Premier\n\nLe général Mark Milley a déclaré : « Nous verrons ». Kaboul attend.\n",
        ),
        (
            "b.txt",
            "Second\n\nSelon Mark Milley, « nous verrons ». Les talibans tiennent Kaboul.\n",
        ),
    ] {
        fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

fn analyse(corpus: &recoupe::corpus::Corpus) -> Analysis {
    Analysis::build(corpus, &Lexicon::embedded())
}

#[test]
fn a_kept_analysis_reads_back_the_same() {
    let files = folder();
    let store = tempfile::tempdir().expect("cache dir");
    let corpus = load_paths(&[files.path().to_path_buf()]).expect("loads");
    let fresh = analyse(&corpus);
    let key = cache::key(&corpus, "");
    assert!(cache::load(store.path(), &key).is_none(), "nothing kept yet");
    cache::store(store.path(), &key, &fresh).expect("stored");
    let back = cache::load(store.path(), &key).expect("reads back");
    assert!(cache::fits(&back, &corpus));
    assert_eq!(back.actors.actors, fresh.actors.actors);
    assert_eq!(back.claims, fresh.claims);
    for p in 0..corpus.documents[0].passages.len() {
        assert_eq!(back.related.related(0, p, 5), fresh.related.related(0, p, 5));
    }
}

/// What the reader's first analysis hands over, step by step, named.
fn steps(corpus: &recoupe::corpus::Corpus, dir: &std::path::Path) -> Vec<(&'static str, Analysis)> {
    let mut got = Vec::new();
    cache::analysis_actors_first(corpus, &Lexicon::embedded(), "", Some(dir), |step| {
        got.push(match step {
            cache::Step::Actors(actors) => (
                "actors",
                Analysis {
                    actors,
                    ..Analysis::default()
                },
            ),
            cache::Step::Rest { claims, related } => (
                "rest",
                Analysis {
                    claims,
                    related,
                    ..Analysis::default()
                },
            ),
            cache::Step::Whole(analysis) => ("whole", analysis),
            cache::Step::Building(stage) => (stage.label(), Analysis::default()),
        })
    });
    got
}

#[test]
fn a_kept_analysis_comes_actors_first_and_one_cut_short_comes_whole_after_them() {
    let files = folder();
    let store = tempfile::tempdir().expect("cache dir");
    let corpus = load_paths(&[files.path().to_path_buf()]).expect("loads");
    let fresh = analyse(&corpus);
    let first = steps(&corpus, store.path());
    assert_eq!(
        first.iter().map(|s| s.0).collect::<Vec<_>>(),
        ["actors", "claims", "related passages", "whole"],
        "nothing kept: built, each stage said as it begins"
    );
    assert_eq!(first[3].1.claims, fresh.claims);
    let kept = steps(&corpus, store.path());
    assert_eq!(kept.iter().map(|s| s.0).collect::<Vec<_>>(), ["actors", "rest"]);
    assert_eq!(kept[0].1.actors.actors, fresh.actors.actors);
    assert_eq!(kept[1].1.claims, fresh.claims);
    assert_eq!(
        kept[1].1.related.related(0, 2, 5),
        fresh.related.related(0, 2, 5),
        "the related index reads back too"
    );
    // Cut inside its last part: the actors still come first, then the analysis built again.
    let path = fs::read_dir(store.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("shapes-"))
        })
        .expect("the kept analysis");
    let good = fs::read(&path).expect("read");
    fs::write(&path, &good[..good.len() - 3]).expect("cut");
    let cut = steps(&corpus, store.path());
    assert_eq!(
        cut.iter().map(|s| s.0).collect::<Vec<_>>(),
        ["actors", "actors", "claims", "related passages", "whole"],
        "the kept actors, then the stages of the analysis built again"
    );
    assert_eq!(cut[4].1.claims, fresh.claims);
}

#[test]
fn a_changed_file_or_lexicon_gives_another_key() {
    let files = folder();
    let corpus = load_paths(&[files.path().to_path_buf()]).expect("loads");
    let key = cache::key(&corpus, "");
    assert_eq!(key, cache::key(&corpus, ""), "the same files give the same key");
    assert_ne!(key, cache::key(&corpus, "[[actor]]\nname = \"X\"\nkind = \"person\"\n"));
    fs::write(
        files.path().join("b.txt"),
        "Second\n\nUn autre texte, plus long qu’avant.\n",
    )
    .expect("rewrite");
    let changed = load_paths(&[files.path().to_path_buf()]).expect("loads");
    assert_ne!(key, cache::key(&changed, ""));
}

#[test]
fn a_corrupt_or_cut_cache_file_is_ignored() {
    let files = folder();
    let store = tempfile::tempdir().expect("cache dir");
    let corpus = load_paths(&[files.path().to_path_buf()]).expect("loads");
    let key = cache::key(&corpus, "");
    cache::store(store.path(), &key, &analyse(&corpus)).expect("stored");
    let path = fs::read_dir(store.path())
        .expect("dir")
        .next()
        .expect("a file")
        .expect("entry")
        .path();
    let good = fs::read(&path).expect("read");
    for damage in [
        good[..good.len() / 2].to_vec(),
        {
            let mut flipped = good.clone();
            let middle = flipped.len() / 2;
            flipped[middle] ^= 0x55;
            flipped
        },
        b"not a cache at all".to_vec(),
        Vec::new(),
    ] {
        fs::write(&path, &damage).expect("damage");
        assert!(cache::load(store.path(), &key).is_none());
    }
}

#[test]
fn a_cache_of_another_corpus_does_not_fit() {
    let files = folder();
    let corpus = load_paths(&[files.path().to_path_buf()]).expect("loads");
    let other = recoupe::corpus::load_seeds();
    assert!(!cache::fits(&analyse(&other), &corpus));
    assert!(cache::fits(&analyse(&corpus), &corpus));
}

/// A document's id, title, date, text and passages.
type Parts = (String, String, Option<String>, String, Vec<recoupe::corpus::Passage>);

/// What the documents are made of, for comparing two loads.
fn parts(corpus: &recoupe::corpus::Corpus) -> Vec<Parts> {
    corpus
        .documents
        .iter()
        .map(|d| {
            (
                d.id.clone(),
                d.title.clone(),
                d.date.clone(),
                d.source.clone(),
                d.passages.clone(),
            )
        })
        .collect()
}

#[test]
fn files_cleaned_once_are_not_cleaned_again_and_read_the_same() {
    use recoupe::corpus::load_paths_with_shapes;
    use std::sync::Arc;
    let files = folder();
    let store = tempfile::tempdir().expect("cache dir");
    let paths = [files.path().to_path_buf()];
    let plain = load_paths(&paths).expect("loads");
    // First run: nothing kept, every file cleaned, and the shapes learned are kept.
    let kept = Arc::new(cache::load_shapes(store.path()));
    assert!(kept.is_empty());
    let mut reused = usize::MAX;
    let (first, learned) = load_paths_with_shapes(&paths, Some(kept), |l| reused = l.shapes_reused).expect("loads");
    assert_eq!(reused, 0);
    assert_eq!(parts(&first), parts(&plain));
    cache::store_shapes(store.path(), &learned.expect("news to keep")).expect("stored");
    // Second run: no file cleaned, the same documents, nothing new to keep.
    let kept = Arc::new(cache::load_shapes(store.path()));
    assert_eq!(kept.len(), 2);
    let (second, learned) = load_paths_with_shapes(&paths, Some(kept), |l| reused = l.shapes_reused).expect("loads");
    assert_eq!(reused, 2);
    assert_eq!(parts(&second), parts(&plain));
    assert!(learned.is_none());
    // A file edited since is cleaned again: its new paragraphs, not the kept ones.
    fs::write(
        files.path().join("b.txt"),
        "Second titre\n\nUn paragraphe.\n\nUn autre paragraphe, plus loin.\n",
    )
    .expect("write");
    let kept = Arc::new(cache::load_shapes(store.path()));
    let (third, learned) = load_paths_with_shapes(&paths, Some(kept), |l| reused = l.shapes_reused).expect("loads");
    assert_eq!(reused, 1);
    assert_eq!(parts(&third), parts(&load_paths(&paths).expect("loads")));
    assert!(learned.is_some_and(|l| l.len() == 2));
}

#[test]
fn old_analyses_go_when_the_kept_ones_weigh_too_much() {
    let store = tempfile::tempdir().expect("cache dir");
    let file = |name: &str, size: usize, age_secs: u64| {
        let path = store.path().join(name);
        fs::write(&path, vec![0u8; size]).expect("write");
        let when = std::time::SystemTime::now() - std::time::Duration::from_secs(age_secs);
        fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(when))
            .expect("set time");
        path
    };
    let oldest = file("a-1.bin", 400, 300);
    let older = file("b-1.bin", 400, 200);
    let newer = file("c-1.bin", 400, 100);
    let shapes = file("shapes-0.bin", 400, 1000);
    let kept = file("d-1.bin", 400, 0);
    cache::prune(store.path(), &kept, 1000).expect("pruned");
    // The one just written and the newest that fit stay; the shapes are not an analysis.
    assert!(kept.exists() && newer.exists() && shapes.exists());
    assert!(!older.exists() && !oldest.exists());
}
