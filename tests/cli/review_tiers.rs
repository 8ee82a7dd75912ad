//! Tiers on a customs application: the validator can mark only the items of the tiers applied
//! for, and the queue and the application name the roles and tiers.

use super::review::{app_id, json, p, refused};
use crate::support::Env;

/// An EU AEO assessment (importer, AEOC only) with every asked item answered, submitted and
/// opened by customs. Returns (customs, application id).
fn eu_aeoc_application() -> (Env, String) {
    let trader = Env::new();
    let customs = Env::new();
    let id = trader.new_assessment(&[
        "--title",
        "EU AEO 2026",
        "--profile",
        "trader",
        "--role",
        "importer",
        "--pack",
        "eu-aeo-ucc",
        "--tier",
        "aeoc",
        "--org",
        "Acme Import",
        "--country",
        "FR",
    ]);
    let path = format!(
        "{}/assets/catalogue/eu-aeo-ucc.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let pack: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("pack")).expect("JSON");
    fn walk(g: &serde_json::Value, out: &mut Vec<String>) {
        for i in g["items"].as_array().into_iter().flatten() {
            out.push(i["id"].as_str().expect("id").to_string());
        }
        for c in g["groups"].as_array().into_iter().flatten() {
            walk(c, out);
        }
    }
    let mut items = Vec::new();
    for g in pack["groups"].as_array().expect("groups") {
        walk(g, &mut items);
    }
    let mut asked = 0;
    for item in &items {
        // Items of section 6 (AEOS) are refused for an AEOC assessment: skipped.
        let (code, _, _) = trader.run(&["answer", &id, item, "--status", "met"]);
        if code == 0 {
            asked += 1;
        }
    }
    assert!(
        asked > 0 && asked < items.len(),
        "{asked} of {}",
        items.len()
    );
    let sub = trader.dir.path().join("sub1.safeassess");
    trader.ok(&["submit", &id, "--out", p(&sub)]);
    customs.ok(&["review", "open", p(&sub)]);
    let app = app_id(&customs);
    (customs, app)
}

#[test]
fn an_item_outside_the_tiers_applied_for_cannot_be_marked() {
    let (customs, app) = eu_aeoc_application();
    // Section 6 is for AEOS only.
    let err = refused(
        &customs,
        &["review", "mark", &app, "EU.6.1.01", "--accept"],
        "invalid_input",
    );
    assert!(
        err.contains("EU.6.1.01") && err.contains("tiers (aeoc)") && err.contains("aeos"),
        "{err}"
    );
    let err = refused(
        &customs,
        &[
            "review",
            "mark",
            &app,
            "EU.6.2.01",
            "--remark",
            "Show the access log",
            "--kind",
            "query",
        ],
        "invalid_input",
    );
    assert!(err.contains("does not apply"), "{err}");
    refused(
        &customs,
        &[
            "review",
            "visit",
            &app,
            "--item",
            "EU.6.2.01",
            "--finding",
            "x",
        ],
        "invalid_input",
    );
    // Section 5 (AEOC) and the common sections can.
    customs.ok(&["review", "mark", &app, "EU.5.01", "--accept"]);
    customs.ok(&["review", "mark", &app, "EU.2.01", "--accept"]);
}

#[test]
fn the_queue_and_the_application_name_the_roles_and_tiers() {
    let (customs, app) = eu_aeoc_application();
    let q = json(&customs, &["review", "list", "--json"]);
    assert_eq!(q["schema"], "safe-assess.review-queue/1");
    let row = &q["applications"][0];
    assert_eq!(row["tiers"], serde_json::json!(["aeoc"]));
    assert_eq!(row["roles"], serde_json::json!(["importer"]));
    assert_eq!(row["tierLabels"][0]["id"], "aeoc");
    assert_eq!(
        row["tierLabels"][0]["name"],
        "AEOC – Customs simplifications"
    );
    assert_eq!(row["roleLabels"][0]["id"], "importer");
    assert_eq!(row["roleLabels"][0]["name"], "Importer");
    let text = customs.ok(&["review", "list"]);
    assert!(text.contains("TIERS") && text.contains("AEOC "), "{text}");

    let v = json(&customs, &["review", "show", &app, "--json"]);
    assert_eq!(v["application"]["tiers"], serde_json::json!(["aeoc"]));
    assert_eq!(v["application"]["tierLabels"][0]["id"], "aeoc");
    let text = customs.ok(&["review", "show", &app]);
    assert!(
        text.contains("tiers: AEOC – Customs simplifications (aeoc)")
            && text.contains("Roles:       Importer (importer)"),
        "{text}"
    );
    // Only the asked items are listed: section 5, not section 6.
    assert!(
        text.contains("EU.5.01") && !text.contains("EU.6.1.01"),
        "{text}"
    );
}
