//! The crosswalk on the command line: coverage, `new --from`, a changed source answer flagged
//! diverged, `confirm`, `unlink`, and the bad inputs (exit 2, one line, nothing written). Uses a
//! user pack and mapping from `tests/fixtures/crosswalk/`, installed in the user catalogue folder.

use crate::support::{Env, dump};

fn install(env: &Env) {
    let cat = env.dir.path().join("catalogue");
    std::fs::create_dir_all(cat.join("crosswalk")).expect("catalogue folder");
    let fx = format!("{}/tests/fixtures/crosswalk", env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        format!("{fx}/national-aeo.json"),
        cat.join("national-aeo.json"),
    )
    .expect("pack");
    std::fs::copy(
        format!("{fx}/safe2025-aeo--national-aeo.json"),
        cat.join("crosswalk/safe2025-aeo--national-aeo.json"),
    )
    .expect("mapping");
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).expect("JSON")
}

/// A SAFE 2025 AEO assessment of an importer with AEO.A.01 met (with evidence) and AEO.A.02
/// partially met.
fn source(env: &Env) -> String {
    let id = env.new_assessment(&[
        "--title",
        "SAFE AEO 2026",
        "--profile",
        "trader",
        "--role",
        "importer",
        "--org",
        "Acme",
    ]);
    env.ok(&["answer", &id, "AEO.A.01", "--status", "met"]);
    env.ok(&["answer", &id, "AEO.A.02", "--status", "partially-met"]);
    let file = env.dir.path().join("policy.txt");
    std::fs::write(&file, "compliance policy").expect("evidence file");
    env.ok(&[
        "evidence",
        "add",
        &id,
        "AEO.A.01",
        file.to_str().expect("path"),
    ]);
    id
}

#[test]
fn an_importer_starts_a_national_assessment_from_its_safe_one_and_sees_divergence() {
    let env = Env::new();
    install(&env);
    let src = source(&env);

    let cov = json(&env.ok(&["coverage", &src, "--pack", "national-aeo", "--json"]));
    assert_eq!(cov["schema"], "safe-assess.coverage/1");
    let c = &cov["coverage"];
    assert_eq!(
        (
            c["total"].as_u64(),
            c["covered"].as_u64(),
            c["partly"].as_u64()
        ),
        (Some(3), Some(1), Some(1))
    );
    assert_eq!(c["toAnswer"], serde_json::json!(["N.A.02", "N.B.01"]));
    let text = env.ok(&["coverage", &src, "--pack", "national-aeo"]);
    assert!(
        text.contains("N.A.01") && text.contains("covered") && text.contains("Still to answer (2)"),
        "{text}"
    );

    let (code, out, err) = env.run(&[
        "new",
        "--title",
        "National AEO",
        "--profile",
        "trader",
        "--role",
        "importer",
        "--pack",
        "national-aeo",
        "--from",
        &src,
    ]);
    assert_eq!(code, 0, "{err}");
    let der = out.trim().to_string();
    assert_eq!(der.len(), 36, "prints the new id: {out}");
    assert!(
        err.contains("1 answers carried") && err.contains("1 suggestions"),
        "{err}"
    );

    let show = json(&env.ok(&["show", &der, "--json"]));
    assert_eq!(show["link"]["link"]["sourceId"], src.as_str());
    assert_eq!(
        show["answers"].as_array().map(Vec::len),
        Some(1),
        "the suggestion is no answer"
    );
    assert_eq!(show["answers"][0]["carriedOver"], true);
    let src_show = json(&env.ok(&["show", &src, "--json"]));
    assert_eq!(
        show["answers"][0]["evidence"], src_show["answers"][0]["evidence"],
        "same SHA-256"
    );
    assert_eq!(src_show["linkedFrom"], serde_json::json!([der.as_str()]));

    // The source answer changes: the derived one is flagged diverged, both values shown.
    env.ok(&["answer", &src, "AEO.A.01", "--status", "not-met"]);
    let show = json(&env.ok(&["show", &der, "--json"]));
    let items = show["link"]["items"].as_array().expect("items");
    let n01 = items
        .iter()
        .find(|d| d["itemId"] == "N.A.01")
        .expect("N.A.01");
    assert_eq!(
        (n01["state"].as_str(), n01["answer"]["status"].as_str()),
        (Some("diverged"), Some("met"))
    );
    assert_eq!(n01["sourceNow"]["status"], "not-met");
    let text = env.ok(&["show", &der]);
    assert!(
        text.contains("diverged") && text.contains("source now: not-met"),
        "{text}"
    );

    env.ok(&["confirm", &der, "N.A.01"]);
    env.ok(&["confirm", &der, "N.A.02"]);
    let show = json(&env.ok(&["show", &der, "--json"]));
    assert_eq!(
        show["answers"].as_array().map(Vec::len),
        Some(2),
        "the confirmed suggestion counts"
    );
    let history = env.ok(&["history", &der]);
    for action in ["link", "link-carry", "link-diverge", "link-confirm"] {
        assert!(
            history.contains(action),
            "history shows {action}: {history}"
        );
    }

    let report = env.dir.path().join("r.json");
    env.ok(&[
        "report",
        &der,
        "--format",
        "json",
        "--out",
        report.to_str().expect("path"),
    ]);
    let r = json(&std::fs::read_to_string(&report).expect("report"));
    assert_eq!(
        r["link"]["sourceId"],
        src.as_str(),
        "the report names the source"
    );
    let rows = r["link"]["items"].as_array().expect("report link items");
    assert!(
        rows.iter()
            .any(|d| d["itemId"] == "N.A.01" && d["state"] == "confirmed")
    );
    let html = env.dir.path().join("r.html");
    env.ok(&[
        "report",
        &der,
        "--format",
        "html",
        "--out",
        html.to_str().expect("path"),
    ]);
    let html = std::fs::read_to_string(&html).expect("html");
    assert!(
        html.contains("From AEO.A.01 in “") && html.contains("— confirmed"),
        "the HTML report says where answers came from"
    );

    let out = env.ok(&["unlink", &der]);
    assert!(out.contains("unlinked"), "{out}");
    let show = json(&env.ok(&["show", &der, "--json"]));
    assert!(show["link"].is_null());
    assert!(env.ok(&["history", &der]).contains("unlink"));
}

