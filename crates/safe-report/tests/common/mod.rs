//! Fixed, fully answered fixtures with a fixed clock, shared by the tests and the benchmarks.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use safe_core::Opened;
use safe_core::catalogue::{Library, Profile};
use safe_core::model::{AnswerInput, NewAssessment, Priority, Stamp, Status};
use safe_core::store::{EvidenceFile, Store, Validity};
use safe_report::{Lang, Options, Paper};

/// Text a user might type that must show literally in every format.
pub const SCRIPT: &str = "<script>alert(1)</script>";
pub const TYPST: &str = "#set text(red) *bold* _em_ $x^2$ @ref <lbl> `raw` \\ // not a comment";
pub const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"click\")";
pub const QUOTED: &str = "He said \"no\", then left;\nsecond line";

pub fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

pub fn stamp() -> Stamp {
    Stamp {
        at: at(),
        by: "Fixture Assessor".into(),
    }
}

/// English, A4, generated 15 March 2026 at 10:00 UTC.
pub fn options() -> Options {
    Options {
        lang: Lang::En,
        paper: Paper::A4,
        today: NaiveDate::from_ymd_opt(2026, 3, 15).unwrap(),
        generated_at: Utc.with_ymd_and_hms(2026, 3, 15, 10, 0, 0).unwrap(),
    }
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Answers every applicable item with a fixed pattern of statuses, comments, owners, dates and
/// priorities (including hostile text), and attaches `evidence_files` files.
fn answer_all(store: &mut Store, opened: &Opened, evidence_files: usize) {
    let id = &opened.assessment.id;
    let items: Vec<_> = opened
        .pack
        .items()
        .into_iter()
        .filter(|i| i.applies_to(&opened.assessment.roles))
        .cloned()
        .collect();
    let owners = [
        "Head of Security",
        "Customs Compliance Manager",
        "HR Director",
        "",
    ];
    let comments = [SCRIPT, TYPST, FORMULA, QUOTED];
    let mut answered = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let status = if i % 13 == 6 && !item.mandatory {
            Status::NotApplicable
        } else if i % 9 == 4 {
            Status::NotMet
        } else if i % 5 == 2 {
            Status::PartiallyMet
        } else {
            Status::Met
        };
        let open = matches!(status, Status::NotMet | Status::PartiallyMet);
        let input = AnswerInput {
            status,
            justification: if status == Status::NotApplicable {
                format!("We do not operate this activity ({}).", item.id)
            } else {
                String::new()
            },
            comment: if open || i % 17 == 0 {
                comments[i % comments.len()].to_string()
            } else {
                String::new()
            },
            owner: if open {
                owners[i % owners.len()].to_string()
            } else {
                String::new()
            },
            target_date: if open {
                [
                    date(2026, 2, 27),
                    date(2026, 6, 30),
                    date(2026, 9, 30),
                    None,
                ][i % 4]
            } else {
                None
            },
            priority: if open {
                [
                    Some(Priority::High),
                    Some(Priority::Medium),
                    Some(Priority::Low),
                    None,
                ][i % 4]
            } else {
                None
            },
            flagged: i % 10 == 3,
        };
        store
            .save_answer(id, &item.id, &input, &stamp())
            .unwrap_or_else(|e| panic!("answer {}: {e}", item.id));
        answered.push(item.id.clone());
    }
    for n in 0..evidence_files {
        let item = &answered[(n * 7) % answered.len()];
        let file = EvidenceFile {
            file_name: if n == 1 {
                "<b>scan</b> & \"signed\" #copy.pdf".to_string()
            } else {
                format!("{} {n:02}.pdf", EVIDENCE_NAMES[n % EVIDENCE_NAMES.len()])
            },
            bytes: format!("content of evidence file {n}")
                .repeat(40 + n)
                .into_bytes(),
        };
        let validity = Validity {
            effective: date(2025, 1 + (n % 12) as u32, 1),
            expires: if n % 3 == 0 {
                date(2026, 1, 31)
            } else {
                date(2027, 12, 31)
            },
        };
        store
            .add_evidence(id, item, &file, validity, &stamp())
            .unwrap_or_else(|e| panic!("evidence {n}: {e}"));
    }
}

