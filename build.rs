//! Gives the build a fingerprint of its own code (`RECOUPE_CODE`): the cache key takes it, so
//! an analysis kept by another build of the code is never read back as this one's.

use std::path::Path;

fn main() {
    let mut files = Vec::new();
    for dir in ["src", "seeds"] {
        collect(Path::new(dir), &mut files);
        println!("cargo:rerun-if-changed={dir}");
    }
    files.push(Path::new("Cargo.lock").to_path_buf());
    println!("cargo:rerun-if-changed=Cargo.lock");
    files.sort();
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for file in &files {
        hasher.update(file.to_string_lossy().as_bytes());
        hasher.update(&std::fs::read(file).unwrap_or_default());
    }
    println!("cargo:rustc-env=RECOUPE_CODE={:016x}", hasher.digest());
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
