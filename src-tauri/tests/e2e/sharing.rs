//! Sharing from the desktop app: export a signed file, check and import it, compare the copy
//! with the original, and merge the copy's answers back with a choice per conflict.

use fantoccini::Client;
use safe_core::model::Status;
use safe_core::store::Store;

use super::{APP, LIMIT, item_shown, open_item, pressed};
use crate::harness::*;

#[tokio::test(flavor = "multi_thread")]
async fn an_assessment_travels_as_a_signed_file_and_merges_back() {
    tokio::time::timeout(LIMIT, sharing_scenario())
        .await
        .expect("the scenario finished within its time limit");
}

/// Exports the open assessment as a .safeassess file; returns the fingerprint shown.
async fn export_file(c: &Client, display: &Display, shot: &str) -> String {
    click(c, &tid("open-export")).await;
    click(c, &tid("format-safeassess")).await;
    click(c, &tid("export-run")).await;
    find(c, &tid("share-export-done")).await;
    let fingerprint = text(c, &tid("share-fingerprint")).await;
    capture(c, display, &tid("share-fingerprint"), shot).await;
    click(c, &tid("share-export-close")).await;
    fingerprint
}

async fn home(c: &Client) {
    click(c, ".brand").await;
    find(c, &tid("assessment-list")).await;
}

async fn sharing_scenario() {
    let display = Display::start();
    let mut world = World::new();
    // The open dialog answers with the file the save dialog writes (named after the title).
    let file = world.saves().join("Acme-AEO-2026.safeassess");
    world
        .env
        .push(("SAFE_ASSESS_TEST_PICK".into(), file.clone().into()));
    let driver = Driver::start(&world, &display, std::path::Path::new(APP));
    let c = driver.launch().await;

    // An assessment with two answers, exported as a signed file.
    click(&c, &tid("new-assessment")).await;
    click(&c, &tid("profile-trader")).await;
    click(&c, &tid("role-importer")).await;
    type_into(&c, &tid("field-title"), "Acme AEO 2026").await;
    type_into(&c, &tid("field-organisation"), "Acme Trading Ltd").await;
    click(&c, &tid("create")).await;
    item_shown(&c, "AEO.A.01").await;
    click(&c, &tid("status-met")).await;
    saved(&c).await;
    open_item(&c, "AEO.A.02").await;
    click(&c, &tid("status-not-met")).await;
    saved(&c).await;
    let fingerprint = export_file(&c, &display, "s1-share-exported").await;
    assert!(file.is_file(), "the file is where the dialog said");
    assert_eq!(fingerprint.replace(' ', "").len(), 16);

    // Import it back: the check comes first, then a separate copy.
    home(&c).await;
    click(&c, &tid("import-file")).await;
    let verdict = find(&c, &tid("share-verdict")).await;
    assert_eq!(
        verdict
            .attr("data-integrity")
            .await
            .expect("attr")
            .as_deref(),
        Some("intact")
    );
    assert_eq!(
        text(&c, &tid("share-signer-fingerprint")).await,
        fingerprint,
        "the signer's fingerprint is the exporting key's"
    );
    find(&c, &tid("share-merge-offer")).await;
    capture(
        &c,
        &display,
        &tid("share-merge-offer"),
        "s2-share-import-check",
    )
    .await;
    click(&c, &tid("share-import")).await;
    find(&c, &tid("item-view")).await;

    // The copy closes a gap; the comparison shows it, one click from the item.
    open_item(&c, "AEO.A.02").await;
    click(&c, &tid("status-met")).await;
    saved(&c).await;
    // From the copy's dashboard, which offers the comparison once there is another.
    click(&c, &tid("open-dashboard")).await;
    click(&c, &tid("dash-compare")).await;
    find(&c, &tid("compare-groups")).await;
    assert_eq!(
        text(&c, &tid("compare-delta")).await.chars().next(),
        Some('+')
    );
    let closed = find(&c, &tid("gaps-closed")).await;
    assert!(
        closed.text().await.expect("text").contains("AEO.A.02"),
        "the closed gap is listed"
    );
    capture(&c, &display, &ready("compare"), "s3-compare").await;
    click(
        &c,
        &format!(
            "{} {}[data-item=\"AEO.A.02\"]",
            tid("gaps-closed"),
            tid("compare-item")
        ),
    )
    .await;
    item_shown(&c, "AEO.A.02").await;

    // The copy goes back as a file (same name, replaced) and merges into the original.
    export_file(&c, &display, "s4-share-exported-again").await;
    let original = {
        let store = Store::open(&world.database()).expect("database");
        let list = store.list_assessments().expect("list");
        // The original is the one not imported from another.
        list.iter()
            .map(|s| s.assessment.id.clone())
            .find(|id| store.lineage(id).expect("lineage").is_empty())
            .expect("the original")
    };
    home(&c).await;
    click(&c, &tid("import-file")).await;
    click(
        &c,
        &format!("{}[data-id=\"{original}\"]", tid("share-merge")),
    )
    .await;
    find(&c, &tid("conflict")).await;
    capture(&c, &display, &ready("merge"), "s5-merge").await;
    click(&c, &tid("all-theirs")).await;
    click(&c, &tid("merge-apply")).await;
    find(&c, &tid("item-view")).await;
    open_item(&c, "AEO.A.02").await;
    assert!(pressed(&c, "met").await, "their answer was taken");
    c.close().await.expect("close the app");

    let store = Store::open(&world.database()).expect("database");
    let a02 = store
        .answer(&original, "AEO.A.02")
        .expect("read")
        .expect("answered");
    assert_eq!(a02.input.status, Status::Met);
    assert_eq!(store.list_assessments().expect("list").len(), 2);
}
