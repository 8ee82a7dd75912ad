//! Tests of the typed history: every action round-trips through its stored columns, unknown
//! shapes are kept as they are, and a database written by the release before typed history reads
//! back entry by entry.

use chrono::{TimeZone, Utc};
use serde_json::{Map, Value, json};

use super::*;
use crate::model::{AnswerInput, Status};
use crate::store::Store;

/// The file an import or merge read (for tests across the crate).
pub(crate) fn from_file(original_id: &str, lineage: &[&str]) -> Source {
    Source {
        file: "x.safeassess".into(),
        original_id: original_id.into(),
        lineage: lineage.iter().map(|s| s.to_string()).collect(),
        organisation: "Acme".into(),
        created_at: Utc
            .with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
            .single()
            .expect("valid time"),
        app_version: "0.1.0".into(),
        format: 1,
        redacted: false,
        signer: Some(SourceSigner {
            organisation: "Acme".into(),
            name: "Ana".into(),
            fingerprint: "ad34c34f6e5ec3ba".into(),
        }),
        other: Map::new(),
    }
}

fn link_source() -> crate::history::LinkSource {
    crate::history::LinkSource {
        assessment_id: "id-0".into(),
        title: "SAFE".into(),
        pack: "safe2025-aeo".into(),
        mapping: "safe2025-aeo--eu".into(),
    }
}

fn item_source() -> crate::history::ItemSource {
    crate::history::ItemSource {
        assessment_id: "id-0".into(),
        item_id: "AEO.A.01".into(),
        relationship: crate::crosswalk::Relationship::Subset,
    }
}

fn round_trip(c: &Change) -> Change {
    let e = c.encode().expect("encodes");
    assert_eq!(e.action, c.action());
    Change::decode(&e.action, e.old, e.new)
}

#[test]
fn every_typed_change_reads_back_as_itself() {
    let a = AnswerInput {
        comment: "policy signed".into(),
        owner: "Ana".into(),
        ..AnswerInput::status(Status::Met)
    };
    let b = AnswerInput::status(Status::NotMet);
    let changes = [
        Change::Restore,
        Change::Import {
            source: from_file("id-1", &["id-0"]),
            withheld: vec![WithheldEvidence {
                sha256: "ab".into(),
                file_name: "p.pdf".into(),
                items: vec!["X".into()],
            }],
        },
        Change::Merge {
            source: from_file("id-1", &[]),
            result: MergeReport {
                taken: vec!["X".into()],
                same: 1,
                ..MergeReport::default()
            },
        },
        Change::Answer {
            old: None,
            new: a.clone(),
        },
        Change::Answer {
            old: Some(b.clone()),
            new: a.clone(),
        },
        Change::Confirm { answer: a.clone() },
        Change::Clear { old: a.clone() },
        Change::MergeAnswer {
            old: None,
            new: b.clone(),
        },
        Change::MergeDeclined {
            mine: a.clone(),
            theirs: b.clone(),
        },
        Change::EvidenceLink {
            evidence: EvidenceRef {
                sha256: "ab".into(),
                file_name: "p.pdf".into(),
            },
        },
        Change::EvidenceUnlink {
            sha256: "ab".into(),
        },
        Change::Link {
            source: link_source(),
        },
        Change::Carry {
            from: item_source(),
            answer: a.clone(),
            suggested: true,
            evidence: vec!["ab".into()],
        },
        Change::LinkConfirm {
            from: item_source(),
            answer: a.clone(),
        },
        Change::Diverge {
            from: item_source(),
            was: a.clone(),
            now: Some(b.clone()),
        },
        Change::Diverge {
            from: item_source(),
            was: a.clone(),
            now: None,
        },
        Change::Unlink {
            source: link_source(),
            dropped: vec!["X".into()],
        },
        Change::Submit(crate::history::SubmitNote {
            number: 2,
            file: "acme-2.safeassess".into(),
        }),
        Change::ReviewImport(crate::history::ReviewNote {
            application_id: "app".into(),
            submission: 1,
            state: "returned".into(),
            fingerprint: "0123456789abcdef".into(),
        }),
        Change::Reopen { accepted_in: 1 },
        Change::Respond {
            remark: 3,
            text: "Signed copy attached".into(),
        },
        Change::ReviewOpen(crate::history::OpenNote {
            submission: 2,
            file: "acme-2.safeassess".into(),
            fingerprint: "0123456789abcdef".into(),
            created: false,
        }),
        Change::ReviewAccept { submission: 2 },
        Change::ReviewRemark(crate::history::RemarkNote {
            number: 1,
            kind: "query".into(),
            text: "Who signed it?".into(),
            due: chrono::NaiveDate::from_ymd_opt(2026, 4, 30).unwrap_or_default(),
        }),
        Change::ReviewCloseRemark { remark: 1 },
        Change::ReviewFinding {
            text: "Gate log kept on paper".into(),
        },
        Change::ReviewDecide(crate::history::DecideNote {
            decision: "return".into(),
            note: "Two remarks".into(),
            submission: 1,
        }),
        Change::ReviewExport(crate::history::ExportNote {
            submission: 1,
            state: "returned".into(),
            file: "acme-review.safereview".into(),
            fingerprint: "0123456789abcdef".into(),
        }),
        Change::Rebased {
            from_pack: "safe2021-aeo".into(),
            from_version: "1.0.0".into(),
            to_pack: "safe2025-aeo".into(),
            to_version: "1.0.0".into(),
            kept: 3,
            carried: vec![crate::rebase::Carried {
                from: "AEO.G.05".into(),
                to: "AEO.G.14".into(),
                confirm: true,
            }],
            withdrawn: vec![crate::rebase::LeftBehind {
                item_id: "AEO.X.01".into(),
                answer: a.clone(),
                evidence: vec!["ab".into()],
                merged_into: None,
            }],
        },
        Change::RebaseCarry {
            from_item: "AEO.G.05".into(),
            from_pack: "safe2021-aeo".into(),
            from_version: "1.0.0".into(),
            answer: b.clone(),
            confirm: true,
        },
    ];
    for c in changes {
        assert_eq!(round_trip(&c), c);
    }
}

