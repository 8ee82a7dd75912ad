//! Runs the built `safe-assess` binary through the whole flow of a trader assessment and every bad
//! input the command line must refuse (exit code 2, one line naming the problem, database unchanged).

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the report

mod support;

use support::{Env, dump};

#[test]
fn freight_forwarder_flow_from_the_readme() {
    let env = Env::new();
    let list = env.ok(&["catalogue", "list", "--json"]);
    let cat: serde_json::Value = serde_json::from_str(&list).expect("catalogue JSON");
    let packs: Vec<&str> = cat["packs"]
        .as_array()
        .expect("packs")
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert_eq!(packs, ["safe2021-customs", "safe2021-aeo"]);
    assert!(
        cat["roles"]
            .as_array()
            .expect("roles")
            .iter()
            .any(|r| r["id"] == "freight-forwarder")
    );

    let id = env.ok(&[
        "new",
        "--title",
        "AEO readiness 2026",
        "--profile",
        "trader",
        "--role",
        "freight-forwarder",
        "--org",
        "Acme Forwarding Ltd",
        "--country",
        "KE",
    ]);
    let id = id.trim().to_string();
    assert_eq!(id.len(), 36, "prints the new id: {id}");

    let items = env.items_for(&id);
    let (mandatory, optional) = (&items.mandatory[0], &items.optional[0]);
    env.ok(&[
        "answer",
        &id,
        mandatory,
        "--status",
        "met",
        "--comment",
        "Policy signed by the board",
    ]);
    env.ok(&[
        "answer",
        &id[..8],
        &items.mandatory[1],
        "--status",
        "not-met",
        "--owner",
        "Security manager",
        "--due",
        "2026-12-31",
        "--priority",
        "high",
        "--flag",
    ]);
    env.ok(&[
        "answer",
        &id,
        optional,
        "--status",
        "not-applicable",
        "--justification",
        "We do not operate this activity",
    ]);
    let evidence = env.dir.path().join("security-policy.pdf");
    std::fs::write(&evidence, b"%PDF-1.7 fake policy").expect("write evidence");
    let added = env.ok(&[
        "evidence",
        "add",
        &id,
        mandatory,
        evidence.to_str().expect("utf-8 path"),
        "--expires",
        "2027-06-30",
    ]);
    assert!(added.contains("security-policy.pdf"), "{added}");

    let show: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", &id, "--json"])).expect("show JSON");
    assert_eq!(show["schema"], "safe-assess.show/1");
    assert_eq!(show["assessment"]["organisation"], "Acme Forwarding Ltd");
    let card = &show["scorecard"];
    assert_eq!(card["overall"]["answered"], 3);
    assert_eq!(
        card["verdict"]["readiness"], "not-ready",
        "a critical or major gap blocks readiness: {card}"
    );
    assert!(
        card["gaps"]
            .as_array()
            .expect("gaps")
            .iter()
            .any(|g| g["itemId"] == items.mandatory[1].as_str())
    );
    assert_eq!(show["evidence"][0]["fileName"], "security-policy.pdf");
    assert_eq!(show["evidence"][0]["expires"], "2027-06-30");

    let text = env.ok(&["show", &id]);
    assert!(
        text.contains("Verdict:") && text.contains("Gaps ("),
        "{text}"
    );
    let history = env.ok(&["history", &id, mandatory]);
    assert!(
        history.contains("answer") && history.contains("evidence-add"),
        "{history}"
    );
    let listing = env.ok(&["list"]);
    assert!(
        listing.contains("AEO readiness 2026") && listing.contains("Acme Forwarding Ltd"),
        "{listing}"
    );
}

