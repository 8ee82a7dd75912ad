//! What the app keeps while it runs: the open database, the catalogue library, the settings, and
//! the files the user has handed to the app (picked, dropped) or that the app has written.
//!
//! Database work never runs on the main thread: [`AppState::run`] moves it to Tauri's blocking
//! pool and holds the store's lock only for the duration of one user action.
//!
//! The database opens with the cheap check (the pages of the first screen); the whole file is
//! read by [`AppState::run_full_check`] once the window shows the home list. Until it passed,
//! the store holds every write (it waits, then goes ahead or is refused); when it fails, the
//! store is closed without writing and the UI is told, as for a file damaged at start.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use safe_core::catalogue::Library;
use safe_core::model::Stamp;
use safe_core::store::{self, FullCheck, Store};

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
    library: &'a CmdResult<Arc<Library>>,
    /// Who and when.
    pub stamp: Stamp,
}

impl Ctx<'_> {
    /// The catalogue library (built-in packs plus the user's folder).
    pub fn library(&self) -> CmdResult<&Library> {
        self.library.as_deref().map_err(Clone::clone)
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
    full_check: Mutex<Option<FullCheck>>,
    /// Read at start, read again after a pack was added (`AppState::reload_library`).
    library: Mutex<Loaded>,
    settings: Mutex<Settings>,
    settings_problem: Option<CommandError>,
    grants: Mutex<Grants>,
    closing: AtomicBool,
    /// Set when the UI has drawn its first screen (the full check waits for it).
    first_screen: (Mutex<bool>, Condvar),
}

/// The catalogue library as read from the built-in packs and the user's folder, with the files
/// that were refused.
struct Loaded {
    library: CmdResult<Arc<Library>>,
    problems: Vec<String>,
}

impl Loaded {
    /// Reads the library beside database `db`; when the user folder cannot be read, the
    /// built-in packs alone, with the reason as a problem.
    fn read(db: &Path) -> Loaded {
        match Library::load(&store::user_catalogue_dir(db)) {
            Ok(lib) => Loaded {
                problems: lib
                    .problems()
                    .iter()
                    .map(|p| format!("{}: {}", p.file, p.message))
                    .collect(),
                library: Ok(Arc::new(lib)),
            },
            Err(e) => Loaded {
                library: Library::builtin().map(Arc::new).map_err(CommandError::from),
                problems: vec![e.to_string()],
            },
        }
    }
}