#[test]
fn unknown_and_partial_shapes_are_kept_as_stored() {
    let rows: [(&str, Option<Value>, Option<Value>); 5] = [
        ("renamed", Some(json!({"a": 1})), None),
        // An answer without a status is no answer this version can read.
        ("answer", None, Some(json!({"comment": "x"}))),
        // A field this version does not know would be lost by the typed answer.
        (
            "answer",
            None,
            Some(json!({"status": "met", "reviewedBy": "Bo"})),
        ),
        (
            "confirm",
            Some(json!({"status": "met"})),
            Some(json!({"status": "not-met"})),
        ),
        ("evidence-add", None, Some(json!("not an object"))),
    ];
    for (action, old, new) in rows {
        let c = Change::decode(action, old.clone(), new.clone());
        assert_eq!(
            c,
            Change::Unrecognised {
                action: action.into(),
                old: old.clone(),
                new: new.clone()
            }
        );
        let e = c.encode().expect("encodes");
        assert_eq!((e.action.as_str(), e.old, e.new), (action, old, new));
    }
    // A newer import note with an extra field stays typed and keeps the field.
    let mut note = serde_json::to_value(from_file("id-1", &[])).expect("to JSON");
    note["withheldEvidence"] = json!([]);
    note["channel"] = json!("email");
    let c = Change::decode("import", None, Some(note.clone()));
    assert!(matches!(c, Change::Import { .. }), "{c:?}");
    assert_eq!(c.encode().expect("encodes").new, Some(note));
}

#[test]
fn an_answer_with_fields_left_out_reads_with_their_defaults() {
    let c = Change::decode(
        "answer",
        None,
        Some(json!({"status": "met", "targetDate": null})),
    );
    assert_eq!(
        c,
        Change::Answer {
            old: None,
            new: AnswerInput::status(Status::Met)
        }
    );
}

#[test]
fn redaction_blanks_comments_and_owners() {
    let a = AnswerInput {
        comment: "c".into(),
        owner: "o".into(),
        ..AnswerInput::status(Status::Met)
    };
    let mut c = Change::MergeDeclined {
        mine: a.clone(),
        theirs: a,
    };
    c.redact();
    let (mine, theirs) = c.answers().expect("answers");
    for x in [mine, theirs].into_iter().flatten() {
        assert!(x.comment.is_empty() && x.owner.is_empty());
    }
    let mut raw = Change::decode("note", None, Some(json!({"comment": "c", "x": 1})));
    raw.redact();
    assert_eq!(
        raw.encode().expect("encodes").new,
        Some(json!({"comment": "", "x": 1}))
    );
}

/// One stored row: assessment id, seq, action, old and new.
type RawRow = (String, i64, String, Option<String>, Option<String>);

