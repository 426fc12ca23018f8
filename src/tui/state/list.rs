//! Where the focus is, and a scrolling list's position.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Documents,
    Reader,
    Sidebar,
}

impl Focus {
    pub const ORDER: [Focus; 3] = [Focus::Documents, Focus::Reader, Focus::Sidebar];
}

/// A scrolling list position: the selected row and the first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    pub selected: usize,
    pub offset: usize,
}

impl ListCursor {
    /// Moves the selection by `delta` within `len` items, keeping it inside `visible` rows.
    pub fn step(&mut self, delta: isize, len: usize, visible: usize) {
        if len == 0 {
            *self = ListCursor::default();
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(len - 1);
        self.reveal(visible);
    }

    pub fn reveal(&mut self, visible: usize) {
        let visible = visible.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
    }
}
