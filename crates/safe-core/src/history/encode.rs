//! Writing a change: its action word and the `old` and `new` JSON columns.

use serde::Serialize;
use serde_json::Value;

use super::Change;
use super::notes::{
    CarryNote, Dropped, FromNote, ImportNote, MergeNote, RebaseCarryNote, RebaseNote, RemarkRef,
    ReopenNote, RespondNote, SubmissionRef, TextNote, Unlink,
};

/// The stored columns of a change: the action word and the old and new JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Encoded {
    /// The action word.
    pub action: String,
    /// The `old` column.
    pub old: Option<Value>,
    /// The `new` column.
    pub new: Option<Value>,
}

impl Change {
    /// The stored columns.
    pub fn encode(&self) -> serde_json::Result<Encoded> {
        fn v<T: Serialize>(t: &T) -> serde_json::Result<Option<Value>> {
            serde_json::to_value(t).map(Some)
        }
        fn opt<T: Serialize>(t: &Option<T>) -> serde_json::Result<Option<Value>> {
            t.as_ref().map(serde_json::to_value).transpose()
        }
        let (old, new) = match self {
            Change::Create { assessment } => (None, v(assessment)?),
            Change::Details { old, new } => (v(old)?, v(new)?),
            Change::Delete { assessment } => (v(assessment)?, None),
            Change::Restore => (None, None),
            Change::Duplicate { from, to } => (v(from)?, v(to)?),
            Change::Import { source, withheld } => (
                None,
                v(&ImportNote {
                    source: source.clone(),
                    withheld_evidence: withheld.clone(),
                })?,
            ),
            Change::Merge { source, result } => (
                None,
                v(&MergeNote {
                    source: source.clone(),
                    result: result.clone(),
                })?,
            ),
            Change::Answer { old, new } | Change::MergeAnswer { old, new } => (opt(old)?, v(new)?),
            Change::Confirm { answer } => (v(answer)?, v(answer)?),
            Change::Clear { old } => (v(old)?, None),
            Change::MergeDeclined { mine, theirs } => (v(mine)?, v(theirs)?),
            Change::EvidenceLink { evidence } => (None, v(evidence)?),
            Change::EvidenceUnlink { sha256 } => (
                v(&Unlink {
                    sha256: sha256.clone(),
                })?,
                None,
            ),
            Change::Link { source } => (None, v(source)?),
            Change::Carry {
                from,
                answer,
                suggested,
                evidence,
            } => (
                None,
                v(&CarryNote {
                    from: from.clone(),
                    answer: answer.clone(),
                    suggested: *suggested,
                    evidence: evidence.clone(),
                })?,
            ),
            Change::LinkConfirm { from, answer } => (
                None,
                v(&FromNote {
                    from: from.clone(),
                    answer: answer.clone(),
                })?,
            ),
            Change::Diverge { from, was, now } => (
                v(was)?,
                v(&FromNote {
                    from: from.clone(),
                    answer: now.clone(),
                })?,
            ),
            Change::Unlink { source, dropped } => (
                v(source)?,
                v(&Dropped {
                    dropped: dropped.clone(),
                })?,
            ),
            Change::Submit(n) => (None, v(n)?),
            Change::ReviewImport(n) => (None, v(n)?),
            Change::Reopen { accepted_in } => (
                None,
                v(&ReopenNote {
                    accepted_in: *accepted_in,
                })?,
            ),
            Change::Respond { remark, text } => (
                None,
                v(&RespondNote {
                    remark: *remark,
                    text: text.clone(),
                })?,
            ),
            Change::Rebased {
                from_pack,
                from_version,
                to_pack,
                to_version,
                kept,
                carried,
                withdrawn,
            } => (
                None,
                v(&RebaseNote {
                    from_pack: from_pack.clone(),
                    from_version: from_version.clone(),
                    to_pack: to_pack.clone(),
                    to_version: to_version.clone(),
                    kept: *kept,
                    carried: carried.clone(),
                    withdrawn: withdrawn.clone(),
                })?,
            ),
            Change::RebaseCarry {
                from_item,
                from_pack,
                from_version,
                answer,
                confirm,
            } => (
                None,
                v(&RebaseCarryNote {
                    from_item: from_item.clone(),
                    from_pack: from_pack.clone(),
                    from_version: from_version.clone(),
                    answer: answer.clone(),
                    confirm: *confirm,
                })?,
            ),
            Change::ReviewOpen(n) => (None, v(n)?),
            Change::ReviewAccept { submission } => (
                None,
                v(&SubmissionRef {
                    submission: *submission,
                })?,
            ),
            Change::ReviewRemark(n) => (None, v(n)?),
            Change::ReviewCloseRemark { remark } => (None, v(&RemarkRef { remark: *remark })?),
            Change::ReviewFinding { text } => (None, v(&TextNote { text: text.clone() })?),
            Change::ReviewDecide(n) => (None, v(n)?),
            Change::ReviewExport(n) => (None, v(n)?),
            Change::Unrecognised { old, new, .. } => (old.clone(), new.clone()),
        };
        Ok(Encoded {
            action: self.action().to_string(),
            old,
            new,
        })
    }
}
