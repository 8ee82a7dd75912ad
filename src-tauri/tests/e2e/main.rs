//! End-to-end tests of the desktop app: the real binary in a real WebKit window under Xvfb,
//! driven through tauri-driver and WebKitWebDriver. Needs `Xvfb`, `WebKitWebDriver` (Debian
//! package `webkit2gtk-driver`) and `tauri-driver` (`cargo install tauri-driver --version '^2'`),
//! and the built UI in `ui/dist` (`npm --prefix ui run build`).
//!
//! Set `SAFE_ASSESS_SCREENSHOTS=<folder>` to keep a screenshot of each screen.

// Test code: a failed step should stop the test with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod crosswalk;
mod harness;
mod home;
mod hostile;
mod resubmission;
mod review;
mod sharing;

use std::path::Path;
use std::time::Duration;

use fantoccini::{Client, Locator};
use harness::*;
use safe_core::model::Status;
use safe_core::store::Store;

const APP: &str = env!("CARGO_BIN_EXE_safe-assess-desktop");
const LIMIT: Duration = Duration::from_secs(600);

async fn item_shown(c: &Client, id: &str) {
    until(&format!("item {id} to be shown"), || async {
        attr(c, &tid("item-view"), "data-item").await.as_deref() == Some(id)
    })
    .await;
}

async fn open_item(c: &Client, id: &str) {
    click(c, &format!("{}[data-item=\"{id}\"]", tid("tree-item"))).await;
    item_shown(c, id).await;
}

async fn pressed(c: &Client, status: &str) -> bool {
    attr(c, &tid(&format!("status-{status}")), "aria-pressed")
        .await
        .as_deref()
        == Some("true")
}

async fn score(c: &Client) -> String {
    click(c, &tid("open-dashboard")).await;
    let s = text(c, &tid("dash-score")).await;
    find(c, &tid("gap-list")).await;
    s
}

#[tokio::test(flavor = "multi_thread")]
async fn a_trader_answers_restarts_finds_everything_and_exports() {
    tokio::time::timeout(LIMIT, trader_scenario())
        .await
        .expect("the scenario finished within its time limit");
}

