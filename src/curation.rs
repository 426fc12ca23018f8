//! The user's corrections to the actors: merge two, split an alias off, rename, change the
//! kind, or say a name is not an actor. Each correction becomes an entry of the user's lexicon
//! file (the same TOML as `assets/actors.toml`), which is merged over the bundled lexicon, so
//! the next analysis (now, or at the next start, or in `recoupe actors`) gives the corrected
//! actors.

use crate::analysis::actors::Actor;
use crate::analysis::lexicon::{ActorKind, Lexicon, LexiconEntry, LexiconError, LexiconFile};
use crate::analysis::text::fold;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The user's cue file, in the same folder as the lexicon.
pub const CUES_FILE: &str = "cues.toml";

const HEADER: &str = "# recoupe: your actor lexicon, merged over the bundled one (same format as its assets/actors.toml).\n\
# The reader's actor corrections (merge m, split s, rename r, kind K, not an actor x) are saved here.\n\n";

/// The user's lexicon: where it lives and what it says.
#[derive(Debug, Clone, Default)]
pub struct Curation {
    /// The file corrections are saved to; `None` keeps them for the session only.
    pub path: Option<PathBuf>,
    pub file: LexiconFile,
    /// The user's cue file beside the lexicon (`cues.toml`), as `(text, shown path)`: its
    /// lists extend the bundled reporting cues. Read only; the reader never writes it.
    pub cues: Option<(String, String)>,
}

impl Curation {
    /// Corrections kept in memory only.
    pub fn in_memory() -> Curation {
        Curation::default()
    }

    /// The user's lexicon at `path`; a file that does not exist yet is an empty lexicon.
    pub fn load(path: &Path) -> Result<Curation, LexiconError> {
        let shown = path.display().to_string();
        let file = match std::fs::read_to_string(path) {
            Ok(text) => LexiconFile::parse(&text, &shown)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => LexiconFile::default(),
            Err(source) => return Err(LexiconError::Io { path: shown, source }),
        };
        let cue_path = path.with_file_name(CUES_FILE);
        let cues = match std::fs::read_to_string(&cue_path) {
            Ok(text) => Some((text, cue_path.display().to_string())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => {
                return Err(LexiconError::Io {
                    path: cue_path.display().to_string(),
                    source,
                });
            }
        };
        Ok(Curation {
            path: Some(path.to_path_buf()),
            file,
            cues,
        })
    }

    /// The file as TOML.
    pub fn text(&self) -> String {
        // Serialising plain strings and enums cannot fail.
        let body = toml::to_string(&self.file).unwrap_or_default();
        format!("{HEADER}{body}")
    }

    /// Everything of the user's that changes the analysis (the lexicon and the cue file), for
    /// the cache key.
    pub fn fingerprint(&self) -> String {
        match &self.cues {
            Some((text, _)) => format!("{}\n[cues]\n{text}", self.text()),
            None => self.text(),
        }
    }

    /// The bundled lexicon with this one merged over it, and the bundled cues with the user's.
    pub fn lexicon(&self) -> Result<Lexicon, LexiconError> {
        if self.file == LexiconFile::default() && self.cues.is_none() {
            return Ok(Lexicon::embedded());
        }
        let name = self
            .path
            .as_ref()
            .map_or("your lexicon".to_string(), |p| p.display().to_string());
        Lexicon::build_with_cues(vec![(self.text(), name)], self.cues.clone())
    }

    /// Writes the file atomically (a half-written lexicon is never left behind).
    pub fn save(&self) -> Result<(), crate::save::SaveError> {
        match &self.path {
            Some(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    // The config folder may not exist yet; a failure shows in the write below.
                    let _ = std::fs::create_dir_all(dir);
                }
                crate::save::write_atomically(path, &self.text())
            }
            None => Ok(()),
        }
    }

