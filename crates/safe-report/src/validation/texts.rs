//! The validation report's texts that do not depend on the format: the facts at the top, the
//! deadline words, the decision sentence, the reasons of a refusal in the report's language.
//! The HTML writer and the PDF view both read them here.

use crate::i18n::{Lang, long_date, percent, readiness};

use super::i18n::{self as vi, V};
use super::{DecisionRow, RemarkRow, Side, ValidationData};

/// A refusal reason as the core records it ("answered not met; non-conformity R1: text"), in
/// `lang`; parts it does not know stay as they are.
pub fn reason(lang: Lang, recorded: &str) -> String {
    recorded
        .split("; ")
        .map(|part| match part {
            "answered not met" => V::ReasonNotMet.get(lang).to_string(),
            "answered partially met" => V::ReasonPartial.get(lang).to_string(),
            "not answered" => V::ReasonUnanswered.get(lang).to_string(),
            p => match p
                .strip_prefix("non-conformity R")
                .and_then(|rest| rest.split_once(": "))
            {
                Some((n, text)) if n.chars().all(|c| c.is_ascii_digit()) => {
                    V::ReasonNonConformity.fill(lang, &[("n", n), ("text", text)])
                }
                _ => p.to_string(),
            },
        })
        .collect::<Vec<_>>()
        .join(if lang == Lang::Fr { " ; " } else { "; " })
}

/// "12 day(s) left", "due today", "overdue by 3 day(s)".
pub fn days(lang: Lang, left: i64) -> String {
    match left {
        0 => V::DueToday.get(lang).to_string(),
        n if n > 0 => V::DaysLeft.fill(lang, &[("n", &n.to_string())]),
        n => V::Overdue.fill(lang, &[("n", &(-n).to_string())]),
    }
}

/// The line under a remark's text: "raised on submission 1 · answer by 5 January 2027 (12
/// day(s) left)"; a closed remark or one without a due date says only where it was raised.
pub fn remark_note(lang: Lang, r: &RemarkRow) -> String {
    let raised = V::RaisedIn.fill(lang, &[("n", &r.raised_in.to_string())]);
    match (r.due, r.due_days_left) {
        (Some(due), Some(left)) => format!(
            "{raised} · {} ({})",
            V::AnswerBy.fill(lang, &[("date", &long_date(lang, due))]),
            days(lang, left)
        ),
        (Some(due), None) => format!(
            "{raised} · {}",
            V::AnswerBy.fill(lang, &[("date", &long_date(lang, due))])
        ),
        _ => raised,
    }
}

/// Whether a days-left figure is overdue.
pub fn overdue(left: Option<i64>) -> bool {
    left.is_some_and(|n| n < 0)
}

/// The facts at the top of the report: (label, value), empty values left out.
pub fn facts(d: &ValidationData, lang: Lang) -> Vec<(&'static str, String)> {
    let mut v: Vec<(&'static str, String)> = vec![
        (V::Applicant.get(lang), d.applicant.clone()),
        (V::Country.get(lang), d.country.clone()),
        (V::Identifiers.get(lang), d.identifiers.clone()),
        (
            V::Programme.get(lang),
            format!("{} ({} {})", d.pack_title, d.pack_id, d.pack_version),
        ),
        (
            V::Roles.get(lang),
            d.roles
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (V::Tiers.get(lang), d.tiers.join(", ")),
        (V::Application.get(lang), d.application_id.clone()),
        (V::Assessment.get(lang), d.assessment_id.clone()),
        (V::State.get(lang), vi::state(lang, d.state).to_string()),
        (V::Submission.get(lang), d.submission.to_string()),
        (
            V::Submissions.get(lang),
            d.submissions
                .iter()
                .map(|(n, on)| {
                    V::SubmissionOn.fill(
                        lang,
                        &[("n", &n.to_string()), ("date", &long_date(lang, *on))],
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ];
    if let Some(on) = d.received_on {
        v.push((V::ReceivedOn.get(lang), long_date(lang, on)));
    }
    if d.side == Side::Customs {
        v.push((
            V::AcceptedOn.get(lang),
            d.accepted_on
                .map(|on| long_date(lang, on))
                .unwrap_or_else(|| V::NotYet.get(lang).to_string()),
        ));
    }
    if let Some(dl) = &d.deadlines {
        let mut accept = long_date(lang, dl.accept_by);
        if let Some(n) = dl.accept_days_left {
            accept = format!("{accept} ({})", days(lang, n));
        }
        v.push((V::AcceptBy.get(lang), accept));
        if let Some(by) = dl.decide_by {
            let mut decide = long_date(lang, by);
            if let Some(n) = dl.decide_days_left {
                decide = format!("{decide} ({})", days(lang, n));
            }
            v.push((V::DecideBy.get(lang), decide));
        }
    }
    if let Some(on) = d.reviewed_on {
        v.push((V::ReviewedOn.get(lang), long_date(lang, on)));
    }
    let score = match d.side {
        Side::Customs => V::Score,
        Side::Trader => V::ScoreNow,
    };
    v.push((score.get(lang), percent(lang, d.score)));
    if let Some(r) = d.verdict {
        v.push((V::Verdict.get(lang), readiness(lang, r).to_string()));
    }
    let key = match d.side {
        Side::Customs => V::KeyCustoms,
        Side::Trader => V::KeyTrader,
    };
    v.push((key.get(lang), d.fingerprint.clone()));
    v.retain(|(_, value)| !value.trim().is_empty());
    v
}

/// "Recorded on 3 March 2026 by A. Officer, on submission 2".
pub fn decided(d: &DecisionRow, lang: Lang) -> String {
    V::DecidedOn.fill(
        lang,
        &[
            ("date", &long_date(lang, d.on)),
            ("by", &d.by),
            ("n", &d.submission.to_string()),
        ],
    )
}

/// The subtitle for the side.
pub fn subtitle(d: &ValidationData, lang: Lang) -> &'static str {
    match d.side {
        Side::Customs => V::SubtitleCustoms.get(lang),
        Side::Trader => V::SubtitleTrader.get(lang),
    }
}

/// "Generated by safe-assess 0.1.0 on 5 March 2026 at 10:00 UTC".
pub fn generated(d: &ValidationData, lang: Lang) -> String {
    V::GeneratedBy.fill(
        lang,
        &[
            ("version", env!("CARGO_PKG_VERSION")),
            (
                "date",
                &format!(
                    "{} {}",
                    long_date(lang, d.generated_at.date_naive()),
                    d.generated_at.format("%H:%M UTC")
                ),
            ),
        ],
    )
}
