//! The floor the desktop app is measured against: an empty Tauri window (same Tauri, wry and
//! WebKitGTK, the same web view settings as the app, see `src/webview.rs`) showing a blank page
//! (`benches/blank/`). The bench binary is that window when started with [`BLANK`] set, so
//! tauri-driver can start it exactly as it starts the app.

/// Environment variable that turns the bench binary into the empty window.
pub const BLANK: &str = "SAFE_ASSESS_BENCH_BLANK";

/// Runs the empty window until it closes.
pub fn blank_window() {
    use tauri::Manager;
    tauri::Builder::default()
        .setup(|app| {
            if let Some(w) = app.get_webview_window("main") {
                safe_assess_desktop::webview::tune(&w);
            }
            Ok(())
        })
        .run(tauri::generate_context!("benches/blank/tauri.conf.json"))
        .expect("the empty window runs");
}

/// What marks the blank page as shown: its body, found the way the app's home list is found.
pub const SHOWN: &str = "body";
