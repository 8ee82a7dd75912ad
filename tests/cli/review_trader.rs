//! The trader's side of validation by customs beyond the main loop: answers customs accepted
//! stay locked through a merge; trusted customs keys.

use super::review::{app_id, json, p, refused, trader_assessment};
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

#[test]
fn customs_keys_pinned_on_first_use_and_trusted_by_name() {
    let (trader, customs, id, _, _) = reviewed();
    let own = json(&trader, &["key", "--json"])["fingerprint"]
        .as_str()
        .expect("own")
        .to_string();
    let customs_fp = json(&customs, &["key", "--json"])["fingerprint"]
        .as_str()
        .expect("customs")
        .to_string();
    let app = app_id(&customs);
    // Pinned by the review import, without a name.
    let l = json(&trader, &["key", "list", "--json"]);
    assert_eq!(l["schema"], "safe-assess.keys/1");
    assert_eq!(l["own"]["fingerprint"], own.as_str());
    let k = &l["trusted"][0];
    assert_eq!(k["fingerprint"], customs_fp.as_str());
    assert_eq!(k["name"], "");
    assert!(k["firstUsed"].is_string(), "{k}");
    assert_eq!(k["usedFor"][0]["applicationId"], app.as_str());
    assert_eq!(k["usedFor"][0]["assessmentId"], id.as_str());

    // Named explicitly (upper case accepted), shown in the list.
    let out = trader.ok(&[
        "key",
        "trust",
        &customs_fp.to_uppercase(),
        "--name",
        "Customs, Mombasa",
    ]);
    assert!(out.contains("Customs, Mombasa"), "{out}");
    let text = trader.ok(&["key", "list"]);
    assert!(
        text.contains(&customs_fp) && text.contains("Customs, Mombasa") && text.contains(&app),
        "{text}"
    );
    // A key trusted ahead of its first review.
    trader.ok(&[
        "key",
        "trust",
        "00112233445566aa",
        "--name",
        "Customs, Nairobi",
    ]);
    assert_eq!(
        json(&trader, &["key", "list", "--json"])["trusted"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    // Refusals.
    refused(
        &trader,
        &["key", "trust", "xyz", "--name", "N"],
        "invalid_input",
    );
    refused(
        &trader,
        &["key", "trust", "00112233445566aa", "--name", " "],
        "invalid_input",
    );
    refused(
        &trader,
        &["key", "untrust", "ffffffffffffffff"],
        "not_found",
    );
    // Untrust: both stay listed as untrusted (their reviews are refused from now on).
    trader.ok(&["key", "untrust", "00112233445566aa"]);
    let out = trader.ok(&["key", "untrust", &customs_fp]);
    assert!(out.contains("refused") && out.contains(&app), "{out}");
    let l = json(&trader, &["key", "list", "--json"]);
    assert_eq!(l["trusted"].as_array().map(Vec::len), Some(2));
    for k in l["trusted"].as_array().expect("keys") {
        assert_eq!(k["name"], "");
        assert!(k["untrustedAt"].is_string(), "{k}");
    }
    assert!(trader.ok(&["key", "list"]).contains("UNTRUSTED since"));
    refused(&trader, &["key", "untrust", &customs_fp], "invalid_input");
}
