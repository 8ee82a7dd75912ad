//! Sharing subcommands: export, import, verify, merge, compare, trend and key. Each parses its
//! arguments, makes the `safe_app` call of one user action, and prints the result.

use std::path::{Path, PathBuf};

use clap::Args;
use safe_core::model::Stamp;
use safe_core::store::{Side, Store};
use safe_core::{Error, ErrorCode};
use safe_share::{ImportOptions, Integrity, Limits};

use crate::error::{Failure, Result};

#[path = "share_print.rs"]
mod print;

use print::{answer_lines, print_comparison, print_json, print_trend};

/// `export` arguments.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Assessment id (or a unique prefix).
    pub id: String,
    /// The file to write, e.g. acme-2026.safeassess.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Leave out comments, owners and evidence content (names and hashes stay), for sharing
    /// outside the organisation.
    #[arg(long)]
    pub redact: bool,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Checks applied when reading a file.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Largest evidence file accepted, in MB.
    #[arg(long, value_name = "MB", default_value_t = 50)]
    pub max_evidence_mb: u64,
    /// Accept a file that carries no signature (a signed file that fails to verify is always refused).
    #[arg(long)]
    pub allow_unsigned: bool,
}

impl CheckArgs {
    fn options(&self) -> ImportOptions {
        safe_app::share::import_options(Some(megabytes(self.max_evidence_mb)), self.allow_unsigned)
    }
}

fn megabytes(mb: u64) -> u64 {
    mb.saturating_mul(1024 * 1024)
}

/// `import` arguments.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The .safeassess file.
    pub file: PathBuf,
    #[command(flatten)]
    pub check: CheckArgs,
}

/// `verify` arguments.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The .safeassess file.
    pub file: PathBuf,
    /// Largest evidence file accepted, in MB.
    #[arg(long, value_name = "MB", default_value_t = 50)]
    pub max_evidence_mb: u64,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `merge` arguments.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The assessment to merge into.
    pub id: String,
    /// A .safeassess file of another copy of the same assessment.
    pub file: PathBuf,
    /// For items answered differently on both sides: keep mine or take theirs. Without it,
    /// conflicting items are listed and nothing is merged.
    #[arg(long, value_parser = ["mine", "theirs"])]
    pub prefer: Option<String>,
    #[command(flatten)]
    pub check: CheckArgs,
}

/// `compare` arguments.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The earlier assessment.
    pub before: String,
    /// The later assessment.
    pub after: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `trend` arguments.