async fn trader_scenario() {
    let display = Display::start();
    let mut world = World::new();
    world.pick("insurance-policy.pdf", b"%PDF-1.4 evidence for the test\n");
    let driver = Driver::start(&world, &display, std::path::Path::new(APP));

    // --- First session: create, answer, attach, refuse an unjustified not-applicable.
    let c = driver.launch().await;
    find(&c, &tid("home-empty")).await;
    screenshot(&c, &ready("home"), "01-home-empty").await;
    click(&c, &tid("new-assessment")).await;
    click(&c, &tid("profile-trader")).await;
    click(&c, &tid("role-importer")).await;
    click(&c, &tid("role-exporter")).await;
    type_into(&c, &tid("field-title"), "Acme AEO readiness").await;
    type_into(&c, &tid("field-organisation"), "Acme Trading Ltd").await;
    type_into(&c, &tid("field-country"), "ke").await;
    screenshot(&c, &ready("new"), "02-new-assessment").await;
    click(&c, &tid("create")).await;

    // The workspace opens on the first unanswered item, a mandatory one.
    item_shown(&c, "AEO.A.01").await;
    assert!(
        attr(&c, &tid("status-not-applicable"), "disabled")
            .await
            .is_some(),
        "a mandatory item offers no not-applicable"
    );
    click(&c, &tid("status-met")).await;
    saved(&c).await;
    click(&c, &tid("attach")).await;
    until("the evidence file to be listed", || async {
        c.find(Locator::Css(&tid("evidence-file")))
            .await
            .ok()
            .is_some()
    })
    .await;
    assert_eq!(
        text(&c, &tid("evidence-file")).await,
        "insurance-policy.pdf"
    );

    // Next item by button, status by key 3, then a comment saved as typed.
    click(&c, &tid("next")).await;
    item_shown(&c, "AEO.A.02").await;
    find(&c, "#item-heading")
        .await
        .send_keys("3")
        .await
        .expect("key 3");
    until("key 3 to choose not met", || pressed(&c, "not-met")).await;
    saved(&c).await;
    type_into(&c, &tid("comment"), "No register of infringements yet").await;
    saved(&c).await;

    // Not applicable needs a justification: refused first, saved once written.
    open_item(&c, "AEO.A.04").await;
    click(&c, &tid("status-not-applicable")).await;
    find(&c, &tid("answer-refused")).await;
    type_into(
        &c,
        &tid("justification"),
        "We hold no customs authorisations or simplifications.",
    )
    .await;
    saved(&c).await;
    assert!(
        c.find(Locator::Css(&tid("answer-refused"))).await.is_err(),
        "the refusal goes once the justification is there"
    );

    // And refused when left without one.
    open_item(&c, "AEO.E.02").await;
    click(&c, &tid("status-not-applicable")).await;
    find(&c, &tid("answer-refused")).await;
    // The smallest window the app supports.
    c.set_window_size(1024, 700).await.expect("resize");
    screenshot(&c, &tid("answer-refused"), "03-workspace-refused").await;
    open_item(&c, "AEO.B.01").await;

    let progress = text(&c, &tid("overall-progress")).await;
    assert!(
        progress.starts_with("3 of "),
        "three answers count, the refused one does not: {progress}"
    );
    let first_score = score(&c).await;
    screenshot(&c, &ready("dashboard"), "04-dashboard").await;
    c.close().await.expect("close the app");

    // What the app reported as saved is in the database file.
    {
        let store = Store::open(&world.database()).expect("the app's database opens");
        let list = store.list_assessments().expect("list");
        assert_eq!(list.len(), 1);
        let id = &list[0].assessment.id;
        assert_eq!(list[0].assessment.organisation, "Acme Trading Ltd");
        assert_eq!(list[0].assessment.country, "KE");
        let a01 = store
            .answer(id, "AEO.A.01")
            .expect("read")
            .expect("answered");
        assert_eq!(a01.input.status, Status::Met);
        assert_eq!(a01.evidence.len(), 1, "the evidence is linked");
        let a02 = store
            .answer(id, "AEO.A.02")
            .expect("read")
            .expect("answered");
        assert_eq!(a02.input.status, Status::NotMet);
        assert_eq!(a02.input.comment, "No register of infringements yet");
        let a04 = store
            .answer(id, "AEO.A.04")
            .expect("read")
            .expect("answered");
        assert_eq!(a04.input.status, Status::NotApplicable);
        assert!(
            store.answer(id, "AEO.E.02").expect("read").is_none(),
            "the refused answer was never stored"
        );
    }

    // --- Second session: everything is still there; change an answer; export.
    let c = driver.launch().await;
    find(&c, &tid("assessment-card")).await;
    let card = text(&c, &tid("card-progress")).await;
    assert!(card.starts_with("3 of "), "home shows the progress: {card}");
    screenshot(&c, &ready("home"), "05-home").await;
    click(&c, &tid("open-assessment")).await;
    item_shown(&c, "AEO.A.03").await;
    open_item(&c, "AEO.A.01").await;
    assert!(pressed(&c, "met").await, "A.01 is still met");
    assert_eq!(
        text(&c, &tid("evidence-file")).await,
        "insurance-policy.pdf"
    );
    open_item(&c, "AEO.A.04").await;
    assert!(pressed(&c, "not-applicable").await);
    let justification = find(&c, &tid("justification"))
        .await
        .prop("value")
        .await
        .expect("value")
        .unwrap_or_default();
    assert_eq!(
        justification,
        "We hold no customs authorisations or simplifications."
    );
    open_item(&c, "AEO.E.02").await;
    for s in ["met", "partially-met", "not-met", "not-applicable"] {
        assert!(!pressed(&c, s).await, "E.02 stays unanswered, not {s}");
    }

    open_item(&c, "AEO.A.02").await;
    click(&c, &tid("status-met")).await;
    saved(&c).await;
    let second_score = score(&c).await;
    assert_ne!(
        first_score, second_score,
        "turning a not-met item into met changes the score"
    );
    let store = Store::open(&world.database()).expect("database");
    let id = store.list_assessments().expect("list")[0]
        .assessment
        .id
        .clone();
    let core = safe_core::open_assessment(&store, &id).expect("open");
    let expected = core
        .scorecard
        .overall
        .score
        .map(|s| format!("{}", s.round()))
        .expect("scored");
    assert_eq!(
        second_score, expected,
        "the dashboard shows the core's score"
    );
    drop(store);

    click(&c, &tid("open-export")).await;
    click(&c, &tid("format-pdf")).await;
    screenshot(&c, &tid("export-run"), "06-export").await;
    click(&c, &tid("export-run")).await;
    find(&c, &tid("export-done")).await;
    let path = text(&c, &tid("export-path")).await;
    screenshot(&c, &tid("export-done"), "07-exported").await;
    assert!(
        path.starts_with(&world.saves().display().to_string()),
        "saved where the dialog said: {path}"
    );
    let pdf = std::fs::read(&path).expect("the exported report exists");
    assert!(pdf.starts_with(b"%PDF"), "it is a PDF");
    // Laid out by the app's PDF worker (`pdf_worker`), read back as a reader shows it.
    let text = safe_test_support::pdf_text(Path::new(&path));
    assert!(
        text.contains("Acme AEO readiness") && text.contains("Acme Trading Ltd"),
        "the report names the assessment: {}",
        &text[..text.len().min(400)]
    );
    c.close().await.expect("close the app");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customs_officer_works_by_keyboard_alone() {
    tokio::time::timeout(LIMIT, keyboard_scenario())
        .await
        .expect("the scenario finished within its time limit");
}

async fn focused_attr(c: &Client, name: &str) -> Option<String> {
    c.execute(
        "return document.activeElement && document.activeElement.getAttribute(arguments[0]);",
        vec![serde_json::Value::String(name.to_string())],
    )
    .await
    .expect("script runs")
    .as_str()
    .map(str::to_string)
}

async fn keyboard_scenario() {
    use fantoccini::key::Key;

    let display = Display::start();
    let world = World::new();
    let driver = Driver::start(&world, &display, std::path::Path::new(APP));
    let c = driver.launch().await;
    find(&c, &tid("home-empty")).await;

    // Create a customs assessment with Tab, Space, typing and Enter only.
    tab_to(&c, &tid("new-assessment")).await;
    keys(&c, &Key::Enter).await;
    tab_to(&c, &tid("profile-customs")).await;
    keys(&c, " ").await;
    tab_to(&c, &tid("field-title")).await;
    keys(&c, "SAFE implementation review").await;
    tab_to(&c, &tid("create")).await;
    keys(&c, &Key::Enter).await;
    item_shown(&c, "CE.01").await;

    // Status by number keys, next item by N, next item by Alt+Down while typing a comment.
    keys(&c, "1").await;
    until("key 1 to choose met", || pressed(&c, "met")).await;
    saved(&c).await;
    keys(&c, "n").await;
    item_shown(&c, "CE.02").await;
    keys(&c, "2").await;
    until("key 2 to choose partially met", || {
        pressed(&c, "partially-met")
    })
    .await;
    tab_to(&c, &tid("comment")).await;
    keys(&c, "Gap analysis started").await;
    keys(&c, &(Key::Alt + &Key::Down)).await;
    item_shown(&c, "CE.03").await;
    saved(&c).await;

    // "/" jumps to the search; the tree is reached by Tab and walked with the arrow keys.
    keys(&c, "/").await;
    until("the search box to have the focus", || async {
        focused_attr(&c, "data-testid").await.as_deref() == Some("search")
    })
    .await;
    keys(&c, "inspection").await;
    tab_to(&c, "[role=\"treeitem\"]").await;
    let mut target = focused_attr(&c, "data-item").await;
    if target.is_none() {
        // The tab stop was a group: go down to its first item.
        keys(&c, &Key::Down).await;
        target = focused_attr(&c, "data-item").await;
    }
    let target = target.expect("an item of the tree has the focus");
    keys(&c, &Key::Enter).await;
    item_shown(&c, &target).await;

    // Dashboard and back to a gap, by keyboard.
    tab_to(&c, &tid("open-dashboard")).await;
    keys(&c, &Key::Enter).await;
    find(&c, &tid("gap-list")).await;
    tab_to(&c, &tid("gap")).await;
    let gap_text = c
        .execute("return document.activeElement.textContent;", vec![])
        .await
        .expect("script runs");
    keys(&c, &Key::Enter).await;
    let gap_item = find(&c, &tid("item-view"))
        .await
        .attr("data-item")
        .await
        .expect("attribute")
        .expect("an item is shown");
    assert!(
        gap_text.as_str().unwrap_or_default().contains(&gap_item),
        "the gap opened its own item ({gap_item} in {gap_text})"
    );
    c.close().await.expect("close the app");

    let store = Store::open(&world.database()).expect("the app's database opens");
    let id = store.list_assessments().expect("list")[0]
        .assessment
        .id
        .clone();
    let ce01 = store.answer(&id, "CE.01").expect("read").expect("answered");
    assert_eq!(ce01.input.status, Status::Met);
    let ce02 = store.answer(&id, "CE.02").expect("read").expect("answered");
    assert_eq!(ce02.input.status, Status::PartiallyMet);
    assert_eq!(
        ce02.input.comment, "Gap analysis started",
        "the comment typed just before moving on was saved"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_persist_backups_are_written_and_the_ui_zooms_to_200_percent() {
    tokio::time::timeout(LIMIT, settings_scenario())
        .await
        .expect("the scenario finished within its time limit");
}

async fn js(c: &Client, script: &str) -> serde_json::Value {
    c.execute(script, vec![]).await.expect("script runs")
}

async fn settings_scenario() {
    use fantoccini::key::Key;

    let display = Display::start();
    let world = World::new();
    let driver = Driver::start(&world, &display, std::path::Path::new(APP));
    let c = driver.launch().await;
    find(&c, &tid("home-empty")).await;
    click(&c, &tid("open-settings")).await;
    find(&c, &tid("language"))
        .await
        .select_by_value("fr")
        .await
        .expect("choose French");
    until("the UI to speak French", || async {
        text(&c, "h1").await == "Paramètres"
    })
    .await;
    click(&c, &tid("theme-dark")).await;
    until("the dark theme", || async {
        js(
            &c,
            "return document.documentElement.getAttribute('data-theme');",
        )
        .await
            == serde_json::json!("dark")
    })
    .await;
    assert!(
        text(&c, &tid("db-path"))
            .await
            .starts_with(&world.root.path().display().to_string()),
        "the settings show where the data lives"
    );
    click(&c, &tid("backup-now")).await;
    find(&c, &tid("backup-done")).await;
    let backups: Vec<String> = std::fs::read_dir(world.database().with_file_name("backups"))
        .expect("a backup folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        backups.iter().any(|n| n.ends_with("-manual.sqlite")),
        "backup now wrote a file: {backups:?}"
    );
    screenshot(&c, &ready("settings"), "08-settings-fr-dark").await;
    c.close().await.expect("close the app");

    // The settings survive a restart.
    let c = driver.launch().await;
    let empty = find(&c, &tid("home-empty")).await;
    assert!(
        empty
            .text()
            .await
            .expect("text")
            .contains("Aucune évaluation"),
        "still in French after a restart"
    );
    assert_eq!(
        js(
            &c,
            "return document.documentElement.getAttribute('data-theme');"
        )
        .await,
        serde_json::json!("dark")
    );

    // Ctrl+= zooms in 20% steps: five presses give 200%, where the layout folds the navigator away.
    let width_before = js(&c, "return window.innerWidth;")
        .await
        .as_f64()
        .expect("width");
    for _ in 0..5 {
        keys(&c, &(Key::Control + "=")).await;
    }
    until("the page to be zoomed to 200%", || async {
        let w = js(&c, "return window.innerWidth;")
            .await
            .as_f64()
            .unwrap_or(0.0);
        (w - width_before / 2.0).abs() < 2.0
    })
    .await;
    capture(&c, &display, &ready("home"), "09-home-200").await;
    // WebDriver clicks miss under page zoom (they use unzoomed coordinates): go on by keyboard.
    tab_to(&c, &tid("new-assessment")).await;
    keys(&c, &Key::Enter).await;
    tab_to(&c, &tid("profile-customs")).await;
    keys(&c, " ").await;
    tab_to(&c, &tid("field-title")).await;
    keys(&c, "Revue SAFE").await;
    tab_to(&c, &tid("create")).await;
    keys(&c, &Key::Enter).await;
    find(&c, &tid("item-view")).await;
    let toggle = find(&c, &tid("tree-toggle")).await;
    assert!(
        toggle.is_displayed().await.expect("displayed"),
        "at 200% the checklist navigator folds behind a button"
    );
    capture(&c, &display, &ready("workspace"), "10-workspace-200").await;
    c.close().await.expect("close the app");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_launch_hands_over_to_the_running_app() {
    tokio::time::timeout(LIMIT, single_instance_scenario())
        .await
        .expect("the scenario finished within its time limit");
}

async fn single_instance_scenario() {
    let display = Display::start();
    let bus = SessionBus::start();
    let mut world = World::new();
    world.with_bus(&bus);
    let driver = Driver::start(&world, &display, std::path::Path::new(APP));
    let c = driver.launch().await;
    find(&c, &tid("home-empty")).await;

    let second = run_app_directly(
        std::path::Path::new(APP),
        &world,
        &display,
        Duration::from_secs(60),
    );
    let status = second.expect("the second launch exits instead of opening a second window");
    assert!(
        status.success(),
        "the second launch exits cleanly: {status}"
    );
    // The first window is still there and working.
    click(&c, &tid("new-assessment")).await;
    find(&c, &tid("new-form")).await;
    c.close().await.expect("close the app");
}
