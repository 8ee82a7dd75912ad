//! `coverage`, `new --from`, `confirm`, `unlink`: parse, one `safe_app::crosswalk` call, print.

use clap::Args;
use safe_core::catalogue::Library;
use safe_core::crosswalk::Coverage;
use safe_core::model::{AnswerInput, NewAssessment, Stamp};
use safe_core::store::{DerivedState, Linked, Store};

use crate::error::Result;

/// `coverage` arguments.
#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// Assessment id.
    pub id: String,
    /// The other pack (see `catalogue list`).
    #[arg(long)]
    pub pack: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// The links of an assessment, for `show`: the one it was started from and those started
/// from it.
pub struct Links {
    /// Its link, when it was started from another assessment.
    pub linked: Option<Linked>,
    /// The assessments started from it and still linked.
    pub feeds: Vec<String>,
}

pub fn coverage(lib: &Library, s: &Store, a: CoverageArgs) -> Result<()> {
    let id = s.resolve(&a.id)?;
    let c = safe_app::crosswalk::coverage(s, lib, &id, &a.pack)?;
    print(&c, a.json);
    Ok(())
}

fn print(c: &Coverage, json: bool) {
    if json {
        match serde_json::to_string_pretty(&serde_json::json!({
            "schema": "safe-assess.coverage/1",
            "coverage": c,
        })) {
            Ok(s) => outln!("{s}"),
            Err(e) => eprintln!("error: cannot write JSON: {e}"),
        }
        return;
    }
    outln!(
        "Coverage of {} {} by this assessment ({}), mapping {}:",
        c.to_pack,
        c.to_version,
        c.from_pack,
        c.mapping
    );
    outln!(
        "  {:.0}% covered: {} of {} items covered, {} partly, {} not covered",
        c.percent,
        c.covered,
        c.total,
        c.partly,
        c.total - c.covered - c.partly
    );
    outln!("\nSections:");
    for s in &c.sections {
        outln!(
            "  {:<10} {:>4.0}%  {:>3} covered  {:>3} partly  of {:>3}  {}",
            s.id,
            s.percent,
            s.covered,
            s.partly,
            s.items,
            s.title
        );
    }
    outln!("\nItems:");
    for i in &c.items {
        let by: Vec<String> =
            i.by.iter()
                .map(|l| {
                    format!(
                        "{} {} ({})",
                        l.item_id,
                        l.relationship.slug(),
                        l.status.slug()
                    )
                })
                .collect();
        outln!(
            "  {:<12} {:<12} {}",
            i.item_id,
            i.state.slug(),
            if by.is_empty() {
                String::new()
            } else {
                format!("from {}", by.join(", "))
            }
        );
    }
    outln!(
        "\nStill to answer ({}): {}",
        c.to_answer.len(),
        if c.to_answer.is_empty() {
            "none".to_string()
        } else {
            c.to_answer.join(", ")
        }
    );
}

pub fn start_from(
    s: &mut Store,
    lib: &Library,
    new: &NewAssessment,
    from: &str,
    id: &str,
    stamp: &Stamp,
) -> Result<()> {
    let from = s.resolve(from)?;
    let started = safe_app::crosswalk::start_from(s, lib, new, &from, id, stamp)?;
    outln!("{}", started.assessment.id);
    eprintln!(
        "started from {from}: {} answers carried along equal links (carried over, counted), {} suggestions to confirm or change ('safe-assess show {}')",
        started.carried.len(),
        started.suggested.len(),
        started.assessment.id
    );
    Ok(())
}

pub fn confirm(s: &mut Store, id: &str, item: &str, stamp: &Stamp) -> Result<()> {
    let id = s.resolve(id)?;
    safe_app::crosswalk::confirm(s, &id, item, stamp)?;
    outln!("confirmed {item}");
    Ok(())
}

pub fn unlink(s: &mut Store, id: &str, stamp: &Stamp) -> Result<()> {
    let id = s.resolve(id)?;
    let link = safe_app::crosswalk::unlink(s, &id, stamp)?;
    outln!(
        "unlinked {id} from {} ({}); its answers stay",
        link.source_id,
        link.source_title
    );
    Ok(())
}

fn status(a: Option<&AnswerInput>) -> &'static str {
    a.map_or("unanswered", |a| a.status.slug())
}

/// The text `show` prints about the links.
pub fn print_links(links: &Links) {
    if let Some(l) = &links.linked {
        outln!(
            "\nLinked: started from {} ({}, pack {}) through mapping {}",
            l.link.source_title,
            l.link.source_id,
            l.link.source_pack,
            l.link.mapping
        );
        for d in &l.items {
            let here = match (d.state, &d.answer) {
                (DerivedState::Suggested, None) => format!("suggested {}", d.basis.status.slug()),
                (_, a) => status(a.as_ref()).to_string(),
            };
            let extra = if d.state == DerivedState::Diverged {
                format!(
                    "  here: {here} | source now: {} (was {}); 'safe-assess confirm' or answer it",
                    status(d.source_now.as_ref()),
                    d.basis.status.slug()
                )
            } else {
                format!("  {here}")
            };
            outln!(
                "  {:<12} {:<10} from {} ({}){extra}",
                d.item_id,
                d.state.slug(),
                d.source_item,
                d.relationship.slug()
            );
        }
    }
    if !links.feeds.is_empty() {
        outln!(
            "\nAssessments started from this one (their answers are flagged when one here changes): {}",
            links.feeds.join(", ")
        );
    }
}
