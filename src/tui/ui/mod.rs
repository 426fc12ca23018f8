//! Turning state into a frame. Nothing here changes state.

mod doc_list;
mod help;
pub mod layout;
mod reader;
mod sidebar;
mod status;

use super::app::{App, Focus};
use layout::{MIN_HEIGHT, MIN_WIDTH, Panes};
use ratatui::Frame;
use ratatui::style::{Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph};

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let Some(panes) = Panes::of(area) else {
        let message = format!(
            "Terminal too small ({}x{}): recoupe needs {MIN_WIDTH}x{MIN_HEIGHT}. Enlarge it, or q to quit.",
            area.width, area.height
        );
        let message = Paragraph::new(message)
            .bold()
            .wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(message, area);
        return;
    };
    frame.render_widget(doc_list::DocList { app }, panes.documents);
    frame.render_widget(reader::Reader { app }, panes.reader);
    frame.render_widget(sidebar::Sidebar { app }, panes.sidebar);
    frame.render_widget(status::Status { app }, panes.status);
    if let Some(scroll) = app.help {
        frame.render_widget(help::Help { app, scroll }, area);
    }
}

/// A pane's frame, brighter when it has focus.
fn pane_block<'a>(app: &App, title: Line<'a>, pane: Focus) -> Block<'a> {
    let focused = app.focus == pane && app.help.is_none();
    let color = if focused {
        app.theme.focus_border
    } else {
        app.theme.border
    };
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
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
