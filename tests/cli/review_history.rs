//! The customs side's history: every action of the validator on an application, in order, in
//! `review history APP [--json]`; a refused action records nothing.

use super::review::{app_id, json, p, refused, trader_assessment};
use crate::support::Env;

fn actions(customs: &Env, app: &str) -> Vec<String> {
    let h = json(customs, &["review", "history", app, "--json"]);
    assert_eq!(h["schema"], "safe-assess.review-history/1");
    assert_eq!(h["applicationId"], app);
    h["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| e["action"].as_str().expect("action").to_string())
        .collect()
}

#[test]
fn every_customs_action_is_in_the_applications_history() {
    let trader = Env::new();
    let customs = Env::new();
    let (id, items) = trader_assessment(&trader, 0);
    let sub = trader.dir.path().join("sub1.safeassess");
    trader.ok(&["submit", &id, "--out", p(&sub)]);
    customs.ok(&["review", "open", p(&sub)]);
    let app = app_id(&customs);
    assert_eq!(actions(&customs, &app), ["review-open"]);

    customs.ok(&["review", "mark", &app, &items[1], "--accept"]);
    customs.ok(&[
        "review",
        "mark",
        &app,
        &items[0],
        "--remark",
        "Who signed the policy?",
        "--kind",
        "query",
    ]);
    customs.ok(&[
        "review",
        "visit",
        &app,
        "--item",
        &items[0],
        "--finding",
        "Gate log kept on paper",
    ]);
    customs.ok(&["review", "decide", &app, "--return", "--note", "One remark"]);
    let review = customs.dir.path().join("review1.safereview");
    customs.ok(&["review", "export", &app, "--out", p(&review)]);
    // Refused actions record nothing (the helper checks the whole database is unchanged).
    refused(
        &customs,
        &["review", "export", &app, "--out", p(&review)],
        "share_invalid",
    );
    refused(
        &customs,
        &["review", "decide", &app, "--grant", "--note", "x"],
        "invalid_input",
    );
    customs.ok(&["review", "close-remark", &app, "R1"]);
    assert_eq!(
        actions(&customs, &app),
        [
            "review-open",
            "review-accept",
            "review-remark",
            "review-finding",
            "review-decide",
            "review-export",
            "review-close-remark",
        ]
    );
    let h = json(&customs, &["review", "history", &app, "--json"]);
    let e = &h["entries"];
    assert_eq!(e[0]["new"]["submission"], 1);
    assert_eq!(e[0]["new"]["created"], true);
    assert_eq!(e[1]["itemId"], items[1].as_str());
    assert_eq!(e[2]["new"]["number"], 1);
    assert_eq!(e[2]["new"]["kind"], "query");
    assert!(e[2]["new"]["due"].is_string(), "{}", e[2]);
    assert_eq!(e[4]["new"]["decision"], "return");
    assert_eq!(e[5]["new"]["file"], "review1.safereview");
    assert_eq!(e[6]["itemId"], items[0].as_str());
    assert_eq!(e[6]["by"], "Test User");

    let text = customs.ok(&["review", "history", &app]);
    assert!(
        text.contains("R1 [query] Who signed the policy?")
            && text.contains("on site: Gate log kept on paper")
            && text.contains("return on submission 1: One remark")
            && text.contains("R1 closed"),
        "{text}"
    );
    refused(&customs, &["review", "history", "nope"], "not_found");
}
