//! Moving an assessment to a newer edition of its checklist: the preview and the move, the same
//! in the app and on the command line. The plan is `safe_core::rebase`; the move is one
//! transaction in `Store::apply_rebase`.

use safe_core::catalogue::{Library, Pack};
use safe_core::model::Stamp;
use safe_core::rebase::{PackRef, RebasePlan, version_newer};
use safe_core::scoring::Scorecard;
use safe_core::store::Store;
use safe_core::{Error, ErrorCode};

use crate::Result;

/// Parses `PACK` or `PACK@VERSION`.
pub fn parse_target(s: &str) -> Result<(String, Option<String>)> {
    let s = s.trim();
    let (pack, version) = match s.split_once('@') {
        Some((p, v)) => (p.trim(), Some(v.trim().to_string())),
        None => (s, None),
    };
    if pack.is_empty() || version.as_deref().is_some_and(str::is_empty) {
        return Err(Error::invalid(format!(
            "'{s}' is not a pack: use PACK or PACK@VERSION (e.g. safe2025-aeo@1.0.0)"
        ))
        .into());
    }
    Ok((pack.to_string(), version))
}

/// The id of a live assessment (a full id or a unique prefix); an assessment in the bin is
/// refused with a message saying so.
fn resolve(store: &Store, id: &str) -> Result<String> {
    match store.resolve(id) {
        Err(e) if e.code() == ErrorCode::NotFound => {
            let needle = id.trim().to_ascii_lowercase();
            if needle.len() >= 4
                && store
                    .deleted_assessments()?
                    .iter()
                    .any(|d| d.assessment.id.starts_with(&needle))
            {
                return Err(Error::invalid(format!(
                    "assessment {} is in the bin: restore it first (undelete), then move it",
                    id.trim()
                ))
                .into());
            }
            Err(e.into())
        }
        other => Ok(other?),
    }
}

fn target(store: &Store, lib: &Library, to: &str) -> Result<Pack> {
    let (pack, version) = parse_target(to)?;
    Ok(store.find_pack(lib, &pack, version.as_deref())?)
}

/// What moving assessment `id` (a full id or a unique prefix) to pack `to` (`PACK` or
/// `PACK@VERSION`) would do. Writes nothing.
pub fn rebase_preview(store: &Store, lib: &Library, id: &str, to: &str) -> Result<RebasePlan> {
    let id = resolve(store, id)?;
    let target = target(store, lib, to)?;
    Ok(store.rebase_plan(lib, &id, &target)?)
}

/// What a move did, with the assessment's new scorecard.
#[derive(Debug, Clone)]
pub struct Rebased {
    /// The plan that was applied.
    pub plan: RebasePlan,
    /// The scorecard on the new pack.
    pub scorecard: Scorecard,
}

/// Moves assessment `id` to pack `to` in one transaction (see [`rebase_preview`]).
pub fn rebase_apply(
    store: &mut Store,
    lib: &Library,
    id: &str,
    to: &str,
    stamp: &Stamp,
) -> Result<Rebased> {
    let id = resolve(store, id)?;
    let target = target(store, lib, to)?;
    let plan = store.apply_rebase(lib, &id, &target, stamp)?;
    Ok(Rebased {
        plan,
        scorecard: crate::assess::scorecard(store, &id)?,
    })
}

/// The newest pack of `lib` an assessment on `pack` could move to: the end of the chain of
/// packs that supersede it, or a newer version of the same pack id. `None` when it is current.
pub fn newer_edition(lib: &Library, pack: &PackRef) -> Option<PackRef> {
    let mut cur = match lib.get(&pack.id) {
        Some(p) if version_newer(&p.version, &pack.version) => Some(PackRef::of(p)),
        _ => None,
    };
    let mut id = pack.id.clone();
    for _ in 0..32 {
        match lib.superseded_by(&id) {
            Some(next) => {
                id = next.id.clone();
                cur = Some(PackRef::of(next));
            }
            None => break,
        }
    }
    cur
}
