//! What the validation report's template reads: every string already translated, every date
//! and figure already written out, so `validation.typ` only lays out.

use std::collections::BTreeMap;

use safe_core::review::{Decision, RemarkKind, RemarkState};
use serde::Serialize;

use crate::i18n::short_date;
use crate::validation::i18n::{self as vi, V};
use crate::validation::texts::{decided, facts, generated, subtitle};
use crate::validation::{DecisionRow, SectionRow, ValidationData};
use crate::{Options, Paper};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct View<'a> {
    lang: &'static str,
    paper: &'static str,
    /// Every fixed string by key name.
    t: BTreeMap<&'static str, &'static str>,
    applicant: &'a str,
    subtitle: &'static str,
    facts: Vec<(&'static str, String)>,
    generated: String,
    programme: String,
    decision: Option<DecisionView>,
    earlier: Vec<DecisionView>,
    sections: Vec<&'a SectionRow>,
    totals: &'a SectionRow,
    remarks: Vec<RemarkView<'a>>,
    findings: Vec<FindingView<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DecisionView {
    label: &'static str,
    refused: bool,
    note: String,
    line: String,
    reasons: Vec<(String, String, String)>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RemarkView<'a> {
    number: String,
    state: &'static str,
    closed: bool,
    item_id: &'a str,
    item_title: &'a str,
    kind: &'static str,
    nc: bool,
    text: &'a str,
    raised: String,
    response: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FindingView<'a> {
    item_id: &'a str,
    item_title: &'a str,
    text: &'a str,
    on: String,
    by: &'a str,
}

fn decision_view(d: &DecisionRow, lang: crate::i18n::Lang) -> DecisionView {
    DecisionView {
        label: vi::decision(lang, d.decision),
        refused: d.decision == Decision::Refuse,
        note: d.note.clone(),
        line: decided(d, lang),
        reasons: d
            .reasons
            .iter()
            .map(|r| (r.item_id.clone(), r.item_title.clone(), r.reason.clone()))
            .collect(),
    }
}

impl<'a> View<'a> {
    /// Everything the template shows.
    pub fn build(d: &'a ValidationData, opts: &Options) -> View<'a> {
        let lang = opts.lang;
        View {
            lang: lang.code(),
            paper: match opts.paper {
                Paper::A4 => "a4",
                Paper::Letter => "us-letter",
            },
            t: V::ALL.iter().map(|k| (k.name(), k.get(lang))).collect(),
            applicant: &d.applicant,
            subtitle: subtitle(d, lang),
            facts: facts(d, lang),
            generated: generated(d, lang),
            programme: format!("{} {}", d.pack_id, d.pack_version),
            decision: d.decision.as_ref().map(|x| decision_view(x, lang)),
            earlier: d
                .earlier_decisions
                .iter()
                .map(|x| decision_view(x, lang))
                .collect(),
            sections: d.sections.iter().collect(),
            totals: &d.totals,
            remarks: d
                .remarks
                .iter()
                .map(|r| RemarkView {
                    number: format!("R{}", r.number),
                    state: vi::remark_state(lang, r.state),
                    closed: r.state == RemarkState::Closed,
                    item_id: &r.item_id,
                    item_title: &r.item_title,
                    kind: vi::kind(lang, r.kind),
                    nc: r.kind == RemarkKind::NonConformity,
                    text: &r.text,
                    raised: crate::validation::texts::remark_note(lang, r),
                    response: &r.response,
                })
                .collect(),
            findings: d
                .findings
                .iter()
                .map(|f| FindingView {
                    item_id: &f.item_id,
                    item_title: &f.item_title,
                    text: &f.text,
                    on: short_date(lang, f.on),
                    by: &f.by,
                })
                .collect(),
        }
    }
}
