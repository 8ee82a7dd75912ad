//! The bin: the assessments deleted (moved to the bin, not gone), when, and bringing one back.

use safe_core::model::{Assessment, Stamp};
use safe_core::store::{DeletedAssessment, Store};

use crate::Result;

/// The assessments in the bin, most recently deleted first.
pub fn list(store: &Store) -> Result<Vec<DeletedAssessment>> {
    Ok(store.deleted_assessments()?)
}

/// Brings assessment `id` (its full id) back from the bin, with its answers, evidence and
/// history; refused when it is not in the bin.
pub fn restore(store: &mut Store, id: &str, stamp: &Stamp) -> Result<Assessment> {
    Ok(store.restore_assessment(id.trim(), stamp)?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used)]

    use chrono::{Duration, TimeZone, Utc};
    use safe_core::ErrorCode;
    use safe_core::catalogue::{Library, Profile};
    use safe_core::model::{NewAssessment, Stamp};
    use safe_core::store::Store;

    fn stamp(min: i64) -> Stamp {
        Stamp {
            at: Utc
                .with_ymd_and_hms(2026, 5, 1, 8, 0, 0)
                .single()
                .expect("time")
                + Duration::minutes(min),
            by: "Ana".into(),
        }
    }

    #[test]
    fn the_bin_lists_deleted_assessments_newest_first_and_restore_empties_it() {
        let mut s = Store::open_in_memory().expect("store");
        let lib = Library::builtin().expect("packs");
        for (n, id) in ["a1a1a1a1", "b2b2b2b2", "c3c3c3c3"].iter().enumerate() {
            let new = NewAssessment {
                title: format!("T{n}"),
                profile: Some(Profile::Trader),
                roles: vec!["importer".into()],
                ..Default::default()
            };
            crate::assess::create(&mut s, &lib, &new, id, &stamp(n as i64)).expect("create");
        }
        assert!(super::list(&s).expect("bin").is_empty());
        s.delete_assessment("a1a1a1a1", &stamp(10)).expect("delete");
        s.delete_assessment("c3c3c3c3", &stamp(20)).expect("delete");
        let bin = super::list(&s).expect("bin");
        let got: Vec<(&str, i64)> = bin
            .iter()
            .map(|d| {
                let at = (d.deleted_at - stamp(0).at).num_minutes();
                (d.assessment.id.as_str(), at)
            })
            .collect();
        assert_eq!(got, [("c3c3c3c3", 20), ("a1a1a1a1", 10)]);

        let back = super::restore(&mut s, " c3c3c3c3 ", &stamp(30)).expect("restore");
        assert_eq!(back.title, "T2");
        let ids: Vec<String> = super::list(&s)
            .expect("bin")
            .into_iter()
            .map(|d| d.assessment.id)
            .collect();
        assert_eq!(ids, ["a1a1a1a1"]);
        let err = super::restore(&mut s, "b2b2b2b2", &stamp(40)).expect_err("not in the bin");
        assert_eq!(err.code(), ErrorCode::NotFound);
    }
}
