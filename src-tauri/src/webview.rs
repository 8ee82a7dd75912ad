//! Settings of the web view that suit a forms-and-text app.
//!
//! On Linux (WebKitGTK) the page is drawn on the CPU instead of through the GPU compositor, and
//! WebKit keeps only the caches a single-document viewer needs. On machines without a GPU
//! (virtual machines, remote desktops, thin clients) GPU compositing falls back to a slow software
//! emulation: drawing the next item took about 130 ms instead of 13 ms, and the web process used
//! 150 MB more memory (see BENCHMARKS.md). The app has no animation or 3D for a GPU to help with.
//! `SAFE_ASSESS_GPU=1` keeps WebKit's own choice.
//!
//! The page's JavaScript runs without JavaScriptCore's just-in-time compilers
//! ([`engine_environment`]): the app's scripts are forms and lists, which the interpreter runs
//! within a frame (the next item drawn in 8 ms instead of 6), while the web process holds about
//! 11 MB less and no text from an imported file ever reaches a JIT compiler. `SAFE_ASSESS_JIT=1`
//! keeps the JIT.

use tauri::{Runtime, WebviewWindow};

/// The variable that turns JavaScriptCore's JIT off in WebKit's web process, and its value; `None`
/// when `SAFE_ASSESS_JIT=1` asks for the JIT or the user set the variable already. The app's
/// `main` sets it before anything else runs (the web process inherits the app's environment).
pub fn engine_environment() -> Option<(&'static str, &'static str)> {
    const JIT: &str = "JSC_useJIT";
    let keep = std::env::var_os("SAFE_ASSESS_JIT").is_some_and(|v| v == "1");
    (!keep && std::env::var_os(JIT).is_none()).then_some((JIT, "false"))
}

/// Applies the settings to a window's web view.
pub fn tune<R: Runtime>(window: &WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    {
        let gpu = std::env::var_os("SAFE_ASSESS_GPU").is_some_and(|v| v == "1");
        let _ = window.with_webview(move |pw| {
            use webkit2gtk::{
                CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
            };
            let view = pw.inner();
            if let Some(context) = view.context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
            if !gpu && let Some(settings) = WebViewExt::settings(&view) {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
