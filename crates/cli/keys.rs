//! `key trust|list|untrust`: the customs keys this installation trusts, and its own key. Each
//! parses, makes one `safe_app::keys` call and prints.

use std::path::Path;

use clap::Subcommand;
use safe_core::model::Stamp;
use safe_core::store::Store;

use crate::error::Result;

/// `key` subcommands.
#[derive(Debug, Subcommand)]
pub enum KeyCmd {
    /// Trust a customs key by its fingerprint under a name (naming it again renames it).
    Trust {
        /// The fingerprint (16 hex digits), as customs gave it to you.
        fingerprint: String,
        /// Who the key belongs to, e.g. "Customs, Mombasa AEO unit".
        #[arg(long)]
        name: String,
    },
    /// This installation's key and every trusted customs key: name, fingerprint, first used,
    /// for which applications.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Withdraw the trust in a customs key, named or pinned on first use: reviews signed by it
    /// are refused from now on (trust it again with `key trust`).
    Untrust {
        /// The fingerprint.
        fingerprint: String,
    },
}

pub fn run(db: &Path, by: &str, cmd: KeyCmd) -> Result<()> {
    match cmd {
        KeyCmd::Trust { fingerprint, name } => {
            let mut store = Store::open(db)?;
            let k = safe_app::keys::trust(&mut store, &fingerprint, &name, &Stamp::now(by))?;
            outln!("trusted key {} as '{}'", k.fingerprint, k.name);
        }
        KeyCmd::Untrust { fingerprint } => {
            let mut store = Store::open(db)?;
            let pinned = safe_app::keys::untrust(&mut store, &fingerprint, &Stamp::now(by))?;
            let f = fingerprint.trim().to_ascii_lowercase();
            if pinned.is_empty() {
                outln!("no longer trusting key {f}: reviews signed by it are refused");
            } else {
                let apps: Vec<&str> = pinned.iter().map(|u| u.application_id.as_str()).collect();
                outln!(
                    "no longer trusting key {f}: reviews signed by it are refused, also for application(s) {} whose reviews it signed",
                    apps.join(", ")
                );
            }
        }
        KeyCmd::List { json } => {
            let store = Store::open(db)?;
            let l = safe_app::keys::list(&store, db)?;
            if json {
                let mut v = serde_json::to_value(&l).unwrap_or_default();
                v["schema"] = "safe-assess.keys/1".into();
                outln!(
                    "{}",
                    serde_json::to_string_pretty(&v).unwrap_or_else(|_| "{}".into())
                );
                return Ok(());
            }
            outln!(
                "this installation: {} ({})",
                l.own.fingerprint,
                l.own.key_file.display()
            );
            if l.trusted.is_empty() {
                outln!("no customs key trusted yet (the first review you import pins its key)");
            }
            for k in &l.trusted {
                let name = if let Some(at) = k.untrusted_at {
                    format!("UNTRUSTED since {}", at.format("%Y-%m-%d"))
                } else if k.name.is_empty() {
                    "(no name: pinned on first use)".to_string()
                } else {
                    k.name.clone()
                };
                let first = k
                    .first_used
                    .map(|t| t.format("%Y-%m-%d").to_string())
                    .unwrap_or_else(|| "not used yet".into());
                outln!("customs key {}  {name}  first used: {first}", k.fingerprint);
                for u in &k.used_for {
                    outln!(
                        "  application {} (assessment {})",
                        u.application_id,
                        u.assessment_id
                    );
                }
            }
        }
    }
    Ok(())
}
