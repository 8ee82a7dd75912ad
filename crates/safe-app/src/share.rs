//! Sharing: export a signed `.safeassess` file, verify one (and whether this installation signed
//! it), import it as a new assessment, or merge it into the local copy of the same assessment.

use std::path::Path;
use std::sync::Arc;

use safe_core::catalogue::Pack;
use safe_core::model::{Assessment, Stamp};
use safe_core::store::{MergePlan, MergeReport, Side, Store};
use safe_share::merge;
use safe_share::{
    ExportOptions, ExportSummary, ImportOptions, ImportOutcome, Keys, Limits, ShareFile,
    Verification, key_dir,
};

use crate::Result;

/// This installation's signing key, beside the database `db`; created on first use.
pub fn own_key(db: &Path) -> Result<Keys> {
    Ok(Keys::load_or_create(&key_dir(db))?)
}

/// Exports assessment `id` to `out`, signed with this installation's key under the name
/// `stamp.by` at `stamp.at` (`redact`: without comments, owners and evidence content).
pub fn export(
    store: &Store,
    db: &Path,
    id: &str,
    redact: bool,
    overwrite: bool,
    out: &Path,
    stamp: &Stamp,
) -> Result<ExportSummary> {
    let keys = own_key(db)?;
    let opts = ExportOptions {
        redact,
        signer_name: stamp.by.clone(),
        overwrite,
    };
    Ok(safe_share::export(store, id, &keys, &opts, out, stamp.at)?)
}

/// A file checked without importing it.
#[derive(Debug, Clone)]
pub struct Verified {
    /// Integrity, signer and manifest.
    pub verification: Verification,
    /// True when the file is signed with this installation's own key.
    pub own_key: bool,
}

/// Checks a file without writing anything, and whether this installation's key signed it
/// (verifying never creates a key).
pub fn verify(db: &Path, file: &Path, limits: Limits) -> Result<Verified> {
    let verification = safe_share::verify(file, limits)?;
    let own = Keys::load(&key_dir(db))
        .ok()
        .flatten()
        .map(|k| k.fingerprint());
    let own_key = verification
        .signer
        .as_ref()
        .is_some_and(|s| Some(&s.fingerprint) == own.as_ref());
    Ok(Verified {
        verification,
        own_key,
    })
}

/// The local assessments (not in the bin) a verified file could be merged into, most recently
/// changed first.
pub fn merge_targets(store: &Store, v: &Verification) -> Result<Vec<Assessment>> {
    let Some(m) = &v.manifest else {
        return Ok(Vec::new());
    };
    merge::merge_targets(store, m)?
        .iter()
        .map(|id| Ok(store.assessment(id)?))
        .collect()
}

/// Imports a file as a new assessment with id `new_id`.
pub fn import(
    store: &mut Store,
    file: &Path,
    opts: &ImportOptions,
    new_id: &str,
    stamp: &Stamp,
) -> Result<ImportOutcome> {
    Ok(safe_share::import(store, file, opts, new_id, stamp)?)
}

/// What merging a file into an assessment would do, with the file kept open to apply it.
pub struct Preview {
    /// The local assessment.
    pub assessment: Assessment,
    /// Its pinned pack (for item titles).
    pub pack: Arc<Pack>,
    /// The checked file.
    pub file: ShareFile,
    /// Items taken, the same, only here, and in conflict.
    pub plan: MergePlan,
}

impl Preview {
    /// The title of an item of the local pack (empty for an unknown id).
    pub fn title(&self, item_id: &str) -> String {
        self.pack
            .item(item_id)
            .map(|i| i.title.clone())
            .unwrap_or_default()
    }
}

/// Checks that `file` is a copy of assessment `id` and plans the merge; nothing is written.
pub fn merge_preview(
    store: &Store,
    id: &str,
    file: &Path,
    opts: &ImportOptions,
) -> Result<Preview> {
    let share = merge::open_for_merge(store, id, file, opts)?;
    let plan = merge::plan(store, id, &share)?;
    let assessment = store.assessment(id)?;
    let pack = store.pack(&assessment.pack_id, &assessment.pack_version)?;
    Ok(Preview {
        assessment,
        pack,
        file: share,
        plan,
    })
}

/// Applies a previewed merge in one transaction, choosing a side per conflicting item with
/// `choose`; refused, changing nothing, while a conflict has no choice.
pub fn apply_merge(
    store: &mut Store,
    file: &Path,
    preview: &mut Preview,
    choose: &dyn Fn(&str) -> Option<Side>,
    stamp: &Stamp,
) -> Result<MergeReport> {
    let id = preview.assessment.id.clone();
    Ok(merge::apply(
        store,
        &id,
        file,
        &mut preview.file,
        choose,
        stamp,
    )?)
}

/// Checks and merges `file` into assessment `id` in one call (see [`apply_merge`]).
pub fn merge(
    store: &mut Store,
    id: &str,
    file: &Path,
    opts: &ImportOptions,
    choose: &dyn Fn(&str) -> Option<Side>,
    stamp: &Stamp,
) -> Result<MergeReport> {
    let mut preview = merge_preview(store, id, file, opts)?;
    apply_merge(store, file, &mut preview, choose, stamp)
}

/// Import checks with the default limits, evidence files up to `max_evidence_bytes` when given.
pub fn import_options(max_evidence_bytes: Option<u64>, allow_unsigned: bool) -> ImportOptions {
    let mut limits = Limits::default();
    if let Some(max) = max_evidence_bytes {
        limits.max_evidence_bytes = max;
    }
    ImportOptions {
        limits,
        allow_unsigned,
    }
}
