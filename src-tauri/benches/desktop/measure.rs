//! Figures the bench prints: percentiles of timings, and the memory of a process tree.

use std::path::Path;

use fantoccini::Client;

/// Prints a table row `| name | runs | median | p95 | max |` (milliseconds) and returns the median.
pub fn stats(name: &str, mut ms: Vec<f64>) -> f64 {
    ms.sort_by(|a, b| a.total_cmp(b));
    let pick = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    println!(
        "| {name} | {} | {:.1} | {:.1} | {:.1} |",
        ms.len(),
        pick(0.5),
        pick(0.95),
        pick(1.0)
    );
    pick(0.5)
}

/// Runs an async script that calls back with a number of milliseconds.
pub async fn js_ms(c: &Client, script: &str) -> f64 {
    c.execute_async(script, vec![])
        .await
        .expect("script runs")
        .as_f64()
        .expect("a number")
}

/// Waits in the page until `css` matches an element (checked at once, then on every change of
/// the document), so that the app and the empty window are timed alike: WebDriver's own wait
/// polls every 250 ms, which rounded the app's start up while the blank page was found at once.
pub async fn shown(c: &Client, css: &str) {
    let script = r#"const [css, finish] = arguments;
if (document.querySelector(css)) finish(true);
else {
  const watch = new MutationObserver(() => {
    if (document.querySelector(css)) { watch.disconnect(); finish(true); }
  });
  watch.observe(document, { childList: true, subtree: true, attributes: true });
}"#;
    c.execute_async(script, vec![serde_json::Value::String(css.into())])
        .await
        .unwrap_or_else(|e| panic!("{css} did not appear: {e}"));
}

/// The processes started from `exe` and every process below them (for the app: WebKit's web and
/// network processes). The bench itself is left out, so that the empty window (the bench binary
/// started again, see `floor.rs`) is measured without the bench and its drivers.
fn processes(exe: &Path) -> Vec<u32> {
    let me = std::process::id();
    let exe = std::fs::canonicalize(exe).expect("executable path");
    let mut all: Vec<(u32, u32)> = Vec::new();
    let mut roots = Vec::new();
    for e in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        all.push((pid, ppid));
        if std::fs::read_link(format!("/proc/{pid}/exe"))
            .ok()
            .as_deref()
            == Some(exe.as_path())
            && pid != me
        {
            roots.push(pid);
        }
    }
    let mut out = roots.clone();
    let mut i = 0;
    while i < out.len() {
        let parent = out[i];
        out.extend(all.iter().filter(|(_, pp)| *pp == parent).map(|(p, _)| *p));
        i += 1;
    }
    out
}

fn kib(file: &str, field: &str) -> u64 {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Memory of a process tree in MB: PSS (shared pages divided among the processes that map them,
/// so shared libraries count once) and its anonymous part (the programs' own data).
#[derive(Debug, Clone, Copy)]
pub struct Memory {
    pub pss: f64,
    pub anon: f64,
}

/// Measures and prints the memory of `exe`'s process tree, with RSS for comparison.
pub fn memory(exe: &Path, when: &str) -> Memory {
    let mut rss = 0;
    let mut pss = 0;
    let mut anon = 0;
    let mut parts = Vec::new();
    for p in processes(exe) {
        let name = std::fs::read_to_string(format!("/proc/{p}/comm")).unwrap_or_default();
        let rollup = format!("/proc/{p}/smaps_rollup");
        let (r, s, a) = (
            kib(&format!("/proc/{p}/status"), "VmRSS:"),
            kib(&rollup, "Pss:"),
            kib(&rollup, "Pss_Anon:"),
        );
        parts.push(format!(
            "{} {} MB: {} anon + {} file",
            name.trim(),
            s / 1024,
            a / 1024,
            kib(&rollup, "Pss_File:") / 1024
        ));
        rss += r;
        pss += s;
        anon += a;
    }
    println!(
        "memory, {when}: PSS {} MB ({}), RSS sum {} MB",
        pss / 1024,
        parts.join(", "),
        rss / 1024
    );
    Memory {
        pss: pss as f64 / 1024.0,
        anon: anon as f64 / 1024.0,
    }
}
