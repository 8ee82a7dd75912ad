//! A PDF read back as a user's PDF reader would show it, through poppler's `pdftotext`.

use std::path::Path;
use std::process::Command;

/// The text of the PDF at `path`, its runs of white space made one space (line breaks and
/// columns do not matter to what a test looks for). Needs poppler-utils, installed by
/// `.ci/setup`.
pub fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils, installed by .ci/setup): {e}"));
    assert!(
        out.status.success(),
        "pdftotext could not read {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