#[test]
fn bad_input_is_refused_with_exit_2_and_changes_nothing() {
    let env = Env::new();
    let id = env
        .ok(&[
            "new",
            "--title",
            "T",
            "--profile",
            "trader",
            "--role",
            "importer",
        ])
        .trim()
        .to_string();
    let items = env.items_for(&id);
    let m = items.mandatory[0].as_str();
    let o = items.optional[0].as_str();
    env.ok(&["answer", &id, m, "--status", "met"]);
    let foreign = items
        .not_applicable
        .first()
        .cloned()
        .unwrap_or_else(|| "AEO.H.01".into());
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["answer", "ffffffff", m, "--status", "met"],
            "assessment 'ffffffff' not found",
        ),
        (
            vec!["answer", &id, "AEO.Z.99", "--status", "met"],
            "item 'AEO.Z.99' not found",
        ),
        (
            vec!["answer", &id, &foreign, "--status", "met"],
            "does not apply",
        ),
        (
            vec!["answer", &id, m, "--status", "done"],
            "unknown status 'done'",
        ),
        (
            vec!["answer", &id, o, "--status", "not-applicable"],
            "needs a justification",
        ),
        (
            vec![
                "answer",
                &id,
                m,
                "--status",
                "not-applicable",
                "--justification",
                "x",
            ],
            "is mandatory",
        ),
        (
            vec!["answer", &id, m, "--status", "met", "--due", "2026-02-30"],
            "'2026-02-30' is not a date",
        ),
        (
            vec!["answer", &id, m, "--status", "met", "--priority", "urgent"],
            "unknown priority 'urgent'",
        ),
        (
            vec!["evidence", "add", &id, m, "/nonexistent/file.pdf"],
            "/nonexistent/file.pdf",
        ),
        (
            vec!["evidence", "add", &id, o, "Cargo.toml"],
            "not answered yet",
        ),
        (
            vec!["new", "--title", "T", "--profile", "trader"],
            "at least one role",
        ),
        (
            vec!["new", "--title", "T", "--profile", "airline"],
            "unknown profile 'airline'",
        ),
        (
            vec![
                "new",
                "--title",
                "T",
                "--profile",
                "trader",
                "--role",
                "pirate",
            ],
            "unknown role 'pirate'",
        ),
        (
            vec![
                "new",
                "--title",
                "T",
                "--profile",
                "customs",
                "--country",
                "Kenya",
            ],
            "'Kenya'",
        ),
        (vec!["history", &id, "NOPE.1"], "item 'NOPE.1' not found"),
    ];
    let before = dump(&env.db);
    for (args, expected) in cases {
        let (code, _, err) = env.run(&args);
        assert_eq!(code, 2, "{args:?} should exit 2, stderr: {err}");
        assert!(
            err.contains(expected),
            "{args:?}: stderr '{err}' should contain '{expected}'"
        );
        assert_eq!(
            err.trim().lines().count(),
            1,
            "one line for {args:?}: {err}"
        );
        assert_eq!(dump(&env.db), before, "{args:?} changed the database");
    }
    let (code, _, _) = env.run(&["answer", &id]);
    assert_eq!(code, 2, "usage errors exit 2");
}

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
fn a_broken_user_pack_is_named_and_the_others_still_load() {
    let env = Env::new();
    let folder = env.dir.path().join("catalogue");
    std::fs::create_dir_all(&folder).expect("mkdir");
    let broken = folder.join("national.json");
    std::fs::write(&broken, r#"{"format":1,"id":"nat","title":"N","edition":"E","date":"2024-01-01","version":"1.0.0","profile":"trader","source":"S","groups":[{"id":"G","kind":"section","title":"G","summary":"s","reference":"r","items":[{"id":"G.1","title":"t","requirement":"q","guidance":"g","shortfall":"f","evidence":["e"],"reference":"r","roles":["astronaut"],"criticality":"major","mandatory":true,"aim":"prevent-exploitation"}]}]}"#).expect("write");
    let (code, out, _) = env.run(&["catalogue", "list"]);
    assert_eq!(code, 0);
    assert!(out.contains("safe2021-aeo"), "built-in packs still listed");
    assert!(
        out.contains("national.json") && out.contains("G.1") && out.contains("astronaut"),
        "{out}"
    );
    let (code, _, err) = env.run(&["catalogue", "check", broken.to_str().expect("utf-8")]);
    assert_eq!(code, 2);
    assert!(err.contains("item 'G.1'") && err.contains("roles"), "{err}");
    for pack in ["safe2021-aeo", "safe2021-customs"] {
        let path = format!(
            "{}/assets/catalogue/{pack}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let out = env.ok(&["catalogue", "check", &path]);
        assert!(out.contains("is valid"), "{out}");
    }
}

#[test]
fn backup_and_restore_round_trip() {
    let env = Env::new();
    let id = env
        .ok(&["new", "--title", "Customs 2026", "--profile", "customs"])
        .trim()
        .to_string();
    let backup = env.ok(&["backup"]).trim().to_string();
    assert!(
        std::path::Path::new(&backup).exists(),
        "backup file {backup}"
    );
    env.ok(&["delete", &id]);
    assert!(!env.ok(&["list"]).contains("Customs 2026"));
    let out = env.ok(&["restore", "--latest"]);
    assert!(out.contains("kept as"), "{out}");
    assert!(
        env.ok(&["list"]).contains("Customs 2026"),
        "restored state has the assessment"
    );
    env.ok(&["delete", &id]);
    env.ok(&["undelete", &id]);
    assert!(
        env.ok(&["list"]).contains("Customs 2026"),
        "undelete brings it back"
    );
}

#[test]
fn evidence_paths_with_dots_links_and_non_utf8_names() {
    use std::os::unix::ffi::OsStrExt;
    let env = Env::new();
    let id = env
        .ok(&[
            "new",
            "--title",
            "T",
            "--profile",
            "trader",
            "--role",
            "importer",
        ])
        .trim()
        .to_string();
    let items = env.items_for(&id);
    let item = items.mandatory[0].as_str();
    env.ok(&["answer", &id, item, "--status", "met"]);
    let sub = env.dir.path().join("sub");
    std::fs::create_dir_all(&sub).expect("mkdir");
    std::fs::write(env.dir.path().join("plan.txt"), "contingency plan").expect("write");

    // A path through `..` names the file it resolves to; only the file name is kept.
    let dotted = sub.join("..").join("plan.txt");
    let out = env.ok(&[
        "evidence",
        "add",
        &id,
        item,
        dotted.to_str().expect("utf-8"),
    ]);
    assert!(out.contains(" plan.txt "), "{out}");

    // A link to a file attaches the file's content under the link's name; a link to a folder is refused.
    let link = env.dir.path().join("link-to-plan.txt");
    std::os::unix::fs::symlink(env.dir.path().join("plan.txt"), &link).expect("symlink");
    env.ok(&["evidence", "add", &id, item, link.to_str().expect("utf-8")]);
    let folder_link = env.dir.path().join("folder-link");
    std::os::unix::fs::symlink(&sub, &folder_link).expect("symlink");
    let (code, _, err) = env.run(&[
        "evidence",
        "add",
        &id,
        item,
        folder_link.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not a file"), "{err}");

    // A name that is not UTF-8 is kept readable (invalid bytes replaced), the content unchanged.
    let raw = std::ffi::OsStr::from_bytes(b"scan-\xff\xfe.pdf");
    let odd = env.dir.path().join(raw);
    std::fs::write(&odd, b"%PDF odd").expect("write");
    let out = env
        .command()
        .args(["evidence", "add", &id, item])
        .arg(&odd)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value =
        serde_json::from_str(&env.ok(&["evidence", "list", &id, "--json"])).expect("json");
    let names: Vec<&str> = list["evidence"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|e| e["fileName"].as_str())
        .collect();
    assert!(names.contains(&"scan-\u{fffd}\u{fffd}.pdf"), "{names:?}");
    assert_eq!(
        names.iter().filter(|n| n.ends_with("plan.txt")).count(),
        1,
        "same content stored once: {names:?}"
    );
}

#[test]
fn check_reads_the_whole_file_and_reports_damage_the_other_commands_do_not_read() {
    let env = Env::new();
    let (code, _, err) = env.run(&["check"]);
    assert_eq!(code, 2, "no database to check");
    assert!(err.contains("not found"), "{err}");
    assert!(!env.db.exists(), "check creates nothing");

    let id = env
        .ok(&["new", "--title", "Customs 2026", "--profile", "customs"])
        .trim()
        .to_string();
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
