//! Analysis benchmarks on generated corpora: actor extraction throughput, and the memory the
//! result holds (printed to stderr, against the corpus size).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use recoupe::analysis::actors::extract;
use recoupe::analysis::lexicon::Lexicon;
use recoupe::corpus::{Corpus, Document};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use std::alloc::System;
use std::hint::black_box;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

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
        let region = Region::new(GLOBAL);
        let found = extract(&corpus, &lexicon);
        let stats = region.change();
        let held = stats.bytes_allocated as i64 - stats.bytes_deallocated as i64;
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

criterion_group!(benches, actors);
criterion_main!(benches);
