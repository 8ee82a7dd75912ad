//! Conversions between the core's types and the boundary types: field by field, no rules.

use safe_core::{catalogue as cat, model, scoring, store};

use super::*;

impl From<model::Status> for Status {
    fn from(s: model::Status) -> Self {
        match s {
            model::Status::Met => Status::Met,
            model::Status::PartiallyMet => Status::PartiallyMet,
            model::Status::NotMet => Status::NotMet,
            model::Status::NotApplicable => Status::NotApplicable,
        }
    }
}

impl From<Status> for model::Status {
    fn from(s: Status) -> Self {
        match s {
            Status::Met => model::Status::Met,
            Status::PartiallyMet => model::Status::PartiallyMet,
            Status::NotMet => model::Status::NotMet,
            Status::NotApplicable => model::Status::NotApplicable,
        }
    }
}

impl From<model::Priority> for Priority {
    fn from(p: model::Priority) -> Self {
        match p {
            model::Priority::High => Priority::High,
            model::Priority::Medium => Priority::Medium,
            model::Priority::Low => Priority::Low,
        }
    }
}

impl From<Priority> for model::Priority {
    fn from(p: Priority) -> Self {
        match p {
            Priority::High => model::Priority::High,
            Priority::Medium => model::Priority::Medium,
            Priority::Low => model::Priority::Low,
        }
    }
}

impl From<cat::Profile> for Profile {
    fn from(p: cat::Profile) -> Self {
        match p {
            cat::Profile::Customs => Profile::Customs,
            cat::Profile::Trader => Profile::Trader,
        }
    }
}

impl From<Profile> for cat::Profile {
    fn from(p: Profile) -> Self {
        match p {
            Profile::Customs => cat::Profile::Customs,
            Profile::Trader => cat::Profile::Trader,
        }
    }
}

impl From<cat::Criticality> for Criticality {
    fn from(c: cat::Criticality) -> Self {
        match c {
            cat::Criticality::Critical => Criticality::Critical,
            cat::Criticality::Major => Criticality::Major,
            cat::Criticality::Minor => Criticality::Minor,
        }
    }
}

impl From<cat::Aim> for Aim {
    fn from(a: cat::Aim) -> Self {
        match a {
            cat::Aim::PreventExploitation => Aim::PreventExploitation,
            cat::Aim::ProtectCriticalNodes => Aim::ProtectCriticalNodes,
            cat::Aim::ResilienceRecovery => Aim::ResilienceRecovery,
        }
    }
}

impl From<cat::GroupKind> for GroupKind {
    fn from(k: cat::GroupKind) -> Self {
        match k {
            cat::GroupKind::Part => GroupKind::Part,
            cat::GroupKind::Pillar => GroupKind::Pillar,
            cat::GroupKind::Standard => GroupKind::Standard,
            cat::GroupKind::Level => GroupKind::Level,
            cat::GroupKind::Section => GroupKind::Section,
        }
    }
}

impl From<scoring::Readiness> for Readiness {
    fn from(r: scoring::Readiness) -> Self {
        match r {
            scoring::Readiness::NotReady => Readiness::NotReady,
            scoring::Readiness::Incomplete => Readiness::Incomplete,
            scoring::Readiness::ReadyWithActions => Readiness::ReadyWithActions,
            scoring::Readiness::Ready => Readiness::Ready,
        }
    }
}

impl From<&cat::Role> for Role {
    fn from(r: &cat::Role) -> Self {
        Role {
            id: r.id.clone(),
            name: r.name.clone(),
            description: r.description.clone(),
        }
    }
}

impl AssessmentDetails {
    /// The core's input type.
    pub fn to_core(&self) -> model::NewAssessment {
        model::NewAssessment {
            title: self.title.clone(),
            profile: self.profile.map(Into::into),
            roles: self.roles.clone(),
            organisation: self.organisation.clone(),
            country: self.country.clone(),
            identifiers: self.identifiers.clone(),
            assessors: self.assessors.clone(),
            scope: self.scope.clone(),
            pack_id: None,
            tiers: Vec::new(),
        }
    }
}

