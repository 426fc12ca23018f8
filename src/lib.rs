//! recoupe: a reader for news corpora. The library holds every piece of analysis;
//! the terminal UI (`tui`) only turns input into actions and state into frames.

pub mod analysis;
pub mod cache;
pub mod corpus;
pub mod curation;
pub mod export;
pub mod kept;
pub mod save;
pub mod search;
pub mod synthetic;
pub mod tui;
pub mod wording;
