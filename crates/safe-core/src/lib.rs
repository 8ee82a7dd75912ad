//! Domain core of safe-assess, the WCO SAFE Framework self-assessment tool.
//!
//! Owns the catalogue (packs of requirements), assessments, answers, evidence, history, scoring,
//! comparison and trend ([`compare`]), moving an assessment to a newer pack ([`rebase`]) and
//! the SQLite store. It never depends on Tauri or any UI: the desktop app (`src-tauri`) and the
//! command line (`safe-assess`) are thin shells over it. Time and ids come in from the caller
//! ([`model::Stamp`], explicit ids) so everything here is testable.

pub mod catalogue;
mod code;
pub mod compare;
pub mod crosswalk;
mod error;
pub mod history;
pub mod model;
pub mod rebase;
pub mod review;
pub mod scoring;
pub mod store;

pub use code::ErrorCode;
pub use error::{Error, Result};

use std::sync::Arc;

use catalogue::Pack;
use model::{Answer, Assessment, Evidence};
use scoring::Scorecard;
use store::Store;

/// An assessment with everything needed to show or report it.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The assessment.
    pub assessment: Assessment,
    /// Its pinned pack.
    pub pack: Arc<Pack>,
    /// Its answers.
    pub answers: Vec<Answer>,
    /// Its evidence.
    pub evidence: Vec<Evidence>,
    /// Scores, verdict and gaps.
    pub scorecard: Scorecard,
}

impl Opened {
    /// The same assessment with its pack's texts in `language` where the pack has them, scored
    /// again so that the scorecard's titles follow (the scores themselves do not change).
    pub fn localized(mut self, language: &str) -> Opened {
        let pack = self.pack.localized(language).pack;
        self.scorecard = scoring::score(&pack, &self.assessment, &self.answers);
        self.pack = Arc::new(pack);
        self
    }
}

/// Loads an assessment, its pack, answers and evidence, and scores it.
pub fn open_assessment(store: &Store, id: &str) -> Result<Opened> {
    let assessment = store.assessment(id)?;
    let pack = store.pack(&assessment.pack_id, &assessment.pack_version)?;
    let answers = store.answers(id)?;
    let evidence = store.evidence(id)?;
    let scorecard = scoring::score(&pack, &assessment, &answers);
    Ok(Opened {
        assessment,
        pack,
        answers,
        evidence,
        scorecard,
    })
}
