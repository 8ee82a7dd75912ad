//! The safe-assess desktop app. Everything happens in the library: [`safe_assess_desktop::run`].

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    safe_assess_desktop::run();
}
