//! Writes the generated corpus the benchmarks use, to time the commands by hand:
//! `cargo run --release --example synthetic -- DIR [COUNT]` (10,000 articles by default).

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: synthetic DIR [COUNT]");
        std::process::exit(2);
    };
    let count = match args.next().map(|n| n.parse::<usize>()) {
        None => 10_000,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("synthetic: COUNT: {e}");
            std::process::exit(2);
        }
    };
    let dir = std::path::Path::new(&dir);
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("synthetic: {}: {e}", dir.display());
        std::process::exit(1);
    }
    match recoupe::synthetic::write_corpus(dir, count, 42) {
        Ok(bytes) => println!("{count} articles, {bytes} bytes in {}", dir.display()),
        Err(e) => {
            eprintln!("synthetic: {}: {e}", dir.display());
            std::process::exit(1);
        }
    }
}
