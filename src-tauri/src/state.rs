//! What the app keeps while it runs: the open database, the catalogue library, the settings, and
//! the files the user has handed to the app (picked, dropped) or that the app has written.
//!
//! Database work never runs on the main thread: [`AppState::run`] moves it to Tauri's blocking
//! pool and holds the store's lock only for the duration of one user action.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use safe_core::catalogue::Library;
use safe_core::model::Stamp;
use safe_core::store::{self, Store};

use crate::dto::Settings;
use crate::error::{CmdResult, CommandError, ErrorCode};
use crate::settings;

/// Where the app keeps its files.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The database (shared with the `safe-assess` command line).
    pub database: PathBuf,
    /// The settings file.
    pub settings: PathBuf,
}

impl Paths {
    /// The database from `SAFE_ASSESS_DB` or the default path (as the command line does); the
    /// settings in `config_dir`.
    pub fn resolve(config_dir: &Path) -> Paths {
        let database = std::env::var_os("SAFE_ASSESS_DB")
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(store::default_db_path);
        Paths {
            database,
            settings: config_dir.join("settings.json"),
        }
    }
}

/// The context of one user action.
pub struct Ctx<'a> {
    library: &'a CmdResult<Library>,
    /// Who and when.
    pub stamp: Stamp,
}

impl Ctx<'_> {
    /// The catalogue library (built-in packs plus the user's folder).
    pub fn library(&self) -> CmdResult<&Library> {
        self.library.as_ref().map_err(Clone::clone)
    }
}

/// Files the user has handed to the app, and files the app wrote. Commands that take a path from
/// the webview accept only these, so the webview cannot read or open arbitrary files.
#[derive(Debug, Default)]
struct Grants {
    dropped: Vec<PathBuf>,
    written: Vec<PathBuf>,
    picked: Vec<PathBuf>,
}

struct Inner {
    paths: Paths,
    store: Mutex<Result<Store, CommandError>>,
    library: CmdResult<Library>,
    library_problems: Vec<String>,
    settings: Mutex<Settings>,
    settings_problem: Option<CommandError>,
    grants: Mutex<Grants>,
    closing: AtomicBool,
}

/// The app's state, cheap to clone into worker threads.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl AppState {
    /// Opens the database and reads the library and the settings. Nothing here fails the start:
    /// a database that cannot be opened is reported to the UI, which offers a restore.
    pub fn open(paths: Paths) -> AppState {
        let store = Store::open(&paths.database).map_err(CommandError::from);
        let (library, library_problems) =
            match Library::load(&store::user_catalogue_dir(&paths.database)) {
                Ok(lib) => {
                    let problems = lib
                        .problems()
                        .iter()
                        .map(|p| format!("{}: {}", p.file, p.message))
                        .collect();
                    (Ok(lib), problems)
                }
                Err(e) => {
                    let problem = e.to_string();
                    (
                        Library::builtin().map_err(CommandError::from),
                        vec![problem],
                    )
                }
            };
        let (settings, settings_problem) = match settings::load(&paths.settings) {
            Ok(s) => (s, None),
            Err(e) => (Settings::default(), Some(e)),
        };
        AppState(Arc::new(Inner {
            paths,
            store: Mutex::new(store),
            library,
            library_problems,
            settings: Mutex::new(settings),
            settings_problem,
            grants: Mutex::new(Grants::default()),
            closing: AtomicBool::new(false),
        }))
    }

    /// Where the files are.
    pub fn paths(&self) -> &Paths {
        &self.0.paths
    }

    /// Runs one user action against the database on the blocking pool.
    pub async fn run<T, F>(&self, f: F) -> CmdResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, &Ctx<'_>) -> CmdResult<T> + Send + 'static,
    {
        let me = self.clone();
        blocking(move || me.run_now(f)).await
    }

    /// Runs one user action against the database on the calling thread.
    pub fn run_now<T>(&self, f: impl FnOnce(&mut Store, &Ctx<'_>) -> CmdResult<T>) -> CmdResult<T> {
        let ctx = Ctx {
            library: &self.0.library,
            stamp: Stamp::now(self.user_name()?),
        };
        let mut slot = lock(&self.0.store)?;
        match slot.as_mut() {
            Ok(store) => f(store, &ctx),
            Err(e) => Err(CommandError::new(ErrorCode::NoDatabase, e.message.clone())),
        }
    }

    /// Why the database could not be opened, if it could not.
    pub fn database_error(&self) -> CmdResult<Option<CommandError>> {
        Ok(lock(&self.0.store)?.as_ref().err().cloned())
    }

    /// Closes the database, lets `f` work on its file (restore a backup), and opens it again.
    pub fn reopen_after(
        &self,
        f: impl FnOnce(&Path) -> CmdResult<()>,
    ) -> CmdResult<Option<CommandError>> {
        let mut slot = lock(&self.0.store)?;
        // Dropping the connection first closes the file before it is replaced.
        *slot = Err(CommandError::new(
            ErrorCode::NoDatabase,
            "the database is being replaced",
        ));
        let outcome = f(&self.0.paths.database);
        *slot = Store::open(&self.0.paths.database).map_err(CommandError::from);
        outcome?;
        Ok(slot.as_ref().err().cloned())
    }

    /// Refused user catalogue packs, and a settings file that could not be read.
    pub fn problems(&self) -> Vec<String> {
        let mut out = self.0.library_problems.clone();
        out.extend(self.0.settings_problem.iter().map(|e| e.message.clone()));
        out
    }

    /// The current settings.
    pub fn settings(&self) -> CmdResult<Settings> {
        Ok(lock(&self.0.settings)?.clone())
    }

    /// Saves new settings.
    pub fn set_settings(&self, new: Settings) -> CmdResult<Settings> {
        let mut current = lock(&self.0.settings)?;
        settings::save(&self.0.paths.settings, &new)?;
        *current = new.clone();
        Ok(new)
    }

    /// The name recorded in the history.
    pub fn user_name(&self) -> CmdResult<String> {
        Ok(settings::user_name(&*lock(&self.0.settings)?))
    }

    /// Records the files of a drop onto the window, replacing the previous drop.
    pub fn set_dropped(&self, paths: Vec<PathBuf>) -> CmdResult<()> {
        lock(&self.0.grants)?.dropped = paths;
        Ok(())
    }

    /// Takes the files of the last drop (each drop can be attached once).
    pub fn take_dropped(&self) -> CmdResult<Vec<PathBuf>> {
        Ok(std::mem::take(&mut lock(&self.0.grants)?.dropped))
    }

    /// Remembers a file the app wrote (an export), which the UI may then ask to open.
    pub fn add_written(&self, path: PathBuf) -> CmdResult<()> {
        lock(&self.0.grants)?.written.push(path);
        Ok(())
    }

    /// Remembers a file the user picked in an open dialog (a `.safeassess` file to import or
    /// merge), which later commands may then read.
    pub fn add_picked(&self, path: PathBuf) -> CmdResult<()> {
        lock(&self.0.grants)?.picked.push(path);
        Ok(())
    }

    /// The path, when the user picked it during this run; refused otherwise.
    pub fn picked(&self, path: &str) -> CmdResult<PathBuf> {
        let path = PathBuf::from(path);
        if lock(&self.0.grants)?.picked.contains(&path) {
            Ok(path)
        } else {
            Err(CommandError::new(
                ErrorCode::NotAllowed,
                "only a file chosen in this session can be imported or merged: choose it again",
            ))
        }
    }

    /// Marks the window as closing; true the first time only, when the UI still has to save what
    /// is pending before the window may close.
    pub fn start_closing(&self) -> bool {
        !self.0.closing.swap(true, Ordering::SeqCst)
    }

    /// Whether the app wrote this file during this run.
    pub fn was_written(&self, path: &Path) -> CmdResult<bool> {
        Ok(lock(&self.0.grants)?.written.iter().any(|p| p == path))
    }
}

