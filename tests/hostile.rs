//! Folders from scrapers: huge files, many tiny ones, deep nesting, symbolic link loops, files
//! that vanish, names that are not UTF-8. Each is loaded or skipped with a warning, never a crash.

use recoupe::corpus::load_paths;
use std::fs;
use std::path::Path;

const ARTICLE: &str = "Un titre\n\nLe général Mark Milley a parlé à Kaboul. « Nous verrons », a-t-il dit.\n";

fn warnings_about(corpus: &recoupe::corpus::Corpus, name: &str) -> Vec<String> {
    corpus
        .warnings
        .iter()
        .filter(|w| w.path.contains(name))
        .map(|w| w.message.clone())
        .collect()
}

#[test]
fn a_100_mb_single_line_file_is_skipped_with_a_warning_and_the_rest_loads() {
    let dir = tempfile::tempdir().expect("dir");
    fs::write(dir.path().join("article.txt"), ARTICLE).expect("write");
    // 100 MB on one line, written in pieces (a sparse file would be all zeros, i.e. binary).
    let mut big = std::io::BufWriter::new(fs::File::create(dir.path().join("dump.txt")).expect("create"));
    let chunk = "mot ".repeat(250_000);
    for _ in 0..100 {
        std::io::Write::write_all(&mut big, chunk.as_bytes()).expect("write");
    }
    drop(big);
    let corpus = load_paths(&[dir.path().to_path_buf()]).expect("loads");
    assert_eq!(corpus.documents.len(), 1);
    let said = warnings_about(&corpus, "dump.txt");
    assert!(said.iter().any(|w| w.contains("100.0 MB is too large")), "{said:?}");
}

#[test]
fn a_hundred_thousand_tiny_files_all_load() {
    // Creating 100,000 files is slow on some disks (a minute here) and quick in memory.
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .expect("dir");
    for batch in 0..100 {
        let sub = dir.path().join(format!("{batch:03}"));
        fs::create_dir(&sub).expect("mkdir");
        for i in 0..1000 {
            fs::write(
                sub.join(format!("{i}.txt")),
                format!("Titre {i}\n\nTexte {batch} {i}.\n"),
            )
            .expect("write");
        }
    }
    let corpus = load_paths(&[dir.path().to_path_buf()]).expect("loads");
    assert_eq!(corpus.documents.len(), 100_000);
    assert!(corpus.warnings.is_empty());
    // Same file names in different folders: ids stay distinct.
    let ids: std::collections::HashSet<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), 100_000);
}

#[test]
fn deeply_nested_folders_are_walked() {
    let dir = tempfile::tempdir().expect("dir");
    let mut deep = dir.path().to_path_buf();
    for _ in 0..300 {
        deep.push("d");
    }
    fs::create_dir_all(&deep).expect("mkdir");
    fs::write(deep.join("deep.txt"), ARTICLE).expect("write");
    let corpus = load_paths(&[dir.path().to_path_buf()]).expect("loads");
    assert_eq!(corpus.documents.len(), 1);
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_and_dangling_links_are_warnings() {
    let dir = tempfile::tempdir().expect("dir");
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).expect("mkdir");
    fs::write(sub.join("a.txt"), ARTICLE).expect("write");
    std::os::unix::fs::symlink(dir.path(), sub.join("loop")).expect("loop link");
    // A file that vanished after it was linked (or listed): the link points nowhere.
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("vanished.txt")).expect("link");
    let corpus = load_paths(&[dir.path().to_path_buf()]).expect("loads");
    assert_eq!(corpus.documents.len(), 1);
    assert!(
        warnings_about(&corpus, "loop").iter().any(|w| w.contains("loop")),
        "{:?}",
        corpus.warnings
    );
    assert!(
        !warnings_about(&corpus, "vanished.txt").is_empty(),
        "{:?}",
        corpus.warnings
    );
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_loads_under_a_readable_name() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("dir");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9-\x1b[2J.txt");
    fs::write(dir.path().join(name), ARTICLE).expect("write");
    let corpus = load_paths(&[dir.path().to_path_buf()]).expect("loads");
    assert_eq!(corpus.documents.len(), 1);
    let id = &corpus.documents[0].id;
    assert!(id.starts_with("caf\u{fffd}"), "{id:?}");
    // The reader shows it without letting the escape sequence through.
    let shown = recoupe::corpus::sanitize_line(id);
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
}

#[test]
fn a_file_that_changes_while_loading_is_read_as_it_was_or_skipped() {
    // A writer rewrites a file over and over while the folder is loaded again and again:
    // whatever the loader sees, it is a document or a warning, never a crash.
    let dir = tempfile::tempdir().expect("dir");
    fs::write(dir.path().join("stable.txt"), ARTICLE).expect("write");
    let moving = dir.path().join("moving.txt");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (moving, stop) = (moving.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut i = 0u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = if i.is_multiple_of(3) {
                    fs::remove_file(&moving)
                } else {
                    fs::write(&moving, ARTICLE.repeat(i as usize % 50 + 1))
                };
                i += 1;
            }
        })
    };
    for _ in 0..200 {
        let corpus = load_paths(&[dir.path().to_path_buf()]).expect("the stable file always loads");
        assert!(corpus.documents.iter().any(|d| d.id == "stable.txt"));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.join().expect("writer");
    assert!(Path::new(dir.path()).exists());
}
