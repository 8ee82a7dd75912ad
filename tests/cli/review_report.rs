//! The validation report on both sides, read back (PDF through pdftotext).

use crate::review::{app_id, p, refused};
use crate::review_trader::reviewed;

fn pdftotext(pdf: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

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
    let other = trader
        .ok(&[
            "new",
            "--title",
            "Other",
            "--profile",
            "trader",
            "--role",
            "importer",
        ])
        .trim()
        .to_string();
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
