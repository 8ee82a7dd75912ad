//! The safe-assess desktop app. Everything happens in the library: [`safe_assess_desktop::run`].

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    #[cfg(target_os = "linux")]
    if let Some((name, value)) = safe_assess_desktop::webview::engine_environment() {
        // SAFETY: the first statement of `main`: no other thread exists yet that could read the
        // environment while it changes. WebKit's web process, started later, inherits it.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var(name, value);
        }
    }
    safe_assess_desktop::run();
}
