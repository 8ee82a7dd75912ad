#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{NaiveDate, TimeZone, Utc};
use safe_core::catalogue::{Library, Profile};
use safe_core::model::{Answer, AnswerInput, Assessment, Status};
use safe_core::review::{
    AppState, Deadlines, Decision, DecisionRecord, Finding, Reason, Remark, RemarkKind, RemarkState,
};

use super::*;
use crate::Lang;

/// A freight forwarder's application on the SAFE 2025 AEO pack: every item met but the second
/// (partially met); the first accepted... as the tests set.
pub(crate) struct Fixture {
    pub pack: Pack,
    pub assessment: Assessment,
    pub answers: Vec<Answer>,
    pub items: Vec<String>,
}

pub(crate) fn fixture() -> Fixture {
    let lib = Library::builtin().unwrap();
    let pack = lib.get("safe2025-aeo").unwrap().clone();
    let at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    let assessment = Assessment {
        id: "a1b2c3d4-0000-0000-0000-000000000001".into(),
        title: "AEO 2026".into(),
        profile: Profile::Trader,
        roles: vec!["freight-forwarder".into()],
        organisation: "Acme Logistics <Ltd>".into(),
        country: "KE".into(),
        identifiers: "TIN P051234567X".into(),
        assessors: String::new(),
        scope: String::new(),
        pack_id: pack.id.clone(),
        pack_version: pack.version.clone(),
        created_at: at,
        updated_at: at,
        based_on: None,
        tiers: vec![],
    };
    let items: Vec<String> = pack
        .items()
        .into_iter()
        .filter(|i| assessment.asks(i))
        .map(|i| i.id.clone())
        .collect();
    let answers = items
        .iter()
        .enumerate()
        .map(|(n, id)| Answer {
            item_id: id.clone(),
            input: AnswerInput::status(if n == 1 {
                Status::PartiallyMet
            } else {
                Status::Met
            }),
            carried_over: false,
            updated_at: at,
            updated_by: "Trader".into(),
            evidence: vec![],
        })
        .collect();
    Fixture {
        pack,
        assessment,
        answers,
        items,
    }
}

fn opts(lang: Lang) -> Options {
    Options {
        lang,
        paper: crate::Paper::A4,
        today: NaiveDate::from_ymd_opt(2026, 4, 10).unwrap(),
        generated_at: Utc.with_ymd_and_hms(2026, 4, 10, 10, 0, 0).unwrap(),
    }
}

pub(crate) struct Review {
    pub accepted: Vec<String>,
    pub remarks: Vec<Remark>,
    pub findings: Vec<Finding>,
    pub decisions: Vec<DecisionRecord>,
}

pub(crate) fn review(f: &Fixture) -> Review {
    let at = Utc.with_ymd_and_hms(2026, 3, 20, 14, 0, 0).unwrap();
    let remark = |number, item: &str, kind, state, text: &str, response: &str| Remark {
        number,
        item_id: item.to_string(),
        kind,
        text: text.to_string(),
        state,
        raised_in: 1,
        response: response.to_string(),
        due: None,
    };
    Review {
        accepted: f.items.iter().skip(3).cloned().collect(),
        remarks: vec![
            remark(
                1,
                &f.items[0],
                RemarkKind::Query,
                RemarkState::Closed,
                "Who signed the policy?",
                "The director, on 3 March",
            ),
            remark(
                2,
                &f.items[1],
                RemarkKind::NonConformity,
                RemarkState::Open,
                "No gate control at night",
                "",
            ),
            remark(
                3,
                &f.items[2],
                RemarkKind::EvidenceMissing,
                RemarkState::Answered,
                "Send the signed version",
                "Attached",
            ),
        ],
        findings: vec![Finding {
            item_id: f.items[1].clone(),
            text: "Gate log kept on paper".into(),
            at,
            by: "A. Officer".into(),
        }],
        decisions: vec![
            DecisionRecord {
                decision: Decision::Return,
                note: "Three remarks to answer".into(),
                reasons: vec![],
                submission: 1,
                at,
                by: "A. Officer".into(),
            },
            DecisionRecord {
                decision: Decision::Refuse,
                note: "Security gaps remain".into(),
                reasons: vec![Reason {
                    item_id: f.items[1].clone(),
                    reason: "answered partially met; non-conformity R2: No gate control at night"
                        .into(),
                }],
                submission: 2,
                at: Utc.with_ymd_and_hms(2026, 4, 8, 9, 0, 0).unwrap(),
                by: "A. Officer".into(),
            },
        ],
    }
}

