//! Scale check (issue 7): builds a large database — by default 1,000 assessments of 300 answered
//! items each, with history and evidence — and measures the home list, opening one assessment and
//! saving an answer there, on a database holding a single such assessment, and on one holding as
//! many assessments with no answers (the home list has one line per assessment, so that is the
//! fair base for it).
//!
//! `cargo run --release -p safe-core --example scale -- [ASSESSMENTS] [ITEMS] [DB_PATH]`
//!
//! Without DB_PATH the database is built in a temporary folder and removed afterwards.
//!
//! A customs validator's database instead (issue 14): N applications of M answers each, then the
//! queue (`review list`) and opening one application (`review show`) measured:
//!
//! `cargo run --release -p safe-core --example scale -- --applications [N] [M] [DB_PATH]`

use std::path::Path;
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use safe_core::catalogue::{Library, Profile};
use safe_core::model::{AnswerInput, NewAssessment, Stamp, Status};
use safe_core::store::{EvidenceFile, Store, Validity};

fn stamp(n: i64) -> Stamp {
    let t0 = Utc
        .with_ymd_and_hms(2025, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    Stamp {
        at: t0 + Duration::seconds(n),
        by: "generator".into(),
    }
}

const CRIT: [&str; 3] = ["critical", "major", "minor"];
const AIMS: [&str; 3] = [
    "prevent-exploitation",
    "protect-critical-nodes",
    "resilience-recovery",
];

/// A synthetic trader pack with `items` items over 13 sections, written to `dir/scale.json`.
fn write_pack(dir: &Path, items: usize) -> std::io::Result<()> {
    let sections: Vec<serde_json::Value> = (0..13)
        .map(|s| {
            let letter = (b'A' + s as u8) as char;
            let its: Vec<serde_json::Value> = (0..items)
                .filter(|i| i % 13 == s)
                .map(|i| serde_json::json!({
                    "id": format!("S.{letter}.{i:03}"), "title": format!("Requirement {i}"),
                    "requirement": "A synthetic requirement used to measure the app at scale.",
                    "guidance": "Synthetic guidance text of a realistic length, used only for benchmarks.",
                    "shortfall": "Synthetic shortfall text.", "evidence": ["Record one", "Record two"],
                    "reference": "Synthetic", "roles": ["all"],
                    "criticality": CRIT[i % 3], "mandatory": i % 4 != 0,
                    "aim": AIMS[i % 3]
                }))
                .collect();
            serde_json::json!({"id": format!("S.{letter}"), "kind": "section", "code": letter.to_string(),
                "title": format!("Section {letter}"), "summary": "Synthetic section.", "reference": "Synthetic", "items": its})
        })
        .collect();
    let pack = serde_json::json!({"format": 1, "id": "scale", "title": "Scale test", "edition": "Synthetic",
        "date": "2026-01-01", "version": "1.0.0", "profile": "trader", "source": "Generated for benchmarks",
        "groups": sections});
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("scale.json"), pack.to_string())
}

/// Creates assessment `id` and, when `answered`, answers every item twice and adds evidence.
fn fill(
    store: &mut Store,
    lib: &Library,
    id: &str,
    seed: i64,
    answered: bool,
) -> Result<(), safe_core::Error> {
    let new = NewAssessment {
        title: format!("Assessment {id}"),
        profile: Some(Profile::Trader),
        roles: vec!["importer".into()],
        organisation: format!("Organisation {}", seed % 97),
        pack_id: Some("scale".into()),
        ..Default::default()
    };
    store.create_assessment(lib, &new, id, &stamp(seed))?;
    if !answered {
        return Ok(());
    }
    let pack = lib
        .get("scale")
        .ok_or_else(|| safe_core::Error::invalid("scale pack missing"))?;
    let statuses = [Status::Met, Status::PartiallyMet, Status::NotMet];
    for (n, item) in pack.items().iter().enumerate() {
        // Two versions of each answer, so every item has history.
        for v in 0..2 {
            let input = AnswerInput {
                comment: format!("Comment {v} on {}", item.id),
                owner: "Compliance".into(),
                ..AnswerInput::status(statuses[(n + v) % 3])
            };
            store.save_answer(id, &item.id, &input, &stamp(seed + n as i64))?;
        }
        if n % 15 == 0 {
            let file = EvidenceFile {
                file_name: format!("evidence-{n}.pdf"),
                bytes: format!("{id} {n}").repeat(200).into_bytes(),
            };
            store.add_evidence(id, &item.id, &file, Validity::default(), &stamp(seed))?;
        }
    }
    Ok(())
}

