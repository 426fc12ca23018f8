//! The terminal UI: the only place that knows about the terminal.

pub mod action;
pub mod app;
pub mod background;
pub mod effect;
mod event;
pub mod keymap;
pub mod layout;
pub mod reader_lines;
pub mod state;
pub mod theme;
pub mod ui;
pub mod update;

pub use app::{App, Settings, run};
pub use background::Source;