pub(crate) fn input<'a>(f: &'a Fixture, r: &'a Review, side: Side) -> ValidationInput<'a> {
    let received = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let accepted = NaiveDate::from_ymd_opt(2026, 3, 20);
    ValidationInput {
        side,
        pack: &f.pack,
        assessment: &f.assessment,
        answers: &f.answers,
        application_id: "9f8e7d6c-0000-0000-0000-000000000002",
        state: AppState::Decided,
        submission: 2,
        submissions: vec![
            (1, received),
            (2, NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()),
        ],
        received_on: (side == Side::Customs).then_some(received),
        accepted_on: if side == Side::Customs {
            accepted
        } else {
            None
        },
        deadlines: (side == Side::Customs).then(|| Deadlines::new(received, accepted, 30, 120)),
        accepted: &r.accepted,
        remarks: &r.remarks,
        findings: &r.findings,
        decisions: &r.decisions,
        fingerprint: "0123456789abcdef",
        reviewed_at: (side == Side::Trader)
            .then(|| Utc.with_ymd_and_hms(2026, 4, 8, 9, 30, 0).unwrap()),
    }
}

#[test]
fn sections_count_accepted_open_remarks_non_conformities_and_findings() {
    let f = fixture();
    let r = review(&f);
    let d = ValidationData::build(&input(&f, &r, Side::Customs), &opts(Lang::En));
    assert_eq!(d.totals.applicable, f.items.len());
    assert_eq!(d.totals.accepted, f.items.len() - 3);
    // R1 is closed: two remarks still open, one of them a non-conformity.
    assert_eq!(d.totals.open_remarks, 2);
    assert_eq!(d.totals.non_conformities, 1);
    assert_eq!(d.totals.findings, 1);
    // items[0] neither accepted nor under an open remark.
    assert_eq!(d.totals.to_review, 1);
    assert_eq!(
        d.sections.iter().map(|s| s.applicable).sum::<usize>(),
        f.items.len()
    );
    let first = &d.sections[0];
    assert!(!first.code.is_empty() && !first.title.is_empty());
    let decision = d.decision.as_ref().unwrap();
    assert_eq!(decision.decision, Decision::Refuse);
    assert_eq!(d.earlier_decisions.len(), 1);
    assert_eq!(
        decision.reasons[0].reason,
        "answered partially met; non-conformity R2: No gate control at night"
    );
    // Decided: no more days left to decide; accepted: none to accept.
    let dl = d.deadlines.as_ref().unwrap();
    assert_eq!(dl.accept_days_left, None);
    assert_eq!(dl.decide_days_left, None);
    assert_eq!(dl.decide_by, NaiveDate::from_ymd_opt(2026, 7, 18));
}

#[test]
fn french_reasons_sections_and_the_trader_side() {
    let f = fixture();
    let r = review(&f);
    let d = ValidationData::build(&input(&f, &r, Side::Trader), &opts(Lang::Fr));
    assert_eq!(
        d.decision.as_ref().unwrap().reasons[0].reason,
        "réponse : partiellement satisfaite ; non-conformité R2 : No gate control at night"
    );
    assert_eq!(d.totals.title, "Total");
    assert!(d.deadlines.is_none() && d.received_on.is_none());
    let facts = texts::facts(&d, Lang::Fr);
    let labels: Vec<&str> = facts.iter().map(|(l, _)| *l).collect();
    assert!(labels.contains(&"Clé de la douane reconnue"), "{labels:?}");
    assert!(!labels.contains(&"Acceptée le"), "{labels:?}");
    assert!(labels.contains(&"Examen reçu, daté du"), "{labels:?}");
    // The pack's French titles.
    let loc = f.pack.localized("fr").pack;
    assert_eq!(d.sections[0].title, loc.groups[0].title);
}

#[test]
fn deadlines_in_words_and_unknown_reason_parts_kept() {
    assert_eq!(texts::days(Lang::En, 3), "3 day(s) left");
    assert_eq!(texts::days(Lang::En, 0), "due today");
    assert_eq!(texts::days(Lang::Fr, -2), "dépassé de 2 jour(s)");
    assert_eq!(texts::reason(Lang::Fr, "something new"), "something new");
    assert_eq!(texts::reason(Lang::Fr, "not answered"), "sans réponse");
}