impl From<model::Assessment> for Assessment {
    fn from(a: model::Assessment) -> Self {
        Assessment {
            id: a.id,
            title: a.title,
            profile: a.profile.into(),
            roles: a.roles,
            organisation: a.organisation,
            country: a.country,
            identifiers: a.identifiers,
            assessors: a.assessors,
            scope: a.scope,
            pack_id: a.pack_id,
            pack_version: a.pack_version,
            created_at: a.created_at,
            updated_at: a.updated_at,
            based_on: a.based_on,
        }
    }
}

impl From<store::AssessmentSummary> for AssessmentSummary {
    fn from(s: store::AssessmentSummary) -> Self {
        AssessmentSummary {
            assessment: s.assessment.into(),
            applicable: count(s.applicable),
            answered: count(s.answered),
            completion: s.completion,
        }
    }
}

impl From<model::AnswerInput> for AnswerInput {
    fn from(a: model::AnswerInput) -> Self {
        AnswerInput {
            status: a.status.into(),
            justification: a.justification,
            comment: a.comment,
            owner: a.owner,
            target_date: a.target_date,
            priority: a.priority.map(Into::into),
            flagged: a.flagged,
        }
    }
}

impl From<AnswerInput> for model::AnswerInput {
    fn from(a: AnswerInput) -> Self {
        model::AnswerInput {
            status: a.status.into(),
            justification: a.justification,
            comment: a.comment,
            owner: a.owner,
            target_date: a.target_date,
            priority: a.priority.map(Into::into),
            flagged: a.flagged,
        }
    }
}

impl From<model::Answer> for Answer {
    fn from(a: model::Answer) -> Self {
        Answer {
            item_id: a.item_id,
            input: a.input.into(),
            carried_over: a.carried_over,
            updated_at: a.updated_at,
            updated_by: a.updated_by,
            evidence: a.evidence,
        }
    }
}

impl From<model::Evidence> for Evidence {
    fn from(e: model::Evidence) -> Self {
        Evidence {
            sha256: e.sha256,
            file_name: e.file_name,
            media_type: e.media_type,
            size: e.size,
            added_at: e.added_at,
            effective: e.effective,
            expires: e.expires,
            items: e.items,
        }
    }
}

impl From<model::HistoryEntry> for HistoryEntry {
    fn from(h: model::HistoryEntry) -> Self {
        let (old, new) = h.change.answers().unwrap_or_default();
        HistoryEntry {
            seq: h.seq,
            old: old.cloned().map(AnswerInput::from),
            new: new.cloned().map(AnswerInput::from),
            file_name: h
                .change
                .evidence()
                .and_then(|(_, name)| name)
                .map(str::to_string),
            action: h.action().to_string(),
            at: h.at,
            by: h.by,
        }
    }
}

impl From<&cat::Item> for Item {
    fn from(i: &cat::Item) -> Self {
        Item {
            id: i.id.clone(),
            title: i.title.clone(),
            requirement: i.requirement.clone(),
            guidance: i.guidance.clone(),
            shortfall: i.shortfall.clone(),
            evidence: i.evidence.clone(),
            reference: i.reference.clone(),
            criticality: i.criticality.into(),
            mandatory: i.mandatory,
            aim: i.aim.into(),
            provenance: i.provenance.as_ref().map(Into::into),
        }
    }
}

impl From<&cat::Group> for Group {
    fn from(g: &cat::Group) -> Self {
        Group {
            id: g.id.clone(),
            kind: g.kind.into(),
            label: g.label().to_string(),
            title: g.title.clone(),
            summary: g.summary.clone(),
            reference: g.reference.clone(),
            groups: g.groups.iter().map(Group::from).collect(),
            items: g.items.iter().map(Item::from).collect(),
        }
    }
}

impl From<&cat::Pack> for Pack {
    /// The whole pack; the workspace gets it cut to the assessment's roles
    /// (`safe_app::assess::visible_pack`).
    fn from(p: &cat::Pack) -> Self {
        Pack {
            id: p.id.clone(),
            title: p.title.clone(),
            edition: p.edition.clone(),
            version: p.version.clone(),
            groups: p.groups.iter().map(Group::from).collect(),
        }
    }
}

