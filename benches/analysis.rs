//! Analysis benchmarks on generated corpora: actor extraction throughput, and the memory the
//! result holds (printed to stderr, against the corpus size).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use recoupe::analysis::actors::extract;
use recoupe::analysis::lexicon::Lexicon;
use recoupe::analysis::related::RelatedIndex;
use recoupe::corpus::{Corpus, Document};
use std::hint::black_box;

/// The allocator of the binary (mimalloc), counted: what a stage leaves allocated is what it holds.
#[global_allocator]
static GLOBAL: cap::Cap<mimalloc::MiMalloc> = cap::Cap::new(mimalloc::MiMalloc, usize::MAX);

fn generated(count: usize) -> Corpus {
    let documents = recoupe::synthetic::corpus(count, 42)
        .into_iter()
        .map(|(name, text)| Document::from_text(name.clone(), name, text))
        .collect();
    Corpus {
        documents,
        ..Corpus::default()
    }
}

fn actors(c: &mut Criterion) {
    let lexicon = Lexicon::embedded();
    let mut group = c.benchmark_group("actors");
    group.sample_size(10);
    for count in [1_000, 10_000] {
        let corpus = generated(count);
        let bytes = corpus.bytes();
        let before = GLOBAL.allocated() as i64;
        let found = extract(&corpus, &lexicon);
        let held = GLOBAL.allocated() as i64 - before;
        eprintln!(
            "actors on {count} articles: {} actors, {} bytes held by the result ({:.2}x the {bytes}-byte corpus)",
            found.actors.len(),
            held,
            held as f64 / bytes as f64
        );
        drop(found);
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(format!("{count} articles"), |b| {
            b.iter(|| black_box(extract(&corpus, &lexicon).actors.len()))
        });
    }
    group.finish();
}

fn related(c: &mut Criterion) {
    let lexicon = Lexicon::embedded();
    let cues = recoupe::analysis::claims::Cues::embedded();
    let mut group = c.benchmark_group("related");
    group.sample_size(10);
    for count in [1_000, 10_000] {
        let corpus = generated(count);
        let bytes = corpus.bytes();
        let found = extract(&corpus, &lexicon);
        let claims = recoupe::analysis::claims::extract(&corpus, &found, &lexicon, &cues);
        let before = GLOBAL.allocated() as i64;
        let index = RelatedIndex::build(&corpus, &found, &claims, &lexicon);
        let held = GLOBAL.allocated() as i64 - before;
        eprintln!(
            "related index on {count} articles: {held} bytes held ({:.2}x the corpus)",
            held as f64 / bytes as f64
        );
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(format!("build index, {count} articles"), |b| {
            b.iter(|| {
                black_box(
                    RelatedIndex::build(&corpus, &found, &claims, &lexicon)
                        .passages()
                        .count(),
                )
            })
        });
        let passages: Vec<(usize, usize)> = index.passages().step_by(97).collect();
        let mut at = 0;
        group.throughput(Throughput::Elements(1));
        group.bench_function(format!("lookup one passage, {count} articles"), |b| {
            b.iter(|| {
                at = (at + 1) % passages.len();
                let (d, p) = passages[at];
                black_box(index.related(d, p, 5).len())
            })
        });
        let mut claim = 0;
        let counted = claims.len().max(1);
        group.bench_function(format!("cross-references of one claim, {count} articles"), |b| {
            b.iter(|| {
                claim = (claim + 7) % counted;
                black_box(index.crosscheck().counts(claim, &claims))
            })
        });
    }
    group.finish();
}

fn claims(c: &mut Criterion) {
    let lexicon = Lexicon::embedded();
    let cues = recoupe::analysis::claims::Cues::embedded();
    let corpus = generated(1_000);
    let found = extract(&corpus, &lexicon);
    let mut group = c.benchmark_group("claims");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(corpus.bytes() as u64));
    group.bench_function("1000 articles", |b| {
        b.iter(|| black_box(recoupe::analysis::claims::extract(&corpus, &found, &lexicon, &cues).len()))
    });
    group.finish();
}

