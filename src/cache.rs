//! The analysis of a corpus kept between runs, in the platform's cache folder
//! (`$XDG_CACHE_HOME/recoupe/` or `~/.cache/recoupe/` on Linux), for the reader and the
//! headless commands alike. A cache file is named by a key made of the documents' paths and
//! text, the user's lexicon and cue file, the bundled word lists and a fingerprint of the code
//! (`build.rs`), so any change to them gives another key; the key and the checksum use XXH3,
//! the same across builds, platforms and Rust versions. A file that does not read back exactly
//! (corrupt, cut short, from another version) is ignored and rebuilt, never trusted.

use crate::analysis::Analysis;
use crate::analysis::lexicon::Lexicon;
use crate::corpus::{Corpus, Shape, Shapes};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// Changes whenever the layout of a cache file does.
const FORMAT: u32 = 3;
const MAGIC: &[u8; 8] = b"recoupe\0";

/// The default cache folder, if the platform has one.
pub fn default_dir() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join("recoupe"))
}

/// The bundled word lists and cues: editing one changes every analysis.
const ASSETS: &[&str] = &[
    include_str!("../assets/actors.toml"),
    include_str!("../assets/cues.toml"),
    include_str!("../assets/entity_words.toml"),
    include_str!("../assets/stopwords.toml"),
    include_str!("../assets/lang/fr.toml"),
    include_str!("../assets/lang/en.toml"),
    include_str!("../assets/lang/fr-words.txt"),
    include_str!("../assets/lang/en-words.txt"),
    include_str!("../assets/lang/fr-en.tsv"),
    include_str!("../assets/debris.toml"),
    include_str!("../assets/crosscheck.toml"),
];

/// The build: its version, code and bundled assets.
fn build_fingerprint() -> u64 {
    let mut h = Xxh3::new();
    for field in [env!("CARGO_PKG_VERSION"), env!("RECOUPE_CODE")]
        .into_iter()
        .chain(ASSETS.iter().copied())
    {
        h.update(&(field.len() as u64).to_le_bytes());
        h.update(field.as_bytes());
    }
    h.digest()
}

/// The key of a corpus: each document's path and text, the lexicon's text (with the user's
/// cues), the bundled assets and the code.
pub fn key(corpus: &Corpus, lexicon_text: &str) -> String {
    let mut h = Xxh3::new();
    let mut field = |bytes: &[u8]| {
        // Each field with its length: ("ab", "c") and ("a", "bc") never hash alike.
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field(&FORMAT.to_le_bytes());
    field(env!("CARGO_PKG_VERSION").as_bytes());
    field(env!("RECOUPE_CODE").as_bytes());
    for asset in ASSETS {
        field(asset.as_bytes());
    }
    field(lexicon_text.as_bytes());
    for doc in &corpus.documents {
        field(doc.path.as_bytes());
        field(doc.source.as_bytes());
    }
    format!("{:016x}-{}", h.digest(), corpus.documents.len())
}

fn checksum(bytes: &[u8]) -> u64 {
    xxh3_64(bytes)
}

/// The analysis of `corpus` with `lexicon` (whose text, cues included, is `lexicon_text`): read
/// from the cache folder `dir` when one was kept for the same key, else built and kept there.
/// With no folder, built. A cache that cannot be written only costs time next run.
pub fn analysis(corpus: &Corpus, lexicon: &Lexicon, lexicon_text: &str, dir: Option<&Path>) -> Analysis {
    let Some(dir) = dir else {
        return Analysis::build(corpus, lexicon);
    };
    let key = key(corpus, lexicon_text);
    if let Some(kept) = load(dir, &key).filter(|c| fits(c, corpus)) {
        return kept;
    }
    let built = Analysis::build(corpus, lexicon);
    let _ = store(dir, &key, &built);
    built
}

fn file(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{key}.bin"))
}

/// The cached analysis for `key`, when there is one that reads back whole. Its three parts
/// (actors, claims, related index) were written apart and are decoded on separate cores.
pub fn load(dir: &Path, key: &str) -> Option<Analysis> {
    read_framed(&file(dir, key), |body| {
        let [actors, claims, related] = split_parts(body)?;
        let ((actors, claims), related) =
            rayon::join(|| rayon::join(|| decode(actors), || decode(claims)), || decode(related));
        Some(Analysis {
            actors: actors?,
            claims: claims?,
            related: related?,
        })
    })
}

/// Keeps the analysis for `key` (atomically: a reader never sees half a file), then lets go
/// of the oldest analyses beyond `KEEP_BYTES`.
pub fn store(dir: &Path, key: &str, cached: &Analysis) -> std::io::Result<()> {
    let actors = postcard::to_stdvec(&cached.actors).map_err(std::io::Error::other)?;
    let claims = postcard::to_stdvec(&cached.claims).map_err(std::io::Error::other)?;
    let related = postcard::to_stdvec(&cached.related).map_err(std::io::Error::other)?;
    let len = |part: &[u8]| (part.len() as u64).to_le_bytes();
    let (a, c, r) = (len(&actors), len(&claims), len(&related));
    write_framed(dir, &file(dir, key), &[&a, &actors, &c, &claims, &r, &related])?;
    prune(dir, &file(dir, key), KEEP_BYTES)
}

/// The parts of a body written by `store`, each after its length.
fn split_parts(mut body: &[u8]) -> Option<[&[u8]; 3]> {
    let mut parts = [&[][..]; 3];
    for part in &mut parts {
        let (len, rest) = body.split_first_chunk::<8>()?;
        let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
        (*part, body) = (rest.get(..len)?, rest.get(len..)?);
    }
    body.is_empty().then_some(parts)
}

/// A value that takes all of `bytes`.
fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    let (value, rest): (T, &[u8]) = postcard::take_from_bytes(bytes).ok()?;
    rest.is_empty().then_some(value)
}

