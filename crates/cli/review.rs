//! Validation by customs: `submit`, `respond`, `reopen` (trader) and the `review` subcommands
//! (customs: open, mark, close-remark, visit, show, list, decide, export; trader: import). Each
//! parses its arguments, makes one `safe_app::review` call and prints the result.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use safe_core::model::Stamp;
use safe_core::review::{Decision, RemarkKind};
use safe_core::store::Store;

use crate::error::Result;

#[path = "review_print.rs"]
mod print;

pub(crate) use print::due_text;

/// `submit` arguments.
#[derive(Debug, Args)]
pub struct SubmitArgs {
    /// Assessment id (or a unique prefix).
    pub id: String,
    /// The file to write, e.g. acme-submission-1.safeassess.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

/// `respond` arguments.
#[derive(Debug, Args)]
pub struct RespondArgs {
    /// Assessment id (or a unique prefix).
    pub id: String,
    /// The remark, e.g. R2 (see `show`).
    pub remark: String,
    /// Your answer.
    #[arg(long)]
    pub text: String,
}

/// `reopen` arguments.
#[derive(Debug, Args)]
pub struct ReopenArgs {
    /// Assessment id (or a unique prefix).
    pub id: String,
    /// The item customs accepted.
    pub item: String,
}

/// `review` subcommands.
#[derive(Debug, Subcommand)]
pub enum ReviewCmd {
    /// Customs: open a submission file (verified first) as an application, or as the next
    /// submission of its application.
    Open {
        /// The .safeassess submission file.
        file: PathBuf,
        /// Accept a submission signed by another key than the earlier submissions of its
        /// application (check with the applicant first).
        #[arg(long)]
        accept_new_key: bool,
        /// For a new application: days to accept it.
        #[arg(long, value_name = "DAYS", default_value_t = safe_core::review::DEFAULT_ACCEPT_DAYS)]
        accept_within: u32,
        /// For a new application: days to decide after accepting it.
        #[arg(long, value_name = "DAYS", default_value_t = safe_core::review::DEFAULT_DECIDE_DAYS)]
        decide_within: u32,
        /// For a new application: days the trader has to answer a remark (unless `review mark
        /// --due` gives a date).
        #[arg(long, value_name = "DAYS", default_value_t = safe_core::review::DEFAULT_REMARK_DAYS)]
        remark_within: u32,
        /// Largest evidence file accepted, in MB.
        #[arg(long, value_name = "MB", default_value_t = 50)]
        max_evidence_mb: u64,
    },
    /// Customs: accept an item's answer, or raise a remark on it.
    Mark {
        /// Application id (or a unique prefix).
        app: String,
        /// Item id.
        item: String,
        /// Accept the answer as submitted.
        #[arg(long, conflicts_with_all = ["remark", "kind"], required_unless_present = "remark")]
        accept: bool,
        /// Raise a remark with this text.
        #[arg(long, value_name = "TEXT", requires = "kind")]
        remark: Option<String>,
        /// query, evidence-missing or non-conformity.
        #[arg(long, value_name = "KIND")]
        kind: Option<String>,
        /// The last day to answer the remark (default: the application's days to answer after
        /// today).
        #[arg(
            long,
            value_name = "YYYY-MM-DD",
            requires = "remark",
            conflicts_with = "accept"
        )]
        due: Option<String>,
    },
    /// Customs: close a remark.
    CloseRemark {
        /// Application id.
        app: String,
        /// The remark, e.g. R1.
        remark: String,
    },
    /// Customs: record an on-site finding on an item.
    Visit {
        /// Application id.
        app: String,
        /// Item id.
        #[arg(long)]
        item: String,
        /// What was found.
        #[arg(long, value_name = "TEXT")]
        finding: String,
    },
    /// Customs: an application with every answer, mark, remark, finding, decision and what
    /// changed between submissions.
    Show {
        /// Application id.
        app: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Customs: the queue of applications with their deadlines.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Customs: return the application to the trader, or decide it (a note is required).
    Decide(DecideArgs),
    /// Customs: write the signed review file for the trader.
    Export {
        /// Application id.
        app: String,
        /// The file to write, e.g. acme-review.safereview.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Customs: write the report (PDF) a submission carried.
    Pdf {
        /// Application id.
        app: String,
        /// The submission (default: the last one).
        #[arg(long, value_name = "N")]
        submission: Option<u32>,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Customs: the evidence files of an application's last submission; with SHA and --out, save
    /// a copy of one (its SHA-256 checked before and after writing).
    Evidence {
        /// Application id.
        app: String,
        /// The file's SHA-256, or at least its first 8 hex digits (as the list shows them).
        #[arg(requires = "out")]
        sha256: Option<String>,
        /// Where to write the copy.
        #[arg(long, value_name = "FILE", requires = "sha256")]
        out: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long, requires = "out")]
        force: bool,
        /// Print the list as JSON.
        #[arg(long, conflicts_with = "sha256")]
        json: bool,
    },
    /// Customs: the validation plan: the sections to check on site first, with the reason.
    Plan {
        /// Application id.
        app: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Customs: the validation report of an application (PDF or HTML); trader: with
    /// --assessment, of the customs review attached to your assessment.
    Report(ReportArgs),
    /// Customs: every action on an application (opened, accepted, remarks, findings,
    /// decisions, exports), oldest first.
    History {
        /// Application id.
        app: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Trader: attach a customs review file to the assessment it is for.
    Import {
        /// The .safereview file.
        file: PathBuf,
    },
}

/// `review report` arguments.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("whose").required(true).multiple(false)))]
pub struct ReportArgs {
    /// Application id (customs).
    #[arg(group = "whose")]
    pub app: Option<String>,
    /// Trader: your assessment id; the report is of the review attached to it.
    #[arg(long, value_name = "ID", group = "whose")]
    pub assessment: Option<String>,
    /// pdf or html.
    #[arg(long, default_value = "pdf")]
    pub format: String,
    /// Language of the report: en or fr.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Paper size: a4 or letter.
    #[arg(long, default_value = "a4")]
    pub paper: String,
    /// The file to write.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

/// `review decide` arguments.
#[derive(Debug, Args)]
#[group(skip)]
#[command(group(clap::ArgGroup::new("decision").required(true).multiple(false)))]
pub struct DecideArgs {
    /// Application id.
    pub app: String,
    /// Return it to the trader for answers to the remarks.
    #[arg(long = "return", group = "decision")]
    pub return_: bool,
    /// Grant the status (every remark closed).
    #[arg(long, group = "decision")]
    pub grant: bool,
    /// Grant the status with conditions.
    #[arg(long, group = "decision")]
    pub grant_with_conditions: bool,
    /// Refuse the status (reasons per failed item are recorded).
    #[arg(long, group = "decision")]
    pub refuse: bool,
    /// Why (required).
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

pub fn submit(db: &Path, by: &str, a: SubmitArgs) -> Result<()> {
    let mut store = Store::open(db)?;
    let id = store.resolve(&a.id)?;
    let s = safe_app::review::submit(&mut store, db, &id, &a.out, a.force, &Stamp::now(by))?;
    outln!(
        "submitted {id} (submission {}) to {}: {} answers, {} evidence files, {} answers to remarks, {} bytes, signed by key {}",
        s.number,
        s.summary.path.display(),
        s.summary.answers,
        s.summary.evidence_files,
        s.responses,
        s.summary.bytes,
        s.summary.fingerprint
    );
    Ok(())
}

pub fn respond(db: &Path, by: &str, a: RespondArgs) -> Result<()> {
    let n = safe_app::review::remark_number(&a.remark)?;
    let mut store = Store::open(db)?;
    let id = store.resolve(&a.id)?;
    let item = safe_app::review::respond(&mut store, &id, n, &a.text, &Stamp::now(by))?;
    outln!("answered R{n} on {item}; it goes to customs with the next submission");
    Ok(())
}

pub fn reopen(db: &Path, by: &str, a: ReopenArgs) -> Result<()> {
    let mut store = Store::open(db)?;
    let id = store.resolve(&a.id)?;
    let n = safe_app::review::reopen(&mut store, &id, &a.item, &Stamp::now(by))?;
    outln!(
        "reopened {} (accepted by customs in submission {n}); customs will see the change in the next submission",
        a.item
    );
    Ok(())
}

pub fn run(db: &Path, by: &str, cmd: ReviewCmd) -> Result<()> {
    let stamp = Stamp::now(by);
    match cmd {
        ReviewCmd::Open {
            file,
            accept_new_key,
            accept_within,
            decide_within,
            remark_within,
            max_evidence_mb,
        } => {
            let opts = safe_app::review::OpenOptions {
                accept_new_key,
                accept_days: accept_within,
                decide_days: decide_within,
                remark_days: remark_within,
                limits: safe_app::share::import_options(
                    Some(max_evidence_mb.saturating_mul(1024 * 1024)),
                    false,
                )
                .limits,
            };
            let mut store = Store::open(db)?;
            let new_id = uuid::Uuid::new_v4().to_string();
            let o = safe_app::review::open(&mut store, &file, &opts, &new_id, &stamp)?;
            print::opening(&o);
            Ok(())
        }
        ReviewCmd::Mark {
            app,
            item,
            accept,
            remark,
            kind,
            due,
        } => {
            let kind = kind.as_deref().map(RemarkKind::parse).transpose()?;
            let due = due
                .as_deref()
                .map(|d| {
                    chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| {
                        safe_core::Error::invalid(format!(
                            "--due '{}' is not a date: use YYYY-MM-DD, e.g. 2026-04-30",
                            d.chars().take(40).collect::<String>()
                        ))
                    })
                })
                .transpose()?;
            let mut store = Store::open(db)?;
            let app = store.resolve_application(&app)?;
            match (accept, remark, kind) {
                (true, _, _) => {
                    safe_app::review::accept(&mut store, &app, &item, &stamp)?;
                    outln!("accepted {item}");
                }
                (false, Some(text), Some(kind)) => {
                    let (n, due) = safe_app::review::remark_due(
                        &mut store, &app, &item, kind, &text, due, &stamp,
                    )?;
                    outln!("remark R{n} ({}) on {item}, due {due}", kind.slug());
                }
                _ => {
                    return Err(safe_core::Error::invalid(
                        "give --accept, or --remark TEXT with --kind query|evidence-missing|non-conformity",
                    )
                    .into());
                }
            }
            Ok(())
        }
        ReviewCmd::CloseRemark { app, remark } => {
            let n = safe_app::review::remark_number(&remark)?;
            let mut store = Store::open(db)?;
            let app = store.resolve_application(&app)?;
            safe_app::review::close_remark(&mut store, &app, n, &stamp)?;
            outln!("closed R{n}");
            Ok(())
        }
        ReviewCmd::Visit { app, item, finding } => {
            let mut store = Store::open(db)?;
            let app = store.resolve_application(&app)?;
            safe_app::review::visit(&mut store, &app, &item, &finding, &stamp)?;
            outln!("recorded an on-site finding on {item}");
            Ok(())
        }
        ReviewCmd::Show { app, json } => {
            let store = Store::open(db)?;
            let app = store.resolve_application(&app)?;
            let view = store.application_view(&app)?;
            let pack = store.pack(&view.application.pack_id, &view.application.pack_version)?;
            let labels = safe_app::review_view::application_labels(&store, &view.application)?;
            print::application(&view, &pack, &labels, safe_app::today(), json);
            Ok(())
        }
        ReviewCmd::List { json } => {
            let store = Store::open(db)?;
            print::queue(
                &safe_app::review_view::queue(&store)?,
                safe_app::today(),
                json,
            );
            Ok(())
        }
        ReviewCmd::Decide(d) => {
            let decision = if d.return_ {
                Decision::Return
            } else if d.grant {
                Decision::Grant
            } else if d.grant_with_conditions {
                Decision::GrantWithConditions
            } else {
                Decision::Refuse
            };
            let mut store = Store::open(db)?;
            let app = store.resolve_application(&d.app)?;
            let note = d.note.unwrap_or_default();
            let r = safe_app::review::decide(&mut store, &app, decision, &note, &stamp)?;
            outln!("{}: {}", app, r.decision.slug());
            for reason in &r.reasons {
                outln!("  {}: {}", reason.item_id, reason.reason);
            }
            Ok(())
        }
        ReviewCmd::Export { app, out, force } => {
            let mut store = Store::open(db)?;
            let app = store.resolve_application(&app)?;
            let (doc, fp) = safe_app::review::export(&mut store, db, &app, &out, force, &stamp)?;
            outln!(
                "wrote the review of {app} (submission {}, {}, {} remarks) to {}, signed by key {fp}",
                doc.submission,
                doc.state.slug(),
                doc.remarks.len(),
                out.display()
            );
            Ok(())
        }
        ReviewCmd::Report(r) => report(db, r),
        ReviewCmd::Evidence {
            app,
            sha256,
            out,
            force,
            json,
        } => {
            let store = Store::open(db)?;
            let app = store.resolve_application(&app)?;
            match (sha256, out) {
                (Some(sha256), Some(out)) => {
                    let c =
                        safe_app::review_evidence::save_copy(&store, &app, &sha256, &out, force)?;
                    outln!(
                        "wrote {} ({} bytes, SHA-256 {} checked) from submission {} to {}",
                        c.file_name,
                        c.size,
                        c.sha256,
                        c.submission,
                        out.display()
                    );
                }
                _ => {
                    let files = safe_app::review_evidence::list(&store, &app)?;
                    print::evidence(&app, &files, json);
                }
            }
            Ok(())
        }
        ReviewCmd::Pdf {
            app,
            submission,
            out,
            force,
        } => {
            let store = Store::open(db)?;
            let app = store.resolve_application(&app)?;
            let (n, size) =
                safe_app::review_report::submission_pdf(&store, &app, submission, &out, force)?;
            outln!(
                "wrote the report of submission {n} to {} ({} KB)",
                out.display(),
                size.div_ceil(1024)
            );
            Ok(())
        }
        ReviewCmd::Plan { app, json } => {
            let store = Store::open(db)?;
            let app = store.resolve_application(&app)?;
            let plan = safe_app::review_plan::validation_plan(&store, &app, safe_app::today())?;
            print::plan(&plan, json);
            Ok(())
        }
        ReviewCmd::History { app, json } => {
            let store = Store::open(db)?;
            let app = store.resolve_application(&app)?;
            print::history(&app, &safe_app::review::history(&store, &app)?, json);
            Ok(())
        }
        ReviewCmd::Import { file } => {
            let mut store = Store::open(db)?;
            let a = safe_app::review::import_review(&mut store, &file, &stamp)?;
            print::attached(&a);
            Ok(())
        }
    }
}

fn report(db: &Path, a: ReportArgs) -> Result<()> {
    let format = safe_report::Format::parse(&a.format)?;
    let lang = safe_report::Lang::parse(&a.lang).ok_or_else(|| {
        safe_core::Error::invalid(format!("unknown language '{}': use en or fr", a.lang))
    })?;
    let paper = safe_report::Paper::parse(&a.paper)?;
    let store = Store::open(db)?;
    let opts = safe_app::report::options(lang, paper, chrono::Utc::now());
    let size = match (a.app, a.assessment) {
        (Some(app), _) => {
            let app = store.resolve_application(&app)?;
            safe_app::review_report::application_report(
                &store, &app, format, &opts, &a.out, a.force,
            )?
        }
        (None, Some(id)) => {
            let id = store.resolve(&id)?;
            safe_app::review_report::received_report(&store, &id, format, &opts, &a.out, a.force)?
        }
        (None, None) => {
            return Err(
                safe_core::Error::invalid("give an application id, or --assessment ID").into(),
            );
        }
    };
    outln!(
        "wrote {} (validation report, {}, {} KB)",
        a.out.display(),
        format.slug(),
        size.div_ceil(1024)
    );
    Ok(())
}
