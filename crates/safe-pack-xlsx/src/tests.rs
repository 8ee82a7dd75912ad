use rust_xlsxwriter::{Format, Formula, Workbook};
use safe_core::catalogue::Library;

use super::*;

fn lib() -> Library {
    Library::builtin().unwrap_or_else(|e| panic!("built-in packs: {e}"))
}

#[test]
fn every_builtin_pack_survives_the_round_trip_through_a_workbook() {
    let lib = lib();
    let mut tried = Vec::new();
    for pack in lib.packs() {
        let bytes = export(pack, &lib).unwrap_or_else(|e| panic!("{}: export: {e}", pack.id));
        let back = import("pack.xlsx", &bytes, &lib)
            .unwrap_or_else(|e| panic!("{}: import: {e}", pack.id));
        assert_eq!(&back, pack, "{} changed on the way", pack.id);
        let (a, b) = (serde_json::to_value(pack), serde_json::to_value(&back));
        assert_eq!(a.ok(), b.ok(), "{}: same JSON", pack.id);
        tried.push(pack.id.as_str());
    }
    assert_eq!(tried.len(), lib.packs().count(), "every built-in pack");
    assert!(
        tried.contains(&"eu-aeo-ucc"),
        "the tiered pack too: {tried:?}"
    );
    let eu = lib
        .packs()
        .find(|p| p.id == "eu-aeo-ucc")
        .unwrap_or_else(|| panic!("no EU AEO pack"));
    assert!(
        !eu.tiers.is_empty() && eu.tiers.iter().all(|t| t.translations.contains_key("fr")),
        "the round trip above carried tiers and their French texts"
    );
}

#[test]
fn the_template_imports_as_the_example_pack() {
    let lib = lib();
    let bytes = template(&lib).unwrap_or_else(|e| panic!("template: {e}"));
    let pack = import("template.xlsx", &bytes, &lib).unwrap_or_else(|e| panic!("import: {e}"));
    assert_eq!(pack.id, "national-aeo");
    assert_eq!(pack.items().len(), 1, "one example row");
    assert!(pack.items()[0].provenance.is_some());
    assert_eq!(pack.translations["fr"].items.len(), 1);
    // The example shows how tiers are written: two tiers, with French names, and the item's.
    let tiers: Vec<&str> = pack.tiers.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(tiers, ["compliance", "security"]);
    assert!(pack.tiers.iter().all(|t| t.translations.contains_key("fr")));
    assert_eq!(pack.items()[0].tiers, ["compliance", "security"]);
}

/// A workbook as rows of cell texts per sheet, so a test can break one cell.
struct Book {
    sheets: Vec<(String, Vec<Vec<String>>)>,
    merge: Option<(String, u32, u16, u32, u16)>,
    formula: Option<(String, u32, u16, String)>,
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|s| s.to_string()).collect()
}

impl Book {
    /// The example pack as the template writes it, with a second, trader item.
    fn valid() -> Book {
        let pack = vec![
            row(&["field", "value"]),
            row(&["format", "2"]),
            row(&["id", "national-aeo"]),
            row(&["title", "National AEO"]),
            row(&["edition", "2026"]),
            row(&["date", "2026-01-01"]),
            row(&["version", "1.0.0"]),
            row(&["profile", "trader"]),
            row(&["source", "Our circular"]),
            row(&["language", "en"]),
        ];
        let groups = vec![
            row(&layout::GROUP_COLUMNS),
            row(&[
                "N.A",
                "",
                "section",
                "A",
                "Record",
                "About the record",
                "Crit. 1",
                "",
                "national-practice",
                "Our AEO",
                "unverified",
                "",
            ]),
        ];
        let item = |id: &str| {
            row(&[
                id,
                "N.A",
                "Title",
                "Requirement",
                "Guidance",
                "Shortfall",
                "Ev 1\nEv 2",
                "Crit 1.1",
                "importer exporter",
                "major",
                "no",
                "prevent-exploitation",
                "national-practice",
                "Our AEO",
                "partial",
                "",
            ])
        };
        let items = vec![row(&layout::ITEM_COLUMNS), item("N.A.01"), item("N.A.02")];
        let translations = vec![
            row(&layout::TRANSLATION_COLUMNS),
            row(&["fr", "item", "N.A.01", "title", "Titre", ""]),
        ];
        Book {
            sheets: vec![
                ("Pack".into(), pack),
                ("Groups".into(), groups),
                ("Items".into(), items),
                ("Translations".into(), translations),
            ],
            merge: None,
            formula: None,
        }
    }

