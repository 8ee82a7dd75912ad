//! Command-line syntax (clap). Parsing only: no I/O here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Self-assessment against the WCO SAFE Framework of Standards 2021, for customs administrations
/// and for traders preparing an AEO application. Uses the same database as the desktop app.
#[derive(Debug, Parser)]
#[command(name = "safe-assess", version, about, max_term_width = 100)]
pub struct Cli {
    /// The database file [default: the desktop app's, e.g. ~/.local/share/safe-assess/assessments.sqlite]
    #[arg(long, global = true, env = "SAFE_ASSESS_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Your name, recorded in the history of every change [default: $USER]
    #[arg(long, global = true, env = "SAFE_ASSESS_USER", value_name = "NAME")]
    pub by: Option<String>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Catalogue packs: list, show, check; write your own in a spreadsheet (template, import, export); add one.
    #[command(subcommand)]
    Catalogue(CatalogueCmd),
    /// Create an assessment and print its id.
    New(NewArgs),
    /// List assessments (with --deleted: the ones in the bin, to bring back with `undelete`).
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// List the assessments in the bin instead, with when each was deleted.
        #[arg(long)]
        deleted: bool,
    },
    /// Show an assessment: answers, completion, scores, verdict and gaps.
    Show {
        /// Assessment id (or a unique prefix of at least 4 characters).
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Answer an item (replaces the status; other fields keep their value unless given).
    Answer(AnswerArgs),
    /// Remove an item's answer (kept in the history).
    Clear {
        /// Assessment id.
        id: String,
        /// Item id.
        item: String,
    },
    /// Evidence files.
    #[command(subcommand)]
    Evidence(EvidenceCmd),
    /// The history of an assessment, or of one item.
    History {
        /// Assessment id.
        id: String,
        /// Item id.
        item: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Start a re-assessment: copy an assessment with its answers marked carried over.
    Duplicate {
        /// Assessment id.
        id: String,
        /// Title of the copy.
        #[arg(long)]
        title: String,
    },
    /// Move an assessment to a newer edition of its pack (preview with --dry-run).
    Rebase(crate::rebase::RebaseArgs),
    /// Move an assessment to the bin (undo with `undelete`).
    Delete {
        /// Assessment id.
        id: String,
    },
    /// Bring an assessment back from the bin.
    Undelete {
        /// The full assessment id (see `list --deleted`).
        id: String,
    },
    /// Read the whole database file and check every page (exit 2 when it is damaged).
    Check,
    /// Back up the database now, or list backups.
    Backup {
        /// List backups instead of making one.
        #[arg(long)]
        list: bool,
    },
    /// Restore the database from a backup (the current file is kept aside).
    Restore {
        /// The backup file.
        #[arg(required_unless_present = "latest")]
        file: Option<PathBuf>,
        /// Restore the newest backup.
        #[arg(long, conflicts_with = "file")]
        latest: bool,
    },
    /// Write an assessment to a signed .safeassess file (answers, history, evidence).
    Export(crate::share::ExportArgs),
    /// Bring in a .safeassess file as a new assessment (checked first; nothing is overwritten).
    Import(crate::share::ImportArgs),
    /// Check who signed a .safeassess file and whether it is intact (exit 2 when not).
    Verify(crate::share::VerifyArgs),
    /// Merge the answers of another copy of an assessment from a .safeassess file.
    Merge(crate::share::MergeArgs),
    /// Compare two assessments: changed items, score deltas, gaps closed and opened.
    Compare(crate::share::CompareArgs),
    /// Scores per section over three or more assessments (or all of an organisation's).
    Trend(crate::share::TrendArgs),
    /// Write a report: pdf, html, csv, xlsx or json.
    Report(crate::report::ReportArgs),
    /// How much of another pack an assessment already answers, through the crosswalk.
    Coverage(crate::crosswalk::CoverageArgs),
    /// Confirm an answer that came from a linked assessment (or a carried-over one).
    Confirm {
        /// Assessment id.
        id: String,
        /// Item id.
        item: String,
    },
    /// Remove the link of an assessment to the one it was started from (`new --from`).
    Unlink {
        /// Assessment id.
        id: String,
    },
    /// Submit a complete assessment to customs: a signed .safeassess file with its report.
    Submit(crate::review::SubmitArgs),
    /// Validation by customs: open a submission, review it, decide, export or import the review.
    #[command(subcommand)]
    Review(crate::review::ReviewCmd),
    /// Answer a remark of the customs review attached to an assessment.
    Respond(crate::review::RespondArgs),
    /// Reopen an answer customs accepted, so it can be changed (recorded in the history).
    Reopen(crate::review::ReopenArgs),
    /// Show this installation's signing key fingerprint (created on first use); trust, list and
    /// untrust customs keys.
    #[command(args_conflicts_with_subcommands = true)]
    Key {
        /// trust, list or untrust (none: this installation's key).
        #[command(subcommand)]
        cmd: Option<crate::keys::KeyCmd>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `catalogue` subcommands.
#[derive(Debug, Subcommand)]
pub enum CatalogueCmd {
    /// List the packs and roles.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show every group and item of a pack (built-in or your own).
    Show {
        /// Pack id (see `catalogue list`).
        pack: String,
        /// Print JSON: the whole pack, every field.
        #[arg(long)]
        json: bool,
    },
    /// Check a pack file (JSON, or a spreadsheet ending in .xlsx).
    Check {
        /// The pack file.
        file: PathBuf,
    },
    /// Write the spreadsheet template for writing your own pack.
    Template {
        /// The .xlsx file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Read a pack spreadsheet, check it like any pack and write the pack's JSON.
    Import {
        /// The .xlsx file.
        file: PathBuf,
        /// The .json file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Write a pack (built-in or your own) as a spreadsheet, to start your own from it.
    Export {
        /// Pack id (see `catalogue list`).
        pack: String,
        /// The .xlsx file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Check a pack file (JSON or .xlsx) and install it into your pack folder.
    Add {
        /// The pack file.
        file: PathBuf,
        /// Replace your own pack of the same id.
        #[arg(long)]
        replace: bool,
    },
}

/// `new` arguments.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// Title.
    #[arg(long)]
    pub title: String,
    /// customs or trader.
    #[arg(long)]
    pub profile: String,
    /// Trader role (repeat for several), e.g. importer, freight-forwarder.
    #[arg(long = "role", value_name = "ROLE")]
    pub roles: Vec<String>,
    /// Organisation name.
    #[arg(long, default_value = "")]
    pub org: String,
    /// Country, ISO 3166-1 alpha-2 (e.g. KE).
    #[arg(long, default_value = "")]
    pub country: String,
    /// Organisation identifiers (EORI, TIN, ...).
    #[arg(long, default_value = "")]
    pub identifiers: String,
    /// Assessors' names.
    #[arg(long, default_value = "")]
    pub assessors: String,
    /// Scope note.
    #[arg(long, default_value = "")]
    pub scope: String,
    /// Catalogue pack id [default: the built-in pack of the profile].
    #[arg(long)]
    pub pack: Option<String>,
    /// Programme tier to assess (repeat for several), for a pack with tiers, e.g. aeoc, aeos
    /// (`catalogue list` shows each pack's tiers).
    #[arg(long = "tier", value_name = "TIER")]
    pub tiers: Vec<String>,
    /// Start from this assessment (on another pack): answers carried through the crosswalk,
    /// the two kept linked. Needs --pack.
    #[arg(long, value_name = "ID", requires = "pack")]
    pub from: Option<String>,
}

/// `answer` arguments.
#[derive(Debug, Args)]
pub struct AnswerArgs {
    /// Assessment id.
    pub id: String,
    /// Item id, e.g. AEO.G.02.
    pub item: String,
    /// met, partially-met, not-met or not-applicable.
    #[arg(long)]
    pub status: String,
    /// Why the item does not apply (required for not-applicable).
    #[arg(long)]
    pub justification: Option<String>,
    /// Comment.
    #[arg(long)]
    pub comment: Option<String>,
    /// Who owns closing the gap.
    #[arg(long)]
    pub owner: Option<String>,
    /// Target date, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub due: Option<String>,
    /// high, medium or low.
    #[arg(long)]
    pub priority: Option<String>,
    /// Flag for review.
    #[arg(long, conflicts_with = "unflag")]
    pub flag: bool,
    /// Remove the review flag.
    #[arg(long)]
    pub unflag: bool,
}

/// `evidence` subcommands.
#[derive(Debug, Subcommand)]
pub enum EvidenceCmd {
    /// Attach a file to an answered item.
    Add {
        /// Assessment id.
        id: String,
        /// Item id.
        item: String,
        /// The file.
        file: PathBuf,
        /// Effective from, YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        effective: Option<String>,
        /// Expires on, YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        expires: Option<String>,
    },
    /// List an assessment's evidence.
    List {
        /// Assessment id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}
