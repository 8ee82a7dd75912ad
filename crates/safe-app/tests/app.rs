//! The user actions against a real (temporary) database, as both shells call them.
#![allow(clippy::expect_used)]

use std::path::PathBuf;

use chrono::Utc;

use safe_app::{assess, family, report, share};
use safe_core::catalogue::{Library, Profile};
use safe_core::model::{AnswerInput, NewAssessment, Priority, Status};
use safe_core::store::{Store, Validity};
use safe_report::{Format, Lang, Paper};

use crate::stamp;

struct Db {
    dir: tempfile::TempDir,
    store: Store,
    lib: Library,
    next: u32,
}

impl Db {
    fn new() -> Db {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("db.sqlite")).expect("store");
        Db {
            dir,
            store,
            lib: Library::builtin().expect("built-in packs"),
            next: 0,
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("db.sqlite")
    }

    fn create(&mut self, org: &str, profile: Profile) -> String {
        self.next += 1;
        let id = format!("5eed0000-0000-4000-8000-{:012}", self.next);
        let new = NewAssessment {
            title: format!("{org} {}", self.next),
            profile: Some(profile),
            roles: match profile {
                Profile::Trader => vec!["importer".into()],
                Profile::Customs => vec![],
            },
            organisation: org.into(),
            country: "KE".into(),
            ..Default::default()
        };
        assess::create(
            &mut self.store,
            &self.lib,
            &new,
            &id,
            &stamp(i64::from(self.next)),
        )
        .expect("created")
        .id
    }

    fn first_items(&self, id: &str, n: usize) -> Vec<String> {
        let a = self.store.assessment(id).expect("assessment");
        let pack = self.store.pack(&a.pack_id, &a.pack_version).expect("pack");
        assess::visible_pack(&pack, &a.roles, &a.tiers)
            .items()
            .into_iter()
            .take(n)
            .map(|i| i.id.clone())
            .collect()
    }
}

#[test]
fn the_visible_pack_keeps_exactly_the_items_of_the_roles_in_catalogue_order() {
    let lib = Library::builtin().expect("built-in packs");
    let pack = lib.default_for(Profile::Trader).expect("trader pack");
    let roles = vec!["importer".to_string()];
    let cut = assess::visible_pack(pack, &roles, &[]);
    let got: Vec<&str> = cut.items().into_iter().map(|i| i.id.as_str()).collect();
    let want: Vec<&str> = pack
        .items()
        .into_iter()
        .filter(|i| i.applies_to(&roles))
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(got, want);
    assert!(
        got.len() < pack.items().len(),
        "some items are for other roles"
    );
    fn empty(g: &safe_core::catalogue::Group) -> bool {
        g.items.is_empty() && g.groups.iter().all(empty)
    }
    assert!(!cut.groups.iter().any(empty), "no group is left empty");
}

#[test]
fn the_visible_pack_of_a_tiered_assessment_keeps_only_its_tiers_items() {
    let mut db = Db::new();
    let new = NewAssessment {
        title: "EU AEO".into(),
        profile: Some(Profile::Trader),
        roles: vec!["importer".into()],
        pack_id: Some("eu-aeo-ucc".into()),
        tiers: vec!["aeoc".into()],
        ..Default::default()
    };
    let id = "5eed0000-0000-4000-8000-0000000000e1";
    let a = assess::create(&mut db.store, &db.lib, &new, id, &stamp(1)).expect("created");
    assert_eq!(a.tiers, ["aeoc"]);
    let pack = db.store.pack(&a.pack_id, &a.pack_version).expect("pack");
    let cut = assess::visible_pack(&pack, &a.roles, &a.tiers);
    let top: Vec<&str> = cut.groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(
        top,
        ["EU.2", "EU.3", "EU.4", "EU.5"],
        "no security section for AEOC"
    );
    let want: Vec<&str> = pack
        .items()
        .into_iter()
        .filter(|i| a.asks(i))
        .map(|i| i.id.as_str())
        .collect();
    let got: Vec<&str> = cut.items().into_iter().map(|i| i.id.as_str()).collect();
    assert_eq!(got, want);
    let card = assess::scorecard(&db.store, id).expect("scorecard");
    assert_eq!(
        card.overall.applicable,
        got.len(),
        "the scorecard counts the same items"
    );
    let aeos = assess::visible_pack(&pack, &a.roles, &["aeos".to_string()]);
    assert!(aeos.items().iter().all(|i| !i.id.starts_with("EU.5.")));
    assert!(aeos.items().iter().any(|i| i.id.starts_with("EU.6.")));
}

