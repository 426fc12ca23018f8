//! Writing files the user asked for: atomically, with one-line errors.

use std::io::Write;
use std::path::Path;

/// A file that could not be written, said in one line.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {source}")]
pub struct SaveError {
    pub path: String,
    pub source: std::io::Error,
}

/// Writes through a temporary file in the same folder, renamed over the target at the end, so a
/// failure never leaves half a file.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), SaveError> {
    let fail = |source: std::io::Error| SaveError {
        path: path.display().to_string(),
        source,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    file.write_all(text.as_bytes()).map_err(fail)?;
    file.as_file().sync_all().map_err(fail)?;
    // The temporary file is private (0600); give the result the permissions of the file it
    // replaces, or the usual ones for a new document.
    let permissions = match std::fs::metadata(path) {
        Ok(existing) => existing.permissions(),
        Err(_) => default_permissions(file.as_file()).map_err(fail)?,
    };
    file.as_file().set_permissions(permissions).map_err(fail)?;
    file.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(unix)]
fn default_permissions(_: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

/// The current UTC date and time: (`YYYY-MM-DD HH:MM UTC`, `YYYY-MM-DD-HHMM` for file names).
pub fn now() -> (String, String) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let (hour, minute) = (secs % 86_400 / 3_600, secs % 3_600 / 60);
    (
        format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02} UTC"),
        format!("{year:04}-{month:02}-{day:02}-{hour:02}{minute:02}"),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_failed_write_says_where_in_one_line() {
        let err = super::write_atomically(std::path::Path::new("/no/such/dir/x.md"), "x").expect_err("no folder");
        assert!(err.to_string().starts_with("cannot write /no/such/dir/x.md: "));
        assert!(!err.to_string().contains('\n'));
    }

    #[test]
    fn now_has_the_expected_shapes() {
        let (long, short) = super::now();
        assert_eq!(long.len(), "2026-11-21 12:49 UTC".len());
        assert_eq!(short.len(), "2026-11-21-1249".len());
    }
}