/// What `read` makes of the body written by `write_framed`, when it reads back whole.
fn read_framed<T>(path: &Path, read: impl FnOnce(&[u8]) -> Option<T>) -> Option<T> {
    let bytes = std::fs::read(path).ok()?;
    let body = bytes.strip_prefix(MAGIC.as_slice())?;
    let (format, body) = body.split_first_chunk::<4>()?;
    let (sum, body) = body.split_first_chunk::<8>()?;
    if u32::from_le_bytes(*format) != FORMAT || u64::from_le_bytes(*sum) != checksum(body) {
        return None;
    }
    read(body)
}

/// Writes a body (given in pieces, so that none is copied) after the magic, the format and
/// its checksum, atomically.
fn write_framed(dir: &Path, path: &Path, body: &[&[u8]]) -> std::io::Result<()> {
    use std::io::Write;
    std::fs::create_dir_all(dir)?;
    let mut sum = Xxh3::new();
    for piece in body {
        sum.update(piece);
    }
    let tmp = tempfile::NamedTempFile::new_in(dir)?;
    let mut out = std::io::BufWriter::new(tmp);
    out.write_all(MAGIC)?;
    out.write_all(&FORMAT.to_le_bytes())?;
    out.write_all(&sum.digest().to_le_bytes())?;
    for piece in body {
        out.write_all(piece)?;
    }
    let tmp = out.into_inner().map_err(|e| e.into_error())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// How much the kept analyses may weigh together: past it the least recently written go
/// (each build and each corpus has its own, and one of 10,000 articles weighs 100 MB).
pub const KEEP_BYTES: u64 = 1 << 30;

/// Removes the least recently written analyses of `dir` until those left weigh at most
/// `budget` bytes; `keep` (the one just written) always stays.
pub fn prune(dir: &Path, keep: &Path, budget: u64) -> std::io::Result<()> {
    let mut files: Vec<(std::time::SystemTime, u64, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| e.path() != keep && e.path().extension().is_some_and(|x| x == "bin"))
        .filter(|e| !e.file_name().to_string_lossy().starts_with(SHAPES_PREFIX))
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            Some((meta.modified().ok()?, meta.len(), e.path()))
        })
        .collect();
    files.sort_by_key(|f| std::cmp::Reverse(f.0));
    let mut total = std::fs::metadata(keep).map_or(0, |m| m.len());
    for (_, len, path) in files {
        total += len;
        if total > budget {
            let _ = std::fs::remove_file(path);
        }
    }
    Ok(())
}

const SHAPES_PREFIX: &str = "shapes-";

fn shapes_file(dir: &Path) -> PathBuf {
    dir.join(format!("{SHAPES_PREFIX}{:016x}.bin", build_fingerprint()))
}

/// What this build's cleaning made of the files last read (see `corpus::Shape`); empty when
/// none was kept or it does not read back whole.
pub fn load_shapes(dir: &Path) -> Shapes {
    read_framed(&shapes_file(dir), decode::<Vec<(u64, Shape)>>)
        .map(|v| v.into_iter().collect())
        .unwrap_or_default()
}

/// Keeps the shapes of the files just read, in place of the last ones (and of older builds').
pub fn store_shapes(dir: &Path, shapes: &Shapes) -> std::io::Result<()> {
    let mut list: Vec<(&u64, &Shape)> = shapes.iter().collect();
    list.sort_by_key(|(k, _)| **k);
    let path = shapes_file(dir);
    write_framed(
        dir,
        &path,
        &[&postcard::to_stdvec(&list).map_err(std::io::Error::other)?],
    )?;
    for entry in std::fs::read_dir(dir)?.filter_map(Result::ok) {
        if entry.path() != path && entry.file_name().to_string_lossy().starts_with(SHAPES_PREFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    Ok(())
}

/// Consistency checks a decoded cache must pass before it is used with this corpus: every
/// offset inside its document, on a character boundary.
pub fn fits(cached: &Analysis, corpus: &Corpus) -> bool {
    let ok = |doc: usize, start: usize, end: usize| {
        corpus.documents.get(doc).is_some_and(|d| {
            start <= end && end <= d.source.len() && d.source.is_char_boundary(start) && d.source.is_char_boundary(end)
        })
    };
    cached.actors.by_doc.len() == corpus.documents.len()
        && cached
            .actors
            .actors
            .iter()
            .flat_map(|a| &a.mentions)
            .all(|m| ok(m.doc, m.start, m.end))
        && cached.claims.iter().all(|c| ok(c.doc, c.start, c.end))
}
