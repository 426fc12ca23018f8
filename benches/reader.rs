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
use std::hint::black_box;

/// The allocator of the binary (mimalloc), counted: what a stage leaves allocated is what it holds.
#[global_allocator]
static GLOBAL: cap::Cap<mimalloc::MiMalloc> = cap::Cap::new(mimalloc::MiMalloc, usize::MAX);

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
        let before = GLOBAL.allocated() as i64;
        let corpus = load_paths(&[dir.path().to_path_buf()]).expect("loads");
        let live = GLOBAL.allocated() as i64 - before;
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

/// A correction on 10,000 articles, as the UI thread lives it: the key that applies it (the new
/// analysis is made in the background, from the `Reanalyse` effect, which is not run here), then
/// a key and a frame while that analysis is under way. Both must answer within 50 ms.
fn correction_generated(c: &mut Criterion) {
    let documents = recoupe::synthetic::corpus(10_000, 42)
        .into_iter()
        .map(|(name, text)| recoupe::corpus::Document::from_text(name.clone(), name, text))
        .collect();
    let corpus = recoupe::corpus::Corpus {
        documents,
        ..Default::default()
    };
    let mut app = App::new(corpus, 200, 60);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    let mut group = c.benchmark_group("correction, 10000 articles");
    group.sample_size(20);
    group.bench_function("rename key (Enter on the prompt)", |b| {
        b.iter_custom(|iters| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iters {
                update(&mut app, Action::ToggleActorsView);
                update(&mut app, Action::RenameActor);
                update(&mut app, Action::PromptChar('!'));
                let key = std::time::Instant::now();
                let effects = update(&mut app, Action::PromptSubmit);
                spent += key.elapsed();
                assert!(
                    effects
                        .iter()
                        .any(|e| matches!(e, recoupe::tui::effect::Effect::Reanalyse { .. })),
                    "the correction is analysed in the background"
                );
                // As if that analysis were in: the next correction may begin.
                app.reanalysis = None;
                app.overlay = None;
            }
            spent
        })
    });
    update(&mut app, Action::ToggleActorsView);
    update(&mut app, Action::RenameActor);
    update(&mut app, Action::PromptChar('!'));
    update(&mut app, Action::PromptSubmit);
    assert!(app.reanalysis.is_some(), "a correction is under way");
    group.bench_function("a key and a frame while it is analysed", |b| {
        b.iter(|| {
            update(&mut app, Action::DocDown);
            terminal
                .draw(|f| drop(recoupe::tui::ui::render(&app, f)))
                .expect("draw");
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    seeds_to_first_frame,
    load_generated,
    render_frame,
    correction_generated
);
criterion_main!(benches);
