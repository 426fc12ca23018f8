//! The real binary in a pseudo-terminal: what a user sees on the screen, and a clean exit.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

struct Session {
    parser: vt100::Parser,
    output: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    // Kept so the terminal stays open while the child runs.
    _master: Box<dyn portable_pty::MasterPty + Send>,
    // The session's data folder, removed with it.
    _data: tempfile::TempDir,
}

const ROWS: u16 = 40;
const COLS: u16 = 120;
const DEADLINE: Duration = Duration::from_secs(20);

impl Session {
    fn start(args: &[&str], cwd: &std::path::Path) -> Session {
        Session::start_with(args, cwd, &[])
    }

    fn start_with(args: &[&str], cwd: &std::path::Path, env: &[(&str, &str)]) -> Session {
        Session::start_sized(args, cwd, env, (ROWS, COLS))
    }

    fn start_sized(args: &[&str], cwd: &std::path::Path, env: &[(&str, &str)], size: (u16, u16)) -> Session {
        let (rows, cols) = size;
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_recoupe"));
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        // No user lexicon of the machine's: corrections made in a test go nowhere.
        cmd.env("XDG_CONFIG_HOME", "/nonexistent/recoupe-tests");
        // Nor the machine's cache: a test that wants one gives its own folder.
        cmd.env("XDG_CACHE_HOME", "/nonexistent/recoupe-tests");
        // Nor the machine's data folder: a selection kept at quit goes to the session's own.
        let data = tempfile::tempdir().expect("data dir");
        cmd.env("XDG_DATA_HOME", data.path());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn recoupe");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Session {
            parser: vt100::Parser::new(
                NonZeroU16::new(rows).expect("rows"),
                NonZeroU16::new(cols).expect("cols"),
                0,
            ),
            output: rx,
            writer,
            child,
            _master: pty.master,
            _data: data,
        }
    }

    /// Reads output until the screen satisfies `done`, or fails after the deadline.
    fn wait_for(&mut self, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        while !done(self.parser.screen()) {
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {what}; screen:\n{}",
                self.parser.screen().contents()
            );
            if let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(100)) {
                self.parser.process(&bytes);
            }
        }
    }

    /// Reads output until the terminal has been quiet for a moment: the frame is whole.
    fn settle(&mut self) {
        let start = Instant::now();
        while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(300)) {
            self.parser.process(&bytes);
            assert!(start.elapsed() < DEADLINE, "the screen never settled");
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("type");
        self.writer.flush().expect("flush");
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(200)) {
                    self.parser.process(&bytes);
                }
                return status;
            }
            assert!(start.elapsed() < DEADLINE, "recoupe did not exit");
            if let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(50)) {
                self.parser.process(&bytes);
            }
        }
    }
}

#[test]
fn opens_the_bundled_corpus_reads_the_second_article_and_quits_cleanly() {
    // An empty folder: no ./seeds, so the corpus embedded in the binary is opened.
    let cwd = tempfile::tempdir().expect("dir");
    let mut s = Session::start(&[], cwd.path());
    let expected = [
        "Documents",
        "Actors",
        "000_17e018d6b4590ed6.txt",
        "Un général américain",
        "Biden a promis",
        "Le Pakistan fournirait",
        "Au cours des deux",
        "Un faisceau d’indices",
    ];
    // The frame arrives in pieces: wait (with a deadline) until all of it is there.
    s.wait_for("the five titles and three panes", |screen| {
        expected.iter().all(|t| screen.contents().contains(t))
    });
    assert!(
        s.parser.screen().alternate_screen(),
        "the reader uses the alternate screen"
    );

    s.send("j\r");
    s.wait_for("the second article", |screen| {
        let text = screen.contents();
        text.contains("001_f80f425ae6c9e5c4.txt · ¶") && text.contains("Les États-Unis se sont en partie")
    });

    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(!s.parser.screen().alternate_screen(), "left the alternate screen");
    assert!(!s.parser.screen().hide_cursor(), "cursor shown again");
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let cwd = tempfile::tempdir().expect("dir");
    let mut s = Session::start(&[], cwd.path());
    s.wait_for("the first frame", |screen| screen.contents().contains("Actors"));
    s.send("\u{3}");
    assert!(s.wait_exit().success());
    assert!(!s.parser.screen().alternate_screen());
}