/// The kind of a change, to compare with the fixture's expectation.
fn kind(c: &Change) -> &'static str {
    match c {
        Change::Create { .. } => "Create",
        Change::Details { .. } => "Details",
        Change::Delete { .. } => "Delete",
        Change::Restore => "Restore",
        Change::Duplicate { .. } => "Duplicate",
        Change::Import { .. } => "Import",
        Change::Merge { .. } => "Merge",
        Change::Answer { .. } => "Answer",
        Change::Confirm { .. } => "Confirm",
        Change::Clear { .. } => "Clear",
        Change::MergeAnswer { .. } => "MergeAnswer",
        Change::MergeDeclined { .. } => "MergeDeclined",
        Change::EvidenceLink { .. } => "EvidenceLink",
        Change::EvidenceUnlink { .. } => "EvidenceUnlink",
        Change::Link { .. } => "Link",
        Change::Carry { .. } => "Carry",
        Change::LinkConfirm { .. } => "LinkConfirm",
        Change::Diverge { .. } => "Diverge",
        Change::Unlink { .. } => "Unlink",
        Change::Submit(_) => "Submit",
        Change::ReviewImport(_) => "ReviewImport",
        Change::Reopen { .. } => "Reopen",
        Change::Respond { .. } => "Respond",
        Change::Rebased { .. } => "Rebased",
        Change::RebaseCarry { .. } => "RebaseCarry",
        Change::ReviewOpen(_) => "ReviewOpen",
        Change::ReviewAccept { .. } => "ReviewAccept",
        Change::ReviewRemark(_) => "ReviewRemark",
        Change::ReviewCloseRemark { .. } => "ReviewCloseRemark",
        Change::ReviewFinding { .. } => "ReviewFinding",
        Change::ReviewDecide(_) => "ReviewDecide",
        Change::ReviewExport(_) => "ReviewExport",
        Change::Unrecognised { .. } => "Unrecognised",
    }
}

#[test]
fn a_database_of_the_previous_release_reads_entry_by_entry() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/history-v0.1.sqlite");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("assessments.sqlite");
    std::fs::copy(&fixture, &db).expect("copy fixture");
    let store = Store::open(&db).expect("open");
    let mut got = Vec::new();
    for id in [
        "d0036e95-4185-4bc4-9321-d9633c1fff4e",
        "9682c660-edd4-47ef-bef0-2a45c6adb6a8",
        "495cbe71-f086-4776-8293-f60a5c715193",
    ] {
        for h in store.history(id, None).expect("history") {
            got.push((h.seq, kind(&h.change)));
        }
    }
    got.sort();
    let mine = [
        "Create",
        "Answer",
        "Answer",
        "Answer",
        "EvidenceLink",
        "Answer",
        "Clear",
        "MergeAnswer",
        "MergeDeclined",
        "EvidenceLink",
        "Merge",
        "Answer",
        "MergeAnswer",
        "MergeAnswer",
        "Merge",
    ];
    let mut want: Vec<&str> = mine.to_vec();
    want.extend(["Duplicate", "Confirm", "Delete", "Restore"]);
    want.extend(mine);
    want.push("Import");
    want.extend(["Details", "EvidenceUnlink"]);
    let want: Vec<(i64, &str)> = (1..).zip(want).collect();
    assert_eq!(got, want);

    // The raw columns read back exactly from the typed entries.
    let conn = rusqlite::Connection::open(&db).expect("open raw");
    let mut stmt = conn
        .prepare("SELECT assessment_id, seq, action, old, new FROM history ORDER BY seq")
        .expect("prepare");
    let rows: Vec<RawRow> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows");
    let json = |s: &Option<String>| {
        s.as_ref()
            .map(|s| serde_json::from_str::<Value>(s).expect("JSON"))
    };
    for (id, seq, action, old, new) in &rows {
        let h = store
            .history(id, None)
            .expect("history")
            .into_iter()
            .find(|h| h.seq == *seq)
            .expect("entry");
        let e = h.change.encode().expect("encodes");
        assert_eq!(
            (&e.action, e.old, e.new),
            (action, json(old), json(new)),
            "entry {seq}"
        );
    }
    let lineage = store
        .lineage("495cbe71-f086-4776-8293-f60a5c715193")
        .expect("lineage");
    assert_eq!(lineage, ["d0036e95-4185-4bc4-9321-d9633c1fff4e"]);
}
