//! Trusted keys judge the import of a review file: the first review of an application pins its
//! customs key; a later one signed by another key needs that key trusted by name; a key
//! untrusted signs no review accepted here. Each refusal: exit 2, one line, nothing changed.

use super::review::{app_id, json, p, refused};
use super::review_trader::reviewed;
use crate::support::Env;

fn fingerprint(env: &Env) -> String {
    json(env, &["key", "--json"])["fingerprint"]
        .as_str()
        .expect("fingerprint")
        .to_string()
}

/// Customs replaces its signing key (the old one kept aside as `keys-<aside>`); returns the new
/// fingerprint.
fn new_customs_key(customs: &Env, aside: &str) -> String {
    std::fs::rename(
        customs.dir.path().join("keys"),
        customs.dir.path().join(format!("keys-{aside}")),
    )
    .expect("move the key aside");
    fingerprint(customs)
}

fn export(customs: &Env, app: &str, name: &str) -> std::path::PathBuf {
    let out = customs.dir.path().join(name);
    customs.ok(&["review", "export", app, "--out", p(&out)]);
    out
}

#[test]
fn a_review_signed_by_another_key_needs_that_key_trusted_by_name() {
    let (trader, customs, _id, _, _) = reviewed();
    let app = app_id(&customs);
    let old = fingerprint(&customs);
    let new = new_customs_key(&customs, "old");
    assert_ne!(old, new);
    let review2 = export(&customs, &app, "review2.safereview");

    let err = refused(
        &trader,
        &["review", "import", p(&review2)],
        "review_mismatch",
    );
    assert!(
        err.contains(&new) && err.contains(&old) && err.contains("safe-assess key trust"),
        "{err}"
    );

    // Trusted by name: accepted, and pinned for the application instead of the old key.
    trader.ok(&["key", "trust", &new, "--name", "Customs, Mombasa (new key)"]);
    let out = trader.ok(&["review", "import", p(&review2)]);
    assert!(!out.contains("trusting customs key"), "{out}");
    let keys = json(&trader, &["key", "list", "--json"]);
    let by = |fp: &str| {
        keys["trusted"]
            .as_array()
            .expect("keys")
            .iter()
            .find(|k| k["fingerprint"] == fp)
            .cloned()
            .expect("key listed")
    };
    assert_eq!(by(&new)["usedFor"][0]["applicationId"], app.as_str());
    assert_eq!(by(&old)["usedFor"], serde_json::json!([]));

    // The old key is now another key than the pinned one, and not trusted by name: refused.
    std::fs::rename(
        customs.dir.path().join("keys"),
        customs.dir.path().join("keys-new"),
    )
    .expect("move");
    std::fs::rename(
        customs.dir.path().join("keys-old"),
        customs.dir.path().join("keys"),
    )
    .expect("move back");
    assert_eq!(fingerprint(&customs), old);
    let review3 = export(&customs, &app, "review3.safereview");
    let err = refused(
        &trader,
        &["review", "import", p(&review3)],
        "review_mismatch",
    );
    assert!(err.contains(&old) && err.contains(&new), "{err}");
}

#[test]
fn a_review_signed_by_an_untrusted_key_is_refused_until_trusted_again() {
    let (trader, customs, _id, _, _) = reviewed();
    let app = app_id(&customs);
    let fp = fingerprint(&customs);
    // The pinned key itself, untrusted.
    trader.ok(&["key", "untrust", &fp]);
    let review2 = export(&customs, &app, "review2.safereview");
    let err = refused(
        &trader,
        &["review", "import", p(&review2)],
        "review_mismatch",
    );
    assert!(
        err.contains(&fp) && err.contains("untrusted") && err.contains("safe-assess key trust"),
        "{err}"
    );
    trader.ok(&["key", "trust", &fp, "--name", "Customs, Mombasa"]);
    trader.ok(&["review", "import", p(&review2)]);
}

#[test]
fn an_untrusted_key_is_refused_on_a_first_review_too() {
    let trader = Env::new();
    let customs = Env::new();
    let (id, _) = super::review::trader_assessment(&trader, 0);
    let sub = trader.dir.path().join("sub1.safeassess");
    trader.ok(&["submit", &id, "--out", p(&sub)]);
    customs.ok(&["review", "open", p(&sub)]);
    let app = app_id(&customs);
    let fp = fingerprint(&customs);
    trader.ok(&["key", "trust", &fp, "--name", "Customs, Mombasa"]);
    trader.ok(&["key", "untrust", &fp]);
    let review = export(&customs, &app, "review1.safereview");
    let err = refused(
        &trader,
        &["review", "import", p(&review)],
        "review_mismatch",
    );
    assert!(err.contains(&fp) && err.contains("untrusted"), "{err}");
    // An unknown key on a first review is pinned as before.
    let other = Env::new();
    other.ok(&["review", "open", p(&sub)]);
    let other_app = app_id(&other);
    let review = export(&other, &other_app, "review1.safereview");
    let out = trader.ok(&["review", "import", p(&review)]);
    assert!(out.contains("trusting customs key"), "{out}");
}