#[test]
fn bad_crosswalk_input_is_one_line_exit_2_and_writes_nothing() {
    let env = Env::new();
    install(&env);
    let src = source(&env);
    let customs = env.new_assessment(&["--title", "Customs", "--profile", "customs"]);
    let der = env.new_assessment(&[
        "--title",
        "N",
        "--profile",
        "trader",
        "--role",
        "importer",
        "--pack",
        "national-aeo",
        "--from",
        &src,
    ]);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["coverage", &src, "--pack", "nowhere"],
            "unknown pack 'nowhere'",
        ),
        (
            vec!["coverage", &src, "--pack", "safe2021-aeo"],
            "no crosswalk mapping",
        ),
        (
            vec![
                "new",
                "--title",
                "X",
                "--profile",
                "trader",
                "--role",
                "importer",
                "--pack",
                "nowhere",
                "--from",
                &src,
            ],
            "unknown pack 'nowhere'",
        ),
        (
            vec![
                "new",
                "--title",
                "X",
                "--profile",
                "trader",
                "--role",
                "importer",
                "--pack",
                "national-aeo",
                "--from",
                &customs,
            ],
            "is a customs assessment",
        ),
        (
            vec![
                "new",
                "--title",
                "X",
                "--profile",
                "trader",
                "--role",
                "importer",
                "--pack",
                "safe2025-aeo",
                "--from",
                &der,
            ],
            "a loop of links",
        ),
        (vec!["confirm", &src, "AEO.A.01"], "nothing to confirm"),
        (vec!["unlink", &src], "not linked"),
    ];
    for (args, expected) in cases {
        let before = dump(&env.db);
        let (code, out, err) = env.run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?} printed {out}");
        let first = err.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("error: ") && first.contains(expected),
            "{args:?}: {err}"
        );
        assert_eq!(dump(&env.db), before, "{args:?} wrote nothing");
    }

    // A mapping naming a withdrawn or unknown item is refused at load, the packs still load, and
    // using it says why.
    let bad = env
        .dir
        .path()
        .join("catalogue/crosswalk/safe2025-aeo--national-aeo.json");
    let text = std::fs::read_to_string(&bad)
        .expect("mapping")
        .replace("\"N.B.01\"", "\"N.Z.99\"");
    std::fs::write(&bad, text).expect("write");
    let list = json(&env.ok(&["catalogue", "list", "--json"]));
    let problems = list["problems"].as_array().expect("problems");
    assert!(
        problems.iter().any(|p| p["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("safe2025-aeo--national-aeo.json"))
            && p["message"]
                .as_str()
                .is_some_and(|m| m.contains("link 3 (AEO.B.01 -> N.Z.99)"))),
        "{problems:?}"
    );
    assert!(
        list["packs"]
            .as_array()
            .expect("packs")
            .iter()
            .any(|p| p["id"] == "national-aeo")
    );
    let (code, _, err) = env.run(&["coverage", &src, "--pack", "national-aeo"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("was not loaded") && err.contains("N.Z.99"),
        "{err}"
    );
}
