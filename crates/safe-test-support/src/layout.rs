//! The one integration binary of a crate: every test file is one of its modules.

use std::path::Path;

/// Fails when a file of `tests_dir` would not be compiled: each crate declares one integration
/// binary (`[[test]] name = "it"`, `autotests = false`), so a new `tests/NAME.rs` (or
/// `tests/NAME/main.rs`) runs only when `root` (the binary's first file, e.g. `tests/it.rs`)
/// declares `mod NAME;`.
pub fn check_every_test_file_is_a_module(tests_dir: &Path, root: &str) {
    let main = std::fs::read_to_string(tests_dir.join(root)).expect("the binary's root file");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(tests_dir).expect("tests folder") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let stem = if path.is_dir() {
            if !path.join("main.rs").exists() {
                continue; // a folder of submodules, fixtures or snapshots
            }
            name
        } else {
            match name.strip_suffix(".rs") {
                Some(stem) if name != root => stem.to_string(),
                _ => continue,
            }
        };
        if !main.contains(&format!("mod {stem};")) {
            missing.push(stem);
        }
    }
    assert!(
        missing.is_empty(),
        "tests/{root} must declare `mod NAME;` for {missing:?}: the crate has one integration \
         binary and any other test file is not compiled"
    );
}
