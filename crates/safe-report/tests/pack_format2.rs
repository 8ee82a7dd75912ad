//! A report on a format 2 pack: provenance in the reference cell and the appendix, French texts
//! from the pack's translations, and the note on texts that fell back to English.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use safe_core::Opened;
use safe_core::catalogue::{Basis, Pack, builtin_roles};
use safe_report::{Format, Lang, Options, ReportData, render};

use crate::common;

const PACK: &str = include_str!("../../safe-core/tests/fixtures/new-trader.json");

/// The trader fixture's assessment moved onto the small format 2 test pack, unanswered.
fn opened() -> Opened {
    let pack = Pack::parse("new-trader.json", PACK, &builtin_roles()).unwrap();
    let mut assessment = common::trader(0).assessment;
    assessment.pack_id = pack.id.clone();
    assessment.pack_version = pack.version.clone();
    let scorecard = safe_core::scoring::score(&pack, &assessment, &[]);
    Opened {
        assessment,
        pack: Arc::new(pack),
        answers: Vec::new(),
        evidence: Vec::new(),
        scorecard,
    }
}

fn options(lang: Lang) -> Options {
    Options {
        lang,
        ..common::options()
    }
}

#[test]
fn the_reference_cell_and_the_appendix_show_the_provenance() {
    let d = ReportData::build(&opened(), &options(Lang::En));
    let row = d.answers[0]
        .items
        .iter()
        .find(|r| r.item_id == "T.A.03")
        .expect("row");
    assert_eq!(row.reference, "EU AEO Guidelines, Part 2");
    assert_eq!(
        row.provenance_label,
        "National practice (EU AEO Guidelines) · reference not yet verified"
    );
    let verified = d.answers[0].items.iter().find(|r| r.item_id == "T.A.01");
    assert_eq!(
        verified.map(|r| r.provenance_label.as_str()),
        Some("SAFE Framework")
    );
    let counts: Vec<(Option<Basis>, usize, usize, usize)> = d
        .provenance
        .iter()
        .map(|r| (r.basis, r.verified, r.partial, r.unverified))
        .collect();
    assert_eq!(
        counts,
        [
            (Some(Basis::Safe), 1, 0, 0),
            (Some(Basis::NationalPractice), 0, 0, 1),
            (Some(Basis::BestPractice), 0, 0, 1),
        ]
    );
    assert!(
        d.catalogue.fallback.is_none(),
        "English is the pack's language"
    );
    let html =
        String::from_utf8(render(&opened(), Format::Html, &options(Lang::En)).unwrap()).unwrap();
    assert!(html.contains("Appendix C: sources of the requirements"));
    assert!(html.contains("National practice (EU AEO Guidelines) · reference not yet verified"));
}

#[test]
fn a_french_report_uses_the_packs_french_and_says_what_fell_back() {
    let d = ReportData::build(&opened(), &options(Lang::Fr));
    assert_eq!(d.catalogue.title, "Pack OEA d'essai, 2025");
    assert_eq!(d.groups[0].title, "Conformité");
    let rows = &d.answers[0].items;
    assert_eq!(rows[0].title, "Absence d'infractions");
    assert_eq!(rows[0].reference, "Essai 2025, section A");
    assert_eq!(
        rows[1].provenance_label,
        "Pratique nationale (EU AEO Guidelines) · référence non encore vérifiée"
    );
    assert_eq!(d.answers[0].path, ["Conformité"]);
    assert!(
        d.gaps.iter().any(|g| g.title == "Scellés"),
        "gap titles in French"
    );
    let roles: Vec<&str> = d.assessment.roles.iter().map(|r| r.name.as_str()).collect();
    assert!(
        roles.contains(&"Importateur") && roles.contains(&"Entrepositaire"),
        "{roles:?}"
    );
    let f = d
        .catalogue
        .fallback
        .as_ref()
        .expect("some texts have no French");
    assert_eq!(f.language, "en");
    assert!(f.texts > 0 && f.note.contains("anglais"), "{}", f.note);
    assert_eq!(d.provenance[0].label, "Cadre de normes SAFE");
    let pdf = render(&opened(), Format::Pdf, &options(Lang::Fr)).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}