/// One keystroke of the actor filter over 50,000 names (10,000 actors with four aliases each).
fn filter(c: &mut Criterion) {
    use recoupe::analysis::actors::Actor;
    use recoupe::analysis::lexicon::ActorKind;
    let mut rng = fastrand::Rng::with_seed(3);
    let syllables = [
        "ka", "lor", "min", "tes", "var", "on", "bré", "zul", "di", "ran", "sol", "vé", "tur", "nak",
    ];
    let mut word = |n: usize| {
        (0..n)
            .map(|_| syllables[rng.usize(..syllables.len())])
            .collect::<String>()
    };
    let actors: Vec<Actor> = (0..10_000)
        .map(|_| Actor {
            name: format!("{} {}", word(2), word(3)),
            kind: ActorKind::Person,
            aliases: (0..4).map(|_| word(3)).collect(),
            mentions: Vec::new(),
        })
        .collect();
    let index = recoupe::search::ActorIndex::new(&actors);
    assert_eq!(index.len(), 50_000);
    c.bench_function("filter: one keystroke over 50,000 actor names", |b| {
        b.iter(|| black_box(index.search(&actors, black_box("kalorv"), 50).len()))
    });
}

/// The whole cold path of `recoupe stats` on a folder (read, decode, clean, then actors,
/// claims and the related index), beside the I/O floor: reading the same bytes and nothing
/// else. Both at 1,000 and 10,000 articles, so the growth shows.
fn full(c: &mut Criterion) {
    let lexicon = Lexicon::embedded();
    let mut group = c.benchmark_group("full analysis");
    group.sample_size(10);
    for count in [1_000, 10_000] {
        let files = tempfile::tempdir().expect("dir");
        let bytes = recoupe::synthetic::write_corpus(files.path(), count, 42).expect("write corpus");
        let paths: Vec<std::path::PathBuf> = std::fs::read_dir(files.path())
            .expect("dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(format!("read the files only (I/O floor), {count} articles"), |b| {
            b.iter(|| {
                let read: usize = paths.iter().map(|p| std::fs::read(p).map_or(0, |b| b.len())).sum();
                black_box(read)
            })
        });
        group.bench_function(format!("load + analyse (stats path), {count} articles"), |b| {
            b.iter(|| {
                let corpus = recoupe::corpus::load_paths(&[files.path().to_path_buf()]).expect("loads");
                black_box(recoupe::analysis::Analysis::build(&corpus, &lexicon).claims.len())
            })
        });
    }
    group.finish();
}

/// Full-text search as the reader runs it (`/` then Enter): a word, then a phrase with
/// accents, over every passage of 10,000 generated articles.
fn text_search(c: &mut Criterion) {
    let corpus = generated(10_000);
    let mut group = c.benchmark_group("text search");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(corpus.bytes() as u64));
    let index = recoupe::search::TextIndex::new(&corpus);
    for query in ["frontière", "le ministre a"] {
        group.bench_function(format!("{query:?} over 10000 articles, no index"), |b| {
            b.iter(|| black_box(recoupe::search::find_text(&corpus, black_box(query), 2_000).hits.len()))
        });
        // What one keystroke costs in the reader once the index is built.
        group.bench_function(
            format!("{query:?} over 10000 articles, one keystroke with the index"),
            |b| b.iter(|| black_box(index.find(&corpus, black_box(query), 2_000).hits.len())),
        );
    }
    group.bench_function("build the index of 10000 articles", |b| {
        b.iter(|| black_box(recoupe::search::TextIndex::new(&corpus)))
    });
    group.finish();
}

/// A second opening of an unchanged 10,000-article folder: the cache key (XXH3 over every
/// file's text), the cache file read, decoded and checked against the corpus.
fn cache(c: &mut Criterion) {
    let files = tempfile::tempdir().expect("dir");
    recoupe::synthetic::write_corpus(files.path(), 10_000, 42).expect("write corpus");
    let corpus = recoupe::corpus::load_paths(&[files.path().to_path_buf()]).expect("loads");
    let lexicon = Lexicon::embedded();
    let kept = recoupe::analysis::Analysis::build(&corpus, &lexicon);
    let store = tempfile::tempdir().expect("cache dir");
    let key = recoupe::cache::key(&corpus, "");
    recoupe::cache::store(store.path(), &key, &kept).expect("stored");
    let size = std::fs::read_dir(store.path())
        .expect("dir")
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum::<u64>();
    eprintln!(
        "cache file for 10,000 articles: {:.1} MB ({:.2}x the corpus)",
        size as f64 / 1e6,
        size as f64 / corpus.bytes() as f64
    );
    let mut group = c.benchmark_group("cache");
    group.sample_size(10);
    group.bench_function("second open: key, read, decode, check, 10000 articles", |b| {
        b.iter(|| {
            let key = recoupe::cache::key(&corpus, "");
            let back = recoupe::cache::load(store.path(), &key).expect("hit");
            assert!(recoupe::cache::fits(&back, &corpus));
            black_box(back.claims.len())
        })
    });
    group.finish();
}

criterion_group!(benches, actors, claims, related, filter, text_search, cache, full);
criterion_main!(benches);
