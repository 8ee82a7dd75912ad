//! Validation by customs in the desktop app, on two data folders: the trader's submission is
//! prepared through `safe_app` (as `safe-assess submit` does); the validator opens it in the app,
//! accepts items, raises a remark, returns the application and exports the review file; the
//! trader opens that file in their app, sees the remark in the inbox and answers it, and finds
//! the accepted answer locked.

use fantoccini::Client;
use safe_core::catalogue::{Library, Profile};
use safe_core::model::{AnswerInput, NewAssessment, Stamp, Status};
use safe_core::store::Store;

use super::{APP, LIMIT, item_shown, open_item};
use crate::harness::*;

#[tokio::test(flavor = "multi_thread")]
async fn a_validator_reviews_a_submission_and_the_trader_sees_the_remarks() {
    tokio::time::timeout(LIMIT, review_scenario())
        .await
        .expect("the scenario finished within its time limit");
}

pub(crate) const REMARK: &str = "Send the signed security policy and its last review.";

/// A trader's assessment with every applicable item answered (one partly), submitted to `out`.
pub(crate) fn submit_trader(db: &std::path::Path, out: &std::path::Path) -> String {
    std::fs::create_dir_all(db.parent().expect("a folder")).expect("data folder");
    let mut store = Store::open(db).expect("the trader's database");
    let lib = Library::builtin().expect("the built-in catalogue");
    let stamp = Stamp::now("Trader Tester".to_string());
    let a = safe_app::assess::create(
        &mut store,
        &lib,
        &NewAssessment {
            title: "Acme AEO 2026".into(),
            profile: Some(Profile::Trader),
            roles: vec!["importer".into()],
            organisation: "Acme Trading Ltd".into(),
            country: "ke".into(),
            identifiers: String::new(),
            assessors: String::new(),
            scope: String::new(),
            pack_id: None,
            tiers: Vec::new(),
        },
        "11111111-2222-4333-8444-555555555555",
        &stamp,
    )
    .expect("created");
    let opened = safe_core::open_assessment(&store, &a.id).expect("opens");
    let items: Vec<String> = opened
        .pack
        .items()
        .into_iter()
        .filter(|i| opened.assessment.asks(i))
        .map(|i| i.id.clone())
        .collect();
    for (n, item) in items.iter().enumerate() {
        let input = AnswerInput {
            status: if n == 1 {
                Status::PartiallyMet
            } else {
                Status::Met
            },
            justification: String::new(),
            comment: "In place since 2024.".into(),
            owner: String::new(),
            target_date: None,
            priority: None,
            flagged: false,
        };
        safe_app::assess::save_answer(&mut store, &a.id, item, &input, &stamp).expect("answered");
    }
    let done =
        safe_app::review::submit(&mut store, db, &a.id, out, false, &stamp).expect("submitted");
    assert_eq!(done.number, 1);
    a.id
}

/// Scrolls an element to the middle of the window.
pub(crate) async fn scroll_to(c: &Client, css: &str) -> fantoccini::elements::Element {
    let el = find(c, css).await;
    c.execute(
        "arguments[0].scrollIntoView({block: 'center'});",
        vec![serde_json::to_value(&el).expect("element")],
    )
    .await
    .expect("scrolls");
    el
}

