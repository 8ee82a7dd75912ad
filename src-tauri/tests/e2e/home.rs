//! The home list with many assessments: drawn a page at a time, filtered by what the user
//! types; and, for an organisation with three assessments, the dashboard's link to the trend.

use chrono::{Duration, Utc};
use fantoccini::{Client, Locator};
use safe_core::catalogue::{Library, Profile};
use safe_core::model::{AnswerInput, NewAssessment, Stamp, Status};
use safe_core::store::Store;

use super::{APP, LIMIT};
use crate::harness::*;

const COUNT: usize = 60;
/// The first (oldest) ones are in the bin.
const DELETED: usize = 2;

/// `COUNT` trader assessments, one a day, the last three of "Acme Trading Ltd" (the others of
/// "Nordic Cargo 0..4"), each with a few more answers than the one before; the first
/// `DELETED` deleted.
fn seed(db: &std::path::Path) {
    let lib = Library::builtin().expect("built-in packs");
    std::fs::create_dir_all(db.parent().expect("folder")).expect("data folder");
    let mut store = Store::open(db).expect("database");
    let pack = lib.default_for(Profile::Trader).expect("trader pack");
    let items = pack.items();
    for i in 0..COUNT {
        let stamp = Stamp {
            at: Utc::now() - Duration::days((COUNT - i) as i64),
            by: "seed".into(),
        };
        let acme = i + 3 >= COUNT;
        let details = NewAssessment {
            title: format!("Assessment {i:02}"),
            profile: Some(Profile::Trader),
            roles: vec!["importer".into()],
            organisation: if acme {
                "Acme Trading Ltd".into()
            } else {
                format!("Nordic Cargo {}", i % 5)
            },
            country: "SE".into(),
            ..NewAssessment::default()
        };
        let id = format!("00000000-0000-4000-8000-{i:012}");
        store
            .create_assessment(&lib, &details, &id, &stamp)
            .expect("create");
        for (k, item) in items.iter().take(i % 20 + 3).enumerate() {
            let status = if k % 3 == 0 {
                Status::NotMet
            } else {
                Status::Met
            };
            store
                .save_answer(&id, &item.id, &AnswerInput::status(status), &stamp)
                .expect("answer");
        }
        if i < DELETED {
            store.delete_assessment(&id, &stamp).expect("delete");
        }
    }
}

async fn cards(c: &Client) -> usize {
    c.find_all(Locator::Css(&tid("assessment-card")))
        .await
        .expect("cards")
        .len()
}

async fn has(c: &Client, id: &str) -> bool {
    !c.find_all(Locator::Css(&tid(id)))
        .await
        .expect("find")
        .is_empty()
}

#[tokio::test(flavor = "multi_thread")]
async fn many_assessments_are_paged_and_filtered() {
    tokio::time::timeout(LIMIT, home_scenario())
        .await
        .expect("the scenario finished within its time limit");
}

async fn home_scenario() {
    let display = Display::start();
    let world = World::new();
    seed(&world.database());
    let driver = Driver::start(&world, &display, std::path::Path::new(APP));
    let c = driver.launch().await;

    // The first 50, most recently changed first, then the rest on request.
    find(&c, &tid("show-more")).await;
    assert_eq!(cards(&c).await, 50);
    assert_eq!(text(&c, &tid("open-assessment")).await, "Assessment 59");
    screenshot(&c, &ready("home"), "h1-home-paged").await;
    click(&c, &tid("show-more")).await;
    until("every card to be shown", || async {
        cards(&c).await == COUNT - DELETED
    })
    .await;
    assert!(!has(&c, "show-more").await, "nothing more to show");

    // The bin lists the deleted ones with when they were deleted; Restore brings one back.
    assert!(
        text(&c, &tid("open-bin"))
            .await
            .contains(&DELETED.to_string())
    );
    click_centered(&c, &tid("open-bin")).await;
    find(&c, &tid("bin-list")).await;
    let rows = c
        .find_all(Locator::Css(&tid("bin-row")))
        .await
        .expect("rows");
    assert_eq!(rows.len(), DELETED);
    screenshot(&c, &tid("bin-list"), "h4-bin").await;
    click(&c, &tid("bin-restore")).await;
    until("the restored card", || async {
        cards(&c).await == COUNT - DELETED + 1
    })
    .await;
    click(&c, &tid("bin-close")).await;
    assert!(
        text(&c, &tid("open-bin"))
            .await
            .contains(&(DELETED - 1).to_string())
    );

    // The filter looks in the organisation; nothing found says so.
    type_into(&c, &tid("home-filter"), "acme").await;
    until("the three Acme cards", || async { cards(&c).await == 3 }).await;
    screenshot(&c, &ready("home"), "h2-home-filtered").await;
    type_into(&c, &tid("home-filter"), " zzz").await;
    find(&c, &tid("home-no-match")).await;
    assert_eq!(cards(&c).await, 0);

    // The newest Acme assessment's dashboard links to the trend of its three.
    let filter = find(&c, &tid("home-filter")).await;
    filter.clear().await.expect("clear");
    type_into(&c, &tid("home-filter"), "acme").await;
    until("the three Acme cards", || async { cards(&c).await == 3 }).await;
    click(&c, &tid("open-assessment")).await;
    click(&c, &tid("open-dashboard")).await;
    find(&c, &tid("dash-compare")).await;
    click(&c, &tid("dash-trend")).await;
    find(&c, &tid("compare-trend")).await;
    screenshot(&c, &ready("compare"), "h3-trend-from-dashboard").await;
    c.close().await.expect("close the app");
}
