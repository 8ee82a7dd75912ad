//! The bin on the command line: `list --deleted` shows what was deleted and when, and says how
//! to bring it back; `undelete` empties it again.

use crate::support::Env;

fn new(env: &Env, title: &str) -> String {
    env.new_assessment(&[
        "--title",
        title,
        "--profile",
        "trader",
        "--role",
        "importer",
        "--org",
        "Acme",
    ])
}

#[test]
fn list_deleted_shows_the_bin_with_the_date_and_undelete_brings_one_back() {
    let env = Env::new();
    let keep = new(&env, "Kept 2026");
    let gone = new(&env, "Deleted 2025");
    assert_eq!(env.ok(&["list", "--deleted"]).trim(), "The bin is empty.");
    env.ok(&["delete", &gone]);

    let text = env.ok(&["list", "--deleted"]);
    assert!(
        text.contains(&gone) && text.contains("Deleted 2025 (Acme)"),
        "{text}"
    );
    assert!(!text.contains(&keep), "{text}");
    assert!(text.contains("DELETED (UTC)"), "{text}");
    assert!(text.contains("safe-assess undelete ID"), "{text}");

    let bin = env.json(&["list", "--deleted", "--json"]);
    assert_eq!(bin["schema"], "safe-assess.bin/1");
    let rows = bin["assessments"].as_array().expect("assessments");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], gone.as_str());
    assert_eq!(rows[0]["title"], "Deleted 2025");
    let at = rows[0]["deletedAt"].as_str().expect("deletedAt");
    assert!(
        chrono::DateTime::parse_from_rfc3339(at).is_ok(),
        "deletedAt is a timestamp: {at}"
    );
    let list = env.json(&["list", "--json"]);
    let ids: Vec<&str> = list["assessments"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert_eq!(ids, [keep.as_str()], "the list leaves the bin out");

    assert!(env.ok(&["undelete", &gone]).contains("Deleted 2025"));
    assert_eq!(env.ok(&["list", "--deleted"]).trim(), "The bin is empty.");
    let again = env.refused(&["undelete", &gone]);
    assert!(again.contains(&gone), "{again}");
}
