//! The validation plan: which sections of an application to check on site first, and why.
//!
//! Each applicable item gets points for what makes it worth a look: critical (2), answered not
//! met (3) or partially met (2), answered met or partially met without any evidence (2),
//! evidence that has expired (2), changed since the previous submission (2), a remark not
//! closed (1). A section's priority is the sum over its items; sections are ranked by priority,
//! highest first (ties in pack order), each with the count of every reason. Pure: the store and
//! the date come from the caller.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalogue::{Criticality, Pack};
use crate::model::{Answer, Assessment, Evidence, Status};

/// Why an item is worth checking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum PlanReason {
    /// A critical requirement.
    Critical,
    /// Answered not met.
    NotMet,
    /// Answered partially met.
    PartiallyMet,
    /// Answered met or partially met with no evidence.
    NoEvidence,
    /// Evidence whose end of validity has passed.
    EvidenceExpired,
    /// The answer changed since the previous submission.
    Changed,
    /// A remark on it is not closed.
    OpenRemark,
}

impl PlanReason {
    /// Points it adds to its item.
    pub fn points(self) -> u32 {
        match self {
            PlanReason::NotMet => 3,
            PlanReason::OpenRemark => 1,
            _ => 2,
        }
    }
}

/// One item to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanItem {
    /// Item id.
    pub item_id: String,
    /// Its title.
    pub title: String,
    /// Its points (the sum of its reasons').
    pub points: u32,
    /// Why.
    pub reasons: Vec<PlanReason>,
}

/// One section of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanSection {
    /// 1 for the section to check first.
    pub rank: u32,
    /// Its code or id.
    pub code: String,
    /// Its title.
    pub title: String,
    /// The sum of its items' points (0: nothing to check first).
    pub priority: u32,
    /// Applicable items.
    pub applicable: u32,
    /// Per reason, how many items have it.
    pub counts: BTreeMap<PlanReason, u32>,
    /// The reason in words, e.g. "2 critical items, 1 partial answer, 1 answer without evidence".
    pub why: String,
    /// Its items with a reason, most points first.
    pub items: Vec<PlanItem>,
}

/// What the plan is built from.
#[derive(Debug, Clone, Copy)]
pub struct PlanInput<'a> {
    /// The pack.
    pub pack: &'a Pack,
    /// The assessment as submitted.
    pub assessment: &'a Assessment,
    /// Its answers (with their evidence hashes).
    pub answers: &'a [Answer],
    /// Its evidence files (with their dates and items).
    pub evidence: &'a [Evidence],
    /// Items changed since the previous submission.
    pub changed: &'a BTreeSet<String>,
    /// Items with a remark not closed.
    pub open_remarks: &'a BTreeSet<String>,
    /// The validator's date (evidence expiry is judged against it).
    pub today: NaiveDate,
}

fn words(counts: &BTreeMap<PlanReason, u32>) -> String {
    let mut parts = Vec::new();
    for (reason, n) in counts {
        let (one, many) = match reason {
            PlanReason::Critical => ("critical item", "critical items"),
            PlanReason::NotMet => ("answer not met", "answers not met"),
            PlanReason::PartiallyMet => ("partial answer", "partial answers"),
            PlanReason::NoEvidence => ("answer without evidence", "answers without evidence"),
            PlanReason::EvidenceExpired => {
                ("item with expired evidence", "items with expired evidence")
            }
            PlanReason::Changed => (
                "answer changed since the last submission",
                "answers changed since the last submission",
            ),
            PlanReason::OpenRemark => ("item with an open remark", "items with open remarks"),
        };
        parts.push(format!("{n} {}", if *n == 1 { one } else { many }));
    }
    if parts.is_empty() {
        "nothing to check first".to_string()
    } else {
        parts.join(", ")
    }
}