    /// `from` becomes a name of `into`: one actor, with both actors' names and mentions.
    pub fn merge(&mut self, from: &Actor, into: &Actor) {
        let lexicon = self.lexicon().ok();
        let mut entry = entry_of(into, lexicon.as_ref());
        entry.aliases.extend(names(from, lexicon.as_ref()));
        self.put(entry);
    }

    /// `alias` becomes an actor of its own, of the same kind. False when it is not an alias.
    pub fn split(&mut self, actor: &Actor, alias: &str) -> bool {
        let key = fold(alias);
        if fold(&actor.name) == key || !actor.aliases.iter().any(|a| fold(a) == key) {
            return false;
        }
        let mut rest = entry_of(actor, self.lexicon().ok().as_ref());
        rest.aliases.retain(|a| fold(a) != key);
        self.put(rest);
        self.put(LexiconEntry {
            name: alias.to_string(),
            kind: actor.kind,
            aliases: Vec::new(),
        });
        true
    }

    /// The actor is called `name` from now on; its old name stays an alias.
    pub fn rename(&mut self, actor: &Actor, name: &str) {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut entry = entry_of(actor, self.lexicon().ok().as_ref());
        entry.aliases.insert(0, std::mem::replace(&mut entry.name, name));
        self.put(entry);
    }

    pub fn set_kind(&mut self, actor: &Actor, kind: ActorKind) {
        let mut entry = entry_of(actor, self.lexicon().ok().as_ref());
        entry.kind = kind;
        self.put(entry);
    }

    /// None of the actor's names is reported as an actor any more.
    pub fn not_an_actor(&mut self, actor: &Actor) {
        let names = names(actor, self.lexicon().ok().as_ref());
        let gone: HashSet<String> = names.iter().map(|n| fold(n)).collect();
        self.file.actors.retain(|e| !gone.contains(&fold(&e.name)));
        for name in names {
            if !self.file.not_actors.iter().any(|n| fold(n) == fold(&name)) {
                self.file.not_actors.push(name);
            }
        }
    }

    /// Adds an entry that claims its names: other entries of the file lose them, and they are
    /// no longer "not actors".
    fn put(&mut self, entry: LexiconEntry) {
        let claimed: HashSet<String> = names_of(&entry).iter().map(|n| fold(n)).collect();
        self.file.actors.retain(|e| !claimed.contains(&fold(&e.name)));
        for e in &mut self.file.actors {
            e.aliases.retain(|a| !claimed.contains(&fold(a)));
        }
        self.file.not_actors.retain(|n| !claimed.contains(&fold(n)));
        self.file.actors.push(entry);
    }
}

/// Every form of an actor's name: its name, its aliases, the words of its mentions, and the
/// aliases of the lexicon entry it came from, each once as written (`Talibans` and `talibans`
/// are both kept: a lower-case alias is what matches lower-case text).
fn names(actor: &Actor, lexicon: Option<&Lexicon>) -> Vec<String> {
    let clean = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches('*')
            .to_string()
    };
    let from_lexicon = lexicon
        .and_then(|l| l.entries.iter().find(|e| e.name == actor.name))
        .map(|e| e.aliases.clone())
        .unwrap_or_default();
    let mut seen = HashSet::new();
    std::iter::once(actor.name.clone())
        .chain(actor.aliases.iter().cloned())
        .chain(actor.mentions.iter().map(|m| clean(&m.text)))
        .chain(from_lexicon)
        .filter(|n| !n.is_empty() && seen.insert(n.clone()))
        .collect()
}

fn names_of(entry: &LexiconEntry) -> Vec<String> {
    std::iter::once(entry.name.clone())
        .chain(entry.aliases.clone())
        .collect()
}

/// A lexicon entry that describes the actor as it is now.
fn entry_of(actor: &Actor, lexicon: Option<&Lexicon>) -> LexiconEntry {
    let mut aliases = names(actor, lexicon);
    aliases.remove(0);
    LexiconEntry {
        name: actor.name.clone(),
        kind: actor.kind,
        aliases,
    }
}