#[test]
fn a_panic_restores_the_terminal_and_prints_the_message() {
    let cwd = tempfile::tempdir().expect("dir");
    let mut s = Session::start_with(&[], cwd.path(), &[("RECOUPE_TEST_PANIC", "1")]);
    let status = s.wait_exit();
    assert!(!status.success());
    let screen = s.parser.screen();
    assert!(!screen.alternate_screen(), "left the alternate screen");
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse released"
    );
    assert!(
        screen.contents().contains("panic requested by RECOUPE_TEST_PANIC"),
        "{}",
        screen.contents()
    );
}

#[test]
fn selects_two_passages_in_two_documents_exports_and_the_file_reads_back() {
    let cwd = tempfile::tempdir().expect("dir");
    let mut s = Session::start(&[], cwd.path());
    s.wait_for("the first frame", |screen| screen.contents().contains("Actors"));
    // First article: its first passage. Second article: its second passage.
    s.send("v");
    s.wait_for("one selected", |screen| screen.contents().contains("✚ 1 selected"));
    s.send("j\r}v");
    s.wait_for("two selected", |screen| screen.contents().contains("✚ 2 selected"));
    s.send("e");
    s.wait_for("the export prompt", |screen| {
        screen.contents().contains("Export the selection to")
    });
    s.send("\u{15}picked.md\r");
    s.wait_for("the export message", |screen| {
        screen.contents().contains("Exported 2 items to picked.md")
    });
    s.send("q");
    assert!(s.wait_exit().success());
    let md = std::fs::read_to_string(cwd.path().join("picked.md")).expect("the export file");
    assert!(
        md.contains("`000_17e018d6b4590ed6.txt`") && md.contains("`001_f80f425ae6c9e5c4.txt`"),
        "{md}"
    );
    assert!(md.contains("Face à l’État islamique au Khorassan"));
    assert!(md.contains("Les images montraient les combattants présumés"));
}

#[test]
fn typing_an_actor_filter_narrows_the_document_list() {
    let cwd = tempfile::tempdir().expect("dir");
    let mut s = Session::start(&[], cwd.path());
    s.wait_for("the first frame", |screen| {
        screen.contents().contains("Le Pakistan fournirait")
    });
    s.send("f");
    s.wait_for("the filter prompt", |screen| {
        screen.contents().contains("Filter by actor")
    });
    s.send("lavrov");
    s.wait_for("live results", |screen| screen.contents().contains("Sergueï Lavrov"));
    s.send("\r");
    // The frame arrives in pieces: wait (with a deadline) for the whole filtered list.
    s.wait_for("the filtered list", |screen| {
        let text = screen.contents();
        text.contains("Documents 1/1 (filtered)") && !text.contains("Un faisceau d’indices per")
    });
    assert!(s.parser.screen().contents().contains("Le Pakistan fournirait"));
    s.send("q");
    assert!(s.wait_exit().success());
}

/// Sends a signal to the reader and checks it leaves the terminal as it found it.
fn killed_by(signal: &str) {
    let cwd = tempfile::tempdir().expect("dir");
    let mut s = Session::start(&[], cwd.path());
    s.wait_for("the first frame", |screen| {
        screen.contents().contains("Actors") && screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None
    });
    let pid = s.child.process_id().expect("pid");
    let sent = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success());
    let status = s.wait_exit();
    assert!(!status.success(), "a signal is not a clean quit");
    let screen = s.parser.screen();
    assert!(
        !screen.alternate_screen(),
        "left the alternate screen after SIG{signal}"
    );
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse released"
    );
    assert!(!screen.hide_cursor(), "cursor shown again");
}

#[test]
fn sigterm_restores_the_terminal() {
    killed_by("TERM");
}

#[test]
fn sigint_restores_the_terminal() {
    killed_by("INT");
}