/// Clicks an element of the review list once scrolled to the middle of the window, where no
/// toast covers it.
pub(crate) async fn press(c: &Client, css: &str) {
    scroll_to(c, css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
}

pub(crate) fn item(id: &str, what: &str) -> String {
    format!("{}[data-item=\"{id}\"] {}", tid("review-item"), tid(what))
}

pub(crate) async fn to_french_dark(c: &Client) {
    click(c, ".brand").await;
    click(c, &tid("open-settings")).await;
    find(c, &tid("language"))
        .await
        .select_by_value("fr")
        .await
        .expect("choose French");
    until("the UI to speak French", || async {
        text(c, "h1").await == "Paramètres"
    })
    .await;
    click(c, &tid("theme-dark")).await;
    click(c, ".brand").await;
}

async fn review_scenario() {
    let display = Display::start();

    // --- The trader's submission, written as `safe-assess submit` writes it.
    let mut trader = World::new();
    let submission = trader.saves().join("Acme-AEO-2026-submission-1.safeassess");
    let id = submit_trader(&trader.database(), &submission);

    // --- Customs: open it from the queue.
    let mut customs = World::new();
    customs.pick(
        "acme-submission-1.safeassess",
        &std::fs::read(&submission).expect("file"),
    );
    let driver = Driver::start(&customs, &display, std::path::Path::new(APP));
    let c = driver.launch().await;
    find(&c, &tid("home-empty")).await;
    click(&c, &tid("open-applications")).await;
    find(&c, &tid("queue-empty")).await;
    click(&c, &tid("open-submission")).await;
    until("the application to open", || async {
        text(&c, &tid("application-title")).await == "Acme Trading Ltd"
    })
    .await;
    assert_eq!(text(&c, &tid("application-state")).await, "Received");
    screenshot(&c, &ready("application"), "r01-application-en").await;

    // Accept two items, raise a remark on a third, record an on-site finding.
    for i in ["AEO.A.01", "AEO.A.03"] {
        press(&c, &item(i, "accept-item")).await;
        find(&c, &item(i, "item-accepted")).await;
    }
    press(&c, &item("AEO.A.02", "remark-item")).await;
    find(&c, &item("AEO.A.02", "remark-kind"))
        .await
        .select_by_value("evidence-missing")
        .await
        .expect("choose the kind");
    type_into(&c, &item("AEO.A.02", "remark-text"), REMARK).await;
    screenshot(&c, &item("AEO.A.02", "remark-save"), "r02-remark-form-en").await;
    press(&c, &item("AEO.A.02", "remark-save")).await;
    find(&c, &item("AEO.A.02", "item-remark")).await;
    assert_eq!(
        attr(&c, &item("AEO.A.02", "item-remark"), "data-state")
            .await
            .as_deref(),
        Some("open")
    );
    // Due the application's days to answer from today, the item's chip saying it is open.
    let due = text(&c, &item("AEO.A.02", "remark-days")).await;
    assert!(due.ends_with("days left"), "the remark's deadline: {due}");
    scroll_to(&c, &item("AEO.A.02", "item-remark")).await;
    screenshot(&c, &item("AEO.A.02", "item-remark"), "r02b-remark-en").await;
    assert_eq!(
        attr(&c, &item("AEO.A.02", "item-remark-chip"), "data-state")
            .await
            .as_deref(),
        Some("open")
    );
    let counts = text(&c, &tid("review-counts")).await;
    assert!(
        counts.starts_with("2 accepted · 1 with a remark"),
        "{counts}"
    );
    assert_eq!(text(&c, &tid("application-state")).await, "Under review");

    // A decision without a note is refused with the core's message; with one, it is returned.
    press(&c, &tid("decision-return")).await;
    press(&c, &tid("decide-save")).await;
    let refused = text(&c, &tid("note-missing")).await;
    assert!(
        refused.contains("note"),
        "the refusal names the note: {refused}"
    );
    type_into(
        &c,
        &tid("decision-note"),
        "Please answer the remark on A.02.",
    )
    .await;
    press(&c, &tid("decide-save")).await;
    until("the application to be returned", || async {
        text(&c, &tid("application-state")).await == "Returned to applicant"
    })
    .await;
    find(&c, &tid("decision")).await;
    scroll_to(&c, &tid("decision")).await;
    screenshot(&c, &tid("decision"), "r03-decided-en").await;

    // The history, collapsed until asked for, says what was done in words.
    press(&c, &tid("history-toggle")).await;
    let raised = text(
        &c,
        "[data-testid=\"history-entry\"][data-action=\"review-remark\"]",
    )
    .await;
    assert!(
        raised.contains("R1 (Evidence missing) raised on AEO.A.02, due "),
        "{raised}"
    );
    find(
        &c,
        "[data-testid=\"history-entry\"][data-action=\"review-decide\"]",
    )
    .await;
    scroll_to(&c, &tid("review-history")).await;
    screenshot(&c, &tid("review-history"), "r03b-history-en").await;

    // The queue shows it with its state, open remarks and a deadline.
    click(&c, &tid("back-to-queue")).await;
    find(&c, &tid("queue-row")).await;
    assert_eq!(
        text(&c, &tid("queue-state-cell")).await,
        "Returned to applicant"
    );
    assert_eq!(text(&c, &tid("queue-remarks")).await, "1");
    let days = text(&c, &tid("days-left")).await;
    assert!(
        days.ends_with("days left"),
        "the decide deadline runs: {days}"
    );
    screenshot(&c, &ready("applications"), "r04-queue-en").await;

    // Export the review file.
    click(&c, &tid("queue-open")).await;
    find(&c, &tid("application-title")).await;
    click(&c, &tid("export-review")).await;
    let review = customs.saves().join("Acme-Trading-Ltd-review.safereview");
    until("the review file to be written", || async {
        review.is_file()
    })
    .await;

    // The same screens in French, dark.
    to_french_dark(&c).await;
    click(&c, &tid("open-applications")).await;
    find(&c, &tid("queue-row")).await;
    assert_eq!(
        text(&c, &tid("queue-state-cell")).await,
        "Renvoyée au demandeur"
    );
    screenshot(&c, &ready("applications"), "r05-queue-fr-dark").await;
    click(&c, &tid("queue-open")).await;
    find(&c, &item("AEO.A.02", "item-remark")).await;
    screenshot(&c, &ready("application"), "r06-application-fr-dark").await;
    scroll_to(&c, &tid("decision")).await;
    screenshot(&c, &tid("decision"), "r07-decided-fr-dark").await;
    c.close().await.expect("close the app");
    drop(driver);

    // --- The trader opens the review file in their app.
    trader.pick(
        "from-customs.safereview",
        &std::fs::read(&review).expect("review file"),
    );
    let driver = Driver::start(&trader, &display, std::path::Path::new(APP));
    let c = driver.launch().await;
    click(&c, &tid("open-assessment")).await;
    find(&c, &tid("customs-bar")).await;
    assert_eq!(text(&c, &tid("submitted-badge")).await, "Submitted (1)");
    screenshot(&c, &ready("workspace"), "r08-workspace-submitted-en").await;
    click(&c, &tid("open-review-file")).await;
    let fingerprint = text(&c, &tid("customs-fingerprint")).await;
    assert_eq!(fingerprint.replace(' ', "").len(), 16, "{fingerprint}");
    capture(
        &c,
        &display,
        &tid("customs-fingerprint"),
        "r09-key-trusted-en",
    )
    .await;
    click(&c, &tid("go-inbox")).await;

    // The inbox: the remark with its text, open; answer it.
    find(&c, &tid("inbox-remark")).await;
    assert_eq!(text(&c, &tid("inbox-remark-text")).await, REMARK);
    assert_eq!(
        attr(&c, &tid("inbox-remark"), "data-state")
            .await
            .as_deref(),
        Some("open")
    );
    assert_eq!(text(&c, &tid("inbox-state")).await, "Returned to applicant");
    let due = text(&c, &tid("remark-days")).await;
    assert!(due.ends_with("days left"), "the remark's deadline: {due}");
    screenshot(&c, &ready("inbox"), "r10-inbox-en").await;
    // The validation report of the review, from the trader's side.
    click(&c, &tid("validation-report")).await;
    find(&c, &tid("validation-format-pdf")).await;
    screenshot(
        &c,
        &tid("validation-run"),
        "r10b-validation-report-trader-en",
    )
    .await;
    click(&c, &tid("validation-run")).await;
    find(&c, &tid("validation-done")).await;
    let report = trader.saves().join("Acme-AEO-2026-validation-report.pdf");
    assert!(
        std::fs::read(&report)
            .expect("the validation report")
            .starts_with(b"%PDF"),
        "a PDF"
    );
    click(&c, &tid("validation-close")).await;
    type_into(
        &c,
        &tid("inbox-answer"),
        "Policy v3 signed on 2 March, attached.",
    )
    .await;
    click(&c, &tid("inbox-send")).await;
    until("the answer to be shown", || async {
        text(&c, &tid("inbox-remark"))
            .await
            .contains("Policy v3 signed on 2 March")
    })
    .await;

    // On the workspace: the remark on its item, the accepted answer locked.
    click(&c, &tid("inbox-item")).await;
    item_shown(&c, "AEO.A.02").await;
    find(&c, &tid("ws-remark")).await;
    open_item(&c, "AEO.A.01").await;
    find(&c, &tid("item-locked")).await;
    assert!(
        attr(&c, &tid("answer-fields"), "disabled").await.is_some(),
        "an answer customs accepted cannot be changed"
    );
    screenshot(&c, &tid("item-locked"), "r11-locked-en").await;
    // Reopening asks first, then unlocks the answer.
    click(&c, &tid("reopen-item")).await;
    capture(&c, &display, &tid("reopen-confirm"), "r11b-reopen-en").await;
    click(&c, &tid("reopen-confirm")).await;
    find(&c, &tid("item-reopened")).await;
    assert!(
        attr(&c, &tid("answer-fields"), "disabled").await.is_none(),
        "a reopened answer can be changed"
    );

    to_french_dark(&c).await;
    click(&c, &tid("open-assessment")).await;
    find(&c, &tid("customs-bar")).await;
    assert_eq!(text(&c, &tid("submitted-badge")).await, "Déposé (1)");
    click(&c, &tid("open-inbox")).await;
    find(&c, &tid("inbox-remark")).await;
    screenshot(&c, &ready("inbox"), "r12-inbox-fr-dark").await;
    c.close().await.expect("close the app");

    // What the app showed is in the trader's database.
    let store = Store::open(&trader.database()).expect("database");
    let r = store
        .received_review(&id)
        .expect("read")
        .expect("a review is attached");
    assert_eq!(r.remarks.len(), 1);
    assert_eq!(
        r.remarks[0].response,
        "Policy v3 signed on 2 March, attached."
    );
    assert!(
        r.locked
            .iter()
            .any(|(i, reopened)| i == "AEO.A.01" && *reopened)
    );
    assert!(
        r.locked
            .iter()
            .any(|(i, reopened)| i == "AEO.A.03" && !reopened)
    );
}
