//! The desktop shell's own boundary types, and nothing else.
//!
//! The webview receives the core's, sharing, report and app crates' own types in their serde
//! shape, the one `safe-assess … --json` prints for the same entity; their TypeScript
//! declarations are in `ui/src/lib/bindings.ts` (written and checked by
//! `crates/safe-app/src/bindings.rs` in a plain `cargo test`). What is here has no such type:
//! the shell's own settings, facts and export steps (`app.rs`), and screen shapes a screen really
//! needs, each saying why (here and in `share.rs`). Their declarations are in
//! `ui/src/lib/bindings-desktop.ts`, checked by the test in `bindings.rs` (run it with
//! `UPDATE_BINDINGS=1` to rewrite the file after changing a type). Never add a twin of a core
//! type here: derive `ts_rs::TS` on the core type (behind its crate's `ts` feature) instead.

mod app;
#[cfg(test)]
mod bindings;
mod share;

pub use app::*;
pub use share::*;

use chrono::{DateTime, NaiveDate, Utc};
use safe_core::catalogue::{self as cat, Profile};
use safe_core::model::{Answer, AnswerInput, Assessment, Evidence};
use safe_core::scoring::{Score, Scorecard};
use serde::Serialize;

/// Completion of the whole assessment and of each group: what the workspace's badges show.
///
/// A screen shape: the workspace receives it after every save, at each pause in typing, where the
/// whole scorecard would carry every gap's guidance text each time.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// The whole assessment.
    pub overall: Score,
    /// Per group id, parents before children.
    pub groups: Vec<GroupProgress>,
}

/// Completion of one group (see [`Progress`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct GroupProgress {
    /// Group id.
    pub id: String,
    /// Applicable items.
    pub applicable: usize,
    /// Answered items.
    pub answered: usize,
}

impl From<&Scorecard> for Progress {
    fn from(c: &Scorecard) -> Self {
        Progress {
            overall: c.overall.clone(),
            groups: c
                .groups
                .iter()
                .map(|g| GroupProgress {
                    id: g.id.clone(),
                    applicable: g.score.applicable,
                    answered: g.score.answered,
                })
                .collect(),
        }
    }
}

/// An opened assessment: everything the workspace shows, from one call.
///
/// A screen shape, made of core types: the pack is cut to the assessment's roles and its texts
/// are in the UI's language (`safe_app::assess::visible_pack`, `Pack::localized`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Workspace {
    /// The assessment.
    pub assessment: Assessment,
    /// Its pinned pack, cut to the items that apply, in the UI's language.
    pub pack: cat::Pack,
    /// The answers.
    pub answers: Vec<Answer>,
    /// The evidence files.
    pub evidence: Vec<Evidence>,
    /// Badges.
    pub progress: Progress,
    /// The assessment it was started from and the answers that came through that link (none
    /// when it was not started from another, or was unlinked).
    pub linked: Option<safe_core::store::Linked>,
}

/// The result of saving or clearing an answer: one shape for both (a clear has no answer), with
/// the badges rather than the whole scorecard (see [`Progress`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Saved {
    /// The answer as stored; null after clearing.
    pub answer: Option<Answer>,
    /// Badges after the change.
    pub progress: Progress,
}

/// What the dashboard shows, from one call: the assessment and its scorecard.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    /// The assessment.
    pub assessment: Assessment,
    /// Its scores, verdict and gaps.
    pub scorecard: Scorecard,
}

/// One change in an item's history, as the history panel shows it.
///
/// A deliberate exception to "one shape per entity" (ARCHITECTURE.md): the core serializes a
/// history row as its stored columns (`history --json`), whose `old` and `new` are the JSON every
/// release has written and only the core decodes (`safe_core::history::Change`); the panel gets
/// the decoded answers and the evidence file's name instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    /// Sequence number (increasing).
    pub seq: i64,
    /// The action word (`answer`, `clear`, `confirm`, `evidence-add`, `merge`, …).
    pub action: String,
    /// The answer before, for answer changes.
    pub old: Option<AnswerInput>,
    /// The answer after, for answer changes.
    pub new: Option<AnswerInput>,
    /// The evidence file, for evidence changes.
    pub file_name: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub by: String,
}

