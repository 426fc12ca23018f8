//! Full-text search: walking its hits with `n`/`N` and bringing a hit into view.

use super::*;

/// Goes to the next (or previous) hit of the search, from the reading position, in any document.
pub(super) fn step_search(app: &mut App, forward: bool) {
    let Some(search) = &app.search else { return };
    let hits = &search.found.hits;
    if hits.is_empty() {
        return;
    }
    let passage = app
        .current_document()
        .and_then(|d| d.passages.get(app.reader.passage))
        .map_or(0..0, |p| p.range());
    // From the hit last visited while the reader is still where it took it, else from the passage.
    let still = search.landed == Some((app.reader.doc, app.reader.passage));
    let here = match search.at.and_then(|i| hits.get(i)) {
        Some(h) if still || (h.doc == app.reader.doc && passage.contains(&h.start)) => (h.doc, h.start),
        // At the top of an article its title is on screen too: it counts as here.
        _ if forward && app.reader.scroll == 0 => (app.reader.doc, 0),
        _ if forward => (app.reader.doc, passage.start.saturating_sub(1)),
        _ => (app.reader.doc, passage.start),
    };
    let found = if forward {
        hits.iter().position(|h| (h.doc, h.start) > here)
    } else {
        hits.iter().rposition(|h| (h.doc, h.start) < here)
    };
    let wrapped = found.is_none();
    let index = found.unwrap_or(if forward { 0 } else { hits.len() - 1 });
    let wrapped = wrapped && search.at.is_some();
    let keys = format!(
        "; {}/{} next/previous, {} clears",
        app.key(Action::NextMention),
        app.key(Action::PrevMention),
        app.key(Action::CloseOverlay)
    );
    let text = format!(
        "“{}”: hit {}/{}{} in {}{}",
        search.found.query,
        index + 1,
        hits.len(),
        if search.found.truncated { "+" } else { "" },
        crate::wording::counted(search.found.documents(), "document"),
        if wrapped { " (wrapped around)" } else { keys.as_str() }
    );
    go_to_hit(app, index);
    if app.sidebar.tab == SidebarTab::Search {
        app.sidebar.selected = index;
        let rows = app.sidebar_visible();
        app.sidebar.reveal(rows);
    }
    say(app, &text);
}

/// Opens the passage of a search hit, its line on screen, and makes it the current hit.
pub(super) fn go_to_hit(app: &mut App, index: usize) {
    let Some(hit) = app.search.as_ref().and_then(|s| s.found.hits.get(index).copied()) else {
        return;
    };
    update(
        app,
        Action::JumpTo {
            doc: hit.doc,
            passage: hit.passage,
        },
    );
    let landed = Some((app.reader.doc, app.reader.passage));
    if let Some(search) = &mut app.search {
        search.at = Some(index);
        search.landed = landed;
    }
    reveal_line_of(app, hit.start);
}

/// Scrolls so the line holding a file offset of the open document is on screen.
pub(super) fn reveal_line_of(app: &mut App, offset: usize) {
    let lines = &app.reader.lines;
    let row = lines.lines.iter().position(|l| {
        l.passage == Some(app.reader.passage)
            && lines
                .displays
                .get(app.reader.passage)
                .and_then(|d| d.as_ref())
                .is_some_and(|d| {
                    let at = d.to_display(offset);
                    l.range.start <= at && at < l.range.end.max(l.range.start + 1)
                })
    });
    if let Some(row) = row {
        let height = app.reader_height();
        if row < app.reader.scroll || row >= app.reader.scroll + height {
            app.reader.scroll = row.saturating_sub(height / 3);
            clamp_scroll(app);
        }
    }
}
