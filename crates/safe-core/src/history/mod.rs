//! The change history: what each `history` row means.
//!
//! Every change a user makes is one [`Change`]. The store writes it through one function
//! (`store::history::record`) and reads it back through one ([`crate::store::Store::history`]);
//! portable files carry the same rows. A row keeps the columns every release has written:
//! `action` (a word such as `answer`), `old` and `new` (JSON, or NULL). [`Change::encode`] gives
//! those columns and [`Change::decode`] turns them back into a change; a row this version does not
//! recognise (an unknown action, a shape it cannot read, or fields it would drop) becomes
//! [`Change::Unrecognised`], which keeps the JSON as it was, so nothing is lost on the way through
//! an export and an import.
//!
//! | action | item | old | new |
//! |---|---|---|---|
//! | `create` | `''` | – | the assessment |
//! | `update` | `''` | the details before | the details after (title, roles, organisation, …) |
//! | `delete` | `''` | the assessment | – |
//! | `restore` | `''` | – | – |
//! | `duplicate` | `''` | the source assessment | the copy |
//! | `import` | `''` | – | where the file came from ([`Source`]) and `withheldEvidence` |
//! | `merge` | `''` | – | where the file came from ([`Source`]) and `result` ([`MergeReport`]) |
//! | `answer` | item | the answer before, if any | the answer |
//! | `confirm` | item | the carried-over answer | the same answer, now confirmed |
//! | `clear` | item | the answer removed | – |
//! | `merge` | item | the answer before, if any | the answer taken from the other copy |
//! | `merge-declined` | item | the answer kept | the other copy's answer, not taken |
//! | `evidence-add` | item | – | `{sha256, fileName}` |
//! | `evidence-remove` | item | `{sha256}` | – |
//! | `link` | `''` | – | the assessment it was started from ([`LinkSource`]) |
//! | `link-carry` | item | – | `{from` ([`ItemSource`])`, answer, suggested, evidence}` |
//! | `link-confirm` | item | – | `{from, answer}`: the carried answer or suggestion, confirmed |
//! | `link-diverge` | item | the source answer it rested on | `{from, answer}`: the source answer now (`null` when cleared) |
//! | `unlink` | `''` | [`LinkSource`] | `{dropped}`: the suggestions not taken |
//! | `submit` | `''` | – | `{number, file}`: submitted to customs ([`SubmitNote`]) |
//! | `review-import` | `''` | – | `{applicationId, submission, state, fingerprint}`: a customs review attached ([`ReviewNote`]) |
//! | `reopen` | item | – | `{acceptedIn}`: an answer customs accepted, reopened for change |
//! | `respond` | item | – | `{remark, text}`: an answer to a customs remark |
//! | `rebase` | `''` | – | `{fromPack, fromVersion, toPack, toVersion, kept, carried, withdrawn}` ([`Carried`], [`LeftBehind`]) |
//! | `rebase-carry` | item | – | `{fromItem, fromPack, fromVersion, answer, confirm}`: the answer this item took from an item of the earlier pack |
//!
//! Customs keeps the same rows for its applications (table `application_history`, written by
//! `store::history::record_customs`):
//!
//! | action | item | old | new |
//! |---|---|---|---|
//! | `review-open` | `''` | – | `{submission, file, fingerprint, created}`: a submission opened ([`OpenNote`]) |
//! | `review-accept` | item | – | `{submission}`: the answer accepted as submitted |
//! | `review-remark` | item | – | `{number, kind, text, due}`: a remark raised ([`RemarkNote`]) |
//! | `review-close-remark` | the remark's item | – | `{remark}`: a remark closed |
//! | `review-finding` | item | – | `{text}`: an on-site finding |
//! | `review-decide` | `''` | – | `{decision, note, submission}` ([`DecideNote`]) |
//! | `review-export` | `''` | – | `{submission, state, file, fingerprint}`: the review file written ([`ExportNote`]) |

mod decode;
mod encode;
mod entry;
mod notes;

use serde_json::Value;

use crate::model::{AnswerInput, Assessment};
use crate::rebase::{Carried, LeftBehind};
use crate::store::MergeReport;

pub use encode::Encoded;
pub use entry::HistoryEntry;
pub use notes::{
    DecideNote, EvidenceRef, ExportNote, ItemSource, LinkSource, OpenNote, RemarkNote, ReviewNote,
    Source, SourceSigner, SubmitNote, WithheldEvidence,
};

