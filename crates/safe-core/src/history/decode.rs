//! Reading a stored row back into a change, keeping what this version cannot read in full.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::Change;
use super::notes::{
    CarryNote, Dropped, FromNote, ImportNote, MergeNote, RebaseCarryNote, RebaseNote, RemarkRef,
    ReopenNote, RespondNote, SubmissionRef, TextNote, Unlink,
};
use crate::model::AnswerInput;

impl Change {
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
        "review-open" if none(old) => Change::ReviewOpen(get(new)?),
        "review-accept" if none(old) => Change::ReviewAccept {
            submission: get::<SubmissionRef>(new)?.submission,
        },
        "review-remark" if none(old) => Change::ReviewRemark(get(new)?),
        "review-close-remark" if none(old) => Change::ReviewCloseRemark {
            remark: get::<RemarkRef>(new)?.remark,
        },
        "review-finding" if none(old) => Change::ReviewFinding {
            text: get::<TextNote>(new)?.text,
        },
        "review-decide" if none(old) => Change::ReviewDecide(get(new)?),
        "review-export" if none(old) => Change::ReviewExport(get(new)?),
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