    /// The valid book with two tiers: the group applies to both, item N.A.01 to `sec` only
    /// (with a French tier name and description).
    fn tiered() -> Book {
        let mut b = Book::valid();
        b.sheets.insert(
            1,
            (
                "Tiers".into(),
                vec![
                    row(&layout::TIER_COLUMNS),
                    row(&["simp", "Simplifications", "Customs simplifications"]),
                    row(&["sec", "Security", "Security and safety"]),
                ],
            ),
        );
        b.set("Groups", 1, 12, "simp, sec")
            .set("Items", 1, 16, "sec")
            .push(
                "Translations",
                row(&["fr", "tier", "sec", "name", "Sûreté", ""]),
            )
            .push(
                "Translations",
                row(&["fr", "tier", "sec", "description", "Sécurité et sûreté", ""]),
            )
    }

    /// The valid book as the template before tiers wrote it: no Tiers sheet, no tiers columns.
    fn old_layout() -> Book {
        let mut b = Book::valid();
        let old_groups = [
            "id",
            "parent",
            "kind",
            "code",
            "title",
            "summary",
            "reference",
            "instruments",
            "basis",
            "programme",
            "confidence",
            "note",
        ];
        let old_items = [
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
            "basis",
            "programme",
            "confidence",
            "note",
        ];
        for (sheet, headers) in [("Groups", &old_groups[..]), ("Items", &old_items[..])] {
            if let Some((_, rows)) = b.sheets.iter_mut().find(|(n, _)| n == sheet) {
                rows[0] = row(headers);
            }
        }
        b
    }

    fn set(mut self, sheet: &str, r: usize, c: usize, v: &str) -> Book {
        let rows = &mut self
            .sheets
            .iter_mut()
            .find(|(n, _)| n == sheet)
            .unwrap_or_else(|| panic!("no sheet {sheet}"))
            .1;
        if rows[r].len() <= c {
            rows[r].resize(c + 1, String::new());
        }
        rows[r][c] = v.to_string();
        self
    }

    fn push(mut self, sheet: &str, cells: Vec<String>) -> Book {
        if let Some((_, rows)) = self.sheets.iter_mut().find(|(n, _)| n == sheet) {
            rows.push(cells);
        }
        self
    }

