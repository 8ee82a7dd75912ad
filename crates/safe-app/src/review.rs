//! Validation by customs: the trader's submit, attach a review, answer a remark and reopen an
//! accepted answer; the validator's open a submission, accept, remark, close a remark, record
//! an on-site finding, decide and export the review. Rules in `safe_core::review`, files in
//! `safe_share` (`.safeassess` format 2 and `.safereview`).

use std::path::Path;

use safe_core::model::Stamp;
use safe_core::review::{self, Decision, DecisionRecord, RemarkKind, ReviewDoc, SubmissionDoc};
use safe_core::store::{Opening, Received, Store};
use safe_report::{Format, Lang, Paper};
use safe_share::export::{persist, submission_to_temp};
use safe_share::review_file;
use safe_share::{ExportOptions, ExportSummary, ImportOptions, Limits};

use crate::Result;

/// What a submission wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Submitted {
    /// Its number.
    pub number: u32,
    /// The file and its content.
    pub summary: ExportSummary,
    /// The customs application it answers, once a review was attached.
    pub application_id: Option<String>,
    /// Answers to remarks it carries.
    pub responses: usize,
}

/// Submits assessment `id` to customs: refused (`incomplete`, listing what is missing) unless
/// every applicable item is answered; writes a signed submission file (everything an export
/// carries, the submission section and the report as PDF) and records the submission.
pub fn submit(
    store: &mut Store,
    db: &Path,
    id: &str,
    out: &Path,
    overwrite: bool,
    stamp: &Stamp,
) -> Result<Submitted> {
    crate::report::check_output(out, overwrite)?;
    let opened = safe_core::open_assessment(store, id)?;
    review::check_complete(&opened)?;
    let number = store.next_submission(id)?;
    let (application_id, responses, reopened) = store.submission_extras(id)?;
    let doc = SubmissionDoc {
        number,
        submitted_at: stamp.at,
        by: stamp.by.clone(),
        application_id: application_id.clone(),
        responses,
        reopened,
    };
    let opts = crate::report::options(Lang::En, Paper::A4, stamp.at);
    let data = crate::report::build(store, id, None, &opts)?;
    let pdf = crate::report::render(&data, Format::Pdf, &opts)?;
    let keys = crate::share::own_key(db)?;
    let export = ExportOptions {
        redact: false,
        signer_name: stamp.by.clone(),
        overwrite,
    };
    let (tmp, summary) = submission_to_temp(store, id, &keys, &export, &doc, &pdf, out)?;
    let file_name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut written = None;
    let mut failed = None;
    let recorded = store.record_submission(id, &doc, &file_name, stamp, || {
        match persist(tmp, summary, overwrite, out) {
            Ok(s) => {
                written = Some(s);
                Ok(())
            }
            Err(e) => {
                let core = safe_core::Error::invalid(e.to_string());
                failed = Some(e);
                Err(core)
            }
        }
    });
    if let Some(e) = failed {
        return Err(e.into());
    }
    recorded?;
    let summary = written.ok_or_else(|| safe_core::Error::invalid("the file was not written"))?;
    Ok(Submitted {
        number,
        summary,
        application_id,
        responses: doc.responses.len(),
    })
}

/// How customs opens a submission.
#[derive(Debug, Clone, Copy)]
pub struct OpenOptions {
    /// Accept a key other than the earlier submissions'.
    pub accept_new_key: bool,
    /// Days to accept a new application.
    pub accept_days: u32,
    /// Days to decide after acceptance.
    pub decide_days: u32,
    /// Days the trader has to answer a remark, for a new application.
    pub remark_days: u32,
    /// Size limits.
    pub limits: Limits,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            accept_new_key: false,
            accept_days: review::DEFAULT_ACCEPT_DAYS,
            decide_days: review::DEFAULT_DECIDE_DAYS,
            remark_days: review::DEFAULT_REMARK_DAYS,
            limits: Limits::default(),
        }
    }
}

