//! What each subcommand does: one core call per user action, then printing.

use std::path::PathBuf;

use chrono::Utc;
use safe_app::assess::AnswerChange;
use safe_core::Error;
use safe_core::catalogue::{Library, Profile};
use safe_core::model::{NewAssessment, Priority, Stamp, Status, parse_date};
use safe_core::store::{self, Store, Validity};

use crate::args::{AnswerArgs, CatalogueCmd, Cli, Command, EvidenceCmd, NewArgs};
use crate::error::Result;
use crate::render;

/// Where the command works: the database path and the user's name.
struct Ctx {
    db: PathBuf,
    by: String,
}

impl Ctx {
    fn stamp(&self) -> Stamp {
        Stamp::now(self.by.clone())
    }

    fn library(&self) -> Result<Library> {
        let lib = Library::load(&store::user_catalogue_dir(&self.db))?;
        for p in lib.problems() {
            eprintln!("warning: {} was not loaded: {}", p.file, p.message);
        }
        Ok(lib)
    }

    fn store(&self) -> Result<Store> {
        Ok(Store::open(&self.db)?)
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let ctx = Ctx {
        db: cli.db.unwrap_or_else(store::default_db_path),
        by: cli
            .by
            .filter(|b| !b.trim().is_empty())
            .or_else(|| std::env::var("USER").ok())
            .unwrap_or_else(|| "unknown".into()),
    };
    match cli.command {
        Command::Catalogue(c) => catalogue(&ctx, c),
        Command::New(args) => new(&ctx, args),
        Command::List {
            json,
            deleted: true,
        } => {
            let s = ctx.store()?;
            render::bin(&safe_app::bin::list(&s)?, json);
            Ok(())
        }
        Command::List { json, .. } => {
            let s = ctx.store()?;
            render::list(&s.list_assessments()?, &s.submission_counts()?, json);
            Ok(())
        }
        Command::Show { id, json } => {
            let s = ctx.store()?;
            let id = s.resolve(&id)?;
            let links = crate::crosswalk::Links {
                linked: s.linked(&id)?,
                feeds: s.linked_from(&id)?,
            };
            let submitted = s.next_submission(&id)? - 1;
            let review = s.received_review(&id)?;
            render::show(
                &safe_core::open_assessment(&s, &id)?,
                &links,
                submitted,
                review.as_ref(),
                json,
            );
            Ok(())
        }
        Command::Answer(args) => answer(&ctx, args),
        Command::Clear { id, item } => {
            let mut s = ctx.store()?;
            let id = s.resolve(&id)?;
            s.clear_answer(&id, &item, &ctx.stamp())?;
            outln!("cleared {item}");
            Ok(())
        }
        Command::Evidence(c) => evidence(&ctx, c),
        Command::History { id, item, json } => {
            let s = ctx.store()?;
            let id = s.resolve(&id)?;
            let h = s.history(&id, item.as_deref())?;
            // An item of an earlier pack (before a rebase) has a history but is not in the pack.
            if let Some(item) = item.as_ref().filter(|_| h.is_empty()) {
                let a = s.assessment(&id)?;
                s.pack(&a.pack_id, &a.pack_version)?
                    .item(item)
                    .ok_or_else(|| Error::NotFound {
                        what: "item",
                        id: item.clone(),
                    })?;
            }
            render::history(&h, json);
            Ok(())
        }
        Command::Duplicate { id, title } => {
            let mut s = ctx.store()?;
            let id = s.resolve(&id)?;
            let new_id = uuid::Uuid::new_v4().to_string();
            let a = s.duplicate_assessment(&id, &new_id, &title, &ctx.stamp())?;
            outln!("{}", a.id);
            Ok(())
        }
        Command::Delete { id } => {
            let mut s = ctx.store()?;
            let id = s.resolve(&id)?;
            s.delete_assessment(&id, &ctx.stamp())?;
            outln!("moved {id} to the bin; 'safe-assess undelete {id}' brings it back");
            Ok(())
        }
        Command::Undelete { id } => {
            let mut s = ctx.store()?;
            let a = safe_app::bin::restore(&mut s, &id, &ctx.stamp())?;
            outln!("restored {} ({})", a.id, a.title);
            Ok(())
        }
        Command::Check => crate::check::run(&ctx.db),
        Command::Backup { list } => backup(&ctx, list),
        Command::Restore { file, latest } => restore(&ctx, file, latest),
        Command::Report(a) => crate::report::run(&ctx.db, a),
        Command::Rebase(a) => crate::rebase::run(&ctx.db, &ctx.by, a),
        Command::Export(a) => crate::share::export(&ctx.db, &ctx.by, a),
        Command::Import(a) => crate::share::import(&ctx.db, &ctx.by, a),
        Command::Verify(a) => crate::share::verify(&ctx.db, a),
        Command::Merge(a) => crate::share::merge(&ctx.db, &ctx.by, a),
        Command::Compare(a) => crate::share::compare(&ctx.db, a),
        Command::Trend(a) => crate::share::trend(&ctx.db, a),
        Command::Key { cmd: None, json } => crate::share::key(&ctx.db, json),
        Command::Key { cmd: Some(c), .. } => crate::keys::run(&ctx.db, &ctx.by, c),
        Command::Coverage(a) => crate::crosswalk::coverage(&ctx.library()?, &ctx.store()?, a),
        Command::Confirm { id, item } => {
            crate::crosswalk::confirm(&mut ctx.store()?, &id, &item, &ctx.stamp())
        }
        Command::Unlink { id } => crate::crosswalk::unlink(&mut ctx.store()?, &id, &ctx.stamp()),
        Command::Submit(a) => crate::review::submit(&ctx.db, &ctx.by, a),
        Command::Review(c) => crate::review::run(&ctx.db, &ctx.by, c),
        Command::Respond(a) => crate::review::respond(&ctx.db, &ctx.by, a),
        Command::Reopen(a) => crate::review::reopen(&ctx.db, &ctx.by, a),
    }
}

fn catalogue(ctx: &Ctx, cmd: CatalogueCmd) -> Result<()> {
    match cmd {
        CatalogueCmd::List { json } => {
            let lib = Library::load(&store::user_catalogue_dir(&ctx.db))?;
            render::catalogue(&lib, json);
            Ok(())
        }
        CatalogueCmd::Show { pack, json } => crate::catalogue::show(&ctx.library()?, &pack, json),
        CatalogueCmd::Check { file } => {
            let lib = Library::builtin()?;
            let pack = safe_app::catalogue::check(&lib, &file)?;
            outln!(
                "{}: pack {} {} ({} profile) is valid: {} groups, {} items",
                file.display(),
                pack.id,
                pack.version,
                pack.profile.slug(),
                pack.groups.len(),
                pack.items().len()
            );
            for w in pack.warnings() {
                eprintln!("warning: {}: {w}", file.display());
            }
            Ok(())
        }
        CatalogueCmd::Template { out, force } => {
            safe_app::catalogue::template(&ctx.library()?, &out, force)?;
            outln!("wrote the pack template {}", out.display());
            Ok(())
        }
        CatalogueCmd::Import { file, out, force } => {
            let pack = safe_app::catalogue::import(&ctx.library()?, &file, &out, force)?;
            outln!(
                "{}: pack {} {} ({} profile) is valid: {} groups, {} items; wrote {}",
                file.display(),
                pack.id,
                pack.version,
                pack.profile.slug(),
                pack.groups.len(),
                pack.items().len(),
                out.display()
            );
            Ok(())
        }
        CatalogueCmd::Export { pack, out, force } => {
            let lib = ctx.library()?;
            let pack = safe_app::catalogue::export(&lib, &pack, &out, force)?;
            outln!(
                "wrote pack {} {} ({} items) to {}",
                pack.id,
                pack.version,
                pack.items().len(),
                out.display()
            );
            Ok(())
        }
        CatalogueCmd::Add { file, replace } => {
            let added = safe_app::catalogue::add(&ctx.library()?, &file, replace)?;
            outln!(
                "{} pack {} {} ({} items) as {}",
                if added.replaced {
                    "replaced"
                } else {
                    "installed"
                },
                added.pack.id,
                added.pack.version,
                added.pack.items,
                added.file
            );
            Ok(())
        }
    }
}

fn new(ctx: &Ctx, a: NewArgs) -> Result<()> {
    let lib = ctx.library()?;
    let new = NewAssessment {
        title: a.title,
        profile: Some(Profile::parse(&a.profile)?),
        roles: a.roles,
        organisation: a.org,
        country: a.country,
        identifiers: a.identifiers,
        assessors: a.assessors,
        scope: a.scope,
        pack_id: a.pack,
        tiers: a.tiers,
    };
    let mut s = ctx.store()?;
    let id = uuid::Uuid::new_v4().to_string();
    if let Some(from) = a.from {
        return crate::crosswalk::start_from(&mut s, &lib, &new, &from, &id, &ctx.stamp());
    }
    let created = safe_app::assess::create(&mut s, &lib, &new, &id, &ctx.stamp())?;
    outln!("{}", created.id);
    Ok(())
}

fn answer(ctx: &Ctx, a: AnswerArgs) -> Result<()> {
    // Check every word before touching the database.
    let status = Status::parse(&a.status)?;
    let due = a
        .due
        .as_deref()
        .map(|d| parse_date("--due", d))
        .transpose()?;
    let priority = a.priority.as_deref().map(Priority::parse).transpose()?;
    let change = AnswerChange {
        status,
        justification: a.justification,
        comment: a.comment,
        owner: a.owner,
        target_date: due,
        priority,
        flagged: if a.unflag {
            Some(false)
        } else {
            a.flag.then_some(true)
        },
    };
    let mut s = ctx.store()?;
    let id = s.resolve(&a.id)?;
    let saved =
        safe_app::assess::change_answer(&mut s, &id, &a.item, &change, &ctx.stamp())?.answer;
    outln!("{} {}", saved.item_id, saved.input.status.slug());
    Ok(())
}

fn evidence(ctx: &Ctx, cmd: EvidenceCmd) -> Result<()> {
    match cmd {
        EvidenceCmd::Add {
            id,
            item,
            file,
            effective,
            expires,
        } => {
            let validity = Validity {
                effective: effective
                    .as_deref()
                    .map(|d| parse_date("--effective", d))
                    .transpose()?,
                expires: expires
                    .as_deref()
                    .map(|d| parse_date("--expires", d))
                    .transpose()?,
            };
            let mut s = ctx.store()?;
            let id = s.resolve(&id)?;
            let done = safe_app::assess::attach_evidence(
                &mut s,
                &id,
                &item,
                std::slice::from_ref(&file),
                validity,
                &ctx.stamp(),
            )?;
            for e in &done.added {
                outln!(
                    "{} {} ({} bytes) -> {}",
                    e.sha256,
                    e.file_name,
                    e.size,
                    e.items.join(", ")
                );
            }
            Ok(())
        }
        EvidenceCmd::List { id, json } => {
            let s = ctx.store()?;
            let id = s.resolve(&id)?;
            render::evidence(&s.evidence(&id)?, json);
            Ok(())
        }
    }
}

fn backup(ctx: &Ctx, list: bool) -> Result<()> {
    if list {
        for b in store::list_backups(&ctx.db)? {
            outln!("{}\t{} bytes\t{}", b.label, b.size, b.path.display());
        }
        return Ok(());
    }
    let s = ctx.store()?;
    let b = s.backup("manual", Utc::now())?;
    outln!("{}", b.path.display());
    Ok(())
}

fn restore(ctx: &Ctx, file: Option<PathBuf>, latest: bool) -> Result<()> {
    let file = match (file, latest) {
        (Some(f), _) => f,
        (None, _) => store::list_backups(&ctx.db)?
            .into_iter()
            .next()
            .map(|b| b.path)
            .ok_or_else(|| Error::invalid("there is no backup to restore"))?,
    };
    let aside = store::restore(&ctx.db, &file, Utc::now())?;
    outln!("restored {} from {}", ctx.db.display(), file.display());
    if let Some(a) = aside {
        outln!("the previous database was kept as {}", a.display());
    }
    Ok(())
}
