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