impl From<&scoring::Score> for Score {
    fn from(s: &scoring::Score) -> Self {
        Score {
            score: s.score,
            completion: s.completion,
            applicable: count(s.applicable),
            answered: count(s.answered),
            met: count(s.met),
            partially_met: count(s.partially_met),
            not_met: count(s.not_met),
            not_applicable: count(s.not_applicable),
            unanswered: count(s.unanswered),
        }
    }
}

impl From<scoring::Scorecard> for Scorecard {
    fn from(c: scoring::Scorecard) -> Self {
        Scorecard {
            overall: (&c.overall).into(),
            groups: c
                .groups
                .into_iter()
                .map(|g| GroupScore {
                    score: (&g.score).into(),
                    id: g.id,
                    label: g.label,
                    title: g.title,
                    kind: g.kind.into(),
                    depth: count(g.depth),
                    parent: g.parent,
                })
                .collect(),
            aims: c
                .aims
                .into_iter()
                .map(|a| AimScore {
                    aim: a.aim.into(),
                    score: (&a.score).into(),
                })
                .collect(),
            verdict: c.verdict.map(|v| Verdict {
                readiness: v.readiness.into(),
                rule: v.rule,
                explanation: v.explanation,
            }),
            gaps: c
                .gaps
                .into_iter()
                .map(|g| Gap {
                    item_id: g.item_id,
                    title: g.title,
                    group_id: g.group_id,
                    criticality: g.criticality.into(),
                    status: g.status.map(Into::into),
                    recommended_action: g.recommended_action,
                    owner: g.owner,
                    target_date: g.target_date,
                    priority: g.priority.map(Into::into),
                    flagged: g.flagged,
                })
                .collect(),
        }
    }
}

impl From<&scoring::Scorecard> for Progress {
    fn from(c: &scoring::Scorecard) -> Self {
        Progress {
            overall: (&c.overall).into(),
            groups: c
                .groups
                .iter()
                .map(|g| GroupProgress {
                    id: g.id.clone(),
                    applicable: count(g.score.applicable),
                    answered: count(g.score.answered),
                })
                .collect(),
        }
    }
}

impl From<store::BackupInfo> for Backup {
    fn from(b: store::BackupInfo) -> Self {
        Backup {
            path: b.path.display().to_string(),
            size: b.size,
            label: b.label,
        }
    }
}

/// Item counts are small; a count that does not fit is shown as the largest value rather than
/// wrapping.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use safe_core::history::{Change, EvidenceRef};

    #[test]
    fn answers_round_trip_through_the_boundary_type() {
        let core = model::AnswerInput {
            status: model::Status::NotApplicable,
            justification: "no sea freight".into(),
            comment: "c".into(),
            owner: "o".into(),
            target_date: chrono::NaiveDate::from_ymd_opt(2027, 1, 31),
            priority: Some(model::Priority::Medium),
            flagged: true,
        };
        let back: model::AnswerInput = AnswerInput::from(core.clone()).into();
        assert_eq!(back, core, "nothing is lost crossing the boundary");
    }

    #[test]
    fn history_entries_carry_answers_and_file_names() {
        let entry = model::HistoryEntry {
            seq: 3,
            item_id: "X".into(),
            change: Change::EvidenceLink {
                evidence: EvidenceRef {
                    sha256: "ab".into(),
                    file_name: "policy.pdf".into(),
                },
            },
            at: chrono::Utc::now(),
            by: "ana".into(),
        };
        let dto = HistoryEntry::from(entry);
        assert_eq!(dto.file_name.as_deref(), Some("policy.pdf"));
        assert!(
            dto.new.is_none(),
            "an evidence note is not mistaken for an answer"
        );

        let answer = model::HistoryEntry {
            seq: 4,
            item_id: "X".into(),
            change: Change::Answer {
                old: None,
                new: model::AnswerInput::status(model::Status::Met),
            },
            at: chrono::Utc::now(),
            by: "ana".into(),
        };
        let dto = HistoryEntry::from(answer);
        assert_eq!(dto.new.map(|a| a.status), Some(Status::Met));
        assert_eq!(dto.file_name, None);
    }
}