    fn bytes(&self) -> Vec<u8> {
        let mut wb = Workbook::new();
        for (name, rows) in &self.sheets {
            let ws = wb.add_worksheet();
            ws.set_name(name).unwrap_or_else(|e| panic!("{e}"));
            for (r, cells) in rows.iter().enumerate() {
                for (c, v) in cells.iter().enumerate() {
                    if !v.is_empty() {
                        ws.write_string(r as u32, c as u16, v)
                            .unwrap_or_else(|e| panic!("{e}"));
                    }
                }
            }
            if let Some((s, r1, c1, r2, c2)) = &self.merge
                && s == name
            {
                ws.merge_range(*r1, *c1, *r2, *c2, "merged", &Format::new())
                    .unwrap_or_else(|e| panic!("{e}"));
            }
            if let Some((s, r, c, f)) = &self.formula
                && s == name
            {
                ws.write_formula(*r, *c, Formula::new(f))
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        }
        wb.save_to_buffer().unwrap_or_else(|e| panic!("{e}"))
    }

    fn refused(&self) -> String {
        match import("bad.xlsx", &self.bytes(), &lib()) {
            Ok(p) => panic!("should be refused, got pack {}", p.id),
            Err(e) => {
                assert_eq!(e.code(), safe_core::ErrorCode::CatalogueInvalid, "{e}");
                e.to_string()
            }
        }
    }
}

fn expect(msg: &str, parts: &[&str]) {
    for p in parts {
        assert!(msg.contains(p), "'{msg}' should contain '{p}'");
    }
}

#[test]
fn a_valid_hand_made_workbook_is_accepted() {
    let pack = import("ok.xlsx", &Book::valid().bytes(), &lib())
        .unwrap_or_else(|e| panic!("should load: {e}"));
    let item = &pack.items()[0];
    assert_eq!(item.evidence, vec!["Ev 1", "Ev 2"]);
    assert_eq!(item.roles, vec!["importer", "exporter"]);
    assert!(!item.mandatory);
}

#[test]
fn a_missing_sheet_is_named() {
    let mut b = Book::valid();
    b.sheets.retain(|(n, _)| n != "Items");
    expect(&b.refused(), &["sheet 'Items'", "missing"]);
}

#[test]
fn a_merged_cell_is_refused_with_its_place() {
    let mut b = Book::valid();
    b.merge = Some(("Items".into(), 1, 2, 2, 2));
    expect(
        &b.refused(),
        &["sheet 'Items', row 2, column C", "C2:C3", "merged"],
    );
}

#[test]
fn a_formula_is_refused_with_its_place() {
    let mut b = Book::valid();
    b.formula = Some(("Groups".into(), 1, 4, "=CONCAT(\"a\",\"b\")".into()));
    expect(
        &b.refused(),
        &["sheet 'Groups', row 2, column E (title)", "formula"],
    );
}

#[test]
fn a_duplicated_item_id_names_the_second_row() {
    let b = Book::valid().set("Items", 2, 0, "N.A.01");
    expect(
        &b.refused(),
        &["sheet 'Items', row 3, column A (id)", "used twice"],
    );
}

#[test]
fn a_duplicated_group_id_names_the_second_row() {
    let g = Book::valid().sheets[1].1[1].clone();
    let b = Book::valid().push("Groups", g);
    expect(
        &b.refused(),
        &[
            "sheet 'Groups', row 3, column A (id)",
            "used twice",
            "row 2",
        ],
    );
}

#[test]
fn an_unknown_role_names_the_cell() {
    let b = Book::valid().set("Items", 2, 8, "importer astronaut");
    expect(
        &b.refused(),
        &["sheet 'Items', row 3, column I (roles)", "astronaut"],
    );
}

#[test]
fn a_wrong_provenance_value_names_the_cell() {
    let b = Book::valid().set("Items", 1, 12, "hearsay");
    expect(
        &b.refused(),
        &[
            "sheet 'Items', row 2, column M (basis)",
            "'hearsay'",
            "wco-guidance",
        ],
    );
    let b = Book::valid().set("Groups", 1, 10, "certain");
    expect(
        &b.refused(),
        &["sheet 'Groups', row 2, column K (confidence)", "'certain'"],
    );
}

#[test]
fn the_core_rules_are_reported_at_their_cell() {
    // National practice must name its programme: the core's rule, located by this crate.
    let b = Book::valid().set("Items", 2, 13, "");
    expect(
        &b.refused(),
        &[
            "sheet 'Items', row 3, column N (programme)",
            "national-practice",
        ],
    );
    let b = Book::valid().set("Items", 1, 3, "  ");
    expect(
        &b.refused(),
        &["sheet 'Items', row 2, column D (requirement)", "empty"],
    );
    let b = Book::valid().set("Pack", 5, 1, "2026-13-01");
    expect(
        &b.refused(),
        &["sheet 'Pack', row 6, column B (value)", "date"],
    );
    let b = Book::valid().set("Translations", 1, 2, "N.Z.99");
    expect(
        &b.refused(),
        &["sheet 'Translations', row 2, column C (id)", "N.Z.99"],
    );
}

#[test]
fn an_item_in_an_unknown_group_names_the_cell() {
    let b = Book::valid().set("Items", 1, 1, "N.Q");
    expect(
        &b.refused(),
        &["sheet 'Items', row 2, column B (group)", "'N.Q'"],
    );
}

#[test]
fn not_a_workbook_is_refused() {
    let e = import("x.xlsx", b"not a zip", &lib())
        .err()
        .map(|e| e.to_string());
    expect(&e.unwrap_or_default(), &["not a readable XLSX workbook"]);
}

#[test]
fn a_workbook_of_the_earlier_template_imports_as_a_pack_without_tiers() {
    let b = Book::old_layout();
    let names: Vec<&str> = b.sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert!(!names.contains(&"Tiers"), "{names:?}");
    assert!(!b.sheets[1].1[0].contains(&"tiers".to_string()));
    let pack = import("old.xlsx", &b.bytes(), &lib()).unwrap_or_else(|e| panic!("old: {e}"));
    assert!(pack.tiers.is_empty());
    assert!(pack.items().iter().all(|i| i.tiers.is_empty()));
    assert_eq!(pack.items().len(), 2);
}

#[test]
fn tiers_are_read_from_the_tiers_sheet_and_columns() {
    let pack = import("tiered.xlsx", &Book::tiered().bytes(), &lib())
        .unwrap_or_else(|e| panic!("should load: {e}"));
    assert_eq!(pack.tier_ids(), ["simp", "sec"]);
    assert_eq!(pack.groups[0].tiers, ["simp", "sec"]);
    assert_eq!(pack.items()[0].tiers, ["sec"]);
    assert_eq!(pack.items()[1].tiers, ["simp", "sec"], "inherited");
    let sec = &pack.tiers[1].translations["fr"];
    assert_eq!(
        (sec.name.as_str(), sec.description.as_str()),
        ("Sûreté", "Sécurité et sûreté")
    );
    assert!(pack.tiers[0].translations.is_empty());
    assert!(
        !pack.translations.contains_key("fr") || pack.translations["fr"].items.len() == 1,
        "tier texts are not item texts"
    );
    // Written back, the inherited tiers stay with the group and the pack is the same.
    let bytes = export(&pack, &lib()).unwrap_or_else(|e| panic!("export: {e}"));
    let again = import("again.xlsx", &bytes, &lib()).unwrap_or_else(|e| panic!("again: {e}"));
    assert_eq!(again, pack);
}

#[test]
fn an_unknown_tier_names_the_cell() {
    let b = Book::tiered().set("Items", 2, 16, "sec, gold");
    expect(
        &b.refused(),
        &[
            "sheet 'Items', row 3, column Q (tiers)",
            "unknown tier 'gold'",
            "simp, sec",
        ],
    );
    let b = Book::tiered().set("Groups", 1, 12, "silver");
    expect(
        &b.refused(),
        &["sheet 'Groups', row 2, column M (tiers)", "'silver'"],
    );
    // Without a Tiers sheet no tier can be named.
    let b = Book::valid().set("Items", 1, 16, "sec");
    expect(
        &b.refused(),
        &[
            "sheet 'Items', row 2, column Q (tiers)",
            "declares no tiers",
        ],
    );
}

#[test]
fn bad_tier_rows_name_the_cell() {
    let b = Book::tiered().push("Tiers", row(&["sec", "Again", "Once more"]));
    expect(
        &b.refused(),
        &["sheet 'Tiers', row 4, column A (id)", "'sec'", "used twice"],
    );
    let b = Book::tiered().set("Tiers", 1, 1, "");
    expect(
        &b.refused(),
        &["sheet 'Tiers', row 2, column B (name)", "empty"],
    );
    let b = Book::tiered().set("Translations", 2, 2, "gold");
    expect(
        &b.refused(),
        &["sheet 'Translations', row 3, column C (id)", "'gold'"],
    );
    // A tier text in the pack's own language.
    let b = Book::tiered().set("Translations", 2, 0, "en");
    expect(
        &b.refused(),
        &[
            "sheet 'Translations', row 3, column A (language)",
            "tier 'sec'",
            "'en'",
        ],
    );
    // A French name without its description: the row of the name is named.
    let mut b = Book::tiered();
    if let Some((_, rows)) = b.sheets.iter_mut().find(|(n, _)| n == "Translations") {
        rows.pop();
    }
    expect(
        &b.refused(),
        &["sheet 'Translations', row 3", "tier 'sec'", "description"],
    );
}
