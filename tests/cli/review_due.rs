//! Remark deadlines: a remark is due the application's days to answer after it is raised
//! (`review open --remark-within`, 30 by default) or on the day `review mark --due` gives; both
//! sides show the days left (overdue against the user's date), open remarks nearest deadline
//! first; a review file of version 1 (no deadlines) still imports.

use chrono::{Days, Local, NaiveDate};
use serde_json::Value;

use super::review::{app_id, json, p, refused, trader_assessment};
use crate::support::Env;

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn remark(env: &Env, app: &str, item: &str, text: &str, due: Option<&str>) -> String {
    let mut args = vec![
        "review", "mark", app, item, "--remark", text, "--kind", "query",
    ];
    if let Some(d) = due {
        args.extend(["--due", d]);
    }
    env.ok(&args)
}

/// Moves remark `number`'s due date to `due` in the customs database (as if raised long ago).
fn set_due(env: &Env, app: &str, number: u32, due: NaiveDate) {
    let c = rusqlite::Connection::open(&env.db).expect("open");
    c.execute(
        "UPDATE review_remarks SET due_on = ?3 WHERE application_id = ?1 AND number = ?2",
        rusqlite::params![app, number, due.format("%Y-%m-%d").to_string()],
    )
    .expect("update");
}

#[test]
fn remarks_are_due_after_the_applications_days_or_on_the_day_given() {
    let trader = Env::new();
    let customs = Env::new();
    let (id, items) = trader_assessment(&trader, 0);
    let sub = trader.dir.path().join("sub1.safeassess");
    trader.ok(&["submit", &id, "--out", p(&sub)]);
    customs.ok(&["review", "open", p(&sub), "--remark-within", "20"]);
    let app = app_id(&customs);
    let in_days = |n: u64| today() + Days::new(n);

    let out = remark(&customs, &app, &items[0], "Who signed the policy?", None);
    assert!(out.contains(&format!("due {}", in_days(20))), "{out}");
    let five = in_days(5).to_string();
    let out = remark(&customs, &app, &items[1], "Send the gate log", Some(&five));
    assert!(
        out.contains(&format!("R2 (query) on {}, due {five}", items[1])),
        "{out}"
    );

    // Bad dates: refused, nothing written.
    let yesterday = (today() - Days::new(1)).to_string();
    let err = refused(
        &customs,
        &[
            "review", "mark", &app, &items[2], "--remark", "x", "--kind", "query", "--due",
            &yesterday,
        ],
        "invalid_input",
    );
    assert!(err.contains("before today"), "{err}");
    let err = refused(
        &customs,
        &[
            "review",
            "mark",
            &app,
            &items[2],
            "--remark",
            "x",
            "--kind",
            "query",
            "--due",
            "30/04/2026",
        ],
        "invalid_input",
    );
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    let (code, _, _) = customs.run(&[
        "review", "mark", &app, &items[2], "--accept", "--due", &five,
    ]);
    assert_eq!(code, 2, "--due goes with --remark only");

    // Customs: the deadlines, open remarks nearest first.
    let text = customs.ok(&["review", "show", &app]);
    let list = text
        .split("Open remarks, nearest deadline first:")
        .nth(1)
        .expect("open remarks listed");
    let (r1, r2) = (
        list.find("R1 ").expect("R1 listed"),
        list.find("R2 ").expect("R2 listed"),
    );
    assert!(r2 < r1, "R2 is due first: {text}");
    assert!(
        text.contains("5 days left") && text.contains("20 days left"),
        "{text}"
    );
    let v = json(&customs, &["review", "show", &app, "--json"]);
    assert_eq!(v["remarks"][0]["due"], in_days(20).to_string());
    assert_eq!(v["remarks"][0]["daysLeft"], 20);
    assert_eq!(v["remarks"][1]["overdue"], false);

    // Overdue: judged against today.
    set_due(&customs, &app, 1, today() - Days::new(3));
    let text = customs.ok(&["review", "show", &app]);
    assert!(text.contains("OVERDUE by 3 days"), "{text}");
    let v = json(&customs, &["review", "show", &app, "--json"]);
    assert_eq!(v["remarks"][0]["overdue"], true);
    assert_eq!(v["remarks"][0]["daysLeft"], -3);

    // A third remark, due tomorrow: raised last, worked in second.
    let tomorrow = in_days(1).to_string();
    remark(
        &customs,
        &app,
        &items[2],
        "Show the seal register",
        Some(&tomorrow),
    );

    // The review file carries the due dates; the trader sees them, overdue first.
    customs.ok(&[
        "review",
        "decide",
        &app,
        "--return",
        "--note",
        "Two remarks",
    ]);
    let review = customs.dir.path().join("review1.safereview");
    customs.ok(&["review", "export", &app, "--out", p(&review)]);
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(&review).expect("read")).expect("JSON");
    assert_eq!(file["version"], 2);
    let out = trader.ok(&["review", "import", p(&review)]);
    assert!(out.contains("OVERDUE by 3 days"), "{out}");
    let show = trader.ok(&["show", &id]);
    let (r1, r2) = (
        show.find("R1 ").expect("R1 shown"),
        show.find("R2 ").expect("R2 shown"),
    );
    assert!(r1 < r2, "the overdue R1 first: {show}");
    assert!(
        show.contains("OVERDUE by 3 days") && show.contains(&format!("due {five}, 5 days left")),
        "{show}"
    );
    // The store gives the remarks in the order they are worked in (the app shows them so):
    // the overdue R1, then R3 due tomorrow, then R2 in five days.
    let s = json(&trader, &["show", &id, "--json"]);
    let numbers: Vec<u64> = s["review"]["remarks"]
        .as_array()
        .expect("remarks")
        .iter()
        .map(|r| r["number"].as_u64().expect("number"))
        .collect();
    assert_eq!(numbers, [1, 3, 2], "{}", s["review"]);
    assert_eq!(s["review"]["remarks"][2]["due"], five.as_str());
}

#[test]
fn a_review_file_of_version_1_still_imports_without_deadlines() {
    let fixtures =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/review-v1");
    let file = fixtures.join("review-v1.safereview");
    let text = std::fs::read_to_string(&file).expect("fixture");
    assert!(text.contains("\"version\": 1"), "a version-1 file");
    let trader = Env::new();
    std::fs::copy(fixtures.join("trader.sqlite"), &trader.db).expect("copy the database");
    let out = trader.ok(&["review", "import", p(&file)]);
    assert!(
        out.contains("attached the review of submission 1") && out.contains("no deadline"),
        "{out}"
    );
    let id = "44c9cde7-2f76-4b30-b998-8b6c0131f188";
    let show = trader.ok(&["show", id]);
    assert!(
        show.contains("Who signed the policy?") && show.contains("no deadline"),
        "{show}"
    );
    let s = json(&trader, &["show", id, "--json"]);
    assert_eq!(s["review"]["remarks"][0]["due"], Value::Null);
    // Answered and submitted again as usual.
    trader.ok(&["respond", id, "R1", "--text", "The director"]);
    let sub = trader.dir.path().join("sub2.safeassess");
    trader.ok(&["submit", id, "--out", p(&sub)]);
}
