//! Re-assessment: the assessment family, comparing two assessments and the trend of a family.
//!
//! **The family rule**, the same in the app and on the command line: the assessments of one
//! family are those not in the bin, of the same organisation (the name trimmed, compared ignoring
//! case; accents count) on the same catalogue pack id (any version), oldest first
//! ([`safe_core::compare::same_family`]). A trend needs at least
//! [`TREND_MIN`](safe_core::compare::TREND_MIN) of them.

use std::collections::BTreeSet;

use safe_core::compare::{self, Comparison, TREND_MIN, Trend, organisation_key, same_family};
use safe_core::model::Assessment;
use safe_core::store::{AssessmentSummary, Store};
use safe_core::{Error, Opened};

use crate::Result;

/// The family of assessment `id`, `id` included, oldest first.
pub fn family(store: &Store, id: &str) -> Result<Vec<AssessmentSummary>> {
    let me = store.assessment(id)?;
    let mut out: Vec<_> = store
        .list_assessments()?
        .into_iter()
        .filter(|x| same_family(&x.assessment, &me))
        .collect();
    out.sort_by_key(|x| x.assessment.created_at);
    Ok(out)
}

/// The family of the organisation named `organisation` (see [`organisation_key`]), oldest first.
/// Refused when its assessments are on more than one catalogue: name them by id instead.
pub fn organisation_family(store: &Store, organisation: &str) -> Result<Vec<AssessmentSummary>> {
    let want = organisation_key(organisation);
    let mut out: Vec<_> = store
        .list_assessments()?
        .into_iter()
        .filter(|x| organisation_key(&x.assessment.organisation) == want)
        .collect();
    let packs: BTreeSet<&str> = out.iter().map(|x| x.assessment.pack_id.as_str()).collect();
    if packs.len() > 1 {
        return Err(Error::invalid(format!(
            "organisation '{organisation}' has assessments on {} catalogues ({}): give the ids of the assessments of one catalogue",
            packs.len(),
            packs.into_iter().collect::<Vec<_>>().join(", ")
        ))
        .into());
    }
    out.sort_by_key(|x| x.assessment.created_at);
    Ok(out)
}

/// An assessment and the others of its family, to compare with.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
pub struct Peers {
    /// The assessment.
    pub assessment: Assessment,
    /// The rest of its family, newest first.
    pub peers: Vec<AssessmentSummary>,
}

/// Assessment `id` and the others of its family, newest first.
pub fn peers(store: &Store, id: &str) -> Result<Peers> {
    Ok(Peers {
        assessment: store.assessment(id)?,
        peers: family(store, id)?
            .into_iter()
            .rev()
            .filter(|x| x.assessment.id != id)
            .collect(),
    })
}

/// Compares two assessments, the earlier one (by creation) first whatever the order given.
/// Assessments on different catalogues are refused; of different organisations they compare,
/// with [`Comparison::same_organisation`] false. Titles in `lang` where the pack has them.
pub fn compare(store: &Store, a: &str, b: &str, lang: Option<&str>) -> Result<Comparison> {
    let mut x = open_in(store, a, lang)?;
    let mut y = open_in(store, b, lang)?;
    if y.assessment.created_at < x.assessment.created_at {
        std::mem::swap(&mut x, &mut y);
    }
    Ok(compare::compare(&x, &y)?)
}

/// The trend of assessment `id`'s family, section titles in `lang` where the pack has them;
/// `None` while it has fewer than [`TREND_MIN`].
pub fn family_trend(store: &Store, id: &str, lang: Option<&str>) -> Result<Option<Trend>> {
    let ids = ids(&family(store, id)?);
    if ids.len() < TREND_MIN {
        return Ok(None);
    }
    trend(store, &ids, lang).map(Some)
}

/// The trend of an organisation's family (see [`organisation_family`]); refused while it has
/// fewer than [`TREND_MIN`] assessments.
pub fn organisation_trend(store: &Store, organisation: &str) -> Result<Trend> {
    let ids = ids(&organisation_family(store, organisation)?);
    if ids.len() < TREND_MIN {
        return Err(Error::invalid(format!(
            "organisation '{organisation}' has {} assessment(s); a trend needs at least {TREND_MIN}",
            ids.len()
        ))
        .into());
    }
    trend(store, &ids, None)
}

/// The trend over the assessments `ids`, in any order (ordered by creation); refused for fewer
/// than [`TREND_MIN`] or for assessments on different catalogues. Titles in `lang` where the
/// pack has them.
pub fn trend(store: &Store, ids: &[String], lang: Option<&str>) -> Result<Trend> {
    let opened = ids
        .iter()
        .map(|id| open_in(store, id, lang))
        .collect::<safe_core::Result<Vec<Opened>>>()?;
    Ok(compare::trend(&opened)?)
}

/// The assessment opened for scoring, its pack's texts in `lang` (the pack's own for `None`).
fn open_in(store: &Store, id: &str, lang: Option<&str>) -> safe_core::Result<Opened> {
    let o = safe_core::open_assessment(store, id)?;
    Ok(match lang {
        Some(lang) => o.localized(lang),
        None => o,
    })
}

fn ids(list: &[AssessmentSummary]) -> Vec<String> {
    list.iter().map(|x| x.assessment.id.clone()).collect()
}
