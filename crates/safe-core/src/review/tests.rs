#![allow(clippy::expect_used, clippy::unwrap_used)]

use super::*;

#[test]
fn words_parse_and_unknown_words_name_the_choices() {
    assert_eq!(
        RemarkKind::parse("evidence-missing").unwrap(),
        RemarkKind::EvidenceMissing
    );
    let e = RemarkKind::parse("question").unwrap_err();
    assert!(
        e.to_string()
            .contains("query, evidence-missing, non-conformity"),
        "{e}"
    );
    assert_eq!(
        Decision::parse("return").unwrap().state(),
        AppState::Returned
    );
    assert_eq!(
        Decision::parse("refuse").unwrap().state(),
        AppState::Decided
    );
}

#[test]
fn deadlines_count_from_receipt_and_acceptance() {
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let x = Deadlines::new(d("2026-01-01"), None, 30, 120);
    assert_eq!(x.accept_by, d("2026-01-31"));
    assert_eq!(x.decide_by, None);
    let y = Deadlines::new(d("2026-01-01"), Some(d("2026-01-10")), 30, 120);
    assert_eq!(y.decide_by, Some(d("2026-05-10")));
    assert_eq!(days_left(d("2026-01-31"), d("2026-02-02")), -2);
}

#[test]
fn a_remark_is_due_after_the_applications_days_or_on_the_day_given() {
    use chrono::NaiveDate;
    let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or_default();
    assert_eq!(super::remark_due(day(1), 30, None).ok(), Some(day(31)));
    assert_eq!(
        super::remark_due(day(1), 30, Some(day(10))).ok(),
        Some(day(10))
    );
    assert_eq!(
        super::remark_due(day(1), 30, Some(day(1))).ok(),
        Some(day(1))
    );
    let err = super::remark_due(day(2), 30, Some(day(1)))
        .map(|_| ())
        .unwrap_err();
    assert!(err.to_string().contains("before today"), "{err}");
}

#[test]
fn open_remarks_come_first_by_nearest_deadline() {
    use super::{RemarkState as S, deadline_order};
    use chrono::NaiveDate;
    let day = |d| NaiveDate::from_ymd_opt(2026, 3, d);
    let mut v = [
        (1, S::Closed, day(1)),
        (2, S::Open, None),
        (3, S::Answered, day(20)),
        (4, S::Open, day(5)),
        (5, S::Open, day(20)),
    ];
    v.sort_by_key(|(n, s, d)| deadline_order(*s, *d, *n));
    let order: Vec<u32> = v.iter().map(|(n, _, _)| *n).collect();
    assert_eq!(order, [4, 3, 5, 2, 1]);
}
