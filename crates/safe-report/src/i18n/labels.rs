//! The labels of the core's enums (status, criticality, priority, verdict, profile) in each
//! language.

use safe_core::catalogue::{Criticality, Profile};
use safe_core::model::{Priority, Status};
use safe_core::scoring::Readiness;

use super::{Lang, T};

/// The label of a status; `None` is unanswered.
pub fn status(lang: Lang, s: Option<Status>) -> &'static str {
    match s {
        None => T::Unanswered.get(lang),
        Some(Status::Met) => T::Met.get(lang),
        Some(Status::PartiallyMet) => T::PartiallyMet.get(lang),
        Some(Status::NotMet) => T::NotMet.get(lang),
        Some(Status::NotApplicable) => T::NotApplicable.get(lang),
    }
}

/// The label of a criticality.
pub fn criticality(lang: Lang, c: Criticality) -> &'static str {
    match c {
        Criticality::Critical => T::Critical.get(lang),
        Criticality::Major => T::Major.get(lang),
        Criticality::Minor => T::Minor.get(lang),
    }
}

/// The label of a priority, or an empty string.
pub fn priority(lang: Lang, p: Option<Priority>) -> &'static str {
    match p {
        None => "",
        Some(Priority::High) => T::High.get(lang),
        Some(Priority::Medium) => T::Medium.get(lang),
        Some(Priority::Low) => T::Low.get(lang),
    }
}

/// The label of a readiness verdict.
pub fn readiness(lang: Lang, r: Readiness) -> &'static str {
    match r {
        Readiness::NotReady => T::NotReady.get(lang),
        Readiness::Incomplete => T::Incomplete.get(lang),
        Readiness::ReadyWithActions => T::ReadyWithActions.get(lang),
        Readiness::Ready => T::Ready.get(lang),
    }
}

/// The label of a profile.
pub fn profile(lang: Lang, p: Profile) -> &'static str {
    match p {
        Profile::Trader => T::ProfileTrader.get(lang),
        Profile::Customs => T::ProfileCustoms.get(lang),
    }
}