#[test]
fn a_folder_is_read_in_the_background_and_a_folder_of_junk_is_a_clear_error() {
    let cwd = tempfile::tempdir().expect("dir");
    let articles = cwd.path().join("articles");
    std::fs::create_dir(&articles).expect("mkdir");
    for i in 0..40 {
        let text = format!("Article numéro {i}\n\nLe général Mark Milley a parlé de Kaboul le {i} mai.\n");
        std::fs::write(articles.join(format!("{i:02}.txt")), text).expect("write");
    }
    let mut s = Session::start(&["articles"], cwd.path());
    s.wait_for("every document listed and analysed", |screen| {
        let text = screen.contents();
        text.contains("Documents 1/40") && text.contains("Article numéro 0") && text.contains("Mark Milley")
    });
    s.send("q");
    assert!(s.wait_exit().success());

    let junk = cwd.path().join("junk");
    std::fs::create_dir(&junk).expect("mkdir");
    std::fs::write(junk.join("a.txt"), [0u8, 1, 2, 3, 0, 0]).expect("write");
    let mut s = Session::start(&["junk"], cwd.path());
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 2);
    let screen = s.parser.screen();
    assert!(!screen.alternate_screen());
    assert!(screen.contents().contains("nothing to read"), "{}", screen.contents());
}

