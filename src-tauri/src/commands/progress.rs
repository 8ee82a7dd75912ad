//! Scoring an assessment without loading its evidence: what the badges and the dashboard need.

use safe_core::scoring::{self, Scorecard};
use safe_core::store::Store;

use crate::dto::Progress;
use crate::error::CmdResult;

/// The scorecard of an assessment.
pub fn scorecard(s: &Store, id: &str) -> CmdResult<Scorecard> {
    let a = s.assessment(id)?;
    let pack = s.pack(&a.pack_id, &a.pack_version)?;
    let answers = s.answers(id)?;
    Ok(scoring::score(&pack, &a, &answers))
}

/// The badges of an assessment.
pub fn progress(s: &Store, id: &str) -> CmdResult<Progress> {
    Ok((&scorecard(s, id)?).into())
}
