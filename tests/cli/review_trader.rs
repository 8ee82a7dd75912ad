//! The trader's side of validation by customs beyond the main loop: answers customs accepted
//! stay locked through a merge; trusted customs keys.

use crate::review::{app_id, json, p, refused, trader_assessment};
use crate::support::Env;

/// A trader whose submission customs reviewed: every item but the first accepted, a remark on
/// the first, the review imported. Returns (trader, customs, assessment id, items, review file).
pub(crate) fn reviewed() -> (Env, Env, String, Vec<String>, std::path::PathBuf) {
    let trader = Env::new();
    let customs = Env::new();
    let (id, items) = trader_assessment(&trader, 0);
    let sub = trader.dir.path().join("sub1.safeassess");
    trader.ok(&["submit", &id, "--out", p(&sub)]);
    customs.ok(&["review", "open", p(&sub)]);
    let app = app_id(&customs);
    for item in items.iter().skip(1) {
        customs.ok(&["review", "mark", &app, item, "--accept"]);
    }
    customs.ok(&[
        "review",
        "mark",
        &app,
        &items[0],
        "--remark",
        "Who signed the policy?",
        "--kind",
        "query",
    ]);
    customs.ok(&[
        "review",
        "decide",
        &app,
        "--return",
        "--note",
        "One remark to answer",
    ]);
    let review = customs.dir.path().join("review1.safereview");
    customs.ok(&["review", "export", &app, "--out", p(&review)]);
    trader.ok(&["review", "import", p(&review)]);
    (trader, customs, id, items, review)
}

#[test]
fn a_merge_never_changes_an_answer_customs_accepted() {
    let (trader, _customs, id, items, _) = reviewed();
    // A colleague's copy changes an accepted item (items[2]) and the one under remark (items[0]).
    let copy = trader.dir.path().join("copy.safeassess");
    trader.ok(&["export", &id, "--out", p(&copy)]);
    let colleague = Env::new();
    let theirs = colleague.ok(&["import", p(&copy)]).trim().to_string();
    let locked = &items[2];
    colleague.ok(&[
        "answer",
        &theirs,
        locked,
        "--status",
        "not-met",
        "--comment",
        "gate broken",
    ]);
    colleague.ok(&[
        "answer",
        &theirs,
        &items[0],
        "--status",
        "met",
        "--comment",
        "signed by the director",
    ]);
    let back = colleague.dir.path().join("back.safeassess");
    colleague.ok(&["export", &theirs, "--out", p(&back)]);

    // Taking theirs would change the locked answer: the whole merge is refused, nothing changes.
    let err = refused(
        &trader,
        &["merge", &id, p(&back), "--prefer", "theirs"],
        "answer_locked",
    );
    assert!(
        err.contains(locked.as_str()) && err.contains("reopen"),
        "{err}"
    );
    assert!(!err.contains(&format!("({}", items[0])), "{err}");

    // Keeping mine changes nothing of the locked answer.
    trader.ok(&["merge", &id, p(&back), "--prefer", "mine"]);
    let show = json(&trader, &["show", &id, "--json"]);
    let answer = show["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .find(|a| a["itemId"] == locked.as_str())
        .expect("locked answer")
        .clone();
    assert_eq!(answer["status"], "met", "{answer}");

    // Reopened, the item can take the colleague's answer.
    trader.ok(&["reopen", &id, locked]);
    trader.ok(&["merge", &id, p(&back), "--prefer", "theirs"]);
    let show = json(&trader, &["show", &id, "--json"]);
    let answer = show["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .find(|a| a["itemId"] == locked.as_str())
        .expect("answer")
        .clone();
    assert_eq!(answer["status"], "not-met", "{answer}");
}
