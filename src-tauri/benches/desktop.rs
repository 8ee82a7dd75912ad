//! Measures the desktop app as a user meets it (release build, real window under Xvfb):
//! cold start to an interactive home screen, moving to the next item, saving an answer, and the
//! resident memory of the whole app with a fully answered assessment open.
//!
//! `cargo bench -p safe-assess-desktop --bench desktop` (needs what the e2e tests need). Prints a
//! table; the figures go into BENCHMARKS.md. Not a test: nothing here asserts a time.

// A measuring tool: any failure should stop it loudly, as in a test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "../tests/e2e/harness.rs"]
mod harness;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::Utc;
use fantoccini::Client;
use harness::*;
use safe_core::catalogue::{Library, Profile};
use safe_core::model::{AnswerInput, NewAssessment, Priority, Stamp, Status};
use safe_core::store::Store;

const APP: &str = env!("CARGO_BIN_EXE_safe-assess-desktop");
const STARTS: usize = 7;
const STEPS: usize = 40;

/// A trader assessment with every role (so every item applies), every item answered.
fn seed(db: &Path) -> String {
    let lib = Library::builtin().expect("built-in packs");
    let mut store = Store::open(db).expect("database");
    let stamp = Stamp {
        at: Utc::now(),
        by: "bench".into(),
    };
    let roles = lib.roles().iter().map(|r| r.id.clone()).collect();
    let a = store
        .create_assessment(
            &lib,
            &NewAssessment {
                title: "Fully answered trader assessment".into(),
                profile: Some(Profile::Trader),
                roles,
                organisation: "Bench Logistics SA".into(),
                country: "FR".into(),
                ..NewAssessment::default()
            },
            "00000000-0000-4000-8000-000000000001",
            &stamp,
        )
        .expect("create");
    let pack = lib.default_for(Profile::Trader).expect("trader pack");
    for (i, item) in pack.items().into_iter().enumerate() {
        let status = match i % 4 {
            0 | 1 => Status::Met,
            2 => Status::PartiallyMet,
            _ => Status::NotMet,
        };
        let input = AnswerInput {
            comment: format!(
                "Reviewed with the site manager; see procedure binder section {i}. {}",
                item.guidance
            ),
            owner: "Compliance".into(),
            priority: Some(Priority::Medium),
            ..AnswerInput::status(status)
        };
        store
            .save_answer(&a.id, &item.id, &input, &stamp)
            .expect("answer");
    }
    a.id
}

fn stats(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(|a, b| a.total_cmp(b));
    let pick = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    println!(
        "| {name} | {} | {:.1} | {:.1} | {:.1} |",
        ms.len(),
        pick(0.5),
        pick(0.95),
        pick(1.0)
    );
}

async fn js_ms(c: &Client, script: &str) -> f64 {
    c.execute_async(script, vec![])
        .await
        .expect("script runs")
        .as_f64()
        .expect("a number")
}

/// Dispatches a key on the window and resolves, after the next frame, when `done()` holds.
fn key_script(key: &str, done: &str) -> String {
    format!(
        r#"const finish = arguments[arguments.length - 1];
const view = () => document.querySelector('[data-testid="item-view"]');
const before = view().dataset.item;
const t0 = performance.now();
window.dispatchEvent(new KeyboardEvent('keydown', {{ key: '{key}', bubbles: true }}));
const check = () => {{
  if ({done}) requestAnimationFrame(() => finish(performance.now() - t0));
  else requestAnimationFrame(check);
}};
check();"#
    )
}

/// The app's process and every process below it (WebKit's web and network processes).
fn app_processes() -> Vec<u32> {
    let app = std::fs::canonicalize(APP).expect("app path");
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
            == Some(app.as_path())
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

#[tokio::main]
async fn main() {
    let display = Display::start();
    let world = World::new();
    seed(&world.database());
    let driver = Driver::start(&world, &display, Path::new(APP));

    println!("| measure | runs | median ms | p95 ms | max ms |");
    println!("|---|---|---|---|---|");

    // Cold start: from asking for a new session (which starts the app) to the home list shown.
    let mut wall = Vec::new();
    let mut in_page = Vec::new();
    for _ in 0..STARTS {
        let t0 = Instant::now();
        let c = driver.launch().await;
        find(&c, &tid("assessment-card")).await;
        wall.push(t0.elapsed().as_secs_f64() * 1000.0);
        in_page.push(
            js_ms(
                &c,
                "arguments[0](performance.getEntriesByName('home-ready')[0]?.startTime ?? -1)",
            )
            .await,
        );
        c.close().await.expect("close");
    }
    stats(
        "cold start to home list (session request → list shown)",
        wall,
    );
    stats("home list ready after page start (in page)", in_page);

    // Open the fully answered assessment; step through items; save answers.
    let c = driver.launch().await;
    click(&c, &tid("open-assessment")).await;
    find(&c, &tid("item-view")).await;
    let mut next = Vec::new();
    for _ in 0..STEPS {
        next.push(
            js_ms(
                &c,
                &key_script("n", "view() && view().dataset.item !== before"),
            )
            .await,
        );
    }
    stats("next item: key N → new item drawn", next);

    let mut shown = Vec::new();
    let mut stored = Vec::new();
    for i in 0..STEPS {
        let (key, status) = if i % 2 == 0 {
            ("2", "partially-met")
        } else {
            ("1", "met")
        };
        shown.push(
            js_ms(
                &c,
                &key_script(
                    key,
                    &format!(
                        "document.querySelector('[data-testid=\"status-{status}\"]').getAttribute('aria-pressed') === 'true'"
                    ),
                ),
            )
            .await,
        );
        let t0 = Instant::now();
        saved(&c).await;
        stored.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    stats("save: key 1/2 → status drawn", shown);
    stats(
        "save: then → \"saved\" shown (round trip incl. fsync, WebDriver polling)",
        stored,
    );

    // Memory with the assessment open, after walking through it.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let pids = app_processes();
    let rss: u64 = pids
        .iter()
        .map(|p| kib(&format!("/proc/{p}/status"), "VmRSS:"))
        .sum();
    let pss: u64 = pids
        .iter()
        .map(|p| kib(&format!("/proc/{p}/smaps_rollup"), "Pss:"))
        .sum();
    println!();
    println!(
        "memory with a fully answered assessment open ({} processes: app, WebKit web and network): RSS sum {:.0} MB, PSS sum {:.0} MB",
        pids.len(),
        rss as f64 / 1024.0,
        pss as f64 / 1024.0
    );
    c.close().await.expect("close");
}
