//! The safe-assess desktop app. Everything happens in the library: [`safe_assess_desktop::run`].

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use safe_assess_desktop::pdf_worker;

fn main() {
    // Started by the app itself to lay out one PDF: no window.
    if std::env::args().nth(1).as_deref() == Some(pdf_worker::ARG) {
        std::process::exit(pdf_worker::serve());
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    one_malloc_arena();
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

/// One glibc malloc arena for the app's process. glibc gives threads that allocate at the same
/// time arenas of their own and keeps their pages after the memory is freed, so over a working day
/// the app's process grew by about 1 MB a tenth with nothing live to show for it (heaptrack: 9 MB
/// of live heap at the end); with one arena it stays flat (BENCHMARKS.md, "A working day"). The
/// app's threads seldom allocate at once. WebKit's processes and the PDF worker keep glibc's
/// default (the worker lays out on several threads and is gone after one report).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn one_malloc_arena() {
    // SAFETY: `mallopt` takes two integers, no pointer; it runs before any other thread exists.
    #[allow(unsafe_code)]
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}
