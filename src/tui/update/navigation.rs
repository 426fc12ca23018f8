//! Moving around: passages, scrolling, documents, sidebar cursors, related passages, mentions,
//! jumps and the back/forward history; and the wrapped lines and marks that follow a move.

use super::*;

pub(super) fn overlay_page(app: &App) -> isize {
    (app.area.height as isize * 9 / 10 - 3).max(1)
}

pub(super) fn step_overlay(app: &mut App, delta: isize) {
    let len = app.analysis.actors.actors.len();
    let visible = overlay_page(app) as usize;
    // Scrolling stops at the last page: a step back up is seen at once.
    let help_end = match app.overlay {
        Some(Overlay::Help { .. }) => crate::tui::ui::help::Help::max_scroll(app),
        _ => 0,
    };
    let warnings_end = (app.corpus.warnings.len() * 2).saturating_sub(1);
    let refs = match app.overlay {
        Some(Overlay::CrossCheck { claim, contrast, .. }) => app.cross_refs(claim, contrast).len(),
        _ => 0,
    };
    match &mut app.overlay {
        Some(Overlay::Help { scroll }) => *scroll = scroll.saturating_add_signed(delta).min(help_end),
        Some(Overlay::Warnings { scroll }) => *scroll = scroll.saturating_add_signed(delta).min(warnings_end),
        Some(Overlay::Actors { cursor }) => cursor.step(delta, len, visible),
        Some(Overlay::CrossCheck { cursor, .. }) => cursor.step(delta, refs, visible),
        Some(Overlay::ActorPage(page)) => {
            let len = page.items().len();
            page.cursor.step(delta, len, visible);
        }
        Some(Overlay::Prompt(_)) | None => {}
    }
}

/// Remembers where the reader was before a jump elsewhere.
pub(super) fn record_jump(app: &mut App, doc: usize, passage: usize) {
    // A jump out of a browse through the list: back returns to where the browse started.
    let here = app.preview_from.take().unwrap_or_else(|| app.location());
    let moving = here.doc != doc || here.passage != passage;
    if moving && !app.reader.lines.lines.is_empty() {
        app.history.back.push(here);
        app.history.forward.clear();
    }
}

/// Back or forward in the jump history, restoring the scroll position too.
pub(super) fn travel(app: &mut App, back: bool) {
    let here = app.location();
    let (from, to) = if back {
        (&mut app.history.back, &mut app.history.forward)
    } else {
        (&mut app.history.forward, &mut app.history.back)
    };
    let Some(target) = from.pop() else {
        say(
            app,
            if back {
                "Nothing to go back to"
            } else {
                "Nothing to go forward to"
            },
        );
        return;
    };
    to.push(here);
    jump_to(app, target.doc, target.passage);
    app.reader.scroll = target.scroll;
    clamp_scroll(app);
    reveal_passage(app);
}

/// Goes to the next (or previous) mention of the current actor, in any document.
pub(super) fn step_mention(app: &mut App, forward: bool) {
    let Some(actor) = app.current_actor() else {
        let text = format!(
            "No actor chosen: select one in the Actors tab ({}), or open the actor view ({})",
            app.key(Action::NextTab),
            app.key(Action::ToggleActorsView)
        );
        say(app, &text);
        return;
    };
    let passage = app
        .current_document()
        .and_then(|d| d.passages.get(app.reader.passage))
        .map_or(0..0, |p| p.range());
    let passage_start = passage.start;
    // From the last mention visited while the reader is still on it, else from the current passage.
    let here = match app.mention_cursor {
        Some((doc, at)) if doc == app.reader.doc && passage.contains(&at) => (doc, at),
        _ if forward => (app.reader.doc, passage_start.saturating_sub(1)),
        _ => (app.reader.doc, passage_start),
    };
    let mentions = &app.analysis.actors.actors[actor].mentions;
    let found = if forward {
        mentions
            .iter()
            .position(|m| (m.doc, m.start) > here)
            .map(|i| (i, false))
    } else {
        mentions
            .iter()
            .rposition(|m| (m.doc, m.start) < here)
            .map(|i| (i, false))
    };
    let wrapped = if forward { 0 } else { mentions.len().saturating_sub(1) };
    let Some((index, wrapped)) = found.or_else(|| (!mentions.is_empty()).then_some((wrapped, true))) else {
        return;
    };
    let m = &mentions[index];
    let (doc, passage, start) = (m.doc, m.passage, m.start);
    let text = format!(
        "{}: mention {}/{}{}",
        app.analysis.actors.actors[actor].name,
        index + 1,
        mentions.len(),
        if wrapped { " (wrapped around)" } else { "" }
    );
    update(app, Action::JumpTo { doc, passage });
    app.mention_cursor = Some((doc, start));
    say(app, &text);
}

