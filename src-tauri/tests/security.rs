//! Security review of the desktop shell's configuration, as a test: a strict Content-Security-Policy
//! with no remote origin, no wildcard permission, and only the capabilities the UI needs.

use std::path::Path;

fn json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Sources a directive may name: the app itself, inline data images, and Tauri's IPC endpoints.
const ALLOWED_SOURCES: [&str; 5] = ["'self'", "'none'", "data:", "ipc:", "http://ipc.localhost"];

#[test]
fn csp_is_strict_and_names_no_remote_origin() {
    let conf = json(&dir().join("tauri.conf.json"));
    let csp = conf["app"]["security"]["csp"]
        .as_object()
        .expect("app.security.csp is set as directives");
    assert_eq!(
        csp.get("default-src").and_then(|v| v.as_str()),
        Some("'self'")
    );
    assert_eq!(
        csp.get("object-src").and_then(|v| v.as_str()),
        Some("'none'")
    );
    for (directive, value) in csp {
        let value = value
            .as_str()
            .unwrap_or_else(|| panic!("{directive} is a string"));
        for source in value.split_whitespace() {
            assert!(
                ALLOWED_SOURCES.contains(&source),
                "{directive} allows '{source}': only the app itself, data: images and IPC may be named"
            );
        }
    }
    let script = csp
        .get("script-src")
        .and_then(|v| v.as_str())
        .unwrap_or("'self'");
    assert!(
        !script.contains("unsafe"),
        "no unsafe-inline or unsafe-eval for scripts"
    );
    assert_ne!(
        conf["app"]["withGlobalTauri"], true,
        "the Tauri API is not put on window"
    );
    assert!(
        conf["build"].get("devUrl").is_none(),
        "no remote or dev server URL in the shipped config"
    );
    let windows = conf["app"]["windows"].as_array().expect("windows");
    for w in windows {
        assert!(
            w.get("url")
                .is_none_or(|u| !u.as_str().unwrap_or("").contains("://")),
            "windows load the bundled UI only"
        );
    }
}

#[test]
fn capabilities_grant_no_wildcards_files_shell_or_remote_access() {
    let mut checked = 0;
    for entry in std::fs::read_dir(dir().join("capabilities")).expect("capabilities folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let cap = json(&path);
        assert!(
            cap.get("remote").is_none(),
            "{}: no remote URLs may use the IPC",
            path.display()
        );
        for p in cap["permissions"].as_array().expect("permissions") {
            let id = p
                .as_str()
                .or_else(|| p["identifier"].as_str())
                .expect("permission id");
            assert!(
                !id.contains('*'),
                "{}: wildcard permission {id}",
                path.display()
            );
            for banned in ["fs:", "shell:", "http:", "sql:", "process:"] {
                assert!(
                    !id.starts_with(banned),
                    "{}: {id} gives the webview raw {banned} access",
                    path.display()
                );
            }
            assert!(
                !id.ends_with(":default") || id.starts_with("core:"),
                "{}: {id} grants a plugin's whole default set",
                path.display()
            );
        }
        checked += 1;
    }
    assert!(checked >= 1, "at least one capability file was checked");
}

/// Every `.rs` file of the workspace below `dir`, leaving out build output and the UI's packages.
fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if !matches!(name, "target" | "node_modules" | "ui" | ".git") {
                rust_files(&path, out);
            }
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
}

/// `unsafe` is denied in the whole workspace; the one file that needs it (the desktop's `main`,
/// which sets the malloc arenas and the web engine's environment before any thread exists)
/// allows it where it stands, and nothing else may.
#[test]
fn unsafe_code_stands_only_where_it_is_allowed() {
    let root = dir().parent().expect("workspace root");
    let allowed = ["src-tauri/src/main.rs"];
    // Built at run time, so that this file does not match itself.
    let markers = [
        format!("{} {{", "unsafe"),
        format!("{} fn", "unsafe"),
        format!("{} impl", "unsafe"),
        format!("{} extern", "unsafe"),
        format!("#[{}(", "unsafe"),
    ];
    let mut files = Vec::new();
    rust_files(root, &mut files);
    assert!(files.len() > 100, "the workspace's sources were found");
    let mut found = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if markers.iter().any(|m| text.contains(m.as_str())) {
            let rel = path.strip_prefix(root).expect("inside the workspace");
            found.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    found.sort();
    assert_eq!(found, allowed, "files with unsafe code");
}
