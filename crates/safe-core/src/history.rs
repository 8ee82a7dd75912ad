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

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::{AnswerInput, Assessment};
use crate::rebase::{Carried, LeftBehind};
use crate::store::MergeReport;

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

/// An evidence file named in a history entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceRef {
    /// SHA-256 of the content, hex.
    pub sha256: String,
    /// File name.
    pub file_name: String,
}

/// An evidence file a redacted file named without its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WithheldEvidence {
    /// SHA-256 of the content, hex.
    pub sha256: String,
    /// File name.
    pub file_name: String,
    /// The items it supported.
    pub items: Vec<String>,
}

/// The assessment another was started from, as recorded in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkSource {
    /// Its id.
    pub assessment_id: String,
    /// Its title.
    pub title: String,
    /// Its pack id.
    pub pack: String,
    /// The crosswalk mapping the answers came through.
    pub mapping: String,
}

/// The item of the source assessment an answer came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemSource {
    /// The source assessment.
    pub assessment_id: String,
    /// Its item.
    pub item_id: String,
    /// The relationship of that item to this one.
    pub relationship: crate::crosswalk::Relationship,
}

#[derive(Serialize, Deserialize)]
struct CarryNote {
    from: ItemSource,
    answer: AnswerInput,
    suggested: bool,
    evidence: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct FromNote<A> {
    from: ItemSource,
    answer: A,
}

#[derive(Serialize, Deserialize)]
struct Dropped {
    dropped: Vec<String>,
}

/// The portable file an import or merge read, as recorded in the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// The file's name (without its folder).
    pub file: String,
    /// The id of the assessment in the file.
    pub original_id: String,
    /// The ids that assessment was itself imported from, nearest first.
    pub lineage: Vec<String>,
    /// The organisation.
    pub organisation: String,
    /// When the file was written.
    pub created_at: DateTime<Utc>,
    /// The version of the app that wrote it.
    pub app_version: String,
    /// The file format version.
    pub format: u32,
    /// Whether comments, owners and evidence content were left out.
    pub redacted: bool,
    /// Who signed it (`None` when unsigned).
    pub signer: Option<SourceSigner>,
    /// Fields written by a later version, kept as they are.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// Who signed a portable file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceSigner {
    /// The organisation.
    pub organisation: String,
    /// The person who exported it.
    pub name: String,
    /// The fingerprint of the signing key.
    pub fingerprint: String,
}

/// A submission to customs, as recorded in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubmitNote {
    /// The submission number (1, 2, …).
    pub number: u32,
    /// The file written (its name, without the folder).
    pub file: String,
}

/// A customs review attached to an assessment, as recorded in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewNote {
    /// The customs application id.
    pub application_id: String,
    /// The submission reviewed.
    pub submission: u32,
    /// The application's state in the review (`returned`, `decided`, …).
    pub state: String,
    /// The customs key's fingerprint.
    pub fingerprint: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReopenNote {
    accepted_in: u32,
}

#[derive(Serialize, Deserialize)]
struct RespondNote {
    remark: u32,
    text: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ImportNote {
    #[serde(flatten)]
    source: Source,
    withheld_evidence: Vec<WithheldEvidence>,
}

#[derive(Serialize, Deserialize)]
struct MergeNote {
    #[serde(flatten)]
    source: Source,
    result: MergeReport,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RebaseNote {
    from_pack: String,
    from_version: String,
    to_pack: String,
    to_version: String,
    kept: usize,
    carried: Vec<Carried>,
    withdrawn: Vec<LeftBehind>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RebaseCarryNote {
    from_item: String,
    from_pack: String,
    from_version: String,
    answer: AnswerInput,
    confirm: bool,
}

#[derive(Serialize, Deserialize)]
struct Unlink {
    sha256: String,
}

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
            Change::Unrecognised { old, new, .. } => (old.clone(), new.clone()),
        };
        Ok(Encoded {
            action: self.action().to_string(),
            old,
            new,
        })
    }

    /// Reads stored columns back. What this version cannot read in full becomes
    /// [`Change::Unrecognised`] with the JSON unchanged: a row decodes to a typed change only
    /// when encoding that change again keeps every value the row holds.
    pub fn decode(action: &str, old: Option<Value>, new: Option<Value>) -> Change {
        match typed(action, old.as_ref(), new.as_ref()) {
            Some(c) if keeps_everything(&c, &old, &new) => c,
            _ => Change::Unrecognised {
                action: action.to_string(),
                old,
                new,
            },
        }
    }
}