fn median(mut f: impl FnMut(), runs: usize) -> f64 {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[runs / 2]
}

fn measure(label: &str, store: &mut Store, id: &str, item: &str) -> Result<(), safe_core::Error> {
    let list = median(|| drop(store.list_assessments()), 9);
    let open = median(|| drop(safe_core::open_assessment(store, id)), 31);
    let mut n = 0;
    let mut failed = None;
    let save = median(
        || {
            n += 1;
            let input = AnswerInput {
                comment: format!("timed {n}"),
                ..AnswerInput::status(Status::Met)
            };
            if let Err(e) = store.save_answer(id, item, &input, &Stamp::now("bench")) {
                failed = Some(e);
            }
        },
        51,
    );
    if let Some(e) = failed {
        return Err(e);
    }
    println!("| {label} | {list:.2} ms | {open:.2} ms | {save:.2} ms |");
    Ok(())
}

#[path = "../benches/support/queue.rs"]
mod queue;

/// `--applications N M [DB]`: a validator's database and its queue.
fn applications(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let count: usize = args.first().map(|s| s.parse()).transpose()?.unwrap_or(1000);
    let items: usize = args.get(1).map(|s| s.parse()).transpose()?.unwrap_or(100);
    let tmp = tempfile::tempdir()?;
    let db = args
        .get(2)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| tmp.path().join("customs.sqlite"));
    let pack = queue::pack("scale-queue", "Q", items)?;
    let started = Instant::now();
    let mut store = Store::open(&db)?;
    let ids = queue::fill(&mut store, &pack, count)?;
    let size = std::fs::metadata(&db)?.len();
    println!(
        "generated {count} applications x {items} answers in {:.1} s, database {:.0} MB",
        started.elapsed().as_secs_f64(),
        size as f64 / 1e6
    );
    let one = ids.get(ids.len() / 2).cloned().unwrap_or_default();
    let list = median(|| drop(store.applications()), 9);
    let open = median(
        || {
            if let Ok(v) = store.application_view(&one) {
                drop(store.pack(&v.application.pack_id, &v.application.pack_version));
            }
        },
        31,
    );
    println!("| database | review list (queue) | review show (open one) |");
    println!("|---|---|---|");
    println!("| {count} applications x {items} answers | {list:.2} ms | {open:.2} ms |");
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--applications") {
        return applications(&args[1..]);
    }
    let count: usize = args.first().map(|s| s.parse()).transpose()?.unwrap_or(1000);
    let items: usize = args.get(1).map(|s| s.parse()).transpose()?.unwrap_or(300);
    let tmp = tempfile::tempdir()?;
    let db = args
        .get(2)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| tmp.path().join("scale.sqlite"));
    let cat = safe_core::store::user_catalogue_dir(&db);
    write_pack(&cat, items)?;
    let lib = Library::load(&cat)?;

    let small_db = tmp.path().join("small").join("small.sqlite");
    write_pack(&safe_core::store::user_catalogue_dir(&small_db), items)?;
    let mut small = Store::open(&small_db)?;
    fill(&mut small, &lib, "small-0", 0, true)?;
    let empty_db = tmp.path().join("empty").join("empty.sqlite");
    write_pack(&safe_core::store::user_catalogue_dir(&empty_db), items)?;
    let mut empty = Store::open(&empty_db)?;
    empty.set_durable(false)?;
    for k in 0..count {
        fill(
            &mut empty,
            &lib,
            &format!("e-{k:05}"),
            k as i64 * 1000,
            false,
        )?;
    }
    empty.set_durable(true)?;
    let item = lib
        .get("scale")
        .and_then(|p| p.items().first().map(|i| i.id.clone()))
        .unwrap_or_default();

    let started = Instant::now();
    let mut big = Store::open(&db)?;
    big.set_durable(false)?;
    for k in 0..count {
        fill(&mut big, &lib, &format!("a-{k:05}"), k as i64 * 1000, true)?;
    }
    big.set_durable(true)?;
    let size = std::fs::metadata(&db)?.len();
    println!(
        "generated {count} assessments x {items} items in {:.1} s, database {:.0} MB",
        started.elapsed().as_secs_f64(),
        size as f64 / 1e6
    );
    println!("| database | home list | open + score one assessment | save one answer |");
    println!("|---|---|---|---|");
    measure("1 assessment", &mut small, "small-0", &item)?;
    measure(
        &format!("{count} assessments, none answered"),
        &mut empty,
        &format!("e-{:05}", count / 2),
        &item,
    )?;
    measure(
        &format!("{count} assessments"),
        &mut big,
        &format!("a-{:05}", count / 2),
        &item,
    )?;
    Ok(())
}