const EVIDENCE_NAMES: [&str; 6] = [
    "Security policy",
    "Seal register extract",
    "Training records",
    "Audit report",
    "Insurance certificate",
    "Access control log",
];

fn build(profile: Profile, roles: &[&str], evidence_files: usize) -> Opened {
    let mut store = Store::open_in_memory().unwrap();
    build_in(&mut store, profile, roles, evidence_files)
}

fn build_in(store: &mut Store, profile: Profile, roles: &[&str], evidence_files: usize) -> Opened {
    let lib = Library::builtin().unwrap();
    let new = NewAssessment {
        title: match profile {
            Profile::Trader => "AEO readiness 2026".into(),
            Profile::Customs => "SAFE self-assessment 2026".into(),
        },
        profile: Some(profile),
        roles: roles.iter().map(|r| r.to_string()).collect(),
        organisation: match profile {
            Profile::Trader => "Acme & Sons <Export> Ltd".into(),
            Profile::Customs => "Revenue Authority of Ruritania".into(),
        },
        country: "KE".into(),
        identifiers: "EORI KE123456789; TIN P051234567X".into(),
        assessors: "J. Mwangi, A. Dupont".into(),
        scope: "Head office and the Mombasa warehouse".into(),
        pack_id: None,
        tiers: vec![],
    };
    let id = match profile {
        Profile::Trader => "11111111-2222-4333-8444-555555555555",
        Profile::Customs => "99999999-2222-4333-8444-555555555555",
    };
    store.create_assessment(&lib, &new, id, &stamp()).unwrap();
    let opened = safe_core::open_assessment(store, id).unwrap();
    answer_all(store, &opened, evidence_files);
    safe_core::open_assessment(store, id).unwrap()
}

/// A trader (importer, exporter, warehouse keeper) with every applicable item answered.
pub fn trader(evidence_files: usize) -> Opened {
    build(
        Profile::Trader,
        &["importer", "exporter", "warehouse-keeper"],
        evidence_files,
    )
}

/// A trader whose applicable items are all answered `status` (all unanswered when `None`), with no
/// comment, owner or evidence: the empty states of every section.
pub fn trader_uniform(status: Option<Status>) -> Opened {
    let lib = Library::builtin().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let new = NewAssessment {
        title: "Uniform".into(),
        profile: Some(Profile::Trader),
        roles: vec!["exporter".into()],
        organisation: "Uniform Exports SA".into(),
        ..NewAssessment::default()
    };
    let id = "22222222-2222-4333-8444-555555555555";
    store.create_assessment(&lib, &new, id, &stamp()).unwrap();
    let opened = safe_core::open_assessment(&store, id).unwrap();
    if let Some(status) = status {
        for item in opened.pack.items() {
            if item.applies_to(&opened.assessment.roles) {
                store
                    .save_answer(id, &item.id, &AnswerInput::status(status), &stamp())
                    .unwrap();
            }
        }
    }
    safe_core::open_assessment(&store, id).unwrap()
}

/// The id of the previous assessment of [`trader_with_previous`].
pub const PREVIOUS_ID: &str = "33333333-2222-4333-8444-555555555555";

