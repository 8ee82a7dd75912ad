//! What the command line refuses: bad arguments and values (exit code 2, one line naming the
//! problem, the database unchanged), and a broken pack in the user's folder (named, the others
//! still load).

use crate::support::{Env, dump};

#[test]
fn bad_input_is_refused_with_exit_2_and_changes_nothing() {
    let env = Env::new();
    let id = env.trader("T", "importer");
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
