//! Measures the desktop app as a user meets it (release build, real window under Xvfb):
//! cold start to an interactive home screen, moving to the next item, saving an answer, and the
//! resident memory of the whole app with a fully answered assessment open.
//!
//! `cargo bench -p safe-assess-desktop --bench desktop` (needs what the e2e tests need). Prints a
//! table; the figures go into BENCHMARKS.md. Not a test: nothing here asserts a time.
//! `BENCH_DB=FILE` starts from a copy of a big database (see `main`).
//!
//! Each figure that has a floor is measured against it in the same run, interleaved: the cold
//! start and the memory against an empty Tauri window with a blank page ([`floor`]). The run ends
//! with a working day in one app run ([`soak`]); `BENCH_SOAK=0` skips it, `BENCH_SOAK=saves`
//! (`moves`, `exports`) runs one activity alone.

// A measuring tool: any failure should stop it loudly, as in a test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod floor;
#[path = "../../tests/e2e/harness.rs"]
mod harness;
mod measure;
mod soak;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::Utc;
use fantoccini::Client;
use harness::*;
use measure::{js_ms, memory, shown, stats};
use safe_core::catalogue::{Library, Profile};
use safe_core::model::{AnswerInput, NewAssessment, Priority, Stamp, Status};
use safe_core::store::Store;

const APP: &str = env!("CARGO_BIN_EXE_safe-assess-desktop");
const STARTS: usize = 7;
const STEPS: usize = 40;

