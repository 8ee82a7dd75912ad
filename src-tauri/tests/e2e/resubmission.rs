//! The validator's second look, in the desktop app. The loop up to the trader's second
//! submission runs through `safe_app` on two data folders (as `safe-assess review open / mark /
//! decide / export`, `review import`, `respond` and `submit` do); the validator then opens
//! submission 2 in the app and sees what changed and the answered remark, the validation plan,
//! saves a copy of the new evidence file and writes the validation report; a third submission
//! signed by another key (the trader's other installation) stops for a confirmation.

use safe_app::review::OpenOptions;
use safe_core::model::{AnswerInput, Stamp, Status};
use safe_core::review::{Decision, RemarkKind};
use safe_core::store::{Store, Validity};

use super::review::{REMARK, item, press, scroll_to, submit_trader, to_french_dark};
use super::{APP, LIMIT};
use crate::harness::*;

#[tokio::test(flavor = "multi_thread")]
async fn the_validator_sees_what_changed_in_a_second_submission_and_confirms_a_new_key() {
    tokio::time::timeout(LIMIT, resubmission_scenario())
        .await
        .expect("the scenario finished within its time limit");
}

const ANSWER: &str = "Policy v3 signed on 2 March, attached.";
const POLICY: &[u8] = b"%PDF-1.4 the signed security policy, v3\n";

/// Customs opens submission 1, accepts two items, raises the remark on A.02, returns the
/// application and writes the review file to `review`.
fn customs_returns(db: &std::path::Path, submission: &std::path::Path, review: &std::path::Path) {
    std::fs::create_dir_all(db.parent().expect("a folder")).expect("data folder");
    let mut store = Store::open(db).expect("the customs database");
    let stamp = Stamp::now("Customs Validator".to_string());
    let app = safe_app::review::open(
        &mut store,
        submission,
        &OpenOptions::default(),
        "aaaaaaaa-1111-4222-8333-444444444444",
        &stamp,
    )
    .expect("opened")
    .application
    .id;
    for i in ["AEO.A.01", "AEO.A.03"] {
        safe_app::review::accept(&mut store, &app, i, &stamp).expect("accepted");
    }
    safe_app::review::remark(
        &mut store,
        &app,
        "AEO.A.02",
        RemarkKind::EvidenceMissing,
        REMARK,
        &stamp,
    )
    .expect("remark");
    safe_app::review::decide(
        &mut store,
        &app,
        Decision::Return,
        "Please answer the remark on A.02.",
        &stamp,
    )
    .expect("returned");
    safe_app::review::export(&mut store, db, &app, review, false, &stamp).expect("review file");
}

/// The trader attaches the review, answers the remark, meets A.02 with the signed policy and
/// submits again to `out` (submission 2).
fn trader_answers(db: &std::path::Path, id: &str, review: &std::path::Path, out: &std::path::Path) {
    let mut store = Store::open(db).expect("the trader's database");
    let stamp = Stamp::now("Trader Tester".to_string());
    safe_app::review::import_review(&mut store, review, &stamp).expect("attached");
    safe_app::review::respond(&mut store, id, 1, ANSWER, &stamp).expect("answered");
    let input = AnswerInput {
        status: Status::Met,
        justification: String::new(),
        comment: "Signed policy v3 in force since 2 March.".into(),
        owner: String::new(),
        target_date: None,
        priority: None,
        flagged: false,
    };
    safe_app::assess::save_answer(&mut store, id, "AEO.A.02", &input, &stamp).expect("answer");
    let file = db.parent().expect("a folder").join("policy-v3.pdf");
    std::fs::write(&file, POLICY).expect("evidence file");
    safe_app::assess::attach_evidence(
        &mut store,
        id,
        "AEO.A.02",
        &[file],
        Validity {
            effective: None,
            expires: None,
        },
        &stamp,
    )
    .expect("attached");
    let done = safe_app::review::submit(&mut store, db, id, out, false, &stamp).expect("submit");
    assert_eq!(done.number, 2);
}

/// Scrolls an element to the top of the window.
async fn to_top(c: &fantoccini::Client, css: &str) {
    let el = find(c, css).await;
    c.execute(
        "arguments[0].scrollIntoView({block: 'start'});",
        vec![serde_json::to_value(&el).expect("element")],
    )
    .await
    .expect("scrolls");
}

