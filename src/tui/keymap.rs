//! Keys to actions, read from `assets/keymap.toml` (the same table feeds `?` and the status hints).

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    Any,
    Documents,
    Reader,
    Sidebar,
    /// One tab of the sidebar: its bindings come before the sidebar's.
    ActorsTab,
    SelectionTab,
    Overlay,
    /// A line being typed (export file name, confirmation).
    Prompt,
}

impl Context {
    /// A sidebar tab's own context (its bindings, then the sidebar's, then `any`).
    pub fn is_tab(self) -> bool {
        matches!(self, Context::ActorsTab | Context::SelectionTab)
    }

    pub fn label(self) -> &'static str {
        match self {
            Context::Any => "Everywhere",
            Context::Documents => "Document list",
            Context::Reader => "Reader",
            Context::Sidebar => "Sidebar",
            Context::ActorsTab => "Sidebar, Actors tab",
            Context::SelectionTab => "Sidebar, Selection tab",
            Context::Overlay => "Help and actor view",
            Context::Prompt => "Typing a file name",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Binding {
    pub when: Context,
    pub on: Vec<String>,
    pub run: Action,
    /// Optional in a user's keymap: the default description of the action is used.
    #[serde(default)]
    pub desc: String,
    #[serde(default)]
    pub hint: bool,
    #[serde(skip)]
    keys: Vec<KeyEvent>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Keymap {
    #[serde(rename = "keys")]
    pub bindings: Vec<Binding>,
}

#[derive(Debug, thiserror::Error)]
pub enum KeymapError {
    #[error("keymap: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("keymap: cannot read key {0:?}")]
    Key(String),
}

impl Keymap {
    pub fn parse(text: &str) -> Result<Keymap, KeymapError> {
        let mut map: Keymap = toml::from_str(text)?;
        for b in &mut map.bindings {
            b.keys =
                b.on.iter()
                    .map(|k| parse_key(k).ok_or_else(|| KeymapError::Key(k.clone())))
                    .collect::<Result<_, _>>()?;
        }
        Ok(map)
    }

    /// The defaults with a user's bindings over them: the user's come first (so messages and
    /// hints name the user's key for an action), and a key the user binds in a context is taken
    /// from the default binding of that context. Default keys nobody took keep working.
    pub fn with_user(self, user: Keymap) -> Keymap {
        let mut bindings = user.bindings.clone();
        for u in &mut bindings {
            if u.desc.is_empty()
                && let Some(d) = self.bindings.iter().find(|d| d.run == u.run)
            {
                u.desc = d.desc.clone();
            }
        }
        for mut b in self.bindings {
            let taken: Vec<KeyEvent> = user
                .bindings
                .iter()
                .filter(|u| u.when == b.when)
                .flat_map(|u| u.keys.iter().copied())
                .collect();
            let kept: Vec<(String, KeyEvent)> =
                b.on.iter()
                    .cloned()
                    .zip(b.keys.iter().copied())
                    .filter(|(_, k)| !taken.contains(k))
                    .collect();
            if kept.is_empty() {
                continue;
            }
            b.on = kept.iter().map(|(o, _)| o.clone()).collect();
            b.keys = kept.into_iter().map(|(_, k)| k).collect();
            bindings.push(b);
        }
        Keymap { bindings }
    }

    /// The embedded default keymap.
    pub fn default_map() -> Keymap {
        // The asset ships in the binary and is parsed by the test suite, so this cannot fail at run time.
        Keymap::parse(include_str!("../../assets/keymap.toml")).unwrap_or(Keymap { bindings: Vec::new() })
    }

    /// The action for a key in a context: the context's own binding first, then `any`.
    pub fn action(&self, context: Context, key: KeyEvent) -> Option<Action> {
        let key = normalize(key);
        let find = |ctx: Context| {
            self.bindings
                .iter()
                .find(|b| b.when == ctx && b.keys.contains(&key))
                .map(|b| b.run)
        };
        if context == Context::Prompt {
            return find(Context::Prompt).or_else(|| find(Context::Any).filter(|a| *a == Action::Quit));
        }
        if context == Context::Overlay {
            // Overlays are modal: only their keys, quitting and switching overlay work.
            let allowed = |a: &Action| {
                matches!(
                    a,
                    Action::Quit
                        | Action::ToggleHelp
                        | Action::ToggleActorsView
                        | Action::ToggleWarnings
                        | Action::ContrastView
                )
            };
            return find(Context::Overlay).or_else(|| find(Context::Any).filter(allowed));
        }
        if context.is_tab() {
            return find(context)
                .or_else(|| find(Context::Sidebar))
                .or_else(|| find(Context::Any));
        }
        find(context).or_else(|| find(Context::Any))
    }

    /// The first key bound to an action, as the help shows it (`W`, `<C-c>`), so messages name
    /// the key the user's keymap really has.
    pub fn key_for(&self, action: Action) -> String {
        self.bindings
            .iter()
            .find(|b| b.run == action)
            .and_then(|b| b.on.first().cloned())
            .unwrap_or_else(|| "(no key)".to_string())
    }

    /// The first key bound to an action as a message says it (`Esc`, `Ctrl-c`, `↓`, `W`).
    pub fn key_name(&self, action: Action) -> String {
        spoken(&self.key_for(action))
    }

    /// `key: desc` pairs for the status bar, for the given pane.
    pub fn hints(&self, context: Context) -> Vec<(String, &str)> {
        self.bindings
            .iter()
            .filter(|b| {
                b.hint
                    && (b.when == context || b.when == Context::Any || (context.is_tab() && b.when == Context::Sidebar))
            })
            .map(|b| (self.key_for(b.run), b.desc.as_str()))
            .collect()
    }
}

/// `<C-c>` → `Ctrl-c`, `<Esc>` → `Esc`, `<Down>` → `↓`; a character stays itself.
fn spoken(key: &str) -> String {
    let Some(inner) = key.strip_prefix('<').and_then(|k| k.strip_suffix('>')) else {
        return key.to_string();
    };
    let mut parts: Vec<&str> = inner.split('-').collect();
    let name = match parts.pop().unwrap_or_default() {
        "Down" => "↓",
        "Up" => "↑",
        "Left" => "←",
        "Right" => "→",
        other => other,
    };
    let mut out = String::new();
    for m in parts {
        out.push_str(match m {
            "C" => "Ctrl-",
            "S" => "Shift-",
            "A" => "Alt-",
            other => other,
        });
    }
    out.push_str(name);
    out
}

/// Shift is implied by the character itself (`G`, `?`, `{`), so it is dropped for characters.
fn normalize(mut key: KeyEvent) -> KeyEvent {
    if let KeyCode::Char(_) = key.code {
        key.modifiers.remove(KeyModifiers::SHIFT);
    }
    if key.code == KeyCode::BackTab {
        key.modifiers.insert(KeyModifiers::SHIFT);
        key.code = KeyCode::Tab;
    }
    KeyEvent::new(key.code, key.modifiers)
}

/// Reads `j`, `G`, `<Down>`, `<C-c>`, `<S-Tab>`, `<Space>`.
pub fn parse_key(text: &str) -> Option<KeyEvent> {
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    let inner = text.strip_prefix('<')?.strip_suffix('>')?;
    let mut modifiers = KeyModifiers::NONE;
    let mut name = inner;
    while let Some((m, rest)) = name
        .split_once('-')
        .filter(|(m, rest)| m.len() == 1 && !rest.is_empty())
    {
        modifiers |= match m {
            "C" => KeyModifiers::CONTROL,
            "S" => KeyModifiers::SHIFT,
            "A" => KeyModifiers::ALT,
            _ => return None,
        };
        name = rest;
    }
    let code = match name {
        "Up" => KeyCode::Up,
        "Down" => KeyCode::Down,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "PageUp" => KeyCode::PageUp,
        "PageDown" => KeyCode::PageDown,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "Backspace" => KeyCode::Backspace,
        "Delete" => KeyCode::Delete,
        "Space" => KeyCode::Char(' '),
        n if n.chars().count() == 1 => KeyCode::Char(n.chars().next()?),
        _ => return None,
    };
    Some(normalize(KeyEvent::new(code, modifiers)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_binding_takes_its_key_and_is_the_one_named() {
        let user = Keymap::parse(
            "[[keys]]\nwhen = \"any\"\non = [\"q\"]\nrun = \"toggle_warnings\"\n\n\
             [[keys]]\nwhen = \"any\"\non = [\"Q\"]\nrun = \"quit\"\n",
        )
        .expect("user keymap");
        let map = Keymap::default_map().with_user(user);
        let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(map.action(Context::Reader, key('q')), Some(Action::ToggleWarnings));
        assert_eq!(map.action(Context::Reader, key('Q')), Some(Action::Quit));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            map.action(Context::Reader, ctrl_c),
            Some(Action::Quit),
            "untaken defaults stay"
        );
        assert_eq!(map.key_for(Action::Quit), "Q");
        assert_eq!(map.key_for(Action::ToggleWarnings), "q");
        assert_eq!(spoken("<C-c>"), "Ctrl-c");
        assert_eq!(spoken("<Esc>"), "Esc");
        assert_eq!(spoken("<S-Tab>"), "Shift-Tab");
        assert_eq!(spoken("<Down>"), "↓");
        assert_eq!(spoken("v"), "v");
        let quit = map.bindings.iter().find(|b| b.run == Action::Quit).expect("quit bound");
        assert_eq!(quit.desc, "quit", "the default description when the user gives none");
    }

    #[test]
    fn default_keymap_parses_and_binds_the_basics() {
        let map = Keymap::parse(include_str!("../../assets/keymap.toml")).expect("keymap parses");
        let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(map.action(Context::Reader, key('q')), Some(Action::Quit));
        assert_eq!(map.action(Context::Reader, key('j')), Some(Action::ScrollDown));
        assert_eq!(map.action(Context::Documents, key('j')), Some(Action::DocDown));
        let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(map.action(Context::Reader, shift_g), Some(Action::ReaderBottom));
        let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(map.action(Context::Sidebar, backtab), Some(Action::FocusPrev));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(map.action(Context::Overlay, ctrl_c), Some(Action::Quit));
        assert_eq!(map.action(Context::Overlay, key('j')), Some(Action::OverlayDown));
        assert_eq!(map.action(Context::Overlay, key('q')), Some(Action::CloseOverlay));
        assert_eq!(map.action(Context::Overlay, key('D')), None, "modal");
    }
}