/// Opens a submission file for review (every check of an import first; tampered, unsigned or
/// plain export files are refused) as a new application `new_id` or the next submission of its
/// application.
pub fn open(
    store: &mut Store,
    file: &Path,
    opts: &OpenOptions,
    new_id: &str,
    stamp: &Stamp,
) -> Result<Opening> {
    let import = ImportOptions {
        limits: opts.limits,
        allow_unsigned: false,
    };
    let mut share = safe_share::import::open_checked(file, &import)?;
    let Some(submission) = share.submission.clone() else {
        return Err(safe_share::Error::Invalid(format!(
            "{} is an export, not a submission to customs: the trader writes one with 'safe-assess submit'",
            file.display()
        ))
        .into());
    };
    let Some(sig) = share.signature.clone() else {
        return Err(safe_share::Error::Unsigned {
            path: file.to_path_buf(),
        }
        .into());
    };
    let received = Received {
        pack: &share.pack,
        bundle: &share.bundle,
        lineage: &share.manifest.lineage,
        submission: &submission,
        file_name: file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        fingerprint: sig.fingerprint.clone(),
        public_key: sig.public_key.clone(),
        report_pdf: share.report_pdf.take(),
        accept_new_key: opts.accept_new_key,
        new_id: new_id.to_string(),
        accept_days: opts.accept_days,
        decide_days: opts.decide_days,
        remark_days: opts.remark_days,
        today: crate::today(),
    };
    let members = &mut share.members;
    let mut failed = None;
    let opened = store.open_submission(
        &received,
        &mut |sha| match members.evidence(sha) {
            Ok(b) => Ok(b),
            Err(e) => {
                let core = safe_core::Error::invalid(e.to_string());
                failed = Some(e);
                Err(core)
            }
        },
        stamp,
    );
    if let Some(e) = failed {
        return Err(e.into());
    }
    Ok(opened?)
}

/// Accepts item `item` of application `app` as submitted.
pub fn accept(store: &mut Store, app: &str, item: &str, stamp: &Stamp) -> Result<()> {
    Ok(store.accept_item(app, item, stamp)?)
}

/// Raises a remark on item `item`, due the application's days to answer after the user's date;
/// returns its number.
pub fn remark(
    store: &mut Store,
    app: &str,
    item: &str,
    kind: RemarkKind,
    text: &str,
    stamp: &Stamp,
) -> Result<u32> {
    Ok(remark_due(store, app, item, kind, text, None, stamp)?.0)
}

/// Raises a remark on item `item` due on `due` (refused before the user's date), or by default
/// as [`remark`]; returns its number and due date.
pub fn remark_due(
    store: &mut Store,
    app: &str,
    item: &str,
    kind: RemarkKind,
    text: &str,
    due: Option<chrono::NaiveDate>,
    stamp: &Stamp,
) -> Result<(u32, chrono::NaiveDate)> {
    Ok(store.add_remark(app, item, kind, text, due, crate::today(), stamp)?)
}

/// Closes remark `number`.
pub fn close_remark(store: &mut Store, app: &str, number: u32, stamp: &Stamp) -> Result<()> {
    Ok(store.close_remark(app, number, stamp)?)
}

/// Records an on-site finding on item `item`.
pub fn visit(store: &mut Store, app: &str, item: &str, finding: &str, stamp: &Stamp) -> Result<()> {
    Ok(store.add_finding(app, item, finding, stamp)?)
}

/// Records a decision (a note is required; a refusal carries reasons per failed item).
pub fn decide(
    store: &mut Store,
    app: &str,
    decision: Decision,
    note: &str,
    stamp: &Stamp,
) -> Result<DecisionRecord> {
    Ok(store.decide(app, decision, note, stamp)?)
}

