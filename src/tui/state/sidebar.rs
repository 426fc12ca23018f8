//! The sidebar's tabs, and a cursor for each.

use super::*;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SidebarTab {
    #[default]
    Actors,
    Claims,
    Related,
    Search,
    Selection,
    Outline,
}

/// The sidebar: the tab shown, and a cursor for each tab, so a tab keeps its place while another
/// is shown. It reads as the cursor of the tab shown.
#[derive(Debug, Clone, Default)]
pub struct Sidebar {
    pub tab: SidebarTab,
    cursors: [ListCursor; SidebarTab::ORDER.len()],
}

impl std::ops::Deref for Sidebar {
    type Target = ListCursor;
    fn deref(&self) -> &ListCursor {
        &self.cursors[self.tab.index()]
    }
}

impl std::ops::DerefMut for Sidebar {
    fn deref_mut(&mut self) -> &mut ListCursor {
        &mut self.cursors[self.tab.index()]
    }
}

impl SidebarTab {
    /// Its place in `ORDER`.
    pub fn index(self) -> usize {
        SidebarTab::ORDER.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub const ORDER: [SidebarTab; 6] = [
        SidebarTab::Actors,
        SidebarTab::Claims,
        SidebarTab::Related,
        SidebarTab::Search,
        SidebarTab::Selection,
        SidebarTab::Outline,
    ];

    /// A short name that stays distinct from the others' (`Act Clm Rel Srch Sel Out`).
    pub fn short(self) -> &'static str {
        match self {
            SidebarTab::Actors => "Act",
            SidebarTab::Claims => "Clm",
            SidebarTab::Related => "Rel",
            SidebarTab::Search => "Srch",
            SidebarTab::Selection => "Sel",
            SidebarTab::Outline => "Out",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SidebarTab::Actors => "Actors",
            SidebarTab::Claims => "Claims",
            SidebarTab::Related => "Related",
            SidebarTab::Search => "Search",
            SidebarTab::Selection => "Selection",
            SidebarTab::Outline => "Outline",
        }
    }
}

/// One thing in the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelectionItem {
    Passage(usize, usize),
    Claim(usize),
}
