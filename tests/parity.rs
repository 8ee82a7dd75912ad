//! The command line and the application layer give the same answer for the same question on one
//! database: the family of an organisation, the date a report judges "overdue" against, and the
//! failure (code and message) of a refused action. The desktop commands call the same `safe_app`
//! functions (see `src-tauri/src/commands/tests.rs`), so all three agree.
#![allow(clippy::expect_used)]

use crate::support::Env;
use safe_core::store::Store;
use serde_json::Value;

fn new(env: &Env, title: &str, profile: &str, org: &str) -> String {
    let mut args = vec!["new", "--title", title, "--profile", profile, "--org", org];
    if profile == "trader" {
        args.extend(["--role", "importer"]);
    }
    env.ok(&args).trim().to_string()
}

fn json(env: &Env, args: &[&str]) -> Value {
    serde_json::from_str(&env.ok(args)).expect("JSON output")
}

fn ids(list: Vec<safe_core::store::AssessmentSummary>) -> Vec<String> {
    list.into_iter().map(|x| x.assessment.id).collect()
}

#[test]
fn the_family_of_an_organisation_is_the_same_for_the_cli_and_the_app() {
    let env = Env::new();
    let first = new(&env, "Acme 2025", "trader", "Acme Logistics");
    let second = new(&env, "Acme 2026", "trader", "  ACME logistics ");
    new(&env, "Other", "trader", "Acme Logistiçs");
    let binned = new(&env, "Binned", "trader", "acme logistics");
    env.ok(&["delete", &binned]);
    let third = new(&env, "Acme 2027", "trader", "Acme Logistics");

    let cli = json(&env, &["trend", "--org", "acme logistics", "--json"]);
    let cli_ids: Vec<String> = cli["trend"]["assessments"]
        .as_array()
        .expect("assessments")
        .iter()
        .map(|p| p["id"].as_str().expect("id").to_string())
        .collect();
    let store = Store::open(&env.db).expect("store");
    let app = ids(safe_app::family::family(&store, &second).expect("family"));
    assert_eq!(cli_ids, vec![first.clone(), second.clone(), third.clone()]);
    assert_eq!(cli_ids, app, "one family rule");
    let trend = safe_app::family::family_trend(&store, &first, None)
        .expect("trend")
        .expect("three assessments");
    assert_eq!(serde_json::to_value(&trend).expect("json"), cli["trend"]);
    drop(store);

    // Another catalogue is another family: the CLI refuses with the app's message.
    new(&env, "Acme customs", "customs", "Acme Logistics");
    let store = Store::open(&env.db).expect("store");
    let e = safe_app::family::organisation_family(&store, "acme logistics")
        .expect_err("two catalogues");
    assert_eq!(e.code(), "invalid_input");
    drop(store);
    let (code, _, err) = env.run(&["trend", "--org", "acme logistics"]);
    assert_eq!(code, 2, "a user error");
    assert_eq!(err.lines().next(), Some(format!("error: {e}").as_str()));
}

#[test]
fn a_report_is_judged_against_the_same_day_and_refused_with_the_same_error() {
    let env = Env::new();
    let first = new(&env, "Acme 2025", "trader", "Acme");
    let second = new(&env, "Acme 2026", "trader", "Acme");
    let stranger = new(&env, "Else", "trader", "Someone Else");
    let item = env.items_for(&second).mandatory[0].clone();
    let yesterday = (safe_app::today() - chrono::Duration::days(1)).to_string();
    env.ok(&[
        "answer", &second, &item, "--status", "not-met", "--due", &yesterday,
    ]);

    let out = env.dir.path().join("r.json");
    let out_s = out.to_str().expect("utf-8 path");
    env.ok(&[
        "report",
        &second,
        "--format",
        "json",
        "--out",
        out_s,
        "--compare-with",
        &first,
    ]);
    let cli: Value =
        serde_json::from_slice(&std::fs::read(&out).expect("report")).expect("report JSON");
    let store = Store::open(&env.db).expect("store");
    let opts = safe_app::report::options(
        safe_report::Lang::En,
        safe_report::Paper::A4,
        chrono::Utc::now(),
    );
    let data = safe_app::report::build(&store, &second, Some(&first), &opts).expect("report");
    let app = serde_json::to_value(&data).expect("json");
    assert_eq!(cli["asOf"], app["asOf"], "one rule for today");
    assert_eq!(app["asOf"], safe_app::today().to_string());
    let overdue = |v: &Value| -> Vec<Value> {
        v["gaps"]
            .as_array()
            .expect("gaps")
            .iter()
            .map(|g| g["overdue"].clone())
            .collect()
    };
    assert_eq!(overdue(&cli), overdue(&app));
    assert!(overdue(&cli).contains(&Value::Bool(true)), "due yesterday");

    let e = safe_app::report::build(&store, &second, Some(&stranger), &opts)
        .expect_err("another organisation");
    assert_eq!(e.code(), "not_comparable");
    drop(store);
    let (code, _, err) = env.run(&[
        "report",
        &second,
        "--format",
        "json",
        "--out",
        out_s,
        "--force",
        "--compare-with",
        &stranger,
    ]);
    assert_eq!(code, 2, "a user error");
    assert_eq!(err.lines().next(), Some(format!("error: {e}").as_str()));
}
