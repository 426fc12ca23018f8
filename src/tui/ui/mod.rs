//! Turning state into a frame. Nothing here changes state.

mod actor_page;
mod actors_view;
mod crosscheck;
mod doc_list;
mod filter;
pub mod help;
use super::layout;
mod reader;
mod sidebar;
mod status;
mod warnings;

use super::state::{App, Focus, Overlay};
use layout::{HitMap, MIN_HEIGHT, MIN_WIDTH, Panes};
use ratatui::Frame;
use ratatui::style::{Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph};

/// Draws the app and gives where each clickable item went, for the mouse.
pub fn render(app: &App, frame: &mut Frame) -> HitMap {
    let mut hits = HitMap::default();
    let area = frame.area();
    let Some(panes) = Panes::of(area, app.sidebar_extra) else {
        let message = format!(
            "Terminal too small ({}x{}): recoupe needs {MIN_WIDTH}x{MIN_HEIGHT}. Enlarge it, or {} to quit.",
            area.width,
            area.height,
            app.key(super::action::Action::Quit)
        );
        let message = Paragraph::new(message)
            .bold()
            .wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(message, area);
        return hits;
    };
    doc_list::DocList { app }.draw(panes.documents, frame.buffer_mut(), &mut hits);
    frame.render_widget(reader::Reader::new(app), panes.reader);
    sidebar::Sidebar { app }.draw(panes.sidebar, frame.buffer_mut(), &mut hits);
    frame.render_widget(status::Status { app }, panes.status);
    match app.overlay {
        Some(Overlay::Help { scroll }) => frame.render_widget(help::Help { app, scroll }, area),
        Some(Overlay::Warnings { scroll }) => frame.render_widget(warnings::Warnings { app, scroll }, area),
        Some(Overlay::Actors { cursor }) => frame.render_widget(actors_view::ActorsView { app, cursor }, area),
        Some(Overlay::CrossCheck {
            claim,
            contrast,
            cursor,
        }) if claim < app.analysis.claims.len() => frame.render_widget(
            crosscheck::CrossCheckView {
                app,
                claim,
                contrast,
                cursor,
            },
            area,
        ),
        Some(Overlay::CrossCheck { .. }) => {}
        Some(Overlay::ActorPage(ref page)) if page.profile.actor < app.analysis.actors.actors.len() => {
            frame.render_widget(actor_page::ActorPageView { app, page }, area)
        }
        Some(Overlay::ActorPage(_)) => {}
        Some(Overlay::Prompt(ref prompt)) => {
            let above = ratatui::layout::Rect {
                height: panes.status.y,
                ..area
            };
            if let Some(matches) = app.prompt_actor_matches(prompt) {
                frame.render_widget(filter::FilterResults { app, prompt, matches }, above);
            } else if let Some(choices) = app.prompt_choices(prompt) {
                frame.render_widget(filter::Choices { app, prompt, choices }, above);
            }
            frame.render_widget(status::PromptLine { app, prompt }, panes.status);
        }
        None => {}
    }
    hits
}

/// A pane's frame, brighter when it has focus.
fn pane_block<'a>(app: &App, title: Line<'a>, pane: Focus) -> Block<'a> {
    let focused = app.focus == pane && app.overlay.is_none();
    let color = if focused {
        app.theme.focus_border
    } else {
        app.theme.border
    };
    Block::bordered()
        .border_type(if focused { BorderType::Thick } else { BorderType::Plain })
        .border_style(Style::new().fg(color))
        .title(title)
}

/// Cuts a string to a display width, with an ellipsis when cut.
fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `j/k scroll, Esc or ? closes`: how to move in an overlay and leave it, with the user's keys
/// (`verb`: what moving does; `own`: the overlay's own key, which closes it too).
fn overlay_keys(app: &App, verb: &str, own: super::action::Action) -> String {
    use super::action::Action;
    format!(
        "{}/{} {verb}, {} or {} closes",
        app.key(Action::OverlayDown),
        app.key(Action::OverlayUp),
        app.key(Action::CloseOverlay),
        app.key(own)
    )
}

/// A centred window over the panes, cleared, with a rounded border.
fn popup(
    app: &App,
    area: ratatui::layout::Rect,
    width: u16,
    title: String,
    buf: &mut ratatui::buffer::Buffer,
) -> ratatui::layout::Rect {
    framed(app, centred(area, width, area.height * 9 / 10), title, buf)
}

/// A window of at most this size, centred in an area.
fn centred(area: ratatui::layout::Rect, width: u16, height: u16) -> ratatui::layout::Rect {
    use ratatui::layout::{Constraint, Flex, Layout};
    let [popup] = Layout::horizontal([Constraint::Max(width)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Max(height)])
        .flex(Flex::Center)
        .areas(popup);
    popup
}

/// Inside a rounded border.
fn inner_of(area: ratatui::layout::Rect) -> ratatui::layout::Rect {
    Block::bordered().inner(area)
}

/// Clears an area over the panes and frames it with a rounded border; gives the inside.
fn framed(
    app: &App,
    area: ratatui::layout::Rect,
    title: String,
    buf: &mut ratatui::buffer::Buffer,
) -> ratatui::layout::Rect {
    use ratatui::widgets::{Clear, Widget};
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(app.theme.focus_border))
        .title(title);
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}
