//! Set-ups shared by the TUI test files.

use recoupe::corpus::{Corpus, LoadPlan, Progress};
use recoupe::tui::App;
use recoupe::tui::background::Background;

/// The reader on the seeds as they load: the first `read` documents have arrived, the rest
/// not yet. Gives the progress so far, for the test to go on loading.
pub fn loading_seeds(seeds: &Corpus, read: usize, width: u16, height: u16) -> (App, Progress) {
    let plan = LoadPlan {
        origin: "articles".into(),
        files: seeds.documents.iter().map(|d| d.path.clone().into()).collect(),
        bytes: seeds.bytes() as u64,
        warnings: Vec::new(),
    };
    let mut app = App::loading(&plan, recoupe::curation::Curation::in_memory(), width, height);
    let mut progress = Progress {
        files_total: seeds.documents.len(),
        bytes_total: plan.bytes,
        ..Progress::default()
    };
    for doc in seeds.documents.iter().take(read) {
        progress.files_done += 1;
        progress.bytes_done += doc.source.len() as u64;
        recoupe::tui::update::absorb(
            &mut app,
            Background::Loaded {
                progress,
                document: Some(Box::new(doc.clone())),
            },
        );
    }
    (app, progress)
}