impl From<safe_core::model::HistoryEntry> for HistoryEntry {
    fn from(h: safe_core::model::HistoryEntry) -> Self {
        let (old, new) = h.change.answers().unwrap_or_default();
        HistoryEntry {
            seq: h.seq,
            old: old.cloned(),
            new: new.cloned(),
            file_name: h.change.evidence().and_then(|(_, n)| n).map(str::to_string),
            action: h.action().to_string(),
            at: h.at,
            by: h.by,
        }
    }
}

/// One entry of a customs application's history, as its History panel shows it.
///
/// The same exception as [`HistoryEntry`]: the core serializes a history row as its stored
/// columns (`review history --json`), whose `old` and `new` only the core decodes
/// (`safe_core::history::Change`); the panel gets the facts its sentence needs instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ApplicationEvent {
    /// Sequence number (increasing).
    pub seq: i64,
    /// The item (`""` for the application itself).
    pub item_id: String,
    /// The action word (`review-open`, `review-accept`, `review-remark`, `review-close-remark`,
    /// `review-finding`, `review-decide`, `review-export`; another word is shown as it is).
    pub action: String,
    /// The submission opened, accepted in, decided on or reviewed in the file written.
    pub submission: Option<u32>,
    /// The remark raised or closed.
    pub remark: Option<u32>,
    /// The remark's kind (`query`, `evidence-missing`, `non-conformity`).
    pub kind: Option<String>,
    /// The remark's text, the finding, or the decision's note.
    pub text: Option<String>,
    /// The remark's last day to answer.
    pub due: Option<NaiveDate>,
    /// The decision (`return`, `grant`, `grant-with-conditions`, `refuse`).
    pub decision: Option<String>,
    /// The application's state in the review file written.
    pub state: Option<String>,
    /// The file opened or written.
    pub file: Option<String>,
    /// For an opened submission: true when it created the application.
    pub created: bool,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub by: String,
}

impl From<safe_core::model::HistoryEntry> for ApplicationEvent {
    fn from(h: safe_core::model::HistoryEntry) -> Self {
        use safe_core::history::Change;
        let mut e = ApplicationEvent {
            seq: h.seq,
            action: h.action().to_string(),
            item_id: h.item_id,
            submission: None,
            remark: None,
            kind: None,
            text: None,
            due: None,
            decision: None,
            state: None,
            file: None,
            created: false,
            at: h.at,
            by: h.by,
        };
        match h.change {
            Change::ReviewOpen(n) => {
                e.submission = Some(n.submission);
                e.file = Some(n.file);
                e.created = n.created;
            }
            Change::ReviewAccept { submission } => e.submission = Some(submission),
            Change::ReviewRemark(n) => {
                e.remark = Some(n.number);
                e.kind = Some(n.kind);
                e.text = Some(n.text);
                e.due = Some(n.due);
            }
            Change::ReviewCloseRemark { remark } => e.remark = Some(remark),
            Change::ReviewFinding { text } => e.text = Some(text),
            Change::ReviewDecide(n) => {
                e.decision = Some(n.decision);
                e.text = Some(n.note);
                e.submission = Some(n.submission);
            }
            Change::ReviewExport(n) => {
                e.submission = Some(n.submission);
                e.state = Some(n.state);
                e.file = Some(n.file);
            }
            _ => {}
        }
        e
    }
}

/// A catalogue pack a new assessment could start on, for the New assessment screen: its title in
/// the UI's language, and whether it is its profile's default or superseded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PackChoice {
    /// Pack id.
    pub id: String,
    /// Title, in the UI language where the pack has it.
    pub title: String,
    /// Pack version.
    pub version: String,
    /// Edition, in the UI language where the pack has it.
    pub edition: String,
    /// Who answers it.
    pub profile: Profile,
    /// `builtin` or the file of a user's own pack.
    pub origin: String,
    /// The tiers to choose from (at least one), names in the UI language; empty: none to choose.
    pub tiers: Vec<cat::Tier>,
    /// The id of the loaded pack that supersedes it, if any.
    pub superseded_by: Option<String>,
    /// Whether a new assessment of its profile starts on it.
    pub is_default: bool,
    /// The packs it has a crosswalk mapping with: an assessment on one of them can start an
    /// assessment on this one (`start_from`).
    pub crosswalks: Vec<String>,
}

