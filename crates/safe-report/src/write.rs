//! Writing a report file without ever leaving half a file behind.

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use crate::ReportError;

/// Writes `bytes` to `path` through a temporary file in the same folder, then renames it into
/// place. An existing file is an error unless `force`; a missing or unwritable folder is a clear
/// error. On any error nothing is left behind and an existing file is unchanged.
pub fn write_report(path: &Path, bytes: &[u8], force: bool) -> Result<(), ReportError> {
    let dir: PathBuf = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let not_writable = |reason: &str| ReportError::NotWritable {
        path: dir.clone(),
        reason: reason.to_string(),
    };
    match std::fs::metadata(&dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(not_writable("it is not a folder")),
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(not_writable("the folder does not exist"));
        }
        Err(e) if e.kind() == ErrorKind::NotADirectory => {
            return Err(not_writable("a part of the path is not a folder"));
        }
        Err(e) => return Err(not_writable(&e.to_string())),
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(ReportError::Invalid(format!(
                "{} is a folder: give a file name",
                path.display()
            )));
        }
        Ok(_) if !force => return Err(ReportError::Exists(path.to_path_buf())),
        _ => {}
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".part");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Like any new file: 0666 less the umask (tempfile's default is 0600).
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(|e| match e.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            not_writable("permission denied")
        }
        _ => ReportError::Io {
            path: dir.clone(),
            source: e,
        },
    })?;
    let io = |source| ReportError::Io {
        path: path.to_path_buf(),
        source,
    };
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    if force {
        tmp.persist(path).map_err(|e| io(e.error))?;
    } else {
        // Refuses to replace a file created meanwhile.
        tmp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == ErrorKind::AlreadyExists {
                ReportError::Exists(path.to_path_buf())
            } else {
                io(e.error)
            }
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".part"))
            .collect()
    }

    #[test]
    fn writes_then_refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("r.html");
        write_report(&out, b"one", false).expect("first write");
        assert_eq!(std::fs::read(&out).expect("read"), b"one");
        let e = write_report(&out, b"two", false).expect_err("exists");
        assert!(matches!(e, ReportError::Exists(_)));
        assert!(e.to_string().contains("--force"), "{e}");
        assert_eq!(
            std::fs::read(&out).expect("read"),
            b"one",
            "unchanged without force"
        );
        write_report(&out, b"three", true).expect("forced");
        assert_eq!(std::fs::read(&out).expect("read"), b"three");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_missing_folder_or_a_file_as_folder_is_a_clear_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let e = write_report(&dir.path().join("nope/r.pdf"), b"x", false).expect_err("no dir");
        assert!(matches!(e, ReportError::NotWritable { .. }));
        assert!(e.to_string().contains("does not exist"), "{e}");
        let file = dir.path().join("f");
        std::fs::write(&file, b"").expect("file");
        let e = write_report(&file.join("r.pdf"), b"x", false).expect_err("file as dir");
        assert!(e.is_user_error(), "{e}");
        let e = write_report(dir.path(), b"x", true).expect_err("a folder as output");
        assert!(e.to_string().contains("is a folder"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_is_refused_and_left_clean() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let ro = dir.path().join("ro");
        std::fs::create_dir(&ro).expect("mkdir");
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        // Root ignores permission bits; then there is nothing to test here.
        if std::fs::write(ro.join("probe"), b"").is_ok() {
            let _ = std::fs::remove_file(ro.join("probe"));
            eprintln!("running as root: permission bits are not enforced, skipping");
            return;
        }
        let e = write_report(&ro.join("r.pdf"), b"x", false).expect_err("read-only");
        assert!(matches!(e, ReportError::NotWritable { .. }), "{e}");
        assert!(e.to_string().contains("permission denied"), "{e}");
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        assert_eq!(std::fs::read_dir(&ro).expect("read").count(), 0);
    }
}
