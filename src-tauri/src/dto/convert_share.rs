//! Conversions from `safe-share`'s types to the sharing boundary types: field by field, no rules.

use safe_core::compare as cmp;
use safe_core::store;

use super::share::*;

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<safe_share::ExportSummary> for ShareExported {
    fn from(s: safe_share::ExportSummary) -> Self {
        ShareExported {
            path: s.path.display().to_string(),
            bytes: s.bytes,
            answers: count(s.answers),
            evidence_files: count(s.evidence_files),
            evidence_withheld: count(s.evidence_withheld),
            redacted: s.redacted,
            fingerprint: s.fingerprint,
        }
    }
}

impl From<safe_share::Integrity> for Integrity {
    fn from(i: safe_share::Integrity) -> Self {
        match i {
            safe_share::Integrity::Intact => Integrity::Intact,
            safe_share::Integrity::Unsigned => Integrity::Unsigned,
            safe_share::Integrity::Tampered => Integrity::Tampered,
        }
    }
}

impl From<safe_share::format::Signer> for Signer {
    fn from(s: safe_share::format::Signer) -> Self {
        Signer {
            organisation: s.organisation,
            name: s.name,
            fingerprint: s.fingerprint,
        }
    }
}

impl From<&safe_share::format::Manifest> for ShareManifest {
    fn from(m: &safe_share::format::Manifest) -> Self {
        ShareManifest {
            assessment_id: m.assessment_id.clone(),
            title: m.title.clone(),
            organisation: m.organisation.clone(),
            pack_id: m.pack.id.clone(),
            pack_version: m.pack.version.clone(),
            created_at: m.created_at,
            app_version: m.app_version.clone(),
            format: m.format,
            redacted: m.redacted,
        }
    }
}

impl From<safe_share::ImportOutcome> for Imported {
    fn from(o: safe_share::ImportOutcome) -> Self {
        Imported {
            assessment: o.assessment.into(),
            answers: count(o.answers),
            evidence_files: count(o.evidence_files),
            evidence_withheld: count(o.evidence_withheld),
        }
    }
}

impl From<Side> for store::Side {
    fn from(s: Side) -> Self {
        match s {
            Side::Mine => store::Side::Mine,
            Side::Theirs => store::Side::Theirs,
        }
    }
}

impl From<store::MergeReport> for Merged {
    fn from(r: store::MergeReport) -> Self {
        Merged {
            taken: count(r.taken.len()),
            chose_theirs: count(r.chose_theirs.len()),
            chose_mine: count(r.chose_mine.len()),
            evidence_links_added: count(r.evidence_links_added),
        }
    }
}

impl From<cmp::Point> for ComparePoint {
    fn from(p: cmp::Point) -> Self {
        ComparePoint {
            id: p.id,
            title: p.title,
            organisation: p.organisation,
            created_at: p.created_at,
            score: p.score,
            completion: p.completion,
        }
    }
}

impl From<cmp::Movement> for Movement {
    fn from(m: cmp::Movement) -> Self {
        match m {
            cmp::Movement::Improved => Movement::Improved,
            cmp::Movement::Worsened => Movement::Worsened,
            cmp::Movement::Answered => Movement::Answered,
            cmp::Movement::Unanswered => Movement::Unanswered,
            cmp::Movement::Changed => Movement::Changed,
        }
    }
}

impl From<cmp::ItemChange> for ItemChange {
    fn from(c: cmp::ItemChange) -> Self {
        ItemChange {
            item_id: c.item_id,
            title: c.title,
            criticality: c.criticality.into(),
            before: c.before.map(Into::into),
            after: c.after.map(Into::into),
            movement: c.movement.into(),
        }
    }
}

impl From<cmp::GroupDelta> for GroupDelta {
    fn from(g: cmp::GroupDelta) -> Self {
        GroupDelta {
            id: g.id,
            label: g.label,
            title: g.title,
            depth: count(g.depth),
            before: g.before,
            after: g.after,
            delta: g.delta,
        }
    }
}

impl From<cmp::GapChange> for GapChange {
    fn from(g: cmp::GapChange) -> Self {
        GapChange {
            item_id: g.item_id,
            title: g.title,
            criticality: g.criticality.into(),
            before: g.before.map(Into::into),
            after: g.after.map(Into::into),
        }
    }
}

fn all<T, U: From<T>>(v: Vec<T>) -> Vec<U> {
    v.into_iter().map(Into::into).collect()
}

impl From<cmp::Comparison> for Comparison {
    fn from(c: cmp::Comparison) -> Self {
        Comparison {
            before: c.before.into(),
            after: c.after.into(),
            same_organisation: c.same_organisation,
            delta: c.delta,
            groups: all(c.groups),
            changes: all(c.changes),
            gaps_closed: all(c.gaps_closed),
            gaps_opened: all(c.gaps_opened),
        }
    }
}

impl From<cmp::Trend> for Trend {
    fn from(t: cmp::Trend) -> Self {
        Trend {
            assessments: all(t.assessments),
            groups: t
                .groups
                .into_iter()
                .map(|g| TrendRow {
                    id: g.id,
                    label: g.label,
                    title: g.title,
                    scores: g.scores,
                })
                .collect(),
            overall: t.overall,
        }
    }
}
