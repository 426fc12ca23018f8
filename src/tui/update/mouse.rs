//! The mouse: the wheel scrolls the pane under it, a click focuses a pane and selects what the
//! last frame drew under the pointer (the hit map).

use super::*;

pub(super) fn hit(area: Rect, column: u16, row: u16) -> bool {
    area.contains(Position { x: column, y: row })
}

pub(super) fn wheel(app: &mut App, column: u16, row: u16, down: bool) {
    let Some(panes) = app.panes() else { return };
    let delta = if down { WHEEL_LINES } else { -WHEEL_LINES };
    if hit(panes.reader, column, row) {
        scroll(app, delta);
    } else if hit(panes.documents, column, row) {
        step_documents(app, delta.signum());
    } else if hit(panes.sidebar, column, row) {
        step_sidebar(app, delta.signum());
    }
}

pub(super) fn click(app: &mut App, column: u16, row: u16) -> Option<Action> {
    let panes = app.panes()?;
    if app.overlay.is_some() {
        app.overlay = None;
        return None;
    }
    if hit(panes.documents, column, row) {
        app.focus = Focus::Documents;
        if let Some(Hit::Document(index)) = app.hits.at(column, row)
            && let Some(doc) = app.visible_documents().get(index).copied()
        {
            app.documents.selected = index;
            return Some(Action::JumpTo { doc, passage: 0 });
        }
    } else if hit(panes.reader, column, row) {
        app.focus = Focus::Reader;
        let body = inner(panes.reader);
        let line = app.reader.scroll + row.checked_sub(body.y)? as usize;
        if let Some(p) = app.reader.lines.lines.get(line).and_then(|l| l.passage) {
            app.reader.passage = p;
            sync_sidebar(app);
        }
    } else if hit(panes.sidebar, column, row) {
        app.focus = Focus::Sidebar;
        if let Some(Hit::SidebarItem(index)) = app.hits.at(column, row)
            && index < app.sidebar_len()
        {
            app.sidebar.selected = index;
            // A click on a claim goes to it; Enter lists its reports and contradictions.
            if let Some(c) = app.current_claim() {
                let claim = &app.analysis.claims[c];
                return Some(Action::JumpTo {
                    doc: claim.doc,
                    passage: claim.passage,
                });
            }
            return Some(Action::SideOpen);
        }
    }
    None
}
