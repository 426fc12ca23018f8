//! Where each pane goes, from the terminal size alone (so `update` and rendering agree).

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this size the layout is replaced by a one-line message.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 10;

/// The sidebar is never narrower than this; the reader keeps at least `READER_MIN` columns.
pub const SIDEBAR_MIN: u16 = 18;
pub const READER_MIN: u16 = 40;

/// The longest line of text the reader shows, however wide the terminal: longer lines are
/// hard to read, so the text is centred in a wider pane.
pub const MEASURE: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub documents: Rect,
    pub reader: Rect,
    pub sidebar: Rect,
    pub status: Rect,
}

impl Panes {
    /// The panes for a screen area, or `None` when it is too small.
    /// `widen`: columns the user added to the sidebar (negative: took away), within limits
    /// that leave the reader its room.
    pub fn of(area: Rect, widen: i16) -> Option<Panes> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        let docs = (area.width / 4).clamp(18, 36);
        let widest = area.width.saturating_sub(docs + READER_MIN).max(SIDEBAR_MIN);
        let side = ((area.width / 4).clamp(SIDEBAR_MIN, 40) as i32 + widen as i32)
            .clamp(SIDEBAR_MIN as i32, widest as i32) as u16;
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
    reader_body(panes).width.saturating_sub(READER_MARGIN + 1).max(1) as usize
}

/// Where the reader's marks and text go: inside the border, at the measure.
pub fn reader_body(panes: &Panes) -> Rect {
    measured(inner(panes.reader))
}

/// The reader's marks and text inside its border: centred when the pane is wider than the
/// measure.
pub fn measured(area: Rect) -> Rect {
    let want = MEASURE + READER_MARGIN + 1;
    let spare = area.width.saturating_sub(want);
    Rect {
        x: area.x + spare / 2,
        width: area.width - spare,
        ..area
    }
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
