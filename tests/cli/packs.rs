//! Packs on the command line: a superseded pack is labelled and new assessments start on the
//! newer one, `catalogue check` warns about what a format 1 pack lacks, and a programme pack is
//! chosen by id.

use crate::support::Env;

/// A format 2 pack in the user folder that supersedes the built-in trader pack.
fn superseding_pack(folder: &std::path::Path) -> std::path::PathBuf {
    let text = include_str!("../../crates/safe-core/tests/fixtures/new-trader.json");
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
fn a_ctpat_assessment_starts_on_the_builtin_pack_named_by_id() {
    let env = Env::new();
    let id = env.new_assessment(&[
        "--title",
        "CTPAT broker",
        "--profile",
        "trader",
        "--role",
        "customs-broker",
        "--pack",
        "ctpat-msc",
    ]);
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
