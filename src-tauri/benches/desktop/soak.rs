//! A working day in one run of the app: 10,000 saves, 2,000 moves to the next or previous item and
//! 20 PDF report exports, through the app's own commands and keys, with the memory of the whole
//! app read after each tenth of the work. Nothing is asserted: the readings and their spread go
//! into BENCHMARKS.md. `BENCH_SOAK=saves` (or `moves`, `exports`, or two of them: `saves,exports`)
//! runs those activities alone, to see which one grows.

use std::path::Path;
use std::time::Duration;

use fantoccini::Client;
use fantoccini::wd::TimeoutConfiguration;

use crate::measure::{Memory, memory};

const ROUNDS: usize = 10;
const SAVES_PER_ROUND: usize = 1_000;
const MOVES_PER_ROUND: usize = 200;
const EXPORTS_PER_ROUND: usize = 2;

/// Saves `n` answers through the `save_answer` command, cycling through `items` and statuses.
fn saves_script(id: &str, items: &[String], n: usize, round: usize) -> String {
    let items = serde_json::to_string(items).expect("item ids");
    format!(
        r#"const f = arguments[arguments.length - 1];
const items = {items};
const statuses = ['met', 'partially-met', 'not-met'];
(async () => {{
  for (let i = 0; i < {n}; i++) {{
    const input = {{ status: statuses[i % 3], justification: '', comment: 'soak {round}.' + i, owner: 'Compliance', targetDate: null, priority: null, flagged: false }};
    await window.__TAURI_INTERNALS__.invoke('save_answer', {{ id: '{id}', itemId: items[i % items.length], input }});
  }}
  f(null);
}})().catch((e) => f(JSON.stringify(e)));"#
    )
}

/// Moves `n` times to the next item with the N key, turning round with P at either end.
fn moves_script(n: usize) -> String {
    format!(
        r#"const f = arguments[arguments.length - 1];
const view = () => document.querySelector('[data-testid="item-view"]');
const tick = () => new Promise((r) => setTimeout(r, 0));
(async () => {{
  let key = 'n', moved = 0;
  while (moved < {n}) {{
    const before = view().dataset.item;
    window.dispatchEvent(new KeyboardEvent('keydown', {{ key, bubbles: true }}));
    let tries = 0;
    while (view().dataset.item === before && tries < 200) {{ await tick(); tries++; }}
    if (view().dataset.item === before) key = key === 'n' ? 'p' : 'n';
    else moved++;
  }}
  f(null);
}})().catch((e) => f(String(e)));"#
    )
}

/// Exports the assessment as a PDF through `export_report` (the save dialog answers with the
/// test folder), `n` times.
pub fn exports_script(id: &str, n: usize) -> String {
    format!(
        r#"const f = arguments[arguments.length - 1];
const ipc = window.__TAURI_INTERNALS__;
(async () => {{
  for (let i = 0; i < {n}; i++) {{
    const channel = ipc.transformCallback(() => {{}});
    const request = {{ assessmentId: '{id}', format: 'pdf', paper: 'a4', language: i % 2 ? 'fr' : 'en', compareWith: null }};
    const done = await ipc.invoke('export_report', {{ request, onStep: '__CHANNEL__:' + channel }});
    if (!done) throw new Error('export cancelled');
  }}
  f(null);
}})().catch((e) => f(JSON.stringify(e)));"#
    )
}

pub async fn run_script(c: &Client, what: &str, script: &str) {
    let v = c.execute_async(script, vec![]).await.expect("script runs");
    assert!(v.is_null(), "{what} failed: {v}");
}

/// Runs the working day on the open assessment `id` of `app` and prints the memory readings;
/// `only` names the activities to run (`saves`, `moves`, `exports`), or none for all three.
pub async fn working_day(
    c: &Client,
    app: &Path,
    id: &str,
    items: &[String],
    only: Option<&[&str]>,
) {
    let runs = |what: &str| only.is_none_or(|o| o.contains(&what));
    c.update_timeouts(TimeoutConfiguration::new(
        Some(Duration::from_secs(600)),
        None,
        None,
    ))
    .await
    .expect("script timeout");
    println!();
    let count = |what: &str, n: usize| if runs(what) { ROUNDS * n } else { 0 };
    let (saves, moves, exports) = (
        count("saves", SAVES_PER_ROUND),
        count("moves", MOVES_PER_ROUND),
        count("exports", EXPORTS_PER_ROUND),
    );
    println!("soak: {saves} saves, {moves} moves, {exports} PDF exports in one run");
    let mut readings: Vec<Memory> = vec![memory(app, "soak, before")];
    for round in 1..=ROUNDS {
        if runs("saves") {
            run_script(c, "saves", &saves_script(id, items, SAVES_PER_ROUND, round)).await;
        }
        if runs("moves") {
            run_script(c, "moves", &moves_script(MOVES_PER_ROUND)).await;
        }
        if runs("exports") {
            run_script(c, "exports", &exports_script(id, EXPORTS_PER_ROUND)).await;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
        readings.push(memory(
            app,
            &format!(
                "soak, after {} saves, {} moves, {} exports",
                saves * round / ROUNDS,
                moves * round / ROUNDS,
                exports * round / ROUNDS
            ),
        ));
    }
    // Growth from the first tenth (once the first report has loaded the fonts and typst's
    // caches) to the end, and over the second half of the day alone.
    let spread = |f: fn(&Memory) -> f64| {
        let v: Vec<f64> = readings.iter().map(f).collect();
        let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let last = v[v.len() - 1];
        (last - v[1], last - v[ROUNDS / 2], lo, hi)
    };
    let (pss_growth, pss_late, pss_lo, pss_hi) = spread(|m| m.pss);
    let (anon_growth, anon_late, anon_lo, anon_hi) = spread(|m| m.anon);
    println!(
        "soak: PSS from the first tenth to the end {pss_growth:+.0} MB, over the second half \
         {pss_late:+.0} MB (range {pss_lo:.0}–{pss_hi:.0} MB); anonymous {anon_growth:+.0} MB, \
         over the second half {anon_late:+.0} MB (range {anon_lo:.0}–{anon_hi:.0} MB)"
    );
}