/// One recorded change.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// An assessment was created (`create`).
    Create {
        /// The new assessment.
        assessment: Assessment,
    },
    /// The assessment's details changed: title, roles, organisation, country, identifiers,
    /// assessors, scope (`update`).
    Details {
        /// Before.
        old: Assessment,
        /// After.
        new: Assessment,
    },
    /// The assessment was moved to the bin (`delete`).
    Delete {
        /// The assessment as it was.
        assessment: Assessment,
    },
    /// The assessment was brought back from the bin (`restore`).
    Restore,
    /// The assessment was started as a copy of another (`duplicate`).
    Duplicate {
        /// The assessment copied.
        from: Assessment,
        /// The copy.
        to: Assessment,
    },
    /// The assessment was imported from a portable file (`import`).
    Import {
        /// The file.
        source: Source,
        /// Evidence the file named without its content (redacted).
        withheld: Vec<WithheldEvidence>,
    },
    /// Another copy's answers were merged in (`merge` on the assessment).
    Merge {
        /// The file.
        source: Source,
        /// What the merge did.
        result: MergeReport,
    },
    /// An item was answered, or its answer changed (`answer`).
    Answer {
        /// The answer before, if there was one.
        old: Option<AnswerInput>,
        /// The answer saved.
        new: AnswerInput,
    },
    /// A carried-over answer was saved unchanged, which confirms it (`confirm`).
    Confirm {
        /// The answer.
        answer: AnswerInput,
    },
    /// An item's answer was removed (`clear`).
    Clear {
        /// The answer removed.
        old: AnswerInput,
    },
    /// An answer was taken from another copy in a merge (`merge` on an item).
    MergeAnswer {
        /// The answer before, if there was one.
        old: Option<AnswerInput>,
        /// The answer taken.
        new: AnswerInput,
    },
    /// A merge kept this answer over another copy's (`merge-declined`).
    MergeDeclined {
        /// The answer kept.
        mine: AnswerInput,
        /// The other copy's answer, not taken.
        theirs: AnswerInput,
    },
    /// An evidence file was linked to an item (`evidence-add`).
    EvidenceLink {
        /// The file.
        evidence: EvidenceRef,
    },
    /// An evidence file was unlinked from an item (`evidence-remove`).
    EvidenceUnlink {
        /// SHA-256 of the file.
        sha256: String,
    },
    /// The assessment was started from another one on a different pack and linked to it (`link`).
    Link {
        /// The assessment it was started from.
        source: LinkSource,
    },
    /// An answer came through the link (`link-carry`): along an `equal` link it is an answer
    /// (carried over), along another a suggestion that counts only once confirmed.
    Carry {
        /// Where it came from.
        from: ItemSource,
        /// The answer carried.
        answer: AnswerInput,
        /// True for a suggestion.
        suggested: bool,
        /// The evidence linked with it (SHA-256).
        evidence: Vec<String>,
    },
    /// A carried answer or a suggestion was confirmed (`link-confirm`).
    LinkConfirm {
        /// Where it came from.
        from: ItemSource,
        /// The answer now confirmed.
        answer: AnswerInput,
    },
    /// The source answer changed after this one was carried from it (`link-diverge`).
    Diverge {
        /// Where it came from.
        from: ItemSource,
        /// The source answer this one rested on.
        was: AnswerInput,
        /// The source answer now (`None` when it was cleared).
        now: Option<AnswerInput>,
    },
    /// The link to the source assessment was removed (`unlink`).
    Unlink {
        /// The assessment it was linked to.
        source: LinkSource,
        /// The items whose suggestions were never taken and are dropped.
        dropped: Vec<String>,
    },
    /// The assessment was submitted to customs (`submit`).
    Submit(SubmitNote),
    /// A customs review was attached (`review-import`).
    ReviewImport(ReviewNote),
    /// An answer customs accepted was reopened for change (`reopen`).
    Reopen {
        /// The submission in which it was accepted.
        accepted_in: u32,
    },
    /// A customs remark was answered (`respond`).
    Respond {
        /// The remark's number.
        remark: u32,
        /// The answer.
        text: String,
    },
    /// The assessment moved to a newer pack (`rebase` on the assessment).
    Rebased {
        /// The pack it was on.
        from_pack: String,
        /// Its version.
        from_version: String,
        /// The pack it moved to.
        to_pack: String,
        /// Its version.
        to_version: String,
        /// How many answers stayed on the same item, unchanged.
        kept: usize,
        /// The answers that moved to another item or must be confirmed.
        carried: Vec<Carried>,
        /// The answers no item of the new pack took (withdrawn or merged items), as they were.
        withdrawn: Vec<LeftBehind>,
    },
    /// An item took an answer from an item of the earlier pack in a rebase (`rebase-carry`).
    RebaseCarry {
        /// The item of the earlier pack.
        from_item: String,
        /// The earlier pack.
        from_pack: String,
        /// Its version.
        from_version: String,
        /// The answer carried.
        answer: AnswerInput,
        /// True when it is marked carried over, to be confirmed.
        confirm: bool,
    },
    /// Customs: a submission opened for review (`review-open`).
    ReviewOpen(OpenNote),
    /// Customs: an item's answer accepted, in this submission (`review-accept`).
    ReviewAccept {
        /// The submission.
        submission: u32,
    },
    /// Customs: a remark raised on an item (`review-remark`).
    ReviewRemark(RemarkNote),
    /// Customs: a remark closed (`review-close-remark`).
    ReviewCloseRemark {
        /// Its number.
        remark: u32,
    },
    /// Customs: an on-site finding on an item (`review-finding`).
    ReviewFinding {
        /// What was found.
        text: String,
    },
    /// Customs: a decision recorded (`review-decide`).
    ReviewDecide(DecideNote),
    /// Customs: the review file written (`review-export`).
    ReviewExport(ExportNote),
    /// A row this version does not recognise, kept exactly as it was stored.
    Unrecognised {
        /// The action word.
        action: String,
        /// The `old` JSON.
        old: Option<Value>,
        /// The `new` JSON.
        new: Option<Value>,
    },
}