/// The typed reading of a row, if its shape fits its action.
fn typed(action: &str, old: Option<&Value>, new: Option<&Value>) -> Option<Change> {
    fn get<T: DeserializeOwned>(v: Option<&Value>) -> Option<T> {
        v.and_then(|v| T::deserialize(v).ok())
    }
    /// `Some(None)` for no value, `Some(Some(t))` for a readable one, `None` otherwise.
    fn maybe<T: DeserializeOwned>(v: Option<&Value>) -> Option<Option<T>> {
        match v {
            None | Some(Value::Null) => Some(None),
            Some(v) => T::deserialize(v).ok().map(Some),
        }
    }
    let none = |v: Option<&Value>| v.is_none_or(Value::is_null);
    Some(match action {
        "create" if none(old) => Change::Create {
            assessment: get(new)?,
        },
        "update" => Change::Details {
            old: get(old)?,
            new: get(new)?,
        },
        "delete" if none(new) => Change::Delete {
            assessment: get(old)?,
        },
        "restore" if none(old) && none(new) => Change::Restore,
        "duplicate" => Change::Duplicate {
            from: get(old)?,
            to: get(new)?,
        },
        "import" if none(old) => {
            let n: ImportNote = get(new)?;
            Change::Import {
                source: n.source,
                withheld: n.withheld_evidence,
            }
        }
        "merge" => match get::<AnswerInput>(new) {
            Some(answer) => Change::MergeAnswer {
                old: maybe(old)?,
                new: answer,
            },
            None if none(old) => {
                let n: MergeNote = get(new)?;
                Change::Merge {
                    source: n.source,
                    result: n.result,
                }
            }
            None => return None,
        },
        "answer" => Change::Answer {
            old: maybe(old)?,
            new: get(new)?,
        },
        "confirm" => Change::Confirm { answer: get(new)? },
        "clear" if none(new) => Change::Clear { old: get(old)? },
        "merge-declined" => Change::MergeDeclined {
            mine: get(old)?,
            theirs: get(new)?,
        },
        "evidence-add" if none(old) => Change::EvidenceLink {
            evidence: get(new)?,
        },
        "evidence-remove" if none(new) => Change::EvidenceUnlink {
            sha256: get::<Unlink>(old)?.sha256,
        },
        "link" if none(old) => Change::Link { source: get(new)? },
        "link-carry" if none(old) => {
            let n: CarryNote = get(new)?;
            Change::Carry {
                from: n.from,
                answer: n.answer,
                suggested: n.suggested,
                evidence: n.evidence,
            }
        }
        "link-confirm" if none(old) => {
            let n: FromNote<AnswerInput> = get(new)?;
            Change::LinkConfirm {
                from: n.from,
                answer: n.answer,
            }
        }
        "link-diverge" => {
            let n: FromNote<Option<AnswerInput>> = get(new)?;
            Change::Diverge {
                from: n.from,
                was: get(old)?,
                now: n.answer,
            }
        }
        "unlink" => Change::Unlink {
            source: get(old)?,
            dropped: get::<Dropped>(new)?.dropped,
        },
        "submit" if none(old) => Change::Submit(get(new)?),
        "review-import" if none(old) => Change::ReviewImport(get(new)?),
        "reopen" if none(old) => Change::Reopen {
            accepted_in: get::<ReopenNote>(new)?.accepted_in,
        },
        "respond" if none(old) => {
            let n: RespondNote = get(new)?;
            Change::Respond {
                remark: n.remark,
                text: n.text,
            }
        }
        "rebase" if none(old) => {
            let n: RebaseNote = get(new)?;
            Change::Rebased {
                from_pack: n.from_pack,
                from_version: n.from_version,
                to_pack: n.to_pack,
                to_version: n.to_version,
                kept: n.kept,
                carried: n.carried,
                withdrawn: n.withdrawn,
            }
        }
        "rebase-carry" if none(old) => {
            let n: RebaseCarryNote = get(new)?;
            Change::RebaseCarry {
                from_item: n.from_item,
                from_pack: n.from_pack,
                from_version: n.from_version,
                answer: n.answer,
                confirm: n.confirm,
            }
        }
        _ => return None,
    })
}

/// True when encoding `c` again holds every value of the stored `old` and `new`.
fn keeps_everything(c: &Change, old: &Option<Value>, new: &Option<Value>) -> bool {
    c.encode()
        .is_ok_and(|e| covers(e.old.as_ref(), old.as_ref()) && covers(e.new.as_ref(), new.as_ref()))
}

/// True when `stored` is contained in `encoded`: every field of a stored object is in the
/// encoded one with a value it covers (a stored null matches a missing field), arrays cover
/// element by element, anything else is equal.
fn covers(encoded: Option<&Value>, stored: Option<&Value>) -> bool {
    match (encoded, stored) {
        (_, None | Some(Value::Null)) => encoded.is_none_or(Value::is_null),
        (Some(Value::Object(e)), Some(Value::Object(s))) => {
            s.iter().all(|(k, v)| covers(e.get(k), Some(v)))
        }
        (Some(Value::Array(e)), Some(Value::Array(s))) => {
            e.len() == s.len() && e.iter().zip(s).all(|(e, s)| covers(Some(e), Some(s)))
        }
        (Some(e), Some(s)) => e == s,
        (None, Some(_)) => false,
    }
}

/// One row of the history: a change to an assessment or one of its items, when and by whom.
///
/// Serialised (in `history --json` and in portable files) with the stored columns: `seq`,
/// `itemId`, `action`, `old`, `new`, `at`, `by`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "Row")]
pub struct HistoryEntry {
    /// Sequence number (increasing).
    pub seq: i64,
    /// Item id (`""` for the assessment itself).
    pub item_id: String,
    /// What changed.
    pub change: Change,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub by: String,
}

impl HistoryEntry {
    /// The action word (`answer`, `clear`, `merge`, …).
    pub fn action(&self) -> &str {
        self.change.action()
    }
}

/// A history entry as stored and exchanged.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    seq: i64,
    item_id: String,
    action: String,
    old: Option<Value>,
    new: Option<Value>,
    at: DateTime<Utc>,
    by: String,
}

impl From<Row> for HistoryEntry {
    fn from(r: Row) -> Self {
        HistoryEntry {
            seq: r.seq,
            item_id: r.item_id,
            change: Change::decode(&r.action, r.old, r.new),
            at: r.at,
            by: r.by,
        }
    }
}

impl Serialize for HistoryEntry {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.change.encode().map_err(serde::ser::Error::custom)?;
        Row {
            seq: self.seq,
            item_id: self.item_id.clone(),
            action: e.action,
            old: e.old,
            new: e.new,
            at: self.at,
            by: self.by.clone(),
        }
        .serialize(s)
    }
}

#[cfg(test)]
#[path = "history_tests.rs"]
pub(crate) mod tests;
