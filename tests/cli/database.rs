//! The database file itself: files that are not ours or come from a newer release are refused
//! and left alone, `check` reads the whole file, and an older release's history prints as before.

use crate::support::Env;

#[test]
fn unusable_database_files_are_refused_and_left_alone() {
    let env = Env::new();
    std::fs::write(&env.db, "these are not assessments").expect("write");
    let (code, _, err) = env.run(&["list"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a SQLite database"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&env.db).expect("read"),
        "these are not assessments"
    );

    let env = Env::new();
    env.ok(&["list"]);
    let c = rusqlite::Connection::open(&env.db).expect("open");
    c.pragma_update(None, "user_version", 42).expect("bump");
    drop(c);
    let (code, _, err) = env.run(&["list"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("newer version") && err.contains("schema 42"),
        "{err}"
    );
}
#[test]
fn check_reads_the_whole_file_and_reports_damage_the_other_commands_do_not_read() {
    let env = Env::new();
    let (code, _, err) = env.run(&["check"]);
    assert_eq!(code, 2, "no database to check");
    assert!(err.contains("not found"), "{err}");
    assert!(!env.db.exists(), "check creates nothing");

    let id = env.new_assessment(&["--title", "Customs 2026", "--profile", "customs"]);
    let out = env.ok(&["check"]);
    assert!(
        out.contains("intact") && out.contains("1 assessments"),
        "{out}"
    );

    // Many history rows, so the history table has pages of its own; then its root page is
    // overwritten. The home list does not read it.
    let root: i64 = {
        let c = rusqlite::Connection::open(&env.db).expect("open");
        for n in 0..200 {
            c.execute(
                "INSERT INTO history (assessment_id, item_id, action, new, at, by)
                 VALUES (?1, 'X', 'answer', ?2, '2026-01-01T00:00:00.000000Z', 'me')",
                rusqlite::params![id, format!("{n} {}", "x".repeat(1000))],
            )
            .expect("history row");
        }
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .expect("checkpoint");
        c.query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'history'",
            [],
            |r| r.get(0),
        )
        .expect("root page")
    };
    let mut bytes = std::fs::read(&env.db).expect("read");
    let start = (root as usize - 1) * 4096;
    bytes[start..start + 4096].fill(0xAB);
    std::fs::write(&env.db, &bytes).expect("damage");

    assert!(
        env.ok(&["list"]).contains("Customs 2026"),
        "the cheap check passes"
    );
    let (code, out, err) = env.run(&["check"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("integrity check failed") && err.contains("restore --latest"),
        "what was found, and the hint about backups: {err}"
    );
    let (code, _, err) = env.run(&["backup"]);
    assert_eq!(code, 2, "no backup of a damaged file");
    assert!(err.contains("integrity check failed"), "{err}");
    assert!(
        safe_core::store::list_backups(&env.db)
            .expect("backups")
            .is_empty()
    );
    assert_eq!(
        std::fs::read(&env.db).expect("read"),
        bytes,
        "the damaged file is left as it was"
    );
}
#[test]
fn history_of_a_database_from_the_previous_release_prints_as_before() {
    let env = Env::new();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::copy(fixtures.join("history-v0.1.sqlite"), &env.db).expect("copy fixture");
    for id in [
        "d0036e95-4185-4bc4-9321-d9633c1fff4e",
        "9682c660-edd4-47ef-bef0-2a45c6adb6a8",
        "495cbe71-f086-4776-8293-f60a5c715193",
    ] {
        let dir = fixtures.join("history-v0.1");
        let text = std::fs::read_to_string(dir.join(format!("{id}.txt"))).expect("text");
        assert_eq!(env.ok(&["history", id]), text, "history {id}");
        let json: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{id}.json"))).expect("json"),
        )
        .expect("JSON");
        let now: serde_json::Value =
            serde_json::from_str(&env.ok(&["history", id, "--json"])).expect("JSON output");
        assert_eq!(now, json, "history {id} --json");
    }
}