/// The sections of the pack that apply to the applicant, ranked for the on-site visit.
pub fn plan(i: &PlanInput<'_>) -> Vec<PlanSection> {
    let answers: BTreeMap<&str, &Answer> =
        i.answers.iter().map(|a| (a.item_id.as_str(), a)).collect();
    let mut expired: BTreeSet<&str> = BTreeSet::new();
    for e in i.evidence {
        if e.expires.is_some_and(|d| d < i.today) {
            expired.extend(e.items.iter().map(String::as_str));
        }
    }
    let mut sections: Vec<PlanSection> = Vec::new();
    for g in &i.pack.groups {
        let mut items = Vec::new();
        let mut applicable = 0;
        let mut counts: BTreeMap<PlanReason, u32> = BTreeMap::new();
        for item in g.all_items() {
            if !i.assessment.asks(item) {
                continue;
            }
            applicable += 1;
            let a = answers.get(item.id.as_str());
            let status = a.map(|a| a.input.status);
            let mut reasons = Vec::new();
            if item.criticality == Criticality::Critical {
                reasons.push(PlanReason::Critical);
            }
            match status {
                Some(Status::NotMet) => reasons.push(PlanReason::NotMet),
                Some(Status::PartiallyMet) => reasons.push(PlanReason::PartiallyMet),
                _ => {}
            }
            if matches!(status, Some(Status::Met | Status::PartiallyMet))
                && a.is_some_and(|a| a.evidence.is_empty())
            {
                reasons.push(PlanReason::NoEvidence);
            }
            if expired.contains(item.id.as_str()) {
                reasons.push(PlanReason::EvidenceExpired);
            }
            if i.changed.contains(&item.id) {
                reasons.push(PlanReason::Changed);
            }
            if i.open_remarks.contains(&item.id) {
                reasons.push(PlanReason::OpenRemark);
            }
            if reasons.is_empty() {
                continue;
            }
            for r in &reasons {
                *counts.entry(*r).or_default() += 1;
            }
            items.push(PlanItem {
                item_id: item.id.clone(),
                title: item.title.clone(),
                points: reasons.iter().map(|r| r.points()).sum(),
                reasons,
            });
        }
        if applicable == 0 {
            continue;
        }
        // Most points first; ties keep pack order (the sort is stable).
        items.sort_by_key(|x| std::cmp::Reverse(x.points));
        sections.push(PlanSection {
            rank: 0,
            code: g.label().to_string(),
            title: g.title.clone(),
            priority: items.iter().map(|x| x.points).sum(),
            applicable,
            why: words(&counts),
            counts,
            items,
        });
    }
    sections.sort_by_key(|s| std::cmp::Reverse(s.priority));
    for (n, s) in sections.iter_mut().enumerate() {
        s.rank = n as u32 + 1;
    }
    sections
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::catalogue::{Library, Profile};
    use crate::model::AnswerInput;

    fn setup() -> (Pack, Assessment, Vec<Answer>) {
        let lib = Library::builtin().unwrap();
        let pack = lib.get("safe2025-aeo").unwrap().clone();
        let at = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
        let a = Assessment {
            id: "a".into(),
            title: "t".into(),
            profile: Profile::Trader,
            roles: vec!["freight-forwarder".into()],
            organisation: "Acme".into(),
            country: "KE".into(),
            identifiers: String::new(),
            assessors: String::new(),
            scope: String::new(),
            pack_id: pack.id.clone(),
            pack_version: pack.version.clone(),
            created_at: at,
            updated_at: at,
            based_on: None,
            tiers: vec![],
        };
        let answers = pack
            .items()
            .into_iter()
            .filter(|i| a.asks(i))
            .map(|i| Answer {
                item_id: i.id.clone(),
                input: AnswerInput::status(Status::Met),
                carried_over: false,
                updated_at: at,
                updated_by: "t".into(),
                evidence: vec!["e".repeat(64)],
            })
            .collect();
        (pack, a, answers)
    }

    fn non_critical_in_last_section(pack: &Pack, a: &Assessment) -> (String, String) {
        let g = pack.groups.last().unwrap();
        let item = g
            .all_items()
            .into_iter()
            .find(|i| a.asks(i) && i.criticality != Criticality::Critical)
            .unwrap();
        (g.label().to_string(), item.id.clone())
    }

    #[test]
    fn partial_changed_unevidenced_and_expired_answers_raise_their_section() {
        let (pack, a, mut answers) = setup();
        let (code, target) = non_critical_in_last_section(&pack, &a);
        let ans = answers.iter_mut().find(|x| x.item_id == target).unwrap();
        ans.input.status = Status::PartiallyMet;
        ans.evidence.clear();
        let changed: BTreeSet<String> = [target.clone()].into();
        let evidence = vec![Evidence {
            sha256: "e".repeat(64),
            file_name: "old.pdf".into(),
            media_type: "application/pdf".into(),
            size: 1,
            added_at: a.created_at,
            effective: None,
            expires: NaiveDate::from_ymd_opt(2026, 1, 31),
            items: vec![target.clone()],
        }];
        let p = plan(&PlanInput {
            pack: &pack,
            assessment: &a,
            answers: &answers,
            evidence: &evidence,
            changed: &changed,
            open_remarks: &[target.clone()].into(),
            today: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        });
        let none = BTreeSet::new();
        let before = plan(&PlanInput {
            pack: &pack,
            assessment: &a,
            answers: &setup().2,
            evidence: &[],
            changed: &none,
            open_remarks: &none,
            today: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        });
        let find = |v: &[PlanSection]| v.iter().find(|s| s.code == code).unwrap().clone();
        let (was, first) = (find(&before), find(&p));
        assert_eq!(first.priority, was.priority + 9);
        assert!(first.rank <= was.rank, "{} -> {}", was.rank, first.rank);
        let item = first.items.iter().find(|i| i.item_id == target).unwrap();
        assert_eq!(
            item.reasons,
            [
                PlanReason::PartiallyMet,
                PlanReason::NoEvidence,
                PlanReason::EvidenceExpired,
                PlanReason::Changed,
                PlanReason::OpenRemark
            ]
        );
        assert_eq!(item.points, 9);
        assert_eq!(first.items[0].item_id, target, "most points first");
        assert!(first.why.contains("1 partial answer"), "{}", first.why);
        assert!(
            first
                .why
                .contains("1 answer changed since the last submission")
        );
        // Ranks are 1..n, priorities never increase.
        for (n, w) in p.windows(2).enumerate() {
            assert!(w[0].priority >= w[1].priority);
            assert_eq!(w[1].rank, n as u32 + 2);
        }
    }

    #[test]
    fn only_critical_items_count_when_everything_is_met_with_evidence() {
        let (pack, a, answers) = setup();
        let none = BTreeSet::new();
        let p = plan(&PlanInput {
            pack: &pack,
            assessment: &a,
            answers: &answers,
            evidence: &[],
            changed: &none,
            open_remarks: &none,
            today: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        });
        for s in &p {
            assert!(
                s.counts.keys().all(|r| *r == PlanReason::Critical),
                "{s:#?}"
            );
            let criticals = s.counts.get(&PlanReason::Critical).copied().unwrap_or(0);
            assert_eq!(s.priority, 2 * criticals);
            if criticals == 0 {
                assert_eq!(s.why, "nothing to check first");
            }
        }
        let total: u32 = p.iter().map(|s| s.applicable).sum();
        assert_eq!(total as usize, answers.len());
    }
}
