//! Runs the built `safe-assess` binary through the whole flow of a trader assessment and every bad
//! input the command line must refuse (exit code 2, one line naming the problem, database unchanged).

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the report

mod bin;
mod catalogue_xlsx;
mod crosswalk;
mod output;
mod rebase;
mod review;
mod review_report;
mod review_trader;
mod tiers;

use crate::support::{Env, dump};

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
    assert_eq!(
        packs,
        [
            "safe2021-customs",
            "safe2021-aeo",
            "safe2025-customs",
            "safe2025-aeo",
            "ctpat-msc",
            "iso28000-2022",
            "wco-precursors",
            "eu-aeo-ucc"
        ]
    );
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
        let lines: Vec<&str> = err.trim().lines().collect();
        assert_eq!(lines.len(), 2, "one line and the code for {args:?}: {err}");
        assert!(lines[0].starts_with("error: "), "{err}");
        assert!(lines[1].starts_with("code: "), "{err}");
        assert_eq!(dump(&env.db), before, "{args:?} changed the database");
    }
    // The code line names the same code as the desktop app gives for the same failure.
    for (args, want) in [
        (vec!["history", &id, "NOPE.1"], "code: not_found"),
        (vec!["show", "no-such-id"], "code: not_found"),
        (
            vec!["evidence", "add", &id, m, "/nonexistent/file.pdf"],
            "code: io",
        ),
        (vec!["answer", &id], "code: invalid_input"),
    ] {
        let (code, _, err) = env.run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.lines().any(|l| l == want), "{args:?}: {err}");
    }
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

/// A format 2 pack in the user folder that supersedes the built-in trader pack.
fn superseding_pack(folder: &std::path::Path) -> std::path::PathBuf {
    let text = include_str!("../crates/safe-core/tests/fixtures/new-trader.json");
    let mut pack: serde_json::Value = serde_json::from_str(text).expect("fixture");
    pack["supersedes"] = serde_json::json!({
        "pack": "safe2021-aeo", "version": "1.0.0",
        "changes": [{ "kind": "withdrawn", "from": ["AEO.H.06"], "to": [], "note": "national practice" }]
    });
    std::fs::create_dir_all(folder).expect("mkdir");
    let path = folder.join("national-2025.json");
    std::fs::write(&path, pack.to_string()).expect("write");
    path
}

#[test]
fn a_superseded_pack_is_labelled_and_new_assessments_start_on_the_newer_one() {
    let env = Env::new();
    let path = superseding_pack(&env.dir.path().join("catalogue"));
    let out = env.ok(&["catalogue", "list"]);
    let line = out
        .lines()
        .find(|l| l.contains("safe2021-aeo"))
        .expect("listed");
    assert!(line.contains("superseded by"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["catalogue", "list", "--json"])).expect("json");
    let packs = json["packs"].as_array().expect("packs");
    let by_id = |id: &str| packs.iter().find(|p| p["id"] == id).expect("pack");
    assert_eq!(by_id("safe2021-aeo")["supersededBy"], "safe2025-aeo");
    assert_eq!(
        by_id("safe2021-customs")["supersededBy"],
        "safe2025-customs"
    );
    assert!(by_id("safe2025-aeo")["supersededBy"].is_null());
    assert_eq!(by_id("test-aeo-2025")["format"], 2);

    // A user's own pack never becomes the default while a built-in pack of the profile is current.
    let new = |pack: Option<&str>| {
        let mut args = vec![
            "new",
            "--title",
            "T",
            "--profile",
            "trader",
            "--role",
            "importer",
        ];
        if let Some(p) = pack {
            args.extend(["--pack", p]);
        }
        env.ok(&args).trim().to_string()
    };
    let show = |id: &str| -> serde_json::Value {
        serde_json::from_str(&env.ok(&["show", id, "--json"])).expect("json")
    };
    assert_eq!(show(&new(None))["pack"]["id"], "safe2025-aeo");
    let show = show(&new(Some("test-aeo-2025")));
    assert_eq!(show["pack"]["id"], "test-aeo-2025");
    assert_eq!(show["pack"]["format"], 2);
    assert_eq!(
        show["pack"]["provenance"]["T.A.03"]["programme"],
        "EU AEO Guidelines"
    );
    assert_eq!(
        show["pack"]["provenance"]["T.A.03"]["confidence"],
        "unverified"
    );

    // The mapping is checked against the older pack: an unknown old id is refused by name.
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replace("AEO.H.06", "AEO.Z.99")).expect("write");
    let (code, _, err) = env.run(&["catalogue", "check", path.to_str().expect("utf-8")]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("AEO.Z.99") && err.contains("safe2021-aeo"),
        "{err}"
    );
}

#[test]
fn catalogue_check_warns_about_what_a_format_1_pack_lacks() {
    let env = Env::new();
    let path = format!(
        "{}/assets/catalogue/safe2021-aeo.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let (code, out, err) = env.run(&["catalogue", "check", &path]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("is valid"), "{out}");
    assert!(
        err.contains("warning") && err.contains("provenance") && err.contains("translations"),
        "{err}"
    );
    let fixture = format!(
        "{}/crates/safe-core/tests/fixtures/new-trader.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let (code, _, err) = env.run(&["catalogue", "check", &fixture]);
    assert_eq!(code, 0);
    assert!(!err.contains("warning"), "{err}");
    let bad = env.dir.path().join("bad.json");
    let text = std::fs::read_to_string(&fixture).expect("read");
    std::fs::write(
        &bad,
        text.replace("\"T.A.03\": { \"title\"", "\"T.Z.03\": { \"title\""),
    )
    .expect("write");
    let (code, _, err) = env.run(&["catalogue", "check", bad.to_str().expect("utf-8")]);
    assert_eq!(code, 2);
    assert!(err.contains("'fr'") && err.contains("T.Z.03"), "{err}");
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

#[test]
fn a_ctpat_assessment_starts_on_the_builtin_pack_named_by_id() {
    let env = Env::new();
    let id = env
        .ok(&[
            "new",
            "--title",
            "CTPAT broker",
            "--profile",
            "trader",
            "--role",
            "customs-broker",
            "--pack",
            "ctpat-msc",
        ])
        .trim()
        .to_string();
    let show: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", &id, "--json"])).expect("show JSON");
    assert_eq!(show["pack"]["id"], "ctpat-msc");
    let p = &show["pack"]["provenance"]["CTPAT.7.37"];
    assert_eq!(p["programme"], "CTPAT (US CBP)");
    assert_eq!(p["confidence"], "verified");
    // Must criteria are mandatory; seals are not a broker's business.
    let items = env.items_for(&id);
    assert!(items.mandatory.iter().any(|i| i == "CTPAT.7.37"));
    assert!(items.optional.iter().any(|i| i == "CTPAT.1.1"));
    assert!(items.not_applicable.iter().any(|i| i == "CTPAT.6.2"));
    let (code, _, err) = env.run(&["answer", &id, "CTPAT.7.37", "--status", "not-applicable"]);
    assert_eq!(code, 2, "a Must criterion cannot be not-applicable: {err}");
    env.ok(&[
        "answer",
        &id,
        "CTPAT.1.1",
        "--status",
        "not-applicable",
        "--justification",
        "A broker has no security programme of its own to review",
    ]);
    let listed = env.ok(&["catalogue", "show", "ctpat-msc"]);
    assert!(listed.contains("CTPAT.11.5"), "{listed}");
}
