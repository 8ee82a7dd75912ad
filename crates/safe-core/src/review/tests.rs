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
