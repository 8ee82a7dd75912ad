//! Customs saves a copy of an evidence file a submission carried: `review evidence APP` lists
//! them, `review evidence APP SHA --out FILE` writes the very bytes the trader attached.

use super::review::{app_id, json, p, refused, trader_assessment};
use crate::support::Env;

#[test]
fn customs_lists_a_submissions_evidence_and_saves_a_checked_copy() {
    let trader = Env::new();
    let customs = Env::new();
    let (id, items) = trader_assessment(&trader, 0);
    let plan = trader.dir.path().join("security-plan.txt");
    std::fs::write(&plan, "site security plan, rev. 4\n").expect("write");
    trader.ok(&["evidence", "add", &id, &items[0], p(&plan)]);
    let sub = trader.dir.path().join("sub1.safeassess");
    trader.ok(&["submit", &id, "--out", p(&sub)]);
    customs.ok(&["review", "open", p(&sub)]);
    let app = app_id(&customs);

    let list = json(&customs, &["review", "evidence", &app, "--json"]);
    assert_eq!(list["schema"], "safe-assess.review-evidence/1");
    let files = list["evidence"].as_array().expect("evidence");
    assert_eq!(files.len(), 1, "{list}");
    assert_eq!(files[0]["fileName"], "security-plan.txt");
    let sha = files[0]["sha256"].as_str().expect("sha256").to_string();
    let text = customs.ok(&["review", "evidence", &app]);
    assert!(
        text.contains(&sha[..12]) && text.contains("security-plan.txt"),
        "{text}"
    );

    // A prefix of the SHA-256 is enough; the copy has the trader's bytes.
    let copy = customs.dir.path().join("copy.txt");
    let out = customs.ok(&["review", "evidence", &app, &sha[..10], "--out", p(&copy)]);
    assert!(out.contains("checked"), "{out}");
    assert_eq!(
        std::fs::read(&copy).expect("copy"),
        std::fs::read(&plan).expect("plan")
    );

    // Refused, nothing written: an existing file without --force, a short or unknown SHA-256.
    refused(
        &customs,
        &["review", "evidence", &app, &sha, "--out", p(&copy)],
        "file_exists",
    );
    customs.ok(&[
        "review",
        "evidence",
        &app,
        &sha,
        "--out",
        p(&copy),
        "--force",
    ]);
    let other = customs.dir.path().join("other.txt");
    refused(
        &customs,
        &["review", "evidence", &app, "abc", "--out", p(&other)],
        "invalid_input",
    );
    refused(
        &customs,
        &["review", "evidence", &app, "00000000ff", "--out", p(&other)],
        "not_found",
    );
    assert!(!other.exists());
}
