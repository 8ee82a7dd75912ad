//! Merging another copy of an assessment from a file.
//!
//! The desktop app and the command line share these steps: [`open_for_merge`] checks the file and
//! that it is a copy of the local assessment, [`plan`] lists what would be taken and what
//! conflicts, and [`apply`] merges with one [`Side`] per conflicting item.

use std::path::Path;

use safe_core::model::Stamp;
use safe_core::store::{MergePlan, MergeReport, Side, Store};

use crate::error::{Error, QUOTE_MAX, Result, kept, shown, tame};
use crate::format::Manifest;
use crate::import::{ImportOptions, open_checked, source_note};
use crate::read::ShareFile;

/// Opens a file to merge into assessment `id`: it must pass every import check, not be redacted,
/// be on the same pack version, and be a copy of the same assessment (the same id, or one linked
/// to it by earlier imports).
pub fn open_for_merge(
    store: &Store,
    id: &str,
    path: &Path,
    opts: &ImportOptions,
) -> Result<ShareFile> {
    let file = open_checked(path, opts)?;
    let local = store.assessment(id)?;
    let m = &file.manifest;
    if m.redacted {
        return Err(Error::Invalid(format!(
            "{} is redacted (no comments, owners or evidence): merge needs a full export",
            path.display()
        )));
    }
    if (m.pack.id.as_str(), m.pack.version.as_str())
        != (local.pack_id.as_str(), local.pack_version.as_str())
    {
        return Err(Error::Invalid(format!(
            "{} is on pack {} {} but assessment {} is on {} {}: answers of different pack versions cannot be merged",
            path.display(),
            shown(&m.pack.id, QUOTE_MAX),
            shown(&m.pack.version, QUOTE_MAX),
            local.id,
            local.pack_id,
            local.pack_version
        )));
    }
    if !is_copy(store, &local.id, m)? {
        return Err(Error::Invalid(format!(
            "{} holds assessment {} ('{}', {}), which is not a copy of {} ('{}'): merge only copies \
             of one assessment (export it, import it on the other machine, then merge back); use \
             import to bring it in as a separate assessment",
            path.display(),
            shown(&m.assessment_id, QUOTE_MAX),
            shown(&m.title, QUOTE_MAX),
            shown(&m.organisation, QUOTE_MAX),
            local.id,
            local.title
        )));
    }
    Ok(file)
}

/// Whether local assessment `id` and the file's assessment are copies of one assessment: the
/// same id, or linked by earlier imports (the local `lineage` and the file's).
fn is_copy(store: &Store, id: &str, m: &Manifest) -> Result<bool> {
    let mut ours = store.lineage(id)?;
    ours.push(id.to_string());
    Ok(ours
        .iter()
        .any(|o| *o == m.assessment_id || m.lineage.contains(o)))
}

/// The local assessments (not in the bin) a file could be merged into, most recently changed
/// first: copies of the file's assessment on the same pack version. None for a redacted file.
/// The file must have been opened (checked) already; [`open_for_merge`] checks it again.
pub fn merge_targets(store: &Store, m: &Manifest) -> Result<Vec<String>> {
    if m.redacted {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for s in store.list_assessments()? {
        let a = &s.assessment;
        if (a.pack_id.as_str(), a.pack_version.as_str())
            == (m.pack.id.as_str(), m.pack.version.as_str())
            && is_copy(store, &a.id, m)?
        {
            out.push(a.id.clone());
        }
    }
    Ok(out)
}

/// What merging the file into `id` would do.
pub fn plan(store: &Store, id: &str, file: &ShareFile) -> Result<MergePlan> {
    store.merge_plan(id, &file.bundle.answers).map_err(tame)
}

/// Merges the file into `id`, choosing a side per conflicting item with `choose`; refuses,
/// changing nothing, while any conflict has no choice.
pub fn apply(
    store: &mut Store,
    id: &str,
    path: &Path,
    file: &mut ShareFile,
    choose: &dyn Fn(&str) -> Option<Side>,
    stamp: &Stamp,
) -> Result<MergeReport> {
    let note = source_note(path, file);
    let members = &mut file.members;
    let mut failed = None;
    let merged = store.apply_merge(
        id,
        &file.bundle.answers,
        &file.bundle.evidence,
        choose,
        &note,
        stamp,
        &mut |e| {
            members
                .evidence(&e.evidence.sha256)
                .map_err(|err| kept(err, &mut failed))
        },
    );
    match failed {
        Some(err) => Err(err),
        None => merged.map_err(tame),
    }
}
