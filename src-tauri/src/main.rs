//! The safe-assess desktop app. Everything happens in the library: [`safe_assess_desktop::run`].

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use safe_assess_desktop::pdf_worker;

fn main() {
    // Started by the app itself to lay out one PDF: no window.
    if std::env::args().nth(1).as_deref() == Some(pdf_worker::ARG) {
        std::process::exit(pdf_worker::serve());
    }
    #[cfg(target_os = "linux")]
    if let Some((name, value)) = safe_assess_desktop::webview::engine_environment() {
        // SAFETY: before any other thread exists (the worker above starts none): nothing can
        // read the environment while it changes. WebKit's web process, started later, inherits it.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var(name, value);
        }
    }
    safe_assess_desktop::run();
}
