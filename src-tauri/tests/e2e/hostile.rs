//! Hostile text in every free-text field the desktop app shows: markup, script, right-to-left,
//! control characters and very long text are shown as text, never run, and stored unchanged.

use chrono::Utc;
use fantoccini::Client;
use safe_core::catalogue::{Library, Profile};
use safe_core::model::{AnswerInput, NewAssessment, Stamp, Status};
use safe_core::store::{EvidenceFile, Store, Validity};

use super::{APP, LIMIT, item_shown, open_item};
use crate::harness::*;

/// Markup that would add an element carrying `data-hostile`, or set `window.__pwned`, if the
/// app ever handed it to the page as HTML.
const MARKUP: &str = r#"<img src=x data-hostile onerror="window.__pwned=1"><script>window.__pwned=2</script><b data-hostile>bold</b>"#;
/// Right-to-left text with a right-to-left override, and control characters.
const RTL: &str = "شركة \u{202E}txt.exe\u{202C} ‏מחסן\u{0007}\u{0001}\ttab";

fn stamp() -> Stamp {
    Stamp {
        at: Utc::now(),
        by: "Assessor <i data-hostile>x</i>".into(),
    }
}

/// An assessment whose title, organisation, answer and evidence all carry hostile text.
fn seed(db: &std::path::Path) -> (String, String, String) {
    let lib = Library::builtin().expect("built-in packs");
    let mut store = Store::open(db).expect("database");
    let title = format!("{MARKUP} {RTL}");
    let a = store
        .create_assessment(
            &lib,
            &NewAssessment {
                title: title.clone(),
                profile: Some(Profile::Trader),
                roles: vec!["importer".into()],
                organisation: format!("Org {MARKUP}"),
                country: "FR".into(),
                ..NewAssessment::default()
            },
            "00000000-0000-4000-8000-0000000000a1",
            &stamp(),
        )
        .expect("create");
    let comment = format!("{MARKUP}\n{RTL}\n{}", "long ".repeat(2_000));
    let input = AnswerInput {
        comment: comment.clone(),
        owner: format!("{RTL} {MARKUP}"),
        ..AnswerInput::status(Status::PartiallyMet)
    };
    store
        .save_answer(&a.id, "AEO.A.01", &input, &stamp())
        .expect("answer");
    store
        .add_evidence(
            &a.id,
            "AEO.A.01",
            &EvidenceFile {
                file_name: "<img src=x data-hostile onerror=\"window.__pwned=3\">.pdf".into(),
                bytes: b"%PDF-1.4 hostile name\n".to_vec(),
            },
            Validity::default(),
            &stamp(),
        )
        .expect("evidence");
    (a.id, title, comment)
}

async fn js(c: &Client, script: &str) -> serde_json::Value {
    c.execute(script, vec![]).await.expect("script runs")
}

/// Nothing of the hostile markup became an element, and no script of it ran.
async fn nothing_ran(c: &Client, screen: &str) {
    let found = js(
        c,
        "return [document.querySelectorAll('[data-hostile]').length, window.__pwned === undefined];",
    )
    .await;
    assert_eq!(
        found,
        serde_json::json!([0, true]),
        "hostile markup stayed text on the {screen} screen"
    );
}

/// A property of the first element matching `css`, passed through `JSON.stringify` in the page:
/// WebKitWebDriver stalls on a script result with raw control characters, escaped ones are fine.
async fn property(c: &Client, css: &str, name: &str) -> String {
    let json = c
        .execute(
            "return JSON.stringify(document.querySelector(arguments[0])[arguments[1]]);",
            vec![
                serde_json::Value::String(css.into()),
                serde_json::Value::String(name.into()),
            ],
        )
        .await
        .expect("script runs");
    serde_json::from_str(json.as_str().expect("a JSON string")).expect("the property is a string")
}

async fn text_of(c: &Client, css: &str) -> String {
    property(c, css, "textContent").await
}

async fn value_of(c: &Client, css: &str) -> String {
    property(c, css, "value").await
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_text_is_shown_as_text_and_stored_unchanged() {
    tokio::time::timeout(LIMIT, hostile_scenario())
        .await
        .expect("the scenario finished within its time limit");
}

async fn hostile_scenario() {
    let display = Display::start();
    let world = World::new();
    let (id, title, comment) = seed(&world.database());
    let driver = Driver::start(&world, &display, std::path::Path::new(APP));
    let c = driver.launch().await;

    // Home: the card shows the title and organisation exactly as typed.
    find(&c, &tid("assessment-card")).await;
    assert_eq!(text_of(&c, &tid("open-assessment")).await, title);
    let card = text_of(&c, &tid("assessment-card")).await;
    assert!(
        card.contains(&format!("Org {MARKUP}")),
        "organisation shown as text: {card}"
    );
    nothing_ran(&c, "home").await;
    screenshot(&c, &ready("home"), "hostile-01-home").await;

    // Workspace: the answer's comment, owner, evidence name and history are text.
    click(&c, &tid("open-assessment")).await;
    find(&c, &tid("item-view")).await;
    open_item(&c, "AEO.A.01").await;
    assert_eq!(value_of(&c, &tid("comment")).await, comment);
    assert_eq!(value_of(&c, &tid("owner")).await, format!("{RTL} {MARKUP}"));
    assert_eq!(
        text_of(&c, &tid("evidence-file")).await,
        "<img src=x data-hostile onerror=\"window.__pwned=3\">.pdf"
    );
    click(&c, &format!("{} summary", tid("history"))).await;
    until("the history to list the change", || async {
        text_of(&c, &tid("history"))
            .await
            .contains("window.__pwned=1")
    })
    .await;
    nothing_ran(&c, "workspace").await;
    screenshot(&c, &ready("workspace"), "hostile-02-workspace").await;

    // Typed in the app: markup and right-to-left text go into the store unchanged.
    open_item(&c, "AEO.A.02").await;
    click(&c, &tid("status-met")).await;
    type_into(
        &c,
        &tid("comment"),
        "<svg data-hostile onload=\"window.__pwned=4\"> مراجعة",
    )
    .await;
    saved(&c).await;
    item_shown(&c, "AEO.A.02").await;
    nothing_ran(&c, "workspace after typing").await;

    // The dashboard lists the hostile assessment's gaps without running anything.
    click(&c, &tid("open-dashboard")).await;
    find(&c, &tid("gap-list")).await;
    nothing_ran(&c, "dashboard").await;
    c.close().await.expect("close the app");

    let store = Store::open(&world.database()).expect("the app's database opens");
    assert_eq!(store.assessment(&id).expect("read").title, title);
    let a01 = store
        .answer(&id, "AEO.A.01")
        .expect("read")
        .expect("answered");
    assert_eq!(
        a01.input.comment, comment,
        "the seeded comment was not rewritten"
    );
    let a02 = store
        .answer(&id, "AEO.A.02")
        .expect("read")
        .expect("answered");
    assert_eq!(
        a02.input.comment,
        "<svg data-hostile onload=\"window.__pwned=4\"> مراجعة"
    );
}
