//! Runs the built `safe-assess` binary through the whole flow of a trader assessment and every bad
//! input the command line must refuse (exit code 2, one line naming the problem, database unchanged).

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the report

mod bin;
mod catalogue_xlsx;
mod crosswalk;
mod database;
mod evidence;
mod output;
mod packs;
mod rebase;
mod refusals;
mod review;
mod review_due;
mod review_evidence;
mod review_history;
mod review_keys;
mod review_report;
mod review_tiers;
mod review_trader;
mod tiers;

use crate::support::Env;

#[test]
fn freight_forwarder_flow_from_the_readme() {
    let env = Env::new();
    let list = env.ok(&["catalogue", "list", "--json"]);
    let cat: serde_json::Value = serde_json::from_str(&list).expect("catalogue JSON");
    let packs: Vec<&str> = cat["packs"]
        .as_array()
        .expect("packs")
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert_eq!(
        packs,
        [
            "safe2021-customs",
            "safe2021-aeo",
            "safe2025-customs",
            "safe2025-aeo",
            "ctpat-msc",
            "iso28000-2022",
            "wco-precursors",
            "eu-aeo-ucc"
        ]
    );
    assert!(
        cat["roles"]
            .as_array()
            .expect("roles")
            .iter()
            .any(|r| r["id"] == "freight-forwarder")
    );

    let id = env.ok(&[
        "new",
        "--title",
        "AEO readiness 2026",
        "--profile",
        "trader",
        "--role",
        "freight-forwarder",
        "--org",
        "Acme Forwarding Ltd",
        "--country",
        "KE",
    ]);
    let id = id.trim().to_string();
    assert_eq!(id.len(), 36, "prints the new id: {id}");

    let items = env.items_for(&id);
    let (mandatory, optional) = (&items.mandatory[0], &items.optional[0]);
    env.ok(&[
        "answer",
        &id,
        mandatory,
        "--status",
        "met",
        "--comment",
        "Policy signed by the board",
    ]);
    env.ok(&[
        "answer",
        &id[..8],
        &items.mandatory[1],
        "--status",
        "not-met",
        "--owner",
        "Security manager",
        "--due",
        "2026-12-31",
        "--priority",
        "high",
        "--flag",
    ]);
    env.ok(&[
        "answer",
        &id,
        optional,
        "--status",
        "not-applicable",
        "--justification",
        "We do not operate this activity",
    ]);
    let evidence = env.dir.path().join("security-policy.pdf");
    std::fs::write(&evidence, b"%PDF-1.7 fake policy").expect("write evidence");
    let added = env.ok(&[
        "evidence",
        "add",
        &id,
        mandatory,
        evidence.to_str().expect("utf-8 path"),
        "--expires",
        "2027-06-30",
    ]);
    assert!(added.contains("security-policy.pdf"), "{added}");

    let show: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", &id, "--json"])).expect("show JSON");
    assert_eq!(show["schema"], "safe-assess.show/1");
    assert_eq!(show["assessment"]["organisation"], "Acme Forwarding Ltd");
    let card = &show["scorecard"];
    assert_eq!(card["overall"]["answered"], 3);
    assert_eq!(
        card["verdict"]["readiness"], "not-ready",
        "a critical or major gap blocks readiness: {card}"
    );
    assert!(
        card["gaps"]
            .as_array()
            .expect("gaps")
            .iter()
            .any(|g| g["itemId"] == items.mandatory[1].as_str())
    );
    assert_eq!(show["evidence"][0]["fileName"], "security-policy.pdf");
    assert_eq!(show["evidence"][0]["expires"], "2027-06-30");

    let text = env.ok(&["show", &id]);
    assert!(
        text.contains("Verdict:") && text.contains("Gaps ("),
        "{text}"
    );
    let history = env.ok(&["history", &id, mandatory]);
    assert!(
        history.contains("answer") && history.contains("evidence-add"),
        "{history}"
    );
    let listing = env.ok(&["list"]);
    assert!(
        listing.contains("AEO readiness 2026") && listing.contains("Acme Forwarding Ltd"),
        "{listing}"
    );
}

#[test]
fn backup_and_restore_round_trip() {
    let env = Env::new();
    let id = env.new_assessment(&["--title", "Customs 2026", "--profile", "customs"]);
    let backup = env.ok(&["backup"]).trim().to_string();
    assert!(
        std::path::Path::new(&backup).exists(),
        "backup file {backup}"
    );
    env.ok(&["delete", &id]);
    assert!(!env.ok(&["list"]).contains("Customs 2026"));
    let out = env.ok(&["restore", "--latest"]);
    assert!(out.contains("kept as"), "{out}");
    assert!(
        env.ok(&["list"]).contains("Customs 2026"),
        "restored state has the assessment"
    );
    env.ok(&["delete", &id]);
    env.ok(&["undelete", &id]);
    assert!(
        env.ok(&["list"]).contains("Customs 2026"),
        "undelete brings it back"
    );
}
