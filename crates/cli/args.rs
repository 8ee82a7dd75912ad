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
    /// Catalogue packs: list them, show one's groups and items, or check a pack file.
    #[command(subcommand)]
    Catalogue(CatalogueCmd),
    /// Create an assessment and print its id.
    New(NewArgs),
    /// List assessments.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
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
    /// Show this installation's signing key fingerprint (created on first use).
    Key {
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
    /// Check a pack file.
    Check {
        /// The pack file.
        file: PathBuf,
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