#[test]
fn a_save_returns_the_answer_and_the_new_scorecard() {
    let mut db = Db::new();
    let id = db.create("Acme", Profile::Trader);
    let items = db.first_items(&id, 1);
    let saved = assess::save_answer(
        &mut db.store,
        &id,
        &items[0],
        &AnswerInput::status(Status::Met),
        &stamp(10),
    )
    .expect("saved");
    assert_eq!(saved.answer.input.status, Status::Met);
    assert_eq!(saved.scorecard.overall.answered, 1);
    let change = assess::AnswerChange {
        status: Status::NotMet,
        justification: None,
        comment: Some("to do".into()),
        owner: None,
        target_date: None,
        priority: Some(Priority::High),
        flagged: Some(true),
    };
    let changed =
        assess::change_answer(&mut db.store, &id, &items[0], &change, &stamp(11)).expect("saved");
    assert_eq!(changed.answer.input.comment, "to do");
    assert!(changed.answer.input.flagged);
    let unflag = assess::AnswerChange {
        flagged: Some(false),
        comment: None,
        ..change
    };
    let kept = assess::change_answer(&mut db.store, &id, &items[0], &unflag, &stamp(12))
        .expect("saved")
        .answer
        .input;
    assert_eq!(kept.comment, "to do", "fields not given are kept");
    assert!(!kept.flagged);
    let card = assess::clear_answer(&mut db.store, &id, &items[0], &stamp(13)).expect("cleared");
    assert_eq!(card.overall.answered, 0);
}

#[test]
fn a_file_that_cannot_be_read_refuses_the_whole_attach() {
    let mut db = Db::new();
    let id = db.create("Acme", Profile::Trader);
    let item = db.first_items(&id, 1).remove(0);
    assess::save_answer(
        &mut db.store,
        &id,
        &item,
        &AnswerInput::status(Status::Met),
        &stamp(4),
    )
    .expect("answered");
    let good = db.dir.path().join("policy.pdf");
    std::fs::write(&good, b"%PDF-1.4").expect("write");
    let missing = db.dir.path().join("nowhere.pdf");
    let e = assess::attach_evidence(
        &mut db.store,
        &id,
        &item,
        &[good.clone(), missing],
        Validity::default(),
        &stamp(5),
    )
    .expect_err("missing file");
    assert_eq!(e.code(), "io");
    assert!(db.store.evidence(&id).expect("list").is_empty());
    let done = assess::attach_evidence(
        &mut db.store,
        &id,
        &item,
        &[good],
        Validity::default(),
        &stamp(6),
    )
    .expect("attached");
    assert_eq!(done.added.len(), 1);
    assert_eq!(done.evidence.len(), 1);
}