/// Writes the review of application `app`, signed with this installation's key, to `out`, and
/// records it in the application's history (nothing recorded when the file is not written).
pub fn export(
    store: &mut Store,
    db: &Path,
    app: &str,
    out: &Path,
    overwrite: bool,
    stamp: &Stamp,
) -> Result<(ReviewDoc, String)> {
    let doc = store.review_doc(app, stamp.at)?;
    let keys = crate::share::own_key(db)?;
    let note = safe_core::history::ExportNote {
        submission: doc.submission,
        state: doc.state.slug().to_string(),
        file: out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        fingerprint: keys.fingerprint(),
    };
    let mut failed = None;
    let recorded = store.record_export(app, &note, stamp, || {
        review_file::write(&doc, &keys, &stamp.by, out, overwrite).map_err(|e| {
            let core = safe_core::Error::invalid(e.to_string());
            failed = Some(e);
            core
        })
    });
    if let Some(e) = failed {
        return Err(e.into());
    }
    recorded?;
    Ok((doc, keys.fingerprint()))
}

/// The history of customs application `app`, oldest first.
pub fn history(store: &Store, app: &str) -> Result<Vec<safe_core::history::HistoryEntry>> {
    Ok(store.application_history(app)?)
}

/// What attaching a review did.
#[derive(Debug, Clone, PartialEq)]
pub struct Attached {
    /// The assessment it was attached to.
    pub assessment_id: String,
    /// The review.
    pub doc: ReviewDoc,
    /// The customs key's fingerprint.
    pub fingerprint: String,
    /// True when the key is trusted for this application from now on (first review).
    pub first_key: bool,
}

/// Attaches a customs review file to the trader's assessment it is for. Refused, changing
/// nothing, for a tampered or unsigned file, a review for an assessment not here, naming items
/// not in its pack, of an older or already attached review, or signed by another key than the
/// one trusted for the application.
pub fn import_review(store: &mut Store, file: &Path, stamp: &Stamp) -> Result<Attached> {
    let rf = review_file::open(file)?;
    let doc = rf.doc;
    let id = doc.assessment_id.clone();
    let a = store.assessment(&id).map_err(|_| {
        safe_core::Error::Mismatch(format!(
            "{} is a review for customs application {} of assessment {id}, which is not in this database",
            file.display(),
            doc.application_id
        ))
    })?;
    let pack = store.pack(&a.pack_id, &a.pack_version)?;
    let items = doc
        .accepted
        .iter()
        .chain(doc.remarks.iter().map(|r| &r.item_id))
        .chain(doc.findings.iter().map(|f| &f.item_id));
    for item in items {
        if pack.item(item).is_none() {
            return Err(safe_share::Error::Invalid(format!(
                "{}: item '{}' is not an item of pack {} {}",
                file.display(),
                item.chars().take(120).collect::<String>(),
                pack.id,
                pack.version
            ))
            .into());
        }
    }
    let first_key = store.attach_review(
        &id,
        &doc,
        &rf.signature.fingerprint,
        &rf.signature.public_key,
        stamp,
    )?;
    Ok(Attached {
        assessment_id: id,
        doc,
        fingerprint: rf.signature.fingerprint,
        first_key,
    })
}

/// Answers remark `number` of assessment `id`'s review; returns the remark's item.
pub fn respond(
    store: &mut Store,
    id: &str,
    number: u32,
    text: &str,
    stamp: &Stamp,
) -> Result<String> {
    Ok(store.respond(id, number, text, stamp)?)
}

/// Reopens an answer customs accepted; returns the submission it was accepted in.
pub fn reopen(store: &mut Store, id: &str, item: &str, stamp: &Stamp) -> Result<u32> {
    let a = store.assessment(id)?;
    store.applicable_item(&a, item)?;
    Ok(store.reopen(id, item, stamp)?)
}

/// Parses a remark reference: `3` or `R3`.
pub fn remark_number(s: &str) -> Result<u32> {
    let t = s.trim();
    let digits = t.strip_prefix(['R', 'r']).unwrap_or(t);
    digits
        .parse::<u32>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            safe_core::Error::invalid(format!("'{s}' is not a remark: use its number, e.g. R2"))
                .into()
        })
}