/// Runs blocking work (database, files, dialogs) off the main thread and the async executor.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> CmdResult<T> + Send + 'static,
) -> CmdResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| CommandError::new(ErrorCode::Internal, format!("a worker stopped: {e}")))?
}

/// Locks a mutex; a poisoned lock (a panic in an earlier action) is reported, not propagated.
fn lock<T>(m: &Mutex<T>) -> CmdResult<MutexGuard<'_, T>> {
    m.lock().map_err(|_| {
        CommandError::new(
            ErrorCode::Internal,
            "an earlier action failed unexpectedly; restart the app",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_state() -> (tempfile::TempDir, AppState) {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = AppState::open(Paths {
            database: dir.path().join("data").join("assessments.sqlite"),
            settings: dir.path().join("config").join("settings.json"),
        });
        (dir, state)
    }

    #[test]
    fn a_fresh_install_opens_an_empty_database() {
        let (_dir, state) = temp_state();
        assert_eq!(state.database_error().expect("lock"), None);
        let n = state
            .run_now(|s, _| Ok(s.list_assessments()?.len()))
            .expect("list works");
        assert_eq!(n, 0);
    }

    #[test]
    fn a_damaged_database_is_reported_and_every_action_says_so() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("assessments.sqlite");
        std::fs::write(&db, b"this is not a database at all").expect("write");
        let state = AppState::open(Paths {
            database: db.clone(),
            settings: dir.path().join("settings.json"),
        });
        let e = state
            .database_error()
            .expect("lock")
            .expect("damage is reported");
        assert_eq!(e.code, "database_damaged");
        let e = state
            .run_now(|s, _| Ok(s.list_assessments()?.len()))
            .expect_err("no database to list");
        assert_eq!(e.code, ErrorCode::NoDatabase);
        assert_eq!(
            std::fs::read(&db).expect("file kept"),
            b"this is not a database at all",
            "the damaged file is left as it was"
        );
    }

    #[test]
    fn dropped_files_can_be_taken_once() {
        let (_dir, state) = temp_state();
        state
            .set_dropped(vec![PathBuf::from("/tmp/a.pdf")])
            .expect("lock");
        assert_eq!(
            state.take_dropped().expect("lock"),
            vec![PathBuf::from("/tmp/a.pdf")]
        );
        assert!(state.take_dropped().expect("lock").is_empty());
    }

    #[test]
    fn closing_is_started_once() {
        let (_dir, state) = temp_state();
        assert!(
            state.start_closing(),
            "the first close request waits for the UI"
        );
        assert!(!state.start_closing(), "the second one closes");
    }

    #[test]
    fn only_files_the_app_wrote_are_known() {
        let (_dir, state) = temp_state();
        state
            .add_written(PathBuf::from("/tmp/report.pdf"))
            .expect("lock");
        assert!(
            state
                .was_written(Path::new("/tmp/report.pdf"))
                .expect("lock")
        );
        assert!(!state.was_written(Path::new("/etc/passwd")).expect("lock"));
    }

    #[test]
    fn only_files_the_user_picked_can_be_imported() {
        let (_dir, state) = temp_state();
        state
            .add_picked(PathBuf::from("/tmp/acme.safeassess"))
            .expect("lock");
        assert_eq!(
            state.picked("/tmp/acme.safeassess").expect("picked"),
            PathBuf::from("/tmp/acme.safeassess")
        );
        let e = state.picked("/etc/passwd").expect_err("never picked");
        assert_eq!(e.code, ErrorCode::NotAllowed);
    }
}