#[test]
fn a_family_is_one_organisation_on_one_catalogue_outside_the_bin_oldest_first() {
    let mut db = Db::new();
    let first = db.create("Acme Logistics", Profile::Trader);
    let second = db.create("  ACME logistics ", Profile::Trader);
    let customs = db.create("Acme Logistics", Profile::Customs);
    let other = db.create("Acme Logistiçs", Profile::Trader);
    let binned = db.create("acme logistics", Profile::Trader);
    db.store
        .delete_assessment(&binned, &stamp(50))
        .expect("to the bin");
    let ids = |list: Vec<safe_core::store::AssessmentSummary>| -> Vec<String> {
        list.into_iter().map(|x| x.assessment.id).collect()
    };
    assert_eq!(
        ids(family::family(&db.store, &second).expect("family")),
        vec![first.clone(), second.clone()]
    );
    assert_eq!(
        ids(family::family(&db.store, &customs).expect("family")),
        vec![customs.clone()]
    );
    assert_eq!(
        ids(family::family(&db.store, &other).expect("family")),
        vec![other]
    );
    let peers = family::peers(&db.store, &first).expect("peers");
    assert_eq!(ids(peers.peers), vec![second.clone()]);
    let e = family::organisation_family(&db.store, "acme logistics").expect_err("two catalogues");
    assert_eq!(e.code(), "invalid_input");
    assert!(e.to_string().contains("2 catalogues"), "{e}");

    assert!(
        family::family_trend(&db.store, &first, None)
            .expect("trend")
            .is_none(),
        "two assessments make no trend"
    );
    let e = family::trend(&db.store, &[first.clone(), second.clone()], None).expect_err("too few");
    assert_eq!(e.code(), "invalid_input");
    let third = db.create("Acme Logistics", Profile::Trader);
    let t = family::family_trend(&db.store, &first, None)
        .expect("trend")
        .expect("three assessments");
    let order: Vec<&str> = t.assessments.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(order, vec![first.as_str(), second.as_str(), third.as_str()]);
    let e = family::trend(&db.store, &[first.clone(), second.clone(), customs], None)
        .expect_err("another catalogue");
    assert_eq!(e.code(), "invalid_input");

    let c = family::compare(&db.store, &third, &first, None).expect("compared");
    assert_eq!(
        c.before.id, first,
        "the earlier one first whatever the order"
    );

    // In French, the dashboard, the comparison and the trend name the sections as the pack's
    // French translation does, the same in all three.
    let en = assess::scorecard(&db.store, &first).expect("scorecard");
    let fr = assess::scorecard_in(&db.store, &first, Some("fr")).expect("scorecard in French");
    assert_ne!(fr.groups[0].title, en.groups[0].title, "a French title");
    let c_fr = family::compare(&db.store, &third, &first, Some("fr")).expect("compared");
    assert_eq!(c_fr.groups[0].title, fr.groups[0].title);
    assert_eq!(c.groups[0].title, en.groups[0].title);
    let t_fr = family::family_trend(&db.store, &first, Some("fr"))
        .expect("trend")
        .expect("three assessments");
    assert_eq!(t_fr.groups[0].title, fr.groups[0].title);
}

#[test]
fn a_report_is_judged_against_the_local_date_and_refuses_a_stranger() {
    let mut db = Db::new();
    let first = db.create("Acme", Profile::Trader);
    let second = db.create("Acme", Profile::Trader);
    let stranger = db.create("Someone Else", Profile::Trader);
    let opts = report::options(Lang::En, Paper::A4, Utc::now());
    assert_eq!(opts.today, chrono::Local::now().date_naive());
    assert_eq!(opts.today, safe_app::today());
    let data = report::build(&db.store, &second, Some(&first), &opts).expect("report");
    let json: serde_json::Value =
        serde_json::from_slice(&report::render(&data, Format::Json, &opts).expect("json"))
            .expect("report JSON");
    assert_eq!(json["asOf"], opts.today.to_string());
    assert_eq!(json["comparison"]["previous"]["id"], first);
    let e = report::build(&db.store, &second, Some(&stranger), &opts).expect_err("stranger");
    assert_eq!(e.code(), "not_comparable");

    let out = db.dir.path().join("r.json");
    std::fs::write(&out, b"keep").expect("write");
    let e = report::report(&db.store, &second, None, Format::Json, &opts, &out, false)
        .expect_err("exists");
    assert_eq!(e.code(), "file_exists");
    assert_eq!(std::fs::read(&out).expect("read"), b"keep");
}

#[test]
fn a_file_exported_here_verifies_as_signed_by_this_installation() {
    let mut db = Db::new();
    let id = db.create("Acme", Profile::Trader);
    let file = db.dir.path().join("a.safeassess");
    let dbp = db.db();
    let out = share::export(&db.store, &dbp, &id, false, false, &file, &stamp(9)).expect("export");
    let v = share::verify(&dbp, &file, safe_share::Limits::default()).expect("verify");
    assert!(v.own_key);
    assert_eq!(
        v.verification
            .signer
            .as_ref()
            .map(|s| s.fingerprint.clone()),
        Some(out.fingerprint)
    );
    let targets = share::merge_targets(&db.store, &v.verification).expect("targets");
    assert_eq!(targets.len(), 1);
    let elsewhere = tempfile::tempdir().expect("dir");
    let v = share::verify(
        &elsewhere.path().join("db.sqlite"),
        &file,
        safe_share::Limits::default(),
    )
    .expect("verify");
    assert!(!v.own_key, "another installation has another key");
    assert!(
        !elsewhere.path().join("keys").exists(),
        "verifying never creates a key"
    );
}