/// The app's state, cheap to clone into worker threads.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl AppState {
    /// Opens the database and reads the library and the settings. Nothing here fails the start:
    /// a database that cannot be opened is reported to the UI, which offers a restore. Writes are
    /// held until [`AppState::run_full_check`] has passed.
    pub fn open(paths: Paths) -> AppState {
        let store = Store::open(&paths.database).map_err(CommandError::from);
        let full_check = store.as_ref().ok().map(Store::defer_full_check);
        let library = Loaded::read(&paths.database);
        let (settings, settings_problem) = match settings::load(&paths.settings) {
            Ok(s) => (s, None),
            Err(e) => (Settings::default(), Some(e)),
        };
        AppState(Arc::new(Inner {
            paths,
            store: Mutex::new(store),
            full_check: Mutex::new(full_check),
            library: Mutex::new(library),
            settings: Mutex::new(settings),
            settings_problem,
            grants: Mutex::new(Grants::default()),
            closing: AtomicBool::new(false),
            first_screen: (Mutex::new(false), Condvar::new()),
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
        let library = lock(&self.0.library)?.library.clone();
        let ctx = Ctx {
            library: &library,
            stamp: Stamp::now(self.user_name()?),
        };
        let mut slot = lock(&self.0.store)?;
        match slot.as_mut() {
            Ok(store) => f(store, &ctx),
            Err(e) => Err(CommandError::new(ErrorCode::NoDatabase, e.message.clone())),
        }
    }

    /// The UI has drawn its first screen: a full check waiting in [`AppState::wait_first_screen`]
    /// goes ahead.
    pub fn first_screen_drawn(&self) {
        let (drawn, signal) = &self.0.first_screen;
        *drawn.lock().unwrap_or_else(|p| p.into_inner()) = true;
        signal.notify_all();
    }

    /// Waits until the UI has drawn its first screen, at most `limit` (a UI that never says so,
    /// such as the page about a damaged database, does not hold the check back for long).
    pub fn wait_first_screen(&self, limit: Duration) {
        let (drawn, signal) = &self.0.first_screen;
        let guard = drawn.lock().unwrap_or_else(|p| p.into_inner());
        let _ = signal
            .wait_timeout_while(guard, limit, |drawn| !*drawn)
            .unwrap_or_else(|p| p.into_inner());
    }

    /// Reads the whole database file (the check deferred at open), without holding the store:
    /// the app stays readable meanwhile. When the file is damaged, the store is closed without
    /// writing anything and [`AppState::database_error`] reports it from then on.
    pub fn run_full_check(&self) -> CmdResult<()> {
        let Some(check) = lock(&self.0.full_check)?.take() else {
            return Ok(());
        };
        let outcome = check.run().map_err(CommandError::from);
        if let Err(e) = &outcome {
            let mut slot = lock(&self.0.store)?;
            // Only the store this check was for: a restore may have replaced it meanwhile.
            if slot.as_ref().is_ok_and(Store::is_damaged) {
                *slot = Err(e.clone());
            }
        }
        outcome
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
        // Replaced (or restored) files are checked whole before the app goes on with them.
        drop(lock(&self.0.full_check)?.take());
        *slot = Store::open(&self.0.paths.database)
            .and_then(|s| s.check_integrity().map(|()| s))
            .map_err(CommandError::from);
        outcome?;
        Ok(slot.as_ref().err().cloned())
    }

    /// Reads the catalogue library again (after a pack was added to the user's folder); the
    /// next action sees it.
    pub fn reload_library(&self) -> CmdResult<()> {
        let fresh = Loaded::read(&self.0.paths.database);
        *lock(&self.0.library)? = fresh;
        Ok(())
    }

    /// Refused user catalogue packs, and a settings file that could not be read.
    pub fn problems(&self) -> Vec<String> {
        let mut out = lock(&self.0.library)
            .map(|l| l.problems.clone())
            .unwrap_or_default();
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
        state.run_full_check().expect("a new database is intact");
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

    const MARKER: &str = "damage-marker-";

    /// A database with one answered item whose comment is easy to find in the file; the store is
    /// closed, so everything is in the main file. Returns the assessment and item ids.
    fn answered_db(db: &Path) -> (String, String) {
        use safe_core::catalogue::Profile;
        use safe_core::model::{AnswerInput, NewAssessment, Status};
        let lib = Library::builtin().expect("built-in packs");
        let mut s = Store::open(db).expect("create");
        let new = NewAssessment {
            title: "Trader".into(),
            profile: Some(Profile::Trader),
            roles: vec!["importer".into()],
            ..NewAssessment::default()
        };
        let stamp = Stamp::now("test");
        let a = s
            .create_assessment(&lib, &new, "a1", &stamp)
            .expect("create");
        let pack = s.pack(&a.pack_id, &a.pack_version).expect("pack");
        let item = pack.items()[0].id.clone();
        let input = AnswerInput {
            comment: MARKER.repeat(20),
            ..AnswerInput::status(Status::Met)
        };
        s.save_answer(&a.id, &item, &input, &stamp).expect("save");
        (a.id, item)
    }

    /// Overwrites the page holding the marked comment (an answer or history page, which the
    /// check at open does not read). Returns the damaged file's bytes.
    fn damage_marked_page(db: &Path) -> Vec<u8> {
        let mut bytes = std::fs::read(db).expect("read");
        let at = bytes
            .windows(MARKER.len())
            .position(|w| w == MARKER.as_bytes())
            .expect("the comment is in the file");
        let page = at / 4096 * 4096;
        bytes[page..page + 4096].fill(0xAB);
        std::fs::write(db, &bytes).expect("damage");
        bytes
    }

    fn state_on(dir: &Path, db: &Path) -> AppState {
        AppState::open(Paths {
            database: db.to_path_buf(),
            settings: dir.join("settings.json"),
        })
    }

    /// A save on another thread, as a command runs; its outcome arrives on the channel.
    fn save_in_background(
        state: &AppState,
        id: &str,
        item: &str,
    ) -> std::sync::mpsc::Receiver<CmdResult<()>> {
        use safe_core::model::{AnswerInput, Status};
        let (tx, rx) = std::sync::mpsc::channel();
        let (st, id, item) = (state.clone(), id.to_string(), item.to_string());
        std::thread::spawn(move || {
            let saved = st.run_now(|s, ctx| {
                s.save_answer(&id, &item, &AnswerInput::status(Status::NotMet), &ctx.stamp)?;
                Ok(())
            });
            let _ = tx.send(saved);
        });
        rx
    }

    #[test]
    fn the_check_waits_for_the_first_screen_from_another_thread() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("assessments.sqlite");
        answered_db(&db);
        let state = state_on(dir.path(), &db);
        let (tx, rx) = std::sync::mpsc::channel();
        let waiting = state.clone();
        let worker = std::thread::spawn(move || {
            // A limit far beyond the test: only the signal below lets it go on.
            waiting.wait_first_screen(Duration::from_secs(3600));
            tx.send(waiting.run_full_check()).expect("send");
        });
        assert!(
            rx.try_recv().is_err(),
            "the check has not started before the first screen"
        );
        state.first_screen_drawn();
        rx.recv().expect("the check ran").expect("intact");
        worker.join().expect("worker");
        // Without the signal, a short limit lets the check start anyway.
        let other = state_on(dir.path(), &db);
        other.wait_first_screen(Duration::ZERO);
    }

    #[test]
    fn a_write_is_held_until_the_full_check_passed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("assessments.sqlite");
        let (id, item) = answered_db(&db);
        let state = state_on(dir.path(), &db);
        assert_eq!(state.database_error().expect("lock"), None);
        let saved = save_in_background(&state, &id, &item);
        assert!(
            saved.try_recv().is_err(),
            "the save has not gone ahead before the check"
        );
        let status = |state: &AppState| {
            state.run_now(|s, _| Ok(s.answer(&id, &item)?.map(|a| a.input.status)))
        };
        state.run_full_check().expect("intact");
        saved.recv().expect("the held save ends").expect("saved");
        assert_eq!(
            status(&state).expect("read"),
            Some(safe_core::model::Status::NotMet)
        );
    }

    #[test]
    fn damage_found_after_start_refuses_the_held_write_and_is_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("assessments.sqlite");
        let (id, item) = answered_db(&db);
        let damaged = damage_marked_page(&db);
        let state = state_on(dir.path(), &db);
        assert_eq!(
            state.database_error().expect("lock"),
            None,
            "the check at open does not read the damaged page"
        );
        let n = state
            .run_now(|s, _| Ok(s.list_assessments()?.len()))
            .expect("the home list is shown meanwhile");
        assert_eq!(n, 1);
        let saved = save_in_background(&state, &id, &item);
        let e = state.run_full_check().expect_err("damaged");
        assert_eq!(e.code, "database_damaged");
        let held = saved.recv().expect("the held save ends");
        // The store is closed when the check fails, so the held save sees the damage or the closed store.
        let refused = held.expect_err("refused").code;
        assert!(
            refused == ErrorCode::DatabaseDamaged || refused == ErrorCode::NoDatabase,
            "{refused}"
        );
        let e = state
            .database_error()
            .expect("lock")
            .expect("reported to the UI from now on");
        assert_eq!(e.code, "database_damaged");
        let e = state
            .run_now(|s, _| Ok(s.list_assessments()?.len()))
            .expect_err("the store is closed");
        assert_eq!(e.code, ErrorCode::NoDatabase);
        assert_eq!(
            std::fs::read(&db).expect("read"),
            damaged,
            "nothing was written to the damaged file"
        );
        let wal = PathBuf::from(format!("{}-wal", db.display()));
        assert!(
            std::fs::metadata(&wal).map_or(true, |m| m.len() == 0),
            "nor to its log"
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