pub(super) fn cycle_focus(app: &mut App, delta: isize) {
    end_preview(app);
    let order = Focus::ORDER;
    let at = order.iter().position(|f| *f == app.focus).unwrap_or(0);
    app.focus = order[(at as isize + delta).rem_euclid(order.len() as isize) as usize];
}

pub(super) fn page(app: &App) -> isize {
    (app.reader_height().saturating_sub(2)).max(1) as isize
}

/// Moves the list cursor; the reader previews the highlighted document (as fzf and lazygit do),
/// one history step for the whole browse, not one per document passed.
pub(super) fn step_documents(app: &mut App, delta: isize) {
    let (len, visible) = (app.visible_documents().len(), app.documents_visible());
    app.documents.step(delta, len, visible);
    let Some(doc) = app.visible_documents().get(app.documents.selected).copied() else {
        return;
    };
    if doc != app.reader.doc {
        if app.preview_from.is_none() {
            app.preview_from = Some(app.location());
        }
        jump_to(app, doc, 0);
    }
}

/// The browse through the list is over (a document opened, the focus elsewhere): where it
/// started goes on the history, so back returns there.
pub(super) fn end_preview(app: &mut App) {
    if let Some(from) = app.preview_from.take()
        && from.doc != app.reader.doc
    {
        app.history.back.push(from);
        app.history.forward.clear();
    }
}

pub(super) fn step_sidebar(app: &mut App, delta: isize) {
    let (len, visible) = (app.sidebar_len(), app.sidebar_visible());
    app.sidebar.step(delta, len, visible);
}

/// Opens `doc` at `passage` (or the nearest shown passage after it).
pub(super) fn jump_to(app: &mut App, doc: usize, passage: usize) {
    if doc >= app.corpus.documents.len() {
        return;
    }
    if doc != app.reader.doc || app.reader.lines.lines.is_empty() {
        app.reader.doc = doc;
        app.reader.scroll = 0;
        rewrap(app);
    }
    if let Some(row) = app.visible_documents().iter().position(|&d| d == doc) {
        app.documents.selected = row;
    }
    app.documents.reveal(app.documents_visible());
    let lines = &app.reader.lines;
    let target = (passage..lines.spans.len())
        .find(|p| lines.is_shown(*p))
        .or_else(|| (0..lines.spans.len()).rev().find(|p| lines.is_shown(*p)));
    let Some(target) = target else { return };
    app.reader.passage = target;
    let first_shown = (0..lines.spans.len()).find(|p| lines.is_shown(*p));
    app.reader.scroll = if first_shown == Some(target) {
        0
    } else {
        lines.spans[target].start.saturating_sub(1)
    };
    clamp_scroll(app);
    reveal_passage(app);
    sync_sidebar(app);
}

pub(super) fn rewrap(app: &mut App) {
    let width = app.reader_width();
    app.reader.wrap(&app.corpus, width);
}

/// Which passages of the open document have a strong relation elsewhere (margin marks), for
/// the document and analysis they were not yet worked out for.
pub(super) fn mark_strong_relations(app: &mut App) {
    let doc = app.reader.doc;
    let key = (doc, app.generation);
    if app.strong_for == Some(key) {
        return;
    }
    let passages = app.corpus.documents.get(doc).map_or(0, |d| d.passages.len());
    app.strongly_related = (0..passages)
        .map(|p| {
            app.analysis
                .related
                .related(doc, p, 1)
                .first()
                .is_some_and(|r| r.score >= STRONG_RELATION)
        })
        .collect();
    app.strong_for = Some(key);
}

/// Moves the related selection, showing the Related tab.
pub(super) fn step_related(app: &mut App, delta: isize) {
    let len = app.related_here.len();
    if len == 0 {
        say(app, "No passage of another article is related to this one");
        return;
    }
    // The first step selects the best related passage.
    let next = match app.related_selected {
        None => 0,
        Some(at) => (at as isize + delta).rem_euclid(len as isize) as usize,
    };
    app.related_selected = Some(next);
    app.sidebar.tab = SidebarTab::Related;
    app.sidebar.selected = next;
    let rows = app.sidebar_visible();
    app.sidebar.reveal(rows);
}

