//! The crosswalk in the window: a SAFE AEO trader assessment answered in part, its coverage of
//! the EU AEO programme, an EU AEO (AEOS) assessment started from it with its carried answers
//! and suggestions, a suggestion confirmed, and a later change of the source answer shown as
//! diverged with both values side by side. Also the Catalogues list in Settings.

use fantoccini::{Client, Locator};
use safe_core::store::Store;

use super::{APP, LIMIT, item_shown, open_item, pressed};
use crate::harness::*;

const SAFE_TITLE: &str = "Acme SAFE AEO readiness";
const EU_TITLE: &str = "Acme EU AEO application";

async fn derived_state(c: &Client) -> Option<String> {
    attr(c, &tid("derived-note"), "data-state").await
}

/// Opens the assessment titled `title` from the home list.
async fn open_from_home(c: &Client, title: &str) {
    click(c, ".topbar .brand").await;
    find(c, &tid("assessment-list")).await;
    let xpath = format!("//button[@data-testid='open-assessment' and normalize-space()='{title}']");
    c.wait()
        .at_most(WAIT)
        .every(POLL)
        .for_element(Locator::XPath(&xpath))
        .await
        .expect("the assessment is listed")
        .click()
        .await
        .expect("open it");
    find(c, &ready("workspace")).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_trader_starts_an_eu_aeo_assessment_from_its_safe_one_and_sees_it_stay_in_step() {
    tokio::time::timeout(LIMIT, crosswalk_scenario())
        .await
        .expect("the scenario finished within its time limit");
}

async fn crosswalk_scenario() {
    let display = Display::start();
    let world = World::new();
    let driver = Driver::start(&world, &display, std::path::Path::new(APP));
    let c = driver.launch().await;
    find(&c, &tid("home-empty")).await;

    // --- A SAFE AEO assessment: the SAFE pack is preselected, the EU pack offers its tiers.
    click(&c, &tid("new-assessment")).await;
    click(&c, &tid("profile-trader")).await;
    find(&c, &tid("pack-eu-aeo-ucc")).await;
    assert!(
        checked(&c, &tid("pack-radio-safe2025-aeo")).await,
        "the SAFE pack is preselected"
    );
    assert!(
        c.find(Locator::Css(&tid("new-tiers"))).await.is_err(),
        "the SAFE pack has no tiers to choose"
    );
    click(&c, &tid("role-importer")).await;
    type_into(&c, &tid("field-title"), SAFE_TITLE).await;
    type_into(&c, &tid("field-organisation"), "Acme Trading GmbH").await;
    type_into(&c, &tid("field-country"), "de").await;
    screenshot(&c, &ready("new"), "cw-01-new-safe").await;
    click(&c, &tid("create")).await;
    item_shown(&c, "AEO.A.01").await;

    // A.01 links to EU.2.01 by an overlap (a suggestion there); B.02 and C.02 are the same
    // requirements as EU.3.1.01 and EU.4.01 (carried, counted).
    for item in ["AEO.A.01", "AEO.B.02", "AEO.C.02"] {
        open_item(&c, item).await;
        click(&c, &tid("status-met")).await;
        saved(&c).await;
    }

    // --- Coverage of the EU AEO programme.
    click(&c, &tid("open-coverage")).await;
    find(&c, &ready("coverage")).await;
    find(&c, &tid("coverage-pack"))
        .await
        .select_by_value("eu-aeo-ucc")
        .await
        .expect("choose the EU AEO pack");
    until("the EU coverage to show two covered items", || async {
        text(&c, &tid("coverage-summary")).await.contains("2 of ")
    })
    .await;
    let covered = text(&c, &tid("coverage-covered")).await;
    assert!(
        covered.contains("EU.3.1.01") && covered.contains("EU.4.01"),
        "the equal links are covered: {covered}"
    );
    let still = text(&c, &tid("coverage-to-answer")).await;
    assert!(
        still.contains("EU.2.01"),
        "a partly covered item is still to answer: {still}"
    );
    assert!(
        !still.contains("EU.3.1.01"),
        "a covered item is not: {still}"
    );
    find(&c, &tid("coverage-sections")).await;
    screenshot(&c, &ready("coverage"), "cw-02-coverage").await;

    // --- Start an EU AEO (AEOS) assessment from it.
    click(&c, &tid("coverage-start")).await;
    find(&c, &ready("new")).await;
    assert!(
        checked(&c, &tid("pack-radio-eu-aeo-ucc")).await,
        "the pack of the coverage view is chosen"
    );
    find(&c, &tid("new-tiers")).await;
    type_into(&c, &tid("field-title"), EU_TITLE).await;
    // (Without a tier the form says what is missing: `ui/src/lib/newAssessment.test.ts`.)
    click_centered(&c, &tid("tier-aeos")).await;
    assert!(
        checked(&c, &tid("role-importer")).await,
        "the roles come from the source assessment"
    );
    screenshot(&c, &ready("new"), "cw-03-new-from").await;
    click(&c, &tid("create")).await;
    find(&c, &tid("link-banner")).await;
    assert!(
        text(&c, &tid("link-banner")).await.contains(SAFE_TITLE),
        "the banner names the source"
    );

    // A carried answer counts and says where it came from.
    open_item(&c, "EU.3.1.01").await;
    until("the carried note", || async {
        derived_state(&c).await.as_deref() == Some("carried")
    })
    .await;
    assert!(pressed(&c, "met").await, "the carried answer is there");
    assert!(text(&c, &tid("derived-note")).await.contains("AEO.B.02"));

    // A suggestion waits for a confirmation; confirming makes it the answer.
    open_item(&c, "EU.2.01").await;
    until("the suggestion note", || async {
        derived_state(&c).await.as_deref() == Some("suggested")
    })
    .await;
    assert!(
        !pressed(&c, "met").await,
        "a suggestion is not an answer yet"
    );
    screenshot(&c, &tid("derived-note"), "cw-04-suggestion").await;
    let before = text(&c, &tid("overall-progress")).await;
    click(&c, &tid("derived-confirm")).await;
    until("the suggestion to be confirmed", || async {
        derived_state(&c).await.as_deref() == Some("confirmed")
    })
    .await;
    until("the confirmed answer to be met", || pressed(&c, "met")).await;
    let after = text(&c, &tid("overall-progress")).await;
    assert_ne!(
        before, after,
        "the confirmed answer counts: {before} / {after}"
    );

    // --- The source answer changes: the EU answer is flagged diverged, both values shown.
    open_from_home(&c, SAFE_TITLE).await;
    open_item(&c, "AEO.B.02").await;
    click(&c, &tid("status-not-met")).await;
    saved(&c).await;
    open_from_home(&c, EU_TITLE).await;
    find(&c, &tid("link-counts")).await;
    open_item(&c, "EU.3.1.01").await;
    until("the diverged note", || async {
        derived_state(&c).await.as_deref() == Some("diverged")
    })
    .await;
    assert_eq!(text(&c, &tid("derived-here")).await, "Met");
    assert_eq!(text(&c, &tid("derived-source-now")).await, "Not met");
    screenshot(&c, &tid("derived-pair"), "cw-05-diverged").await;
    click(&c, &tid("derived-confirm")).await;
    until("the diverged answer to be confirmed", || async {
        derived_state(&c).await.as_deref() == Some("confirmed")
    })
    .await;

    // History names the link actions.
    click(&c, &format!("{} summary", tid("history"))).await;
    until(
        "the history to list the carry and the confirmation",
        || async {
            let h = text(&c, &tid("history")).await;
            h.contains("carried the answer over from the linked assessment")
                && h.contains("confirmed the answer from the linked assessment")
        },
    )
    .await;

    // --- Unlink, after a confirmation.
    click_centered(&c, &tid("unlink-open")).await;
    screenshot(&c, &tid("unlink-confirm"), "cw-06-unlink").await;
    click(&c, &tid("unlink-confirm")).await;
    until("the banner to go", || async {
        c.find(Locator::Css(&tid("link-banner"))).await.is_err()
    })
    .await;
    c.close().await.expect("close the app");

    // What the page showed is what the database holds.
    let store = Store::open(&world.database()).expect("the app's database opens");
    let list = store.list_assessments().expect("list");
    let eu = list
        .iter()
        .find(|s| s.assessment.title == EU_TITLE)
        .expect("the EU assessment");
    assert_eq!(eu.assessment.pack_id, "eu-aeo-ucc");
    assert_eq!(eu.assessment.tiers, ["aeos"]);
    assert!(
        store.linked(&eu.assessment.id).expect("read").is_none(),
        "unlinked"
    );
}

/// A SAFE AEO assessment and an EU AEO (AEOS) one started from it, one source answer changed
/// since (EU.3.1.01 diverged): straight into the database, as the command line would.
fn seed_linked(db: &std::path::Path) {
    use safe_core::catalogue::{Library, Profile};
    use safe_core::model::{AnswerInput, NewAssessment, Stamp, Status};

    let lib = Library::builtin().expect("built-in packs");
    std::fs::create_dir_all(db.parent().expect("folder")).expect("data folder");
    let mut store = Store::open(db).expect("database");
    let stamp = Stamp {
        at: chrono::Utc::now(),
        by: "seed".into(),
    };
    let safe = NewAssessment {
        title: SAFE_TITLE.into(),
        profile: Some(Profile::Trader),
        roles: vec!["importer".into()],
        organisation: "Acme Trading GmbH".into(),
        country: "DE".into(),
        ..NewAssessment::default()
    };
    let src = "00000000-0000-4000-8000-000000000001";
    store
        .create_assessment(&lib, &safe, src, &stamp)
        .expect("create");
    for item in ["AEO.A.01", "AEO.A.02", "AEO.B.02", "AEO.C.02", "AEO.C.01"] {
        store
            .save_answer(src, item, &AnswerInput::status(Status::Met), &stamp)
            .expect("answer");
    }
    let eu = NewAssessment {
        title: EU_TITLE.into(),
        pack_id: Some("eu-aeo-ucc".into()),
        tiers: vec!["aeos".into()],
        ..safe
    };
    store
        .start_from(
            &lib,
            &eu,
            src,
            "00000000-0000-4000-8000-000000000002",
            &stamp,
        )
        .expect("started");
    store
        .save_answer(
            src,
            "AEO.B.02",
            &AnswerInput::status(Status::NotMet),
            &stamp,
        )
        .expect("changed");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_crosswalk_and_catalogue_screens_in_english_light_and_french_dark() {
    tokio::time::timeout(LIMIT, screens_scenario())
        .await
        .expect("the scenario finished within its time limit");
}

async fn screens_scenario() {
    let display = Display::start();
    let mut world = World::new();
    seed_linked(&world.database());
    // "Add a pack…" gets a pack the core refuses: no groups.
    world.pick(
        "national-aeo.json",
        br#"{"format": 2, "id": "national-aeo", "title": "National AEO", "edition": "2026",
            "date": "2026-01-01", "version": "1.0.0", "profile": "trader", "source": "ours",
            "language": "en", "groups": []}"#,
    );
    let driver = Driver::start(&world, &display, std::path::Path::new(APP));
    let c = driver.launch().await;
    find(&c, &tid("assessment-list")).await;

    for (lang, suffix) in [("en", "en-light"), ("fr", "fr-dark")] {
        // Settings -> Catalogues, with a refused pack.
        click(&c, &tid("open-settings")).await;
        if lang == "fr" {
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
        } else {
            click(&c, &tid("theme-light")).await;
        }
        find(&c, &tid("catalogue-eu-aeo-ucc")).await;
        let eu = text(&c, &tid("catalogue-eu-aeo-ucc")).await;
        assert!(eu.contains("eu-aeo-ucc") && eu.contains("1.0.0"), "{eu}");
        click_centered(&c, &tid("catalogue-add")).await;
        let refusal = text(&c, &tid("catalogue-refusal")).await;
        assert!(
            refusal.contains("national-aeo.json"),
            "the refusal names the file: {refusal}"
        );
        screenshot(
            &c,
            &tid("catalogue-refusal"),
            &format!("cw-10-catalogues-{suffix}"),
        )
        .await;

        // The linked EU assessment: the diverged answer beside the source's.
        open_from_home(&c, EU_TITLE).await;
        find(&c, &tid("link-banner")).await;
        open_item(&c, "EU.3.1.01").await;
        until("the diverged note", || async {
            derived_state(&c).await.as_deref() == Some("diverged")
        })
        .await;
        screenshot(
            &c,
            &tid("derived-pair"),
            &format!("cw-11-diverged-{suffix}"),
        )
        .await;
        open_item(&c, "EU.2.01").await;
        find(&c, &tid("derived-confirm")).await;
        screenshot(
            &c,
            &tid("derived-note"),
            &format!("cw-12-suggestion-{suffix}"),
        )
        .await;

        // Its coverage of SAFE AEO.
        click(&c, &tid("open-coverage")).await;
        find(&c, &tid("coverage-summary")).await;
        screenshot(&c, &ready("coverage"), &format!("cw-13-coverage-{suffix}")).await;

        // New assessment on the EU pack: its tiers and the assessments it can start from.
        click(&c, ".topbar .brand").await;
        click(&c, &tid("new-assessment")).await;
        click(&c, &tid("profile-trader")).await;
        click_centered(&c, &tid("pack-radio-eu-aeo-ucc")).await;
        find(&c, &tid("new-tiers")).await;
        find(&c, &tid("new-from")).await;
        c.execute(
            "document.querySelector('[data-testid=\"new-packs\"]').scrollIntoView({block: 'start'});",
            vec![],
        )
        .await
        .expect("scroll");
        screenshot(&c, &ready("new"), &format!("cw-14-new-{suffix}")).await;
        click(&c, ".topbar .brand").await;
        find(&c, &tid("assessment-list")).await;
    }
    c.close().await.expect("close the app");
}
