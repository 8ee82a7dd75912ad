//! The validation report on both sides, read back (PDF through pdftotext).

use super::review::{app_id, p, refused};
use super::review_trader::reviewed;

use safe_test_support::pdf_text as pdftotext;

#[test]
fn customs_and_trader_write_the_validation_report() {
    let (trader, customs, id, items, _) = reviewed();
    let app = app_id(&customs);
    customs.ok(&[
        "review",
        "visit",
        &app,
        "--item",
        &items[1],
        "--finding",
        "Gate log kept on paper",
    ]);
    let pdf = customs.dir.path().join("validation.pdf");
    let out = customs.ok(&["review", "report", &app[..8], "--out", p(&pdf)]);
    assert!(out.contains("validation report"), "{out}");
    let text = pdftotext(&pdf);
    for w in [
        "Validation report",
        "Acme Logistics",
        "Returned to the applicant",
        "One remark to answer",
        "Who signed the policy?",
        "Gate log kept on paper",
        "Review by section",
        "Accept by",
    ] {
        assert!(text.contains(w), "'{w}' missing: {text}");
    }
    // An existing file is kept; a format other than pdf or html is refused.
    refused(
        &customs,
        &["review", "report", &app, "--out", p(&pdf)],
        "file_exists",
    );
    let csv = customs.dir.path().join("v.csv");
    refused(
        &customs,
        &[
            "review",
            "report",
            &app,
            "--format",
            "csv",
            "--out",
            p(&csv),
        ],
        "invalid_input",
    );
    assert!(!csv.exists());

    // The report the submission carried.
    let carried = customs.dir.path().join("submission-1.pdf");
    let out = customs.ok(&["review", "pdf", &app, "--out", p(&carried)]);
    assert!(out.contains("submission 1"), "{out}");
    assert!(pdftotext(&carried).contains("Acme Logistics"));
    refused(
        &customs,
        &["review", "pdf", &app, "--submission", "7", "--out", p(&csv)],
        "not_found",
    );

    // The trader, in French, with its answer to the remark.
    trader.ok(&["respond", &id, "R1", "--text", "Le directeur, le 3 mars"]);
    let html = trader.dir.path().join("validation.html");
    trader.ok(&[
        "review",
        "report",
        "--assessment",
        &id,
        "--format",
        "html",
        "--lang",
        "fr",
        "--out",
        p(&html),
    ]);
    let page = std::fs::read_to_string(&html).expect("read");
    for w in [
        "Rapport de validation",
        "Renvoyée au demandeur",
        "Le directeur, le 3 mars",
        "Clé de la douane reconnue",
    ] {
        assert!(page.contains(w), "'{w}' missing");
    }
    let fr = trader.dir.path().join("validation-fr.pdf");
    trader.ok(&[
        "review",
        "report",
        "--assessment",
        &id,
        "--lang",
        "fr",
        "--out",
        p(&fr),
    ]);
    assert!(pdftotext(&fr).contains("Examen par section"));

    // An assessment without a review attached.
    let other = trader.trader("Other", "importer");
    let none = trader.dir.path().join("none.pdf");
    refused(
        &trader,
        &[
            "review",
            "report",
            "--assessment",
            &other,
            "--out",
            p(&none),
        ],
        "not_found",
    );
}

#[test]
fn the_validation_plan_ranks_the_changed_and_partial_sections_first() {
    let (trader, customs, id, items, _) = reviewed();
    let app = app_id(&customs);
    // Submission 2 changes a reopened answer to partially met.
    let changed = &items[5];
    trader.ok(&["reopen", &id, changed]);
    trader.ok(&["answer", &id, changed, "--status", "partially-met"]);
    trader.ok(&["respond", &id, "R1", "--text", "The director"]);
    let sub2 = trader.dir.path().join("sub2.safeassess");
    trader.ok(&["submit", &id, "--out", p(&sub2)]);
    customs.ok(&["review", "open", p(&sub2)]);
    let plan: serde_json::Value =
        serde_json::from_str(&customs.ok(&["review", "plan", &app, "--json"])).expect("JSON");
    assert_eq!(plan["schema"], "safe-assess.review-plan/1");
    assert_eq!(plan["submission"], 2);
    let sections = plan["sections"].as_array().expect("sections");
    assert!(!sections.is_empty());
    assert_eq!(sections[0]["rank"], 1);
    let with_changed = sections
        .iter()
        .find(|s| {
            s["items"]
                .as_array()
                .is_some_and(|i| i.iter().any(|x| x["itemId"] == changed.as_str()))
        })
        .expect("the changed item is planned");
    let item = with_changed["items"]
        .as_array()
        .and_then(|i| i.iter().find(|x| x["itemId"] == changed.as_str()))
        .expect("item");
    let reasons: Vec<&str> = item["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .filter_map(|r| r.as_str())
        .collect();
    assert!(
        reasons.contains(&"changed") && reasons.contains(&"partially-met"),
        "{reasons:?}"
    );
    let prios: Vec<u64> = sections
        .iter()
        .filter_map(|s| s["priority"].as_u64())
        .collect();
    assert!(prios.windows(2).all(|w| w[0] >= w[1]), "{prios:?}");
    let text = customs.ok(&["review", "plan", &app]);
    assert!(
        text.contains("  1. ") && text.contains("changed since the last submission"),
        "{text}"
    );
    refused(&customs, &["review", "plan", "nope"], "not_found");
}
