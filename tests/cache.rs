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
