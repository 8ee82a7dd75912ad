//! The validation report as one self-contained HTML file (the report's stylesheet, no script, no
//! external URL). Every text comes through `esc`.

use std::fmt::Write as _;

use safe_core::review::{Decision, RemarkKind, RemarkState};

use super::i18n::{self as vi, V};
use super::texts::{decided, facts, generated, subtitle};
use super::{DecisionRow, ValidationData};
use crate::html::{CSS, esc};
use crate::i18n::{Lang, short_date};
use crate::{Options, Paper};

const EXTRA: &str = "\
.verdict.refuse { border-color: var(--warn); }\n\
.verdict.refuse .value { color: var(--warn); }\n\
.verdict .value { font-size: 20px; font-weight: bold; font-family: \"Helvetica Neue\", Helvetica, Arial, sans-serif; }\n\
tr.total td { font-weight: bold; border-top: 2px solid var(--ink); }\n\
.badge.nc { color: var(--warn); border-color: var(--warn); }\n\
td.zero { color: var(--muted); }\n";

/// The whole document.
pub fn render(d: &ValidationData, opts: &Options) -> String {
    let lang = opts.lang;
    let mut h = String::with_capacity(64 * 1024);
    let page = match opts.paper {
        Paper::A4 => "A4",
        Paper::Letter => "letter",
    };
    let title = format!("{} – {}", d.applicant.trim(), V::Title.get(lang));
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"generator\" content=\"safe-assess {}\">\n<title>{}</title>\n<style>\n{CSS}{EXTRA}@page {{ size: {page}; margin: 16mm 15mm 18mm; }}\n</style>\n</head>\n<body>\n<div class=\"page\">\n",
        lang.code(),
        env!("CARGO_PKG_VERSION"),
        esc(&title)
    );
    let _ = write!(
        h,
        "<header class=\"cover\">\n<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n<dl class=\"facts\">\n",
        esc(V::Title.get(lang)),
        esc(&d.applicant),
        esc(subtitle(d, lang))
    );
    for (label, value) in facts(d, lang) {
        let _ = writeln!(h, "<dt>{}</dt><dd>{}</dd>", esc(label), esc(&value));
    }
    let _ = write!(
        h,
        "</dl>\n<p class=\"note small muted\">{}</p>\n</header>\n<main>\n",
        esc(V::Note.get(lang))
    );
    decision(&mut h, d, lang);
    sections(&mut h, d, lang);
    remarks(&mut h, d, lang);
    findings(&mut h, d, lang);
    if !d.earlier_decisions.is_empty() {
        let _ = writeln!(
            h,
            "<section id=\"history\">\n<h2>{}</h2>",
            esc(V::HistorySection.get(lang))
        );
        for e in &d.earlier_decisions {
            let _ = writeln!(
                h,
                "<p><b>{}</b>: {}<br><span class=\"small muted\">{}</span></p>",
                esc(vi::decision(lang, e.decision)),
                esc(&e.note),
                esc(&decided(e, lang))
            );
        }
        h.push_str("</section>\n");
    }
    let _ = write!(
        h,
        "</main>\n<footer class=\"doc small muted\">{}</footer>\n</div>\n</body>\n</html>\n",
        esc(&generated(d, lang))
    );
    h
}

fn decision(h: &mut String, d: &ValidationData, lang: Lang) {
    let _ = writeln!(
        h,
        "<section id=\"decision\">\n<h2>{}</h2>",
        esc(V::DecisionSection.get(lang))
    );
    match &d.decision {
        None => {
            let _ = writeln!(h, "<p class=\"muted\">{}</p>", esc(V::NoDecision.get(lang)));
        }
        Some(dr) => decision_block(h, dr, lang),
    }
    h.push_str("</section>\n");
}