#[test]
fn an_open_remark_says_by_when_to_answer_and_how_many_days_are_left() {
    let f = fixture();
    let mut r = review(&f);
    // Report day: 10 April 2026. R2 (open) is overdue, R3 (answered) still has time, R1 is
    // closed: its date is kept but no countdown.
    r.remarks[0].due = NaiveDate::from_ymd_opt(2026, 4, 1);
    r.remarks[1].due = NaiveDate::from_ymd_opt(2026, 4, 7);
    r.remarks[2].due = NaiveDate::from_ymd_opt(2026, 4, 22);
    let cases = [
        (
            Lang::En,
            "answer by 7 April 2026 (overdue by 3 day(s))",
            "answer by 22 April 2026 (12 day(s) left)",
            "answer by 1 April 2026",
        ),
        (
            Lang::Fr,
            "réponse attendue au plus tard le 7 avril 2026 (dépassé de 3 jour(s))",
            "réponse attendue au plus tard le 22 avril 2026 (12 jour(s) restant(s))",
            "réponse attendue au plus tard le 1er avril 2026",
        ),
    ];
    for (lang, overdue, left, closed) in cases {
        let d = ValidationData::build(&input(&f, &r, Side::Customs), &opts(lang));
        let html = String::from_utf8(render(&d, Format::Html, &opts(lang)).unwrap()).unwrap();
        let html = html.replace("&#39;", "'");
        assert!(html.contains(overdue), "{lang:?}: {overdue}");
        assert!(html.contains(left), "{lang:?}: {left}");
        assert!(html.contains(&format!("{closed}<")), "{lang:?}: {closed}");
    }
    r.remarks.iter_mut().for_each(|x| x.due = None);
    let d = ValidationData::build(&input(&f, &r, Side::Customs), &opts(Lang::En));
    assert_eq!(
        texts::remark_note(Lang::En, &d.remarks[1]),
        "raised on submission 1"
    );
}

#[test]
fn html_escapes_user_text_and_other_formats_are_refused() {
    let f = fixture();
    let r = review(&f);
    let d = ValidationData::build(&input(&f, &r, Side::Customs), &opts(Lang::En));
    let html = String::from_utf8(render(&d, Format::Html, &opts(Lang::En)).unwrap()).unwrap();
    assert!(html.contains("Acme Logistics &lt;Ltd&gt;"));
    assert!(!html.contains("<Ltd>"));
    assert!(html.contains("Status refused") && html.contains("Gate log kept on paper"));
    assert!(html.contains("Review by section"));
    let e = render(&d, Format::Csv, &opts(Lang::En)).unwrap_err();
    assert_eq!(e.code(), safe_core::ErrorCode::InvalidInput);
}

fn pdftotext(pdf: &[u8], name: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext (poppler-utils, installed by .ci/setup) is needed: {e}")
        });
    assert!(out.status.success());
    if let Ok(keep) = std::env::var("SAFE_ASSESS_KEEP_PDF") {
        std::fs::write(std::path::Path::new(&keep).join(name), pdf).unwrap();
    }
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_pdf_reads_back_in_english_and_french() {
    let f = fixture();
    let r = review(&f);
    for (lang, side, words) in [
        (
            Lang::En,
            Side::Customs,
            &[
                "Validation report",
                "Acme Logistics <Ltd>",
                "Status refused",
                "Security gaps remain",
                "Reasons per failed item",
                "non-conformity R2: No gate control at night",
                "Review by section",
                "Accepted",
                "Recorded on 8 April 2026 by A. Officer, on submission 2",
                "Gate log kept on paper",
                "Earlier decisions",
                "Three remarks to answer",
                "Decide by",
                "18 July 2026",
            ][..],
        ),
        (
            Lang::Fr,
            Side::Trader,
            &[
                "Rapport de validation",
                "Statut refusé",
                "Motifs, exigence par exigence",
                "non-conformité R2 : No gate control at night",
                "Examen par section",
                "Constatations de la visite sur place",
                "Clé de la douane reconnue",
                "The director, on 3 March",
            ][..],
        ),
    ] {
        let o = opts(lang);
        let d = ValidationData::build(&input(&f, &r, side), &o);
        let pdf = render(&d, Format::Pdf, &o).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = pdftotext(&pdf, &format!("validation-{}.pdf", lang.code()));
        // pdftotext -layout may split a long line; compare with whitespace collapsed.
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for w in words {
            assert!(flat.contains(w), "{lang:?}: '{w}' missing in:\n{text}");
        }
    }
}