impl PackChoice {
    /// Every pack of `lib`, its title in `lang`.
    pub fn all(lib: &cat::Library, lang: &str) -> Vec<PackChoice> {
        lib.packs()
            .map(|p| {
                let local = p.localized(lang).pack;
                PackChoice {
                    id: p.id.clone(),
                    title: local.title,
                    version: p.version.clone(),
                    edition: local.edition,
                    profile: p.profile,
                    origin: lib.origin(&p.id).unwrap_or("builtin").to_string(),
                    tiers: local.tiers,
                    superseded_by: lib.superseded_by(&p.id).map(|s| s.id.clone()),
                    is_default: lib.default_for(p.profile).is_some_and(|d| d.id == p.id),
                    crosswalks: lib
                        .packs()
                        .filter(|o| o.id != p.id && lib.crosswalk(&p.id, &o.id).is_some())
                        .map(|o| o.id.clone())
                        .collect(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use safe_core::history::{Change, EvidenceRef};
    use safe_core::model::Status;

    #[test]
    fn each_profile_has_exactly_one_default_pack() {
        let lib = cat::Library::builtin().expect("built-in packs load");
        let packs = PackChoice::all(&lib, "fr");
        for profile in [Profile::Customs, Profile::Trader] {
            let defaults = packs
                .iter()
                .filter(|p| p.profile == profile && p.is_default)
                .count();
            assert_eq!(defaults, 1, "{profile:?}");
        }
    }

    #[test]
    fn application_events_carry_what_their_sentence_needs() {
        use safe_core::history::{DecideNote, RemarkNote};
        let entry = |item: &str, change| safe_core::model::HistoryEntry {
            seq: 7,
            item_id: item.into(),
            change,
            at: Utc::now(),
            by: "inspector".into(),
        };
        let due = NaiveDate::from_ymd_opt(2026, 12, 31).expect("a day");
        let e = ApplicationEvent::from(entry(
            "A.1",
            Change::ReviewRemark(RemarkNote {
                number: 2,
                kind: "evidence-missing".into(),
                text: "Send the plan".into(),
                due,
            }),
        ));
        assert_eq!(
            (
                e.action.as_str(),
                e.item_id.as_str(),
                e.remark,
                e.kind.as_deref()
            ),
            ("review-remark", "A.1", Some(2), Some("evidence-missing"))
        );
        assert_eq!(
            (e.text.as_deref(), e.due),
            (Some("Send the plan"), Some(due))
        );

        let e = ApplicationEvent::from(entry(
            "",
            Change::ReviewDecide(DecideNote {
                decision: "return".into(),
                note: "Answer R2".into(),
                submission: 1,
            }),
        ));
        assert_eq!(
            (
                e.decision.as_deref(),
                e.text.as_deref(),
                e.submission,
                e.remark
            ),
            (Some("return"), Some("Answer R2"), Some(1), None)
        );

        let e = ApplicationEvent::from(entry("B.2", Change::ReviewAccept { submission: 3 }));
        assert_eq!(
            (e.action.as_str(), e.submission, e.text),
            ("review-accept", Some(3), None)
        );
    }

    #[test]
    fn history_entries_carry_answers_and_file_names() {
        let entry = |change| safe_core::model::HistoryEntry {
            seq: 3,
            item_id: "X".into(),
            change,
            at: Utc::now(),
            by: "ana".into(),
        };
        let dto = HistoryEntry::from(entry(Change::EvidenceLink {
            evidence: EvidenceRef {
                sha256: "ab".into(),
                file_name: "policy.pdf".into(),
            },
        }));
        assert_eq!(dto.file_name.as_deref(), Some("policy.pdf"));
        assert!(
            dto.new.is_none(),
            "an evidence note is not mistaken for an answer"
        );

        let dto = HistoryEntry::from(entry(Change::Answer {
            old: None,
            new: AnswerInput::status(Status::Met),
        }));
        assert_eq!(dto.new.map(|a| a.status), Some(Status::Met));
        assert_eq!(dto.file_name, None);
    }
}