fn decision_block(h: &mut String, dr: &DecisionRow, lang: Lang) {
    let class = if dr.decision == Decision::Refuse {
        " refuse"
    } else {
        ""
    };
    let _ = writeln!(
        h,
        "<div class=\"verdict{class}\"><div class=\"value\">{}</div><p>{}</p><p class=\"small muted\">{}</p></div>",
        esc(vi::decision(lang, dr.decision)),
        esc(&dr.note),
        esc(&decided(dr, lang))
    );
    if !dr.reasons.is_empty() {
        let _ = writeln!(
            h,
            "<p>{}</p>\n<table>\n<thead><tr><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
            esc(V::ReasonsIntro.get(lang)),
            esc(V::Item.get(lang)),
            esc(V::Reason.get(lang))
        );
        for r in &dr.reasons {
            let _ = writeln!(
                h,
                "<tr><td><span class=\"mono\">{}</span><br>{}</td><td>{}</td></tr>",
                esc(&r.item_id),
                esc(&r.item_title),
                esc(&r.reason)
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
}

fn num(n: usize) -> String {
    if n == 0 {
        "<td class=\"num zero\">0</td>".to_string()
    } else {
        format!("<td class=\"num\">{n}</td>")
    }
}

fn sections(h: &mut String, d: &ValidationData, lang: Lang) {
    let _ = write!(
        h,
        "<section id=\"sections\">\n<h2>{}</h2>\n<p class=\"small muted\">{}</p>\n<table>\n<thead><tr><th>{}</th>",
        esc(V::SectionsSection.get(lang)),
        esc(V::SectionsIntro.get(lang)),
        esc(V::Section.get(lang))
    );
    for c in [
        V::Items,
        V::Accepted,
        V::OpenRemarks,
        V::NonConformities,
        V::Findings,
        V::ToReview,
    ] {
        let _ = write!(h, "<th class=\"num\">{}</th>", esc(c.get(lang)));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    let rows = d
        .sections
        .iter()
        .map(|s| (s, ""))
        .chain([(&d.totals, " class=\"total\"")]);
    for (s, class) in rows {
        let label = if s.code.is_empty() {
            esc(&s.title)
        } else {
            format!("<b>{}</b> {}", esc(&s.code), esc(&s.title))
        };
        let _ = writeln!(
            h,
            "<tr{class}><td>{label}</td>{}{}{}{}{}{}</tr>",
            num(s.applicable),
            num(s.accepted),
            num(s.open_remarks),
            num(s.non_conformities),
            num(s.findings),
            num(s.to_review)
        );
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}

fn remarks(h: &mut String, d: &ValidationData, lang: Lang) {
    let _ = writeln!(
        h,
        "<section id=\"remarks\">\n<h2>{}</h2>",
        esc(V::RemarksSection.get(lang))
    );
    if d.remarks.is_empty() {
        let _ = writeln!(h, "<p class=\"muted\">{}</p>", esc(V::NoRemarks.get(lang)));
    } else {
        let _ = writeln!(
            h,
            "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
            esc(V::Remark.get(lang)),
            esc(V::Item.get(lang)),
            esc(V::Kind.get(lang)),
            esc(V::Text.get(lang)),
            esc(V::Response.get(lang))
        );
        for r in &d.remarks {
            let badge = if r.kind == RemarkKind::NonConformity {
                "badge nc"
            } else {
                "badge"
            };
            let response = if r.response.trim().is_empty() {
                format!(
                    "<span class=\"muted\">{}</span>",
                    esc(V::NoAnswer.get(lang))
                )
            } else {
                esc(&r.response)
            };
            let state_class = if r.state == RemarkState::Closed {
                "muted"
            } else {
                ""
            };
            let _ = writeln!(
                h,
                "<tr><td class=\"nowrap\"><b>R{}</b><br><span class=\"small {state_class}\">{}</span></td><td><span class=\"mono\">{}</span><br>{}</td><td><span class=\"{badge}\">{}</span></td><td>{}<br><span class=\"small muted\">{}</span></td><td>{response}</td></tr>",
                r.number,
                esc(vi::remark_state(lang, r.state)),
                esc(&r.item_id),
                esc(&r.item_title),
                esc(vi::kind(lang, r.kind)),
                esc(&r.text),
                esc(&super::texts::remark_note(lang, r))
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str("</section>\n");
}

fn findings(h: &mut String, d: &ValidationData, lang: Lang) {
    let _ = writeln!(
        h,
        "<section id=\"findings\">\n<h2>{}</h2>",
        esc(V::FindingsSection.get(lang))
    );
    if d.findings.is_empty() {
        let _ = writeln!(h, "<p class=\"muted\">{}</p>", esc(V::NoFindings.get(lang)));
    } else {
        let _ = writeln!(
            h,
            "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
            esc(V::Item.get(lang)),
            esc(V::Finding.get(lang)),
            esc(V::Date.get(lang)),
            esc(V::By.get(lang))
        );
        for f in &d.findings {
            let _ = writeln!(
                h,
                "<tr><td><span class=\"mono\">{}</span><br>{}</td><td>{}</td><td class=\"nowrap\">{}</td><td>{}</td></tr>",
                esc(&f.item_id),
                esc(&f.item_title),
                esc(&f.text),
                esc(&short_date(lang, f.on)),
                esc(&f.by)
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str("</section>\n");
}
