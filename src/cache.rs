//! The analysis of a corpus kept between runs, in the platform's cache folder
//! (`$XDG_CACHE_HOME/recoupe/` or `~/.cache/recoupe/` on Linux), for the reader and the
//! headless commands alike. A cache file is named by a key made of the documents' paths and
//! text, the user's lexicon and cue file, the bundled word lists and a fingerprint of the code
//! (`build.rs`), so any change to them gives another key; the key and the checksum use XXH3,
//! the same across builds, platforms and Rust versions. A file that does not read back exactly
//! (corrupt, cut short, from another version) is ignored and rebuilt, never trusted.

use crate::analysis::actors::Actors;
use crate::analysis::claims::Claim;
use crate::analysis::lexicon::Lexicon;
use crate::analysis::related::RelatedIndex;
use crate::analysis::{Analysis, Stage};
use crate::corpus::{Corpus, Shape, Shapes};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// Changes whenever the layout of a cache file does.
const FORMAT: u32 = 4;
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
    kept_or_built(corpus, lexicon, dir, &key(corpus, lexicon_text))
}

/// The analysis kept in `dir` under `key`, else one built and kept there.
fn kept_or_built(corpus: &Corpus, lexicon: &Lexicon, dir: &Path, key: &str) -> Analysis {
    if let Some(kept) = load(dir, key).filter(|c| fits(c, corpus)) {
        return kept;
    }
    let built = Analysis::build(corpus, lexicon);
    let _ = store(dir, key, &built);
    built
}

/// What `analysis_actors_first` hands over, in order.
pub enum Step {
    /// A kept analysis's actors, decoded before the rest: the first screen needs them first.
    Actors(Actors),
    /// The claims and related index of the kept analysis whose actors came first.
    Rest { claims: Vec<Claim>, related: RelatedIndex },
    /// An analysis is being built (none was kept): the stage it begins.
    Building(Stage),
    /// An analysis built whole: none was kept for the key, or the kept one did not read back
    /// (then it replaces actors handed over before).
    Whole(Analysis),
}

/// Like `analysis`, but a kept analysis is handed over in two steps, its actors first (decoded
/// on this thread while its claims and related index are decoded on the others).
pub fn analysis_actors_first(
    corpus: &Corpus,
    lexicon: &Lexicon,
    lexicon_text: &str,
    dir: Option<&Path>,
    mut hand: impl FnMut(Step),
) {
    let Some(dir) = dir else {
        let built = Analysis::build_reporting(corpus, lexicon, |stage| hand(Step::Building(stage)));
        return hand(Step::Whole(built));
    };
    let key = key(corpus, lexicon_text);
    let handed = Parts::open(&file(dir, &key)).and_then(|mut parts| {
        let actors = parts.next()?;
        std::thread::scope(|s| {
            // The rest is read and decoded meanwhile, on the other cores.
            let rest = s.spawn(move || {
                let (claims, related) = (parts.next()?, parts.next()?);
                parts.at_end().then_some(())?;
                let (claims, related) =
                    rayon::join(|| decode::<Vec<Claim>>(&claims), || decode::<RelatedIndex>(&related));
                Some((claims?, related?))
            });
            let actors = decode::<Actors>(&actors).filter(|a| actors_fit(a, corpus))?;
            hand(Step::Actors(actors));
            let (claims, related) = rest.join().ok()??;
            claims_fit(&claims, corpus).then_some(())?;
            hand(Step::Rest { claims, related });
            Some(())
        })
    });
    if handed.is_none() {
        let built = Analysis::build_reporting(corpus, lexicon, |stage| hand(Step::Building(stage)));
        let _ = store(dir, &key, &built);
        hand(Step::Whole(built));
    }
}

/// The actors of the analysis `analysis` gives, read alone (the first part of the file) when
/// one was kept: what `recoupe actors` needs, without the claims and related index.
pub fn actors(corpus: &Corpus, lexicon: &Lexicon, lexicon_text: &str, dir: Option<&Path>) -> Actors {
    let Some(dir) = dir else {
        return Analysis::build(corpus, lexicon).actors;
    };
    let key = key(corpus, lexicon_text);
    let kept = Parts::open(&file(dir, &key)).and_then(|mut parts| decode::<Actors>(&parts.next()?));
    kept.filter(|a| actors_fit(a, corpus))
        .unwrap_or_else(|| kept_or_built(corpus, lexicon, dir, &key).actors)
}

fn file(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{key}.bin"))
}

/// The cached analysis for `key`, when there is one that reads back whole. Its three parts
/// (actors, claims, related index) were written apart and are decoded on separate cores.
pub fn load(dir: &Path, key: &str) -> Option<Analysis> {
    let mut parts = Parts::open(&file(dir, key))?;
    let (actors, claims, related) = (parts.next()?, parts.next()?, parts.next()?);
    parts.at_end().then_some(())?;
    let ((actors, claims), related) = rayon::join(
        || rayon::join(|| decode(&actors), || decode(&claims)),
        || decode(&related),
    );
    Some(Analysis {
        actors: actors?,
        claims: claims?,
        related: related?,
    })
}