#[test]
fn the_analysis_is_kept_in_the_cache_folder_and_reused_and_no_cache_keeps_nothing() {
    let cwd = tempfile::tempdir().expect("dir");
    let articles = cwd.path().join("articles");
    std::fs::create_dir(&articles).expect("mkdir");
    for i in 0..5 {
        let text = format!("Article {i}\n\nLe général Mark Milley a parlé de Kaboul le {i} mai.\n");
        std::fs::write(articles.join(format!("{i}.txt")), text).expect("write");
    }
    let cache = cwd.path().join("cache");
    let env = [("XDG_CACHE_HOME", cache.to_str().expect("utf-8 path"))];
    // The analyses kept (beside them, the shapes of the files read).
    let analyses = || -> Vec<std::fs::DirEntry> {
        std::fs::read_dir(cache.join("recoupe"))
            .map(|d| d.filter_map(Result::ok).collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .filter(|e| !e.file_name().to_string_lossy().starts_with("shapes-"))
            .collect()
    };
    let kept = || analyses().len();

    let mut s = Session::start_with(&["--no-cache", "articles"], cwd.path(), &env);
    s.wait_for("the analysis", |screen| screen.contents().contains("Mark Milley"));
    s.send("q");
    assert!(s.wait_exit().success());
    assert_eq!(kept(), 0, "--no-cache keeps nothing");

    let stamp = || analyses().first().and_then(|e| e.metadata().ok()?.modified().ok());
    let mut first = None;
    for run in 0..2 {
        let mut s = Session::start_with(&["articles"], cwd.path(), &env);
        s.wait_for("the analysis", |screen| {
            screen.contents().contains("Mark Milley") && !screen.contents().contains("analysing")
        });
        s.send("q");
        assert!(s.wait_exit().success());
        assert_eq!(kept(), 1, "run {run}: one cache file");
        match first {
            None => first = stamp(),
            Some(_) => assert_eq!(
                stamp(),
                first,
                "the second run read the cache, it did not write it again"
            ),
        }
    }
}

#[test]
fn the_selection_is_kept_for_the_next_session_until_cleared() {
    let cwd = tempfile::tempdir().expect("dir");
    let data = cwd.path().join("data");
    let env = [("XDG_DATA_HOME", data.to_str().expect("utf-8 path"))];
    let status = |screen: &vt100::Screen| screen.contents().lines().last().unwrap_or_default().to_string();

    let mut s = Session::start_with(&[], cwd.path(), &env);
    s.wait_for("the seeds", |screen| screen.contents().contains("Documents 1/5"));
    s.send("}v");
    s.wait_for("one passage selected", |screen| status(screen).contains("1 selected"));
    s.send("q");
    s.wait_for("the question", |screen| status(screen).contains("Quit anyway?"));
    s.send("y");
    assert!(s.wait_exit().success());

    let mut s = Session::start_with(&[], cwd.path(), &env);
    s.wait_for("the selection kept", |screen| {
        status(screen).contains("1 selected item kept from last time (X clears them)")
    });
    s.send("X");
    s.wait_for("cleared", |screen| {
        status(screen).contains("Selection cleared (1 item)")
    });
    s.send("q");
    assert!(s.wait_exit().success(), "nothing selected: q quits at once");

    let mut s = Session::start_with(&[], cwd.path(), &env);
    s.wait_for("the seeds", |screen| screen.contents().contains("Documents 1/5"));
    assert!(!status(s.parser.screen()).contains("kept from last time"));
    s.send("q");
    assert!(s.wait_exit().success());
}

/// Every cell of the screen.
fn cells(screen: &vt100::Screen) -> Vec<&vt100::Cell> {
    let (rows, cols) = screen.size();
    let (rows, cols) = (u16::from(rows), u16::from(cols));
    (0..rows)
        .flat_map(|r| (0..cols).map(move |c| (r, c)))
        .filter_map(|(r, c)| screen.cell(r, c))
        .collect()
}

#[test]
fn a_user_keymap_and_theme_in_the_config_folder_apply_and_no_color_drops_colours() {
    let cwd = tempfile::tempdir().expect("dir");
    let config = cwd.path().join("config");
    std::fs::create_dir_all(config.join("recoupe")).expect("mkdir");
    std::fs::write(
        config.join("recoupe/keymap.toml"),
        "[[keys]]\nwhen = \"any\"\non = [\"Q\"]\nrun = \"quit\"\n\n[[keys]]\nwhen = \"any\"\non = [\"q\"]\nrun = \"toggle_warnings\"\n",
    )
    .expect("write keymap");
    std::fs::write(config.join("recoupe/theme.toml"), "person = \"#ff0000\"\n").expect("write theme");
    let env = [("XDG_CONFIG_HOME", config.to_str().expect("utf-8 path"))];
    let mut s = Session::start_with(&[], cwd.path(), &env);
    s.wait_for("the hints name the user's key", |screen| {
        screen.contents().contains("Q quit")
    });
    let red = cells(s.parser.screen())
        .iter()
        .any(|cell| cell.fgcolor() == vt100::Color::Rgb(255, 0, 0));
    assert!(red, "people drawn in the user's colour");
    s.send("q");
    s.wait_for("q is the user's warnings key", |screen| {
        screen.contents().contains("No warning: every file was read")
    });
    s.send("Q");
    assert!(s.wait_exit().success());

    let mut s = Session::start_with(&[], cwd.path(), &[("NO_COLOR", "1")]);
    s.wait_for("the seeds", |screen| screen.contents().contains("Documents 1/5"));
    let screen = cells(s.parser.screen());
    let coloured = screen
        .iter()
        .filter(|c| c.fgcolor() != vt100::Color::Default || c.bgcolor() != vt100::Color::Default)
        .count();
    assert_eq!(coloured, 0, "NO_COLOR: no colour anywhere");
    assert!(screen.iter().any(|c| c.bold()), "marks that need no colour");
    drop(screen);
    s.send("q");
    assert!(s.wait_exit().success());
}

/// The rows of the help box on screen (between its top and bottom borders).
fn help_rows(screen: &vt100::Screen) -> Vec<String> {
    let rows: Vec<String> = screen.rows(0, screen.size().1.get()).collect();
    let top = rows.iter().position(|r| r.contains("╭ Keys"));
    let bottom = rows.iter().rposition(|r| r.contains('╰'));
    match (top, bottom) {
        (Some(t), Some(b)) if b > t => rows[t + 1..b].to_vec(),
        _ => Vec::new(),
    }
}

#[test]
fn the_help_at_80x24_wraps_its_lines_whole_on_every_page() {
    let cwd = tempfile::tempdir().expect("dir");
    let mut s = Session::start_sized(&[], cwd.path(), &[], (24, 80));
    s.wait_for("the reader", |screen| screen.contents().contains("Documents"));
    s.send("?");
    s.wait_for("the help", |screen| !help_rows(screen).is_empty());
    s.settle();
    let mut seen: Vec<String> = Vec::new();
    for page in 0..40 {
        let rows = help_rows(s.parser.screen());
        for row in &rows {
            assert!(!row.contains('…'), "a help line is cut on page {page}: {row:?}");
        }
        let last_page = rows.iter().any(|r| r.contains("Mouse:"));
        let top = rows.first().cloned();
        seen.extend(rows);
        if last_page {
            break;
        }
        s.send("\x1b[6~"); // PgDn
        s.wait_for("the next page", |screen| help_rows(screen).first() != top.as_ref());
        s.settle();
    }
    let text = seen.join("\n");
    // The longest description is whole, wrapped under itself.
    assert!(
        text.contains("close the overlay, else clear the search, unpin"),
        "{text}"
    );
    assert!(text.contains("the actor, clear the filter"), "{text}");
    assert!(text.contains("Mouse:"), "the last line of the help is reached: {text}");
    s.send("?");
    s.wait_for("the help closed", |screen| help_rows(screen).is_empty());
    s.send("q");
    assert!(s.wait_exit().success());
}
