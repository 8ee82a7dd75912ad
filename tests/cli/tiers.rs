//! Tiers on the command line: `new --tier` on the EU AEO pack, the refusals (exit 2, nothing
//! written), the tiers in `catalogue list --json`, `show` and the report, and only the chosen
//! tiers' items asked.

use crate::support::{Env, dump};

fn new_eu(env: &Env, tiers: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "new",
        "--title",
        "EU AEO 2026",
        "--profile",
        "trader",
        "--role",
        "importer",
        "--pack",
        "eu-aeo-ucc",
    ];
    for t in tiers {
        args.extend(["--tier", t]);
    }
    env.run(&args)
}

fn show(env: &Env, id: &str) -> serde_json::Value {
    serde_json::from_str(&env.ok(&["show", id, "--json"])).expect("show JSON")
}

#[test]
fn catalogue_list_gives_each_packs_tiers() {
    let env = Env::new();
    let cat: serde_json::Value =
        serde_json::from_str(&env.ok(&["catalogue", "list", "--json"])).expect("JSON");
    let packs = cat["packs"].as_array().expect("packs");
    let eu = packs
        .iter()
        .find(|p| p["id"] == "eu-aeo-ucc")
        .expect("EU pack listed");
    let ids: Vec<&str> = eu["tiers"]
        .as_array()
        .expect("tiers")
        .iter()
        .filter_map(|t| t["id"].as_str())
        .collect();
    assert_eq!(ids, ["aeoc", "aeos"]);
    let safe = packs
        .iter()
        .find(|p| p["id"] == "safe2025-aeo")
        .expect("SAFE pack");
    assert_eq!(safe["tiers"], serde_json::json!([]));
    let text = env.ok(&["catalogue", "list"]);
    assert!(text.contains("aeoc (AEOC"), "{text}");
}

#[test]
fn only_the_chosen_tiers_items_are_asked_and_shown() {
    let env = Env::new();
    let (code, out, err) = new_eu(&env, &["aeos"]);
    assert_eq!(code, 0, "{err}");
    let id = out.trim().to_string();
    let s = show(&env, &id);
    assert_eq!(s["assessment"]["tiers"], serde_json::json!(["aeos"]));
    let applicable = s["scorecard"]["overall"]["applicable"].as_u64().expect("n");
    let (code, _, err) = env.run(&["answer", &id, "EU.5.01", "--status", "met"]);
    assert_eq!(code, 2, "a competence item is not asked of AEOS: {err}");
    assert!(err.contains("EU.5.01") && err.contains("aeoc"), "{err}");
    env.ok(&["answer", &id, "EU.6.1.02", "--status", "met"]);
    let text = env.ok(&["show", &id]);
    assert!(text.contains("Tiers:        aeos (AEOS"), "{text}");

    let (_, out, _) = new_eu(&env, &["aeoc", "aeos"]);
    let both = show(&env, out.trim());
    assert_eq!(
        both["assessment"]["tiers"],
        serde_json::json!(["aeoc", "aeos"])
    );
    let all = both["scorecard"]["overall"]["applicable"]
        .as_u64()
        .expect("n");
    assert!(
        all > applicable,
        "AEOF asks more than AEOS: {all} vs {applicable}"
    );

    let dir = env.dir.path().join("out");
    std::fs::create_dir(&dir).expect("out dir");
    let file = dir.join("r.json");
    env.ok(&[
        "report",
        &id,
        "--format",
        "json",
        "--out",
        file.to_str().expect("path"),
    ]);
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("report")).expect("JSON");
    assert_eq!(r["assessment"]["tiers"][0]["id"], "aeos");
    let rows: Vec<String> = r["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .flat_map(|g| g["items"].as_array().cloned().unwrap_or_default())
        .filter_map(|i| i["itemId"].as_str().map(str::to_string))
        .collect();
    assert!(!rows.is_empty(), "the report lists items");
    assert!(rows.iter().all(|i| !i.starts_with("EU.5.")), "{rows:?}");
    assert!(rows.iter().any(|i| i.starts_with("EU.6.")), "{rows:?}");
}

#[test]
fn a_missing_wrong_or_needless_tier_is_refused_with_exit_2_and_nothing_written() {
    let env = Env::new();
    env.ok(&["list"]);
    let before = dump(&env.db);
    let cases: [(Vec<&str>, &[&str]); 3] = [
        (vec![], &["has tiers", "aeoc", "aeos"]),
        (vec!["aeof"], &["unknown tier 'aeof'", "aeoc, aeos"]),
        (vec!["gold", "aeoc"], &["'gold'"]),
    ];
    for (tiers, parts) in cases {
        let (code, _, err) = new_eu(&env, &tiers);
        assert_eq!(code, 2, "{tiers:?}: {err}");
        for p in parts {
            assert!(err.contains(p), "{tiers:?}: '{err}' should name '{p}'");
        }
    }
    let (code, _, err) = env.run(&[
        "new",
        "--title",
        "T",
        "--profile",
        "trader",
        "--role",
        "importer",
        "--tier",
        "aeos",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("has no tiers"), "{err}");
    assert_eq!(dump(&env.db), before, "nothing written");
}
