//! `safe-assess rebase`: a 2021 trader assessment moved to the 2025 edition, the dry run, and
//! the refusals (exit 2, nothing written).

use crate::support::{Env, dump};

fn trader_2021(env: &Env) -> String {
    let id = env.ok(&[
        "new",
        "--title",
        "AEO 2024",
        "--profile",
        "trader",
        "--role",
        "freight-forwarder",
        "--role",
        "carrier-road",
        "--org",
        "Acme",
        "--pack",
        "safe2021-aeo",
    ]);
    let id = id.trim().to_string();
    env.ok(&[
        "answer",
        &id,
        "AEO.G.05",
        "--status",
        "partially-met",
        "--comment",
        "seals only",
    ]);
    env.ok(&["answer", &id, "AEO.H.02", "--status", "met"]);
    env.ok(&["answer", &id, "AEO.A.01", "--status", "met"]);
    let file = env.dir.path().join("seals.txt");
    std::fs::write(&file, "seal register").expect("write evidence");
    env.ok(&[
        "evidence",
        "add",
        &id,
        "AEO.G.05",
        file.to_str().expect("path"),
    ]);
    id
}

#[test]
fn a_dry_run_writes_nothing_and_the_move_carries_every_answer() {
    let env = Env::new();
    let id = trader_2021(&env);
    let before = std::fs::read(&env.db).expect("db");
    let rows = dump(&env.db);
    let out = env.ok(&["rebase", &id, "--to", "safe2025-aeo", "--dry-run"]);
    assert!(
        out.contains("safe2021-aeo 1.0.0 -> safe2025-aeo 1.0.0"),
        "{out}"
    );
    assert!(
        out.contains("split      AEO.G.05 -> AEO.G.05, AEO.G.14  [answered: AEO.G.05]"),
        "{out}"
    );
    assert!(out.contains("dry run: nothing was written"), "{out}");
    assert_eq!(
        std::fs::read(&env.db).expect("db"),
        before,
        "file byte-identical"
    );
    assert_eq!(dump(&env.db), rows);

    let json: serde_json::Value = serde_json::from_str(&env.ok(&[
        "rebase",
        &id[..8],
        "--to",
        "safe2025-aeo@1.0.0",
        "--dry-run",
        "--json",
    ]))
    .expect("JSON");
    assert_eq!(json["schema"], "safe-assess.rebase/1");
    assert_eq!(json["counts"]["split"], 1);
    assert_eq!(json["counts"]["changed"], 1);
    assert_eq!(json["counts"]["new"], 7);
    assert_eq!(json["plan"]["carried"].as_array().map(Vec::len), Some(4));

    let out = env.ok(&["rebase", &id, "--to", "safe2025-aeo"]);
    assert!(out.contains("moved"), "{out}");
    let show: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", &id, "--json"])).expect("show JSON");
    assert_eq!(show["pack"]["id"], "safe2025-aeo");
    let text = env.ok(&["show", &id]);
    for item in ["AEO.G.05", "AEO.G.14", "AEO.H.02"] {
        assert!(
            text.lines()
                .any(|l| l.contains(item) && l.contains("(carried over)")),
            "{item} is carried over: {text}"
        );
    }
    let history = env.ok(&["history", &id, "AEO.G.14"]);
    assert!(
        history.contains("rebase-carry") && history.contains("AEO.G.05"),
        "{history}"
    );
    let evidence = env.ok(&["evidence", "list", &id]);
    assert!(evidence.contains("AEO.G.05, AEO.G.14"), "{evidence}");
    let all = env.ok(&["history", &id]);
    assert!(
        all.contains("safe2021-aeo 1.0.0 -> safe2025-aeo 1.0.0"),
        "{all}"
    );
}

#[test]
fn refusals_exit_2_and_write_nothing() {
    let env = Env::new();
    let id = trader_2021(&env);
    let customs = env.ok(&["new", "--title", "C", "--profile", "customs"]);
    let customs = customs.trim().to_string();
    let rows = dump(&env.db);
    for (args, want) in [
        (vec!["rebase", id.as_str(), "--to", "nope"], "nope"),
        (
            vec!["rebase", id.as_str(), "--to", "safe2021-aeo"],
            "already on",
        ),
        (
            vec!["rebase", id.as_str(), "--to", "safe2025-customs"],
            "profile",
        ),
        (
            vec!["rebase", id.as_str(), "--to", "safe2025-aeo@0.1.0"],
            "safe2025-aeo@0.1.0",
        ),
        (
            vec!["rebase", customs.as_str(), "--to", "safe2021-customs"],
            "older",
        ),
    ] {
        let (code, _, err) = env.run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert_eq!(dump(&env.db), rows, "{args:?} wrote nothing");
    }
    env.ok(&["delete", &id]);
    let rows = dump(&env.db);
    let (code, _, err) = env.run(&["rebase", &id, "--to", "safe2025-aeo"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("in the bin"), "{err}");
    assert_eq!(dump(&env.db), rows);
}