/// The trader of [`trader`] (with 3 evidence files) and, in the same database, its assessment of
/// a year earlier: fewer items met, some unanswered, a few better than now. Returns (previous,
/// current).
pub fn trader_with_previous() -> (Opened, Opened) {
    let lib = Library::builtin().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let then = Stamp {
        at: Utc.with_ymd_and_hms(2025, 3, 4, 9, 0, 0).unwrap(),
        by: "Fixture Assessor".into(),
    };
    let roles = ["importer", "exporter", "warehouse-keeper"];
    let new = NewAssessment {
        title: "AEO readiness 2025 <first>".into(),
        profile: Some(Profile::Trader),
        roles: roles.iter().map(|r| r.to_string()).collect(),
        organisation: "Acme & Sons <Export> Ltd".into(),
        ..NewAssessment::default()
    };
    store
        .create_assessment(&lib, &new, PREVIOUS_ID, &then)
        .unwrap();
    let previous = safe_core::open_assessment(&store, PREVIOUS_ID).unwrap();
    for (i, item) in previous
        .pack
        .items()
        .into_iter()
        .filter(|i| i.applies_to(&previous.assessment.roles))
        .enumerate()
    {
        let status = match i % 6 {
            0 | 3 => Status::NotMet,
            1 => Status::PartiallyMet,
            5 => continue,
            _ => Status::Met,
        };
        store
            .save_answer(PREVIOUS_ID, &item.id, &AnswerInput::status(status), &then)
            .unwrap();
    }
    let previous = safe_core::open_assessment(&store, PREVIOUS_ID).unwrap();
    let current = build_in(&mut store, Profile::Trader, &roles, 3);
    (previous, current)
}

/// A customs administration with every item answered.
pub fn customs() -> Opened {
    build(Profile::Customs, &[], 5)
}

/// The id of [`linked_trader`]'s assessment.
pub const LINKED: &str = "77777777-2222-4333-8444-555555555555";

/// An EU AEO (AEOS) importer assessment started, through the built-in crosswalk, from a fully
/// answered SAFE AEO importer assessment; then one open suggestion confirmed and the source of
/// one open carried answer changed to met (so that answer is diverged). Both stay gaps. Returns
/// the assessment, its link, the confirmed item and the diverged item.
pub fn linked_trader() -> (Opened, safe_core::store::Linked, String, String) {
    use safe_core::store::DerivedState;
    let lib = Library::builtin().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let source = build_in(&mut store, Profile::Trader, &["importer"], 0);
    // The answers carried along `equal` links are made open, so one of them stays a gap.
    let (mapping, _) = lib
        .mappings()
        .into_iter()
        .find(|(m, _)| m.id == "safe2025-aeo--eu-aeo-ucc")
        .expect("the built-in SAFE to EU mapping");
    for l in &mapping.links {
        if l.relationship == safe_core::crosswalk::Relationship::Equal {
            store
                .save_answer(
                    &source.assessment.id,
                    &l.from,
                    &AnswerInput::status(Status::PartiallyMet),
                    &stamp(),
                )
                .unwrap();
        }
    }
    let new = NewAssessment {
        title: "EU AEO application 2026".into(),
        profile: Some(Profile::Trader),
        roles: vec!["importer".into()],
        organisation: "Acme & Sons <Export> Ltd".into(),
        pack_id: Some("eu-aeo-ucc".into()),
        tiers: vec!["aeos".into()],
        ..NewAssessment::default()
    };
    store
        .start_from(&lib, &new, &source.assessment.id, LINKED, &stamp())
        .unwrap();
    let open = |s: Option<Status>| matches!(s, Some(Status::NotMet | Status::PartiallyMet));
    let linked = store.linked(LINKED).unwrap().unwrap();
    let suggestion = linked
        .items
        .iter()
        .find(|d| d.state == DerivedState::Suggested && open(Some(d.basis.status)))
        .expect("an open suggestion")
        .clone();
    let carried = linked
        .items
        .iter()
        .find(|d| d.state == DerivedState::Carried && open(Some(d.basis.status)))
        .expect("an open carried answer")
        .clone();
    store
        .confirm(LINKED, &suggestion.item_id, &stamp())
        .unwrap();
    store
        .save_answer(
            &source.assessment.id,
            &carried.source_item,
            &AnswerInput::status(Status::Met),
            &stamp(),
        )
        .unwrap();
    let opened = safe_core::open_assessment(&store, LINKED).unwrap();
    let linked = store.linked(LINKED).unwrap().unwrap();
    (opened, linked, suggestion.item_id, carried.item_id)
}
