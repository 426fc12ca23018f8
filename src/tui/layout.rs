//! Where each pane goes, from the terminal size alone (so `update` and rendering agree).

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this size the layout is replaced by a one-line message.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub documents: Rect,
    pub reader: Rect,
    pub sidebar: Rect,
    pub status: Rect,
}

impl Panes {
    /// The panes for a screen area, or `None` when it is too small.
    pub fn of(area: Rect) -> Option<Panes> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        let side = (area.width / 4).clamp(18, 40);
        let docs = (area.width / 4).clamp(18, 36);
        let [documents, reader, sidebar] =
            Layout::horizontal([Constraint::Length(docs), Constraint::Min(20), Constraint::Length(side)]).areas(main);
        Some(Panes {
            documents,
            reader,
            sidebar,
            status,
        })
    }
}

/// Inside a bordered block.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// The reader's text column: inside the border, after a margin of three marks (current
/// passage, claim, related elsewhere).
pub const READER_MARGIN: u16 = 3;

pub fn reader_text_width(panes: &Panes) -> usize {
    inner(panes.reader).width.saturating_sub(READER_MARGIN + 1).max(1) as usize
}

/// What a click on a screen cell stands for, as the last frame drew it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// The n-th row of the visible document list (not the document's index in the corpus).
    Document(usize),
    /// The n-th item of the sidebar's current tab, however many rows it took.
    SidebarItem(usize),
}

/// Where the last frame drew each clickable item. `render` fills it and the mouse reads it,
/// so a click selects what is under the pointer whatever an item's height or the scroll.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct HitMap {
    items: Vec<(Rect, Hit)>,
}

impl HitMap {
    pub fn add(&mut self, area: Rect, hit: Hit) {
        if area.width > 0 && area.height > 0 {
            self.items.push((area, hit));
        }
    }

    /// The item drawn on a screen cell, if any.
    pub fn at(&self, column: u16, row: u16) -> Option<Hit> {
        let cell = ratatui::layout::Position { x: column, y: row };
        self.items
            .iter()
            .find(|(area, _)| area.contains(cell))
            .map(|&(_, hit)| hit)
    }
}
