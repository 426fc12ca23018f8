//! Colours, read from `assets/theme.toml`.

use crate::analysis::lexicon::ActorKind;
use ratatui::style::Color;
use serde::Deserialize;
use std::str::FromStr;

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Theme {
    #[serde(deserialize_with = "color")]
    pub focus_border: Color,
    #[serde(deserialize_with = "color")]
    pub border: Color,
    #[serde(deserialize_with = "color")]
    pub cursor: Color,
    #[serde(deserialize_with = "color")]
    pub heading: Color,
    #[serde(deserialize_with = "color")]
    pub title: Color,
    #[serde(deserialize_with = "color")]
    pub dim: Color,
    #[serde(deserialize_with = "color")]
    pub selection_bg: Color,
    #[serde(deserialize_with = "color")]
    pub status_bg: Color,
    #[serde(deserialize_with = "color")]
    pub warning: Color,
    #[serde(deserialize_with = "color")]
    pub search_fg: Color,
    #[serde(deserialize_with = "color")]
    pub search_bg: Color,
    #[serde(deserialize_with = "color")]
    pub person: Color,
    #[serde(deserialize_with = "color")]
    pub organisation: Color,
    #[serde(deserialize_with = "color")]
    pub state: Color,
    #[serde(deserialize_with = "color")]
    pub group: Color,
    #[serde(deserialize_with = "color")]
    pub media: Color,
    #[serde(deserialize_with = "color")]
    pub place: Color,
    /// False under `NO_COLOR`: marks that need no colour (bold) stand in for colours.
    #[serde(skip, default = "yes")]
    pub colour: bool,
}

fn yes() -> bool {
    true
}

fn color<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Color, D::Error> {
    let text = String::deserialize(d)?;
    Color::from_str(&text).map_err(|_| serde::de::Error::custom(format!("unknown colour {text:?}")))
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            focus_border: Color::Cyan,
            border: Color::DarkGray,
            cursor: Color::Yellow,
            heading: Color::LightCyan,
            title: Color::White,
            dim: Color::DarkGray,
            selection_bg: Color::Rgb(0x30, 0x38, 0x48),
            status_bg: Color::Rgb(0x20, 0x24, 0x30),
            warning: Color::LightRed,
            search_fg: Color::Black,
            search_bg: Color::Rgb(0xd7, 0xaf, 0x5f),
            person: Color::LightYellow,
            organisation: Color::LightBlue,
            state: Color::LightGreen,
            group: Color::LightRed,
            media: Color::LightMagenta,
            place: Color::Rgb(0xd7, 0xaf, 0x87),
            colour: true,
        }
    }
}

impl Theme {
    pub fn kind(&self, kind: ActorKind) -> Color {
        match kind {
            ActorKind::Person => self.person,
            ActorKind::Organisation => self.organisation,
            ActorKind::State => self.state,
            ActorKind::Group => self.group,
            ActorKind::Media => self.media,
            ActorKind::Place => self.place,
        }
    }

    pub fn embedded() -> Theme {
        toml::from_str(include_str!("../../assets/theme.toml")).unwrap_or_default()
    }

    /// The embedded theme with a user's `theme.toml` over it: only the colours it names change.
    pub fn with_user(text: &str) -> Result<Theme, String> {
        let mut table: toml::Table = toml::from_str(include_str!("../../assets/theme.toml")).unwrap_or_default();
        let user: toml::Table = toml::from_str(text).map_err(|e| format!("theme: {e}"))?;
        table.extend(user);
        Theme::deserialize(table).map_err(|e| format!("theme: {e}"))
    }

    /// For `NO_COLOR`: the terminal's own colours only. Claims stay underlined and actors
    /// are marked bold instead of coloured.
    pub fn no_color() -> Theme {
        let c = Color::Reset;
        Theme {
            focus_border: c,
            border: c,
            cursor: c,
            heading: c,
            title: c,
            dim: c,
            selection_bg: c,
            status_bg: c,
            warning: c,
            search_fg: c,
            search_bg: c,
            person: c,
            organisation: c,
            state: c,
            group: c,
            media: c,
            place: c,
            colour: false,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_theme_parses() {
        let theme: Result<super::Theme, _> = toml::from_str(include_str!("../../assets/theme.toml"));
        assert!(theme.is_ok(), "{theme:?}");
    }
}