/// Re-wraps after a size or visibility change, keeping the current passage where it was on screen.
pub(super) fn relayout(app: &mut App) {
    let old = app.reader.lines.spans.get(app.reader.passage).cloned();
    let old_scroll = app.reader.scroll;
    rewrap(app);
    let lines = &app.reader.lines;
    if !lines.is_shown(app.reader.passage) {
        let next = (app.reader.passage..lines.spans.len())
            .chain((0..app.reader.passage).rev())
            .find(|p| lines.is_shown(*p));
        app.reader.passage = next.unwrap_or(0);
    }
    let new = lines.spans.get(app.reader.passage).cloned().unwrap_or(0..0);
    app.reader.scroll = match old {
        Some(old) if !old.is_empty() && old_scroll > old.start => {
            // The passage began above the screen: keep the same fraction of it above.
            let into = (old_scroll - old.start) * new.len() / old.len().max(1);
            new.start + into
        }
        Some(old) if !old.is_empty() => new.start.saturating_sub(old.start - old_scroll),
        _ => new.start.saturating_sub(1),
    };
    clamp_scroll(app);
    reveal_passage(app);
    sync_sidebar(app);
}

pub(super) fn max_scroll(app: &App) -> usize {
    app.reader.lines.lines.len().saturating_sub(app.reader_height())
}

pub(super) fn clamp_scroll(app: &mut App) {
    app.reader.scroll = app.reader.scroll.min(max_scroll(app));
}

/// Scrolls so the current passage's first line is on screen, showing as much of it as fits.
pub(super) fn reveal_passage(app: &mut App) {
    let Some(span) = app.reader.lines.spans.get(app.reader.passage).cloned() else {
        return;
    };
    if span.is_empty() {
        return;
    }
    let height = app.reader_height();
    if span.start < app.reader.scroll {
        app.reader.scroll = span.start;
    } else if span.end > app.reader.scroll + height {
        app.reader.scroll = span.start.min(span.end.saturating_sub(height));
    }
    clamp_scroll(app);
}

pub(super) fn step_passage(app: &mut App, delta: isize) {
    let lines = &app.reader.lines;
    let current = app.reader.passage;
    let found = if delta > 0 {
        (current + 1..lines.spans.len()).find(|p| lines.is_shown(*p))
    } else {
        (0..current).rev().find(|p| lines.is_shown(*p))
    };
    if let Some(p) = found {
        app.reader.passage = p;
        reveal_passage(app);
        sync_sidebar(app);
    }
}

/// Scrolls the reader; the current passage follows when it leaves the screen.
pub(super) fn scroll(app: &mut App, delta: isize) {
    app.reader.scroll = app.reader.scroll.saturating_add_signed(delta);
    clamp_scroll(app);
    let (top, height) = (app.reader.scroll, app.reader_height());
    let lines = &app.reader.lines;
    let span = lines.spans.get(app.reader.passage).cloned().unwrap_or(0..0);
    let visible = span.start < top + height && span.end > top;
    // The current passage follows what is on screen: the last one once the end is reached,
    // the first one at the top, else (when it went off screen, or scrolling down cut its top
    // off) the first passage that starts in view.
    let follow = if delta > 0 && top == max_scroll(app) {
        lines.lines.iter().rev().find_map(|l| l.passage)
    } else if delta < 0 && top == 0 {
        lines.passage_at_or_after(0)
    } else if !visible || (delta > 0 && span.start < top) {
        (0..lines.spans.len())
            .find(|&p| {
                let s = &lines.spans[p];
                !s.is_empty() && s.start >= top && s.start < top + height
            })
            .or_else(|| lines.passage_at_or_after(top))
    } else {
        None
    };
    if let Some(p) = follow
        && p != app.reader.passage
    {
        app.reader.passage = p;
        sync_sidebar(app);
    }
}

/// The outline follows the reading position.
pub(super) fn sync_sidebar(app: &mut App) {
    if app.sidebar.tab != SidebarTab::Outline {
        let len = app.sidebar_len();
        app.sidebar.selected = app.sidebar.selected.min(len.saturating_sub(1));
        let rows = app.sidebar_visible();
        app.sidebar.reveal(rows);
        return;
    }
    let current = app.reader.passage;
    if let Some(at) = app.outline().iter().position(|(p, _)| *p == current) {
        app.sidebar.selected = at;
        let rows = app.sidebar_visible();
        app.sidebar.reveal(rows);
    }
}