/// A trader assessment with every role (so every item applies), every item answered: its id and
/// its items' ids.
fn seed(db: &Path) -> (String, Vec<String>) {
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
    let mut ids = Vec::new();
    for (i, item) in pack.items().into_iter().enumerate() {
        ids.push(item.id.clone());
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
    (a.id, ids)
}

/// Dispatches a key on the window and resolves with `[dom, drawn]`: the ms until `done()` holds
/// in the DOM (checked after each task), and until the next frame after that.
fn key_script(key: &str, done: &str) -> String {
    format!(
        r#"const finish = arguments[arguments.length - 1];
const view = () => document.querySelector('[data-testid="item-view"]');
const before = view().dataset.item;
const t0 = performance.now();
window.dispatchEvent(new KeyboardEvent('keydown', {{ key: '{key}', bubbles: true }}));
const check = () => {{
  if ({done}) {{
    const dom = performance.now() - t0;
    requestAnimationFrame(() => finish([dom, performance.now() - t0]));
  }} else setTimeout(check, 0);
}};
check();"#
    )
}

/// Presses a status key and resolves with `[dom, drawn, saved]` in ms: the status in the page,
/// the next frame, and the save indicator back at "saved" after the save went through.
fn save_script(key: &str, status: &str) -> String {
    format!(
        r#"const finish = arguments[arguments.length - 1];
const indicator = document.querySelector('[data-testid="save-state"]');
const button = document.querySelector('[data-testid="status-{status}"]');
const t0 = performance.now();
let dom = null, drawn = null, saved = null, left = false;
const done = () => {{ if (drawn !== null && saved !== null) finish([dom, drawn, saved]); }};
const watch = new MutationObserver(() => {{
  if (indicator.dataset.state !== 'saved') left = true;
  else if (left && saved === null) {{ saved = performance.now() - t0; watch.disconnect(); done(); }}
}});
watch.observe(indicator, {{ attributes: true, attributeFilter: ['data-state'] }});
window.dispatchEvent(new KeyboardEvent('keydown', {{ key: '{key}', bubbles: true }}));
const check = () => {{
  if (button.getAttribute('aria-pressed') === 'true') {{
    dom = performance.now() - t0;
    requestAnimationFrame(() => {{ drawn = performance.now() - t0; done(); }});
  }} else setTimeout(check, 0);
}};
check();"#
    )
}

async fn js_pair(c: &Client, script: &str) -> (f64, f64) {
    let v = c.execute_async(script, vec![]).await.expect("script runs");
    let n = |i: usize| v.get(i).and_then(|x| x.as_f64()).expect("a number");
    (n(0), n(1))
}

#[tokio::main]
async fn main() {
    if std::env::var_os(floor::BLANK).is_some() {
        floor::blank_window();
        return;
    }
    let display = Display::start();
    let mut world = World::new();
    // Extra environment for the app, e.g. `BENCH_APP_ENV=WEBKIT_DISABLE_COMPOSITING_MODE=1`.
    if let Ok(extra) = std::env::var("BENCH_APP_ENV") {
        for pair in extra.split(',').filter(|p| !p.is_empty()) {
            if let Some((k, v)) = pair.split_once('=') {
                println!("app environment: {k}={v}");
                world.env.push((k.into(), v.into()));
            }
        }
    }
    // A big database to start with (issue 7's scale check), e.g. one built by
    // `cargo run --release -p safe-core --example scale -- 200 300 FILE`: copied to where the app
    // looks for its database (the file itself is never changed); the seeded assessment joins it.
    if let Some(big) = std::env::var_os("BENCH_DB") {
        let db = world.database();
        std::fs::create_dir_all(db.parent().expect("data folder")).expect("data folder");
        std::fs::copy(&big, &db).expect("copy BENCH_DB");
        println!("database: copy of {}", Path::new(&big).display());
    }
    let (id, items) = seed(&world.database());
    {
        let store = Store::open(&world.database()).expect("database");
        println!(
            "assessments on the home list: {}",
            store.list_assessments().expect("list").len()
        );
    }
    let driver = Driver::start(&world, &display, Path::new(APP));
    // The floor: this bench binary started as an empty window, through its own tauri-driver.
    let blank_exe = std::env::current_exe().expect("bench executable");
    let mut blank_world = World::new();
    blank_world.env.push((floor::BLANK.into(), "1".into()));
    // The app's engine settings, which its `main` sets for itself (`webview::engine_environment`).
    if let Some((name, value)) = safe_assess_desktop::webview::engine_environment() {
        blank_world.env.push((name.into(), value.into()));
    }
    let blank = Driver::start(&blank_world, &display, &blank_exe);

    println!("| measure | runs | median ms | p95 ms | max ms |");
    println!("|---|---|---|---|---|");

    // Cold start: from asking for a new session (which starts the app) to the home list shown,
    // each start of the app right after a start of the empty window.
    let mut wall = Vec::new();
    let mut floor_wall = Vec::new();
    let mut in_page = Vec::new();
    for _ in 0..STARTS {
        let t0 = Instant::now();
        let c = blank.launch().await;
        shown(&c, floor::SHOWN).await;
        floor_wall.push(t0.elapsed().as_secs_f64() * 1000.0);
        c.close().await.expect("close");

        let t0 = Instant::now();
        let c = driver.launch().await;
        shown(&c, &tid("assessment-card")).await;
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
    let app_start = stats(
        "cold start to home list (session request → list shown)",
        wall,
    );
    let floor_start = stats(
        "floor: cold start of an empty window (session request → blank page shown)",
        floor_wall,
    );
    println!(
        "| ratio: cold start / empty window | – | {:.2}× | – | – |",
        app_start / floor_start
    );
    stats("home list ready after page start (in page)", in_page);

    // The floor's memory: the empty window alone, after it settled.
    let c = blank.launch().await;
    find(&c, floor::SHOWN).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    println!();
    let floor_memory = memory(&blank_exe, "floor: empty window");
    c.close().await.expect("close");

    // Open the fully answered assessment; step through items; save answers.
    let c = driver.launch().await;
    find(&c, &tid("assessment-card")).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    println!();
    memory(Path::new(APP), "home screen");
    click(&c, &tid("open-assessment")).await;
    find(&c, &tid("item-view")).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    memory(Path::new(APP), "fully answered assessment just opened");
    println!(
        "page elements with the assessment open: {}",
        js_ms(
            &c,
            "arguments[0](document.getElementsByTagName('*').length)"
        )
        .await
    );
    println!();
    let mut next_dom = Vec::new();
    let mut next = Vec::new();
    for _ in 0..STEPS {
        let (dom, drawn) = js_pair(
            &c,
            &key_script("n", "view() && view().dataset.item !== before"),
        )
        .await;
        next_dom.push(dom);
        next.push(drawn);
    }
    stats("next item: key N → page updated (DOM)", next_dom);
    stats("next item: key N → new item drawn (next frame)", next);

    let mut shown_dom = Vec::new();
    let mut status_drawn = Vec::new();
    let mut stored = Vec::new();
    for i in 0..STEPS {
        let (key, status) = if i % 2 == 0 {
            ("2", "partially-met")
        } else {
            ("1", "met")
        };
        let v = c
            .execute_async(&save_script(key, status), vec![])
            .await
            .expect("script runs");
        let n = |i: usize| v.get(i).and_then(|x| x.as_f64()).expect("a number");
        shown_dom.push(n(0));
        status_drawn.push(n(1));
        stored.push(n(2));
    }
    stats("save: key 1/2 → status in the page (DOM)", shown_dom);
    stats("save: key 1/2 → status drawn (next frame)", status_drawn);
    stats(
        "save: key 1/2 → \"All changes saved\" shown (stored, fsync)",
        stored,
    );

    // The IPC round trip alone: a command that does nothing much, and a save through the shell.
    let mut info = Vec::new();
    let mut save = Vec::new();
    for i in 0..STEPS {
        info.push(
            js_ms(
                &c,
                r#"const f = arguments[arguments.length - 1];
const t0 = performance.now();
window.__TAURI_INTERNALS__.invoke('app_info').then(() => f(performance.now() - t0));"#,
            )
            .await,
        );
        let status = if i % 2 == 0 { "met" } else { "not-met" };
        save.push(js_ms(&c, &format!(r#"const f = arguments[arguments.length - 1];
const id = '00000000-0000-4000-8000-000000000001';
const input = {{ status: '{status}', justification: '', comment: 'ipc', owner: '', targetDate: null, priority: null, flagged: false }};
const t0 = performance.now();
window.__TAURI_INTERNALS__.invoke('save_answer', {{ id, itemId: 'AEO.A.01', input }}).then(() => f(performance.now() - t0), (e) => f(-1));"#)).await);
    }
    stats("IPC: app_info command round trip", info);
    stats(
        "IPC: save_answer command round trip (save, fsync, new badges)",
        save,
    );

    // A PDF report through the app: built, laid out by the PDF worker process, written.
    let mut pdf = Vec::new();
    for _ in 0..5 {
        let t0 = Instant::now();
        soak::run_script(&c, "export", &soak::exports_script(&id, 1)).await;
        pdf.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    stats(
        "PDF report exported through the app (worker process, file written)",
        pdf,
    );

    // Memory with the assessment open, after walking through it and saving.
    tokio::time::sleep(Duration::from_secs(2)).await;
    println!();
    let app_memory = memory(
        Path::new(APP),
        "with a fully answered assessment open, after 40 moves and 40 saves",
    );
    println!(
        "memory above the empty window: PSS {:+.0} MB, anonymous {:+.0} MB",
        app_memory.pss - floor_memory.pss,
        app_memory.anon - floor_memory.anon
    );

    // `BENCH_SOAK=0` skips the soak; `saves`, `moves`, `exports` or a comma-separated few of
    // them run only those.
    let choice = std::env::var("BENCH_SOAK").unwrap_or_default();
    let only: Vec<&str> = choice.split(',').filter(|w| !w.is_empty()).collect();
    match only.as_slice() {
        ["0"] => {}
        [] => soak::working_day(&c, Path::new(APP), &id, &items, None).await,
        some => {
            for w in some {
                assert!(
                    ["saves", "moves", "exports"].contains(w),
                    "BENCH_SOAK: {w}? (0, saves, moves, exports)"
                );
            }
            soak::working_day(&c, Path::new(APP), &id, &items, Some(some)).await;
        }
    }
    c.close().await.expect("close");
}