/// Keeps the analysis for `key` (atomically: a reader never sees half a file), then lets go
/// of the oldest analyses beyond `KEEP_BYTES`.
pub fn store(dir: &Path, key: &str, cached: &Analysis) -> std::io::Result<()> {
    let actors = postcard::to_stdvec(&cached.actors).map_err(std::io::Error::other)?;
    let claims = postcard::to_stdvec(&cached.claims).map_err(std::io::Error::other)?;
    let related = postcard::to_stdvec(&cached.related).map_err(std::io::Error::other)?;
    write_parts(dir, &file(dir, key), &[&actors, &claims, &related])?;
    prune(dir, &file(dir, key), KEEP_BYTES)
}

/// A value that takes all of `bytes`.
fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    let (value, rest): (T, &[u8]) = postcard::take_from_bytes(bytes).ok()?;
    rest.is_empty().then_some(value)
}

/// A cache file read a part at a time (see `write_parts`), each part checked against its
/// checksum before it is handed over: the first part can be used before the rest is read.
struct Parts {
    file: std::fs::File,
    /// Bytes of the file not read yet: no length read from a damaged file is believed beyond.
    left: u64,
}

impl Parts {
    /// The file, if it begins with the magic and this format.
    fn open(path: &Path) -> Option<Parts> {
        use std::io::Read;
        let mut file = std::fs::File::open(path).ok()?;
        let len = file.metadata().ok()?.len();
        let mut head = [0u8; MAGIC.len() + 4];
        file.read_exact(&mut head).ok()?;
        let (magic, format) = head.split_at(MAGIC.len());
        (magic == MAGIC && format == FORMAT.to_le_bytes()).then_some(Parts {
            file,
            left: len - head.len() as u64,
        })
    }

    /// The next part, when it is all there and its checksum is right.
    fn next(&mut self) -> Option<Vec<u8>> {
        use std::io::Read;
        let mut head = [0u8; 16];
        self.file.read_exact(&mut head).ok()?;
        let (len, sum) = head.split_at(8);
        let len = u64::from_le_bytes(len.try_into().ok()?);
        self.left = self.left.checked_sub(16)?.checked_sub(len)?;
        let mut bytes = Vec::with_capacity(usize::try_from(len).ok()?);
        (&mut self.file).take(len).read_to_end(&mut bytes).ok()?;
        (bytes.len() as u64 == len && u64::from_le_bytes(sum.try_into().ok()?) == checksum(&bytes)).then_some(bytes)
    }

    /// Whether every part was read (nothing follows the last).
    fn at_end(&self) -> bool {
        self.left == 0
    }
}

/// Writes the magic, the format, then each part (its length, its checksum, its bytes),
/// atomically: a reader never sees half a file.
fn write_parts(dir: &Path, path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    use std::io::Write;
    std::fs::create_dir_all(dir)?;
    let tmp = tempfile::NamedTempFile::new_in(dir)?;
    let mut out = std::io::BufWriter::new(tmp);
    out.write_all(MAGIC)?;
    out.write_all(&FORMAT.to_le_bytes())?;
    for part in parts {
        out.write_all(&(part.len() as u64).to_le_bytes())?;
        out.write_all(&checksum(part).to_le_bytes())?;
        out.write_all(part)?;
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
    Parts::open(&shapes_file(dir))
        .and_then(|mut parts| parts.next().filter(|_| parts.at_end()))
        .and_then(|bytes| decode::<Vec<(u64, Shape)>>(&bytes))
        .map(|v| v.into_iter().collect())
        .unwrap_or_default()
}

/// Keeps the shapes of the files just read, in place of the last ones (and of older builds').
pub fn store_shapes(dir: &Path, shapes: &Shapes) -> std::io::Result<()> {
    let mut list: Vec<(&u64, &Shape)> = shapes.iter().collect();
    list.sort_by_key(|(k, _)| **k);
    let path = shapes_file(dir);
    write_parts(
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
    actors_fit(&cached.actors, corpus) && claims_fit(&cached.claims, corpus)
}

/// Whether a range lies in a document of the corpus, on character boundaries.
fn inside(corpus: &Corpus, doc: usize, start: usize, end: usize) -> bool {
    corpus.documents.get(doc).is_some_and(|d| {
        start <= end && end <= d.source.len() && d.source.is_char_boundary(start) && d.source.is_char_boundary(end)
    })
}

fn actors_fit(actors: &Actors, corpus: &Corpus) -> bool {
    actors.by_doc.len() == corpus.documents.len()
        && actors
            .actors
            .iter()
            .flat_map(|a| &a.mentions)
            .all(|m| inside(corpus, m.doc, m.start, m.end))
}

fn claims_fit(claims: &[Claim], corpus: &Corpus) -> bool {
    claims.iter().all(|c| inside(corpus, c.doc, c.start, c.end))
}
