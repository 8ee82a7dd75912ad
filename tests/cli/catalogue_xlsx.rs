//! Packs written in a spreadsheet: `catalogue template`, `import`, `export`, `check` and `add`
//! through the real binary.

use rust_xlsxwriter::Workbook;

use crate::support::Env;

fn pack_of_show(env: &Env, id: &str) -> serde_json::Value {
    let doc: serde_json::Value =
        serde_json::from_str(&env.ok(&["catalogue", "show", id, "--json"])).expect("show JSON");
    doc["pack"].clone()
}

#[test]
fn a_built_in_pack_goes_to_a_spreadsheet_and_back_unchanged() {
    let env = Env::new();
    let xlsx = env.dir.path().join("aeo.xlsx");
    let json = env.dir.path().join("aeo.json");
    let x = xlsx.to_str().expect("path");
    let j = json.to_str().expect("path");
    env.ok(&["catalogue", "export", "safe2025-aeo", "--out", x]);
    let out = env.ok(&["catalogue", "import", x, "--out", j]);
    assert!(
        out.contains("safe2025-aeo") && out.contains("is valid"),
        "{out}"
    );
    let back: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json written")).expect("JSON");
    assert_eq!(back, pack_of_show(&env, "safe2025-aeo"), "lossless");
    // An existing output is kept unless --force.
    let (code, _, err) = env.run(&["catalogue", "export", "safe2025-aeo", "--out", x]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("code: file_exists"), "{err}");
    env.ok(&["catalogue", "export", "safe2025-aeo", "--out", x, "--force"]);
}

#[test]
fn the_tiered_eu_pack_goes_to_a_spreadsheet_and_back_with_its_tiers() {
    let env = Env::new();
    let xlsx = env.dir.path().join("eu.xlsx");
    let json = env.dir.path().join("eu.json");
    let x = xlsx.to_str().expect("path");
    let j = json.to_str().expect("path");
    env.ok(&["catalogue", "export", "eu-aeo-ucc", "--out", x]);
    let checked = env.ok(&["catalogue", "check", x]);
    assert!(checked.contains("is valid"), "{checked}");
    env.ok(&["catalogue", "import", x, "--out", j]);
    let back: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json written")).expect("JSON");
    let ids: Vec<&str> = back["tiers"]
        .as_array()
        .map(|t| t.iter().filter_map(|t| t["id"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(ids, ["aeoc", "aeos"], "{}", back["tiers"]);
    assert!(
        back["tiers"][0]["translations"]["fr"]["name"]
            .as_str()
            .is_some_and(|n| n.starts_with("OEAC")),
        "{}",
        back["tiers"]
    );
    assert_eq!(back, pack_of_show(&env, "eu-aeo-ucc"), "lossless");
}

#[test]
fn a_national_pack_from_the_template_is_added_and_assessed() {
    let env = Env::new();
    let xlsx = env.dir.path().join("national.xlsx");
    let x = xlsx.to_str().expect("path");
    env.ok(&["catalogue", "template", "--out", x]);
    let checked = env.ok(&["catalogue", "check", x]);
    assert!(
        checked.contains("national-aeo") && checked.contains("is valid"),
        "{checked}"
    );
    let added = env.ok(&["catalogue", "add", x]);
    assert!(added.contains("installed pack national-aeo"), "{added}");
    let list = env.ok(&["catalogue", "list"]);
    assert!(list.contains("national-aeo"), "{list}");
    // Adding it again needs --replace; a built-in id is never taken.
    let (code, _, err) = env.run(&["catalogue", "add", x]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("already installed") && err.contains("code: catalogue_invalid"),
        "{err}"
    );
    env.ok(&["catalogue", "add", x, "--replace"]);
    let id = env.ok(&[
        "new",
        "--title",
        "National AEO 2026",
        "--profile",
        "trader",
        "--role",
        "importer",
        "--pack",
        "national-aeo",
        "--tier",
        "security",
    ]);
    let show: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", id.trim(), "--json"])).expect("show JSON");
    assert_eq!(show["pack"]["id"], "national-aeo", "{show}");
    assert_eq!(show["assessment"]["tiers"][0], "security", "{show}");

    let builtin = env.dir.path().join("builtin.xlsx");
    let b = builtin.to_str().expect("path");
    env.ok(&["catalogue", "export", "safe2021-aeo", "--out", b]);
    let (code, _, err) = env.run(&["catalogue", "add", b]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("built-in pack"), "{err}");
}

#[test]
fn a_bad_spreadsheet_is_refused_naming_the_cell_and_nothing_is_written() {
    let env = Env::new();
    let xlsx = env.dir.path().join("bad.xlsx");
    let json = env.dir.path().join("bad.json");
    let mut wb = Workbook::new();
    let rows: [(&str, Vec<Vec<&str>>); 4] = [
        (
            "Pack",
            vec![
                vec!["field", "value"],
                vec!["format", "1"],
                vec!["id", "bad-pack"],
                vec!["title", "Bad"],
                vec!["edition", "1"],
                vec!["date", "2026-01-01"],
                vec!["version", "1.0.0"],
                vec!["profile", "trader"],
                vec!["source", "Test"],
            ],
        ),
        (
            "Groups",
            vec![
                vec!["id", "parent", "kind", "title", "summary", "reference"],
                vec!["B.A", "", "section", "A", "s", "r"],
            ],
        ),
        (
            "Items",
            vec![
                vec![
                    "id",
                    "group",
                    "title",
                    "requirement",
                    "guidance",
                    "shortfall",
                    "evidence",
                    "reference",
                    "roles",
                    "criticality",
                    "mandatory",
                    "aim",
                ],
                vec![
                    "B.A.01",
                    "B.A",
                    "t",
                    "q",
                    "g",
                    "f",
                    "e",
                    "r",
                    "astronaut",
                    "major",
                    "no",
                    "prevent-exploitation",
                ],
            ],
        ),
        (
            "Translations",
            vec![vec!["language", "target", "id", "field", "text"]],
        ),
    ];
    for (name, cells) in &rows {
        let ws = wb.add_worksheet();
        ws.set_name(*name).expect("name");
        for (r, row) in cells.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32, c as u16, *v).expect("cell");
                }
            }
        }
    }
    wb.save(&xlsx).expect("save");
    let x = xlsx.to_str().expect("path");
    let (code, out, err) = env.run(&["catalogue", "import", x, "--out", json.to_str().expect("p")]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("sheet 'Items', row 2, column I (roles)") && err.contains("astronaut"),
        "{err}"
    );
    assert!(err.contains("code: catalogue_invalid"), "{err}");
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error:")).count(),
        1,
        "{err}"
    );
    assert!(!json.exists(), "nothing written");
    let (code, _, err) = env.run(&["catalogue", "add", x]);
    assert_eq!(code, 2, "{err}");
    assert!(
        !env.dir
            .path()
            .join("catalogue")
            .join("bad-pack.json")
            .exists(),
        "nothing installed"
    );
}