#[derive(Debug, Args)]
pub struct TrendArgs {
    /// Assessment ids (three or more), in any order; they are ordered by creation date.
    pub ids: Vec<String>,
    /// Instead of ids: every assessment of this organisation (on one catalogue, not in the bin).
    #[arg(long, conflicts_with = "ids", value_name = "NAME")]
    pub org: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn export(db: &Path, by: &str, a: ExportArgs) -> Result<()> {
    let store = Store::open(db)?;
    let id = store.resolve(&a.id)?;
    let s = safe_app::share::export(&store, db, &id, a.redact, a.force, &a.out, &Stamp::now(by))?;
    outln!(
        "exported {id} to {}: {} answers, {} evidence files{}, {} bytes, signed by key {}{}",
        s.path.display(),
        s.answers,
        s.evidence_files,
        if s.evidence_withheld > 0 {
            format!(" ({} named without content)", s.evidence_withheld)
        } else {
            String::new()
        },
        s.bytes,
        s.fingerprint,
        if s.redacted {
            "; redacted: no comments, owners or evidence content"
        } else {
            ""
        }
    );
    Ok(())
}

pub fn import(db: &Path, by: &str, a: ImportArgs) -> Result<()> {
    let mut store = Store::open(db)?;
    let new_id = uuid::Uuid::new_v4().to_string();
    let out = safe_app::share::import(
        &mut store,
        &a.file,
        &a.check.options(),
        &new_id,
        &Stamp::now(by),
    )?;
    outln!("{}", out.assessment.id);
    let signer = out
        .signer
        .as_ref()
        .map(|s| {
            format!(
                "signed by {} ({}), key {}",
                s.organisation, s.name, s.fingerprint
            )
        })
        .unwrap_or_else(|| "UNSIGNED".into());
    eprintln!(
        "imported '{}' ({}) as a new assessment: {} answers, {} evidence files{}; {signer}",
        out.assessment.title,
        out.assessment.organisation,
        out.answers,
        out.evidence_files,
        if out.redacted {
            format!(
                "; redacted file, {} evidence files named without content",
                out.evidence_withheld
            )
        } else {
            String::new()
        }
    );
    Ok(())
}

pub fn verify(db: &Path, a: VerifyArgs) -> Result<()> {
    let limits = Limits {
        max_evidence_bytes: megabytes(a.max_evidence_mb),
        ..Limits::default()
    };
    let checked = safe_app::share::verify(db, &a.file, limits)?;
    let (v, is_own) = (checked.verification, checked.own_key);
    if a.json {
        print_json(&serde_json::json!({
            "schema": "safe-assess.verify/1",
            "file": a.file,
            "integrity": v.integrity,
            "reason": v.reason,
            "signer": v.signer,
            "signedByThisInstallation": is_own,
            "manifest": v.manifest,
        }));
    } else {
        outln!("file:       {}", a.file.display());
        match &v.signer {
            Some(s) => outln!(
                "signer:     {} ({}), key fingerprint {}{}",
                s.organisation,
                s.name,
                s.fingerprint,
                if is_own {
                    " (this installation's key)"
                } else {
                    ""
                }
            ),
            None => outln!("signer:     none (the file is not signed)"),
        }
        if let Some(m) = &v.manifest {
            outln!(
                "assessment: '{}' ({}), pack {} {}, exported {}, format {}{}",
                m.title,
                m.organisation,
                m.pack.id,
                m.pack.version,
                m.created_at.format("%Y-%m-%d %H:%M UTC"),
                m.format,
                if m.redacted { ", redacted" } else { "" }
            );
        }
        match v.integrity {
            Integrity::Intact => outln!("content:    intact"),
            Integrity::Unsigned => {
                outln!("content:    matches its checksums, but nothing proves who wrote it")
            }
            Integrity::Tampered => outln!(
                "content:    TAMPERED: {}",
                v.reason.as_deref().unwrap_or("changed after signing")
            ),
        }
    }
    match v.integrity {
        Integrity::Intact => Ok(()),
        Integrity::Unsigned => Err(Failure::new(
            ErrorCode::ShareUnsigned,
            format!("{} is not signed", a.file.display()),
        )),
        Integrity::Tampered => Err(Failure::new(
            ErrorCode::ShareTampered,
            format!(
                "{} was changed after it was signed: do not trust or import it",
                a.file.display()
            ),
        )),
    }
}

pub fn merge(db: &Path, by: &str, a: MergeArgs) -> Result<()> {
    let mut store = Store::open(db)?;
    let id = store.resolve(&a.id)?;
    let prefer = a.prefer.as_deref().map(Side::parse).transpose()?;
    let mut preview = safe_app::share::merge_preview(&store, &id, &a.file, &a.check.options())?;
    let plan = &preview.plan;
    if prefer.is_none() && !plan.conflicts.is_empty() {
        outln!(
            "{} item(s) are answered differently here (mine) and in {} (theirs):",
            plan.conflicts.len(),
            a.file.display()
        );
        outln!("{:<12}  {:<38}  THEIRS", "ITEM", "MINE");
        for c in &plan.conflicts {
            let (m, t) = (answer_lines(&c.mine), answer_lines(&c.theirs));
            for row in 0..m.len().max(t.len()) {
                let cell = |v: &Vec<String>| {
                    let s = v.get(row).cloned().unwrap_or_default();
                    if s.chars().count() > 38 {
                        format!("{}…", s.chars().take(37).collect::<String>())
                    } else {
                        s
                    }
                };
                let item = if row == 0 { c.item_id.as_str() } else { "" };
                outln!("{item:<12}  {:<38}  {}", cell(&m), cell(&t));
            }
        }
        return Err(Error::invalid(format!(
            "nothing was merged: choose with --prefer mine or --prefer theirs ({} other item(s) would be taken from the file)",
            plan.take.len()
        ))
        .into());
    }
    let choose = move |_: &str| prefer;
    let r =
        safe_app::share::apply_merge(&mut store, &a.file, &mut preview, &choose, &Stamp::now(by))?;
    outln!(
        "merged {} into {id}: {} item(s) taken, {} already the same, {} only here kept, conflicts: {} theirs, {} mine; {} evidence link(s) added",
        a.file.display(),
        r.taken.len(),
        r.same,
        r.only_mine,
        r.chose_theirs.len(),
        r.chose_mine.len(),
        r.evidence_links_added
    );
    Ok(())
}

pub fn compare(db: &Path, a: CompareArgs) -> Result<()> {
    let store = Store::open(db)?;
    let (before, after) = (store.resolve(&a.before)?, store.resolve(&a.after)?);
    let c = safe_app::family::compare(&store, &before, &after, None)?;
    if a.json {
        print_json(&serde_json::json!({ "schema": "safe-assess.compare/1", "comparison": c }));
    } else {
        print_comparison(&c);
    }
    Ok(())
}

pub fn trend(db: &Path, a: TrendArgs) -> Result<()> {
    let store = Store::open(db)?;
    let t = match &a.org {
        Some(org) => safe_app::family::organisation_trend(&store, org)?,
        None => {
            let ids = a
                .ids
                .iter()
                .map(|id| store.resolve(id))
                .collect::<safe_core::Result<Vec<_>>>()?;
            safe_app::family::trend(&store, &ids, None)?
        }
    };
    if a.json {
        print_json(&serde_json::json!({ "schema": "safe-assess.trend/1", "trend": t }));
    } else {
        print_trend(&t);
    }
    Ok(())
}

pub fn key(db: &Path, json: bool) -> Result<()> {
    let k = safe_app::share::own_key(db)?;
    if json {
        print_json(&serde_json::json!({
            "schema": "safe-assess.key/1",
            "fingerprint": k.fingerprint(),
            "publicKey": k.public_hex(),
            "keyFile": k.path(),
        }));
    } else {
        outln!("fingerprint: {}", k.fingerprint());
        outln!("public key:  {}", k.public_hex());
        outln!(
            "kept in:     {} (private; never share it)",
            k.path().display()
        );
        outln!(
            "Give the fingerprint to whoever receives your files, so they can check it with 'safe-assess verify'."
        );
    }
    Ok(())
}