async fn resubmission_scenario() {
    let display = Display::start();

    // --- Up to the trader's second submission, outside the app.
    let trader = World::new();
    let s1 = trader.saves().join("s1.safeassess");
    let id = submit_trader(&trader.database(), &s1);
    let mut customs = World::new();
    let review = customs.saves().join("first.safereview");
    customs_returns(&customs.database(), &s1, &review);
    let s2 = trader.saves().join("s2.safeassess");
    trader_answers(&trader.database(), &id, &review, &s2);
    // The trader's other installation (its own key) submits the third.
    let other = tempfile::tempdir().expect("temp dir");
    let other_db = other.path().join("assessments.sqlite");
    std::fs::copy(trader.database(), &other_db).expect("copy the database");
    let s3 = trader.saves().join("s3.safeassess");
    {
        let mut store = Store::open(&other_db).expect("the other installation's database");
        let stamp = Stamp::now("Trader Tester".to_string());
        let done =
            safe_app::review::submit(&mut store, &other_db, &id, &s3, false, &stamp).expect("3");
        assert_eq!(done.number, 3);
    }

    // --- The validator opens submission 2 in the app.
    customs.pick(
        "acme-submission-2.safeassess",
        &std::fs::read(&s2).expect("file"),
    );
    let driver = Driver::start(&customs, &display, std::path::Path::new(APP));
    let c = driver.launch().await;
    click(&c, &tid("open-applications")).await;
    find(&c, &tid("queue-row")).await;
    click(&c, &tid("open-submission")).await;
    until("submission 2 to open", || async {
        text(&c, &tid("application-submission"))
            .await
            .starts_with("No. 2")
    })
    .await;
    let changes = text(&c, &tid("changes")).await;
    assert!(
        changes.contains("What changed in submission 2 since submission 1"),
        "{changes}"
    );
    assert!(
        text(&c, &tid("answered-remark")).await.contains(ANSWER),
        "the answered remark is listed"
    );
    scroll_to(&c, &tid("changes")).await;
    screenshot(&c, &tid("answered-remark"), "s01-changes-en").await;
    // The changed item, with its new evidence; the accepted items stay accepted.
    press(&c, &tid("show-changed")).await;
    let detail = text(&c, &item("AEO.A.02", "item-change-detail")).await;
    assert!(detail.contains("evidence added"), "{detail}");
    assert_eq!(
        attr(&c, &item("AEO.A.02", "item-remark"), "data-state")
            .await
            .as_deref(),
        Some("answered")
    );
    let counts = text(&c, &tid("review-counts")).await;
    assert!(counts.starts_with("2 accepted"), "{counts}");

    // Save a copy of the new evidence file: the bytes the trader attached.
    press(&c, &item("AEO.A.02", "save-evidence")).await;
    let copy = customs.saves().join("policy-v3.pdf");
    until("the copy to be written", || async { copy.is_file() }).await;
    assert_eq!(std::fs::read(&copy).expect("the copy"), POLICY);
    screenshot(
        &c,
        &item("AEO.A.02", "save-evidence"),
        "s02-changed-item-en",
    )
    .await;

    // The validation plan: the sections ranked, each saying why (the change to A.02 among).
    press(&c, &tid("show-all")).await;
    press(&c, &tid("plan-toggle")).await;
    find(&c, &tid("plan-section")).await;
    let plan = text(&c, &tid("plan")).await;
    assert!(
        plan.contains("1 answer changed since the last submission"),
        "{plan}"
    );
    find(&c, &format!("{}[data-item=\"AEO.A.02\"]", tid("plan-item"))).await;
    to_top(&c, &tid("plan")).await;
    screenshot(&c, &tid("plan-section"), "s03-plan-en").await;
    // A section's items, each leading to its item in the list.
    let section = format!("{}[data-code=\"A\"]", tid("plan-section"));
    press(&c, &format!("{section} summary")).await;
    let a02 = format!(
        "{section} {}[data-item=\"AEO.A.02\"] button",
        tid("plan-item")
    );
    let line = text(
        &c,
        &format!("{section} {}[data-item=\"AEO.A.02\"]", tid("plan-item")),
    )
    .await;
    assert!(
        line.contains("changed") && line.contains("open remark"),
        "{line}"
    );
    screenshot(&c, &a02, "s03b-plan-items-en").await;
    press(&c, &a02).await;

    // The validation report, as HTML.
    click(&c, &tid("validation-report")).await;
    click(&c, &tid("validation-format-html")).await;
    screenshot(&c, &tid("validation-run"), "s04-validation-report-en").await;
    click(&c, &tid("validation-run")).await;
    find(&c, &tid("validation-done")).await;
    let html = std::fs::read_to_string(
        customs
            .saves()
            .join("Acme-Trading-Ltd-validation-report.html"),
    )
    .expect("the validation report");
    assert!(html.contains("Acme Trading Ltd"), "names the applicant");
    assert!(html.contains(REMARK), "lists the remark");
    click(&c, &tid("validation-close")).await;

    // The same in French, dark.
    to_french_dark(&c).await;
    click(&c, &tid("open-applications")).await;
    click(&c, &tid("queue-open")).await;
    find(&c, &tid("changes")).await;
    press(&c, &tid("plan-toggle")).await;
    find(&c, &tid("plan-section")).await;
    let plan = text(&c, &tid("plan")).await;
    assert!(
        plan.contains("1 réponse modifiée depuis le dernier dépôt"),
        "{plan}"
    );
    to_top(&c, &tid("plan")).await;
    screenshot(&c, &tid("plan-section"), "s05-plan-fr-dark").await;
    scroll_to(&c, &tid("changes")).await;
    screenshot(&c, &tid("answered-remark"), "s06-changes-fr-dark").await;
    click(&c, &tid("validation-report")).await;
    screenshot(&c, &tid("validation-run"), "s07-validation-report-fr-dark").await;
    c.close().await.expect("close the app");
    drop(driver);

    // --- Submission 3, signed by the other installation's key: a warning, then a confirmation.
    customs.pick(
        "acme-submission-3.safeassess",
        &std::fs::read(&s3).expect("file"),
    );
    let driver = Driver::start(&customs, &display, std::path::Path::new(APP));
    let c = driver.launch().await;
    click(&c, &tid("open-applications")).await;
    click(&c, &tid("open-submission")).await;
    let warning = text(&c, &tid("new-key-warning")).await;
    assert!(
        warning.contains("signé avec une clé différente"),
        "the settings kept French: {warning}"
    );
    screenshot(&c, &tid("accept-new-key"), "s08-new-key-fr-dark").await;
    click(&c, &tid("accept-new-key")).await;
    until("submission 3 to open", || async {
        text(&c, &tid("application-submission"))
            .await
            .starts_with("N° 3")
    })
    .await;
    c.close().await.expect("close the app");
    let store = Store::open(&customs.database()).expect("database");
    let app = store.applications().expect("queue");
    assert_eq!(app.len(), 1, "the same application");
    assert_eq!(app[0].application.submission, 3);
}
