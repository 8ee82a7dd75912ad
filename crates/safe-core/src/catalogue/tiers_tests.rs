//! Tiers at load: the pack's list, items' and groups' `tiers`, inheritance from the group, the
//! choice an assessment makes, and tier names in another language. Fixture:
//! `crates/safe-core/tests/fixtures/tiered-trader.json`.

use super::*;

const TIERED: &str = include_str!("../../tests/fixtures/tiered-trader.json");

fn tiered() -> Pack {
    parse(TIERED).expect("tiered pack loads")
}

fn ids(p: &Pack, tiers: &[&str]) -> Vec<String> {
    let tiers: Vec<String> = tiers.iter().map(|t| t.to_string()).collect();
    let roles = vec!["importer".to_string()];
    p.items()
        .into_iter()
        .filter(|i| i.applies(&roles, &tiers))
        .map(|i| i.id.clone())
        .collect()
}

#[test]
fn items_inherit_their_groups_tiers_and_the_filter_follows_them() {
    let p = tiered();
    assert_eq!(p.tier_ids(), ["simp", "sec"]);
    assert!(p.item("X.1.01").expect("item").tiers.is_empty());
    assert_eq!(p.item("X.2.01").expect("item").tiers, ["simp"]);
    assert_eq!(
        p.item("X.3.1.01").expect("item").tiers,
        ["sec"],
        "two levels down"
    );
    assert_eq!(ids(&p, &["simp"]), ["X.1.01", "X.2.01"]);
    assert_eq!(ids(&p, &["sec"]), ["X.1.01", "X.1.02", "X.3.1.01"]);
    assert_eq!(ids(&p, &["simp", "sec"]).len(), 4);
    assert_eq!(
        ids(&p, &[]).len(),
        4,
        "no tier chosen (a pack without tiers) sees every item"
    );
    // The role filter still applies on top.
    let roles = vec!["freight-forwarder".to_string()];
    assert!(
        !p.item("X.3.1.01")
            .expect("item")
            .applies(&roles, &["sec".into()])
    );
}

#[test]
fn the_inherited_tiers_survive_a_round_trip_through_the_stored_json() {
    let p = tiered();
    let again = parse(&serde_json::to_string(&p).expect("json")).expect("stored pack loads");
    assert_eq!(again, p);
}

#[test]
fn bad_tiers_are_refused_naming_the_item_or_group() {
    let unknown = TIERED.replace(
        "\"tiers\": [\"sec\"], \"criticality\"",
        "\"tiers\": [\"gold\"], \"criticality\"",
    );
    assert_names(&refused(&unknown), &["X.1.02", "gold", "simp, sec"]);
    let twice = TIERED.replace(
        "{ \"id\": \"sec\", \"name\"",
        "{ \"id\": \"simp\", \"name\"",
    );
    assert_names(&refused(&twice), &["simp", "twice"]);
    let group = TIERED.replace("\"tiers\": [\"simp\"],", "\"tiers\": [\"silver\"],");
    assert_names(&refused(&group), &["X.2", "silver"]);
    let outside = TIERED.replace(
        "\"roles\": [\"importer\"], \"criticality\"",
        "\"roles\": [\"importer\"], \"tiers\": [\"simp\"], \"criticality\"",
    );
    assert_names(&refused(&outside), &["X.3.1.01", "simp", "its group"]);
    let no_list = NEW.replace(
        "\"roles\": [\"all\"], \"criticality\": \"minor\"",
        "\"roles\": [\"all\"], \"tiers\": [\"aeos\"], \"criticality\": \"minor\"",
    );
    assert_names(&refused(&no_list), &["T.A.04", "aeos", "declares no tiers"]);
    let empty_name = TIERED.replace("\"name\": \"Security\"", "\"name\": \" \"");
    assert_names(&refused(&empty_name), &["tier 'sec'", "name"]);
    let in_format_1 = OLD
        .replace("\"format\": 1,", "\"format\": 1, \"tiers\": [],")
        .replace(
            "\"roles\": [\"all\"]",
            "\"roles\": [\"all\"], \"tiers\": [\"x\"]",
        );
    assert_names(&refused(&in_format_1), &["tiers", "format"]);
}

#[test]
fn an_assessment_chooses_known_tiers_and_must_choose_one_when_there_are_some() {
    let p = tiered();
    assert_eq!(
        p.choose_tiers(&["sec".into(), "simp".into(), "sec".into()])
            .expect("both"),
        ["sec", "simp"]
    );
    let none = p
        .choose_tiers(&[])
        .expect_err("a tiered pack needs a tier")
        .to_string();
    assert!(none.contains("simp") && none.contains("sec"), "{none}");
    let wrong = p
        .choose_tiers(&["gold".into()])
        .expect_err("unknown tier")
        .to_string();
    assert!(
        wrong.contains("'gold'") && wrong.contains("simp, sec"),
        "{wrong}"
    );
    let plain = parse(NEW).expect("no tiers");
    assert!(plain.choose_tiers(&[]).expect("none needed").is_empty());
    let refused = plain
        .choose_tiers(&["aeos".into()])
        .expect_err("no tiers to choose")
        .to_string();
    assert!(
        refused.contains("has no tiers") && refused.contains("aeos"),
        "{refused}"
    );
}

#[test]
fn tier_names_are_translated_and_a_missing_one_is_reported() {
    let p = tiered();
    let fr = p.localized("fr");
    assert_eq!(fr.pack.tiers[1].name, "Sécurité");
    assert!(fr.pack.tiers.iter().all(|t| t.translations.is_empty()));
    let de = p.localized("de");
    assert!(
        de.missing.iter().any(|m| m == "tier sec name"),
        "{:?}",
        de.missing
    );
}

#[test]
fn a_pack_without_tiers_serialises_no_tiers_field() {
    let json = serde_json::to_string(&parse(NEW).expect("loads")).expect("json");
    assert!(!json.contains("\"tiers\""), "{json}");
}