impl Change {
    /// The action word stored for this change.
    pub fn action(&self) -> &str {
        match self {
            Change::Create { .. } => "create",
            Change::Details { .. } => "update",
            Change::Delete { .. } => "delete",
            Change::Restore => "restore",
            Change::Duplicate { .. } => "duplicate",
            Change::Import { .. } => "import",
            Change::Merge { .. } | Change::MergeAnswer { .. } => "merge",
            Change::Answer { .. } => "answer",
            Change::Confirm { .. } => "confirm",
            Change::Clear { .. } => "clear",
            Change::MergeDeclined { .. } => "merge-declined",
            Change::EvidenceLink { .. } => "evidence-add",
            Change::EvidenceUnlink { .. } => "evidence-remove",
            Change::Link { .. } => "link",
            Change::Carry { .. } => "link-carry",
            Change::LinkConfirm { .. } => "link-confirm",
            Change::Diverge { .. } => "link-diverge",
            Change::Unlink { .. } => "unlink",
            Change::Submit(_) => "submit",
            Change::ReviewImport(_) => "review-import",
            Change::Reopen { .. } => "reopen",
            Change::Respond { .. } => "respond",
            Change::Rebased { .. } => "rebase",
            Change::RebaseCarry { .. } => "rebase-carry",
            Change::ReviewOpen(_) => "review-open",
            Change::ReviewAccept { .. } => "review-accept",
            Change::ReviewRemark(_) => "review-remark",
            Change::ReviewCloseRemark { .. } => "review-close-remark",
            Change::ReviewFinding { .. } => "review-finding",
            Change::ReviewDecide(_) => "review-decide",
            Change::ReviewExport(_) => "review-export",
            Change::Unrecognised { action, .. } => action,
        }
    }

    /// The answers before and after, for a change to an item's answer (for `merge-declined`:
    /// the answer kept and the one declined).
    pub fn answers(&self) -> Option<(Option<&AnswerInput>, Option<&AnswerInput>)> {
        match self {
            Change::Answer { old, new } | Change::MergeAnswer { old, new } => {
                Some((old.as_ref(), Some(new)))
            }
            Change::Confirm { answer } => Some((Some(answer), Some(answer))),
            Change::Clear { old } => Some((Some(old), None)),
            Change::MergeDeclined { mine, theirs } => Some((Some(mine), Some(theirs))),
            Change::Carry { answer, .. } => Some((None, Some(answer))),
            Change::LinkConfirm { answer, .. } => Some((Some(answer), Some(answer))),
            Change::Diverge { was, now, .. } => Some((Some(was), now.as_ref())),
            Change::RebaseCarry { answer, .. } => Some((None, Some(answer))),
            _ => None,
        }
    }

    /// The evidence file's hash and, when recorded, its name, for an evidence change.
    pub fn evidence(&self) -> Option<(&str, Option<&str>)> {
        match self {
            Change::EvidenceLink { evidence } => {
                Some((&evidence.sha256, Some(&evidence.file_name)))
            }
            Change::EvidenceUnlink { sha256 } => Some((sha256, None)),
            _ => None,
        }
    }

    /// Blanks comments and owners in the answers this change holds (for redacted files). An
    /// unrecognised row has `comment` and `owner` blanked wherever its old or new JSON has them
    /// at the top level.
    pub fn redact(&mut self) {
        let blank = |a: &mut AnswerInput| {
            a.comment.clear();
            a.owner.clear();
        };
        match self {
            Change::Answer { old, new } | Change::MergeAnswer { old, new } => {
                old.iter_mut().for_each(blank);
                blank(new);
            }
            Change::Confirm { answer } => blank(answer),
            Change::Clear { old } => blank(old),
            Change::MergeDeclined { mine, theirs } => {
                blank(mine);
                blank(theirs);
            }
            Change::Carry { answer, .. } | Change::LinkConfirm { answer, .. } => blank(answer),
            Change::Diverge { was, now, .. } => {
                blank(was);
                now.iter_mut().for_each(blank);
            }
            Change::RebaseCarry { answer, .. } => blank(answer),
            Change::Rebased { withdrawn, .. } => {
                withdrawn.iter_mut().for_each(|w| blank(&mut w.answer));
            }
            Change::Unrecognised { old, new, .. } => {
                for obj in [old, new]
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_object_mut)
                {
                    for key in ["comment", "owner"] {
                        if obj.contains_key(key) {
                            obj.insert(key.into(), Value::String(String::new()));
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
