//! Reader benchmarks: loading and cleaning, first frame, frame rendering.
//! Memory figures (bytes still allocated after loading, against the corpus size) are printed
//! to stderr.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use recoupe::corpus::{load_paths, load_seeds};
use recoupe::tui::App;
use recoupe::tui::action::Action;
use recoupe::tui::update::update;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use std::alloc::System;
use std::hint::black_box;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn seeds_to_first_frame(c: &mut Criterion) {
    c.bench_function("seeds: load + clean + first frame 120x40", |b| {
        b.iter(|| {
            let app = App::new(load_seeds(), 120, 40);
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
            terminal
                .draw(|f| drop(recoupe::tui::ui::render(&app, f)))
                .expect("draw");
            black_box(terminal.backend().buffer().area);
        })
    });
}

fn load_generated(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for count in [1_000, 10_000] {
        let dir = tempfile::tempdir().expect("temp dir");
        let bytes = recoupe::synthetic::write_corpus(dir.path(), count, 42).expect("write corpus");
        let region = Region::new(GLOBAL);
        let corpus = load_paths(&[dir.path().to_path_buf()]).expect("loads");
        let stats = region.change();
        let live = stats.bytes_allocated as i64 - stats.bytes_deallocated as i64 + stats.bytes_reallocated as i64;
        eprintln!(
            "load {count} articles: {bytes} bytes on disk, {live} bytes held after loading ({:.2}x)",
            live as f64 / bytes as f64
        );
        drop(corpus);
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(format!("{count} articles"), |b| {
            b.iter(|| black_box(load_paths(&[dir.path().to_path_buf()]).expect("loads").documents.len()))
        });
    }
    group.finish();
}

fn render_frame(c: &mut Criterion) {
    let mut app = App::new(load_seeds(), 200, 60);
    update(&mut app, Action::DocDown);
    update(&mut app, Action::OpenDocument);
    update(&mut app, Action::PageDown);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    c.bench_function("render one 200x60 frame", |b| {
        b.iter(|| {
            terminal
                .draw(|f| drop(recoupe::tui::ui::render(&app, f)))
                .expect("draw");
        })
    });
}

criterion_group!(benches, seeds_to_first_frame, load_generated, render_frame);
criterion_main!(benches);