/// Enter in the sidebar: what it means depends on the tab (jump, follow, pin).
pub(super) fn open_sidebar_item(app: &mut App) -> Option<Action> {
    match app.sidebar.tab {
        SidebarTab::Selection => {
            let item = app.selection_items().get(app.sidebar.selected).copied();
            let target = match item {
                Some(SelectionItem::Passage(doc, passage)) => Some((doc, passage)),
                Some(SelectionItem::Claim(c)) => app.analysis.claims.get(c).map(|c| (c.doc, c.passage)),
                None => None,
            };
            if let Some((doc, passage)) = target {
                return Some(Action::JumpTo { doc, passage });
            }
        }
        SidebarTab::Related => {
            app.related_selected = Some(app.sidebar.selected);
            return Some(Action::FollowRelated);
        }
        SidebarTab::Claims => {
            if let Some(c) = app.current_claim() {
                if !app.cross_refs(c, false).is_empty() {
                    app.overlay = Some(Overlay::CrossCheck {
                        claim: c,
                        contrast: false,
                        cursor: ListCursor::default(),
                    });
                    return None;
                }
                let claim = &app.analysis.claims[c];
                return Some(Action::JumpTo {
                    doc: claim.doc,
                    passage: claim.passage,
                });
            }
        }
        SidebarTab::Search => go_to_hit(app, app.sidebar.selected),
        SidebarTab::Outline => {
            let outline = app.outline();
            if let Some((passage, _)) = outline.get(app.sidebar.selected) {
                return Some(Action::JumpTo {
                    doc: app.reader.doc,
                    passage: *passage,
                });
            }
        }
        SidebarTab::Actors => {
            let selected = app.document_actors().get(app.sidebar.selected).map(|(a, _)| *a);
            if let Some(a) = selected {
                open_actor_page(app, a, None);
            }
        }
    }
    None
}

/// Pins an actor: lit in the reader, and walked by `n`/`N` from now on (not the search).
pub(super) fn pin(app: &mut App, a: usize) {
    app.pinned = Some(a);
    app.search = None;
    app.mention_cursor = None;
    let name = app.analysis.actors.actors[a].name.clone();
    say(
        app,
        &format!(
            "Pinned {name}: {}/{} walk its mentions across articles, {} unpins",
            app.key(Action::NextMention),
            app.key(Action::PrevMention),
            app.key(Action::CloseOverlay)
        ),
    );
}

/// Actors named beside the one on its page.
const PAGE_COMPANY: usize = 12;

/// Opens an actor's page (from the actor view at `from_view`: closing goes back there).
pub(super) fn open_actor_page(app: &mut App, actor: usize, from_view: Option<ListCursor>) {
    let profile = crate::analysis::profile::ActorProfile::of(&app.corpus, &app.analysis, actor, PAGE_COMPANY);
    app.overlay = Some(Overlay::ActorPage(Box::new(ActorPage {
        profile,
        cursor: ListCursor::default(),
        from_view,
    })));
}

/// Enter on a line of the actor page: a mention or a claim is opened in the reader (with
/// history), an actor named beside it gets its own page.
pub(super) fn follow_page_item(app: &mut App, item: PageItem) -> Option<Action> {
    let Some(Overlay::ActorPage(page)) = &app.overlay else {
        return None;
    };
    let (doc, passage, at) = match item {
        PageItem::Company(a) => {
            let from_view = page.from_view;
            open_actor_page(app, a, from_view);
            return None;
        }
        PageItem::Mention(i) => {
            // The actor is pinned too: its mentions are lit there and n/N walk on from it.
            let actor = page.profile.actor;
            let m = app.analysis.actors.actors.get(actor)?.mentions.get(i)?;
            let found = (m.doc, m.passage, m.start);
            pin(app, actor);
            found
        }
        PageItem::Claim(c) => {
            let c = app.analysis.claims.get(c)?;
            (c.doc, c.passage, c.start)
        }
    };
    app.overlay = None;
    update(app, Action::JumpTo { doc, passage });
    reveal_line_of(app, at);
    app.flash = Some((doc, passage));
    None
}
