//! Running the real app under WebDriver: a private X display (Xvfb), `tauri-driver` in front of
//! WebKitWebDriver, and fantoccini sessions that each start the app binary.
//!
//! Every child runs in its own process group and the whole group is killed on drop, so a
//! failing test never leaves a driver, a WebKit process or the app behind. Ports and the display
//! number are chosen free at start, so nothing stale from an earlier run is reused.

#![allow(dead_code)]

use std::ffi::OsString;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;

/// How long one wait for the UI may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(30);
/// How often a wait looks again (fantoccini's default, 250 ms, mostly waits after the UI is ready).
pub const POLL: Duration = Duration::from_millis(25);
/// How long starting the app in a new WebDriver session may take.
const START_WAIT: Duration = Duration::from_secs(120);

/// A child process in its own process group, killed with its whole group on drop.
struct Group(Child);

impl Group {
    fn spawn(cmd: &mut Command) -> Group {
        let child = cmd
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {:?}: {e}", cmd.get_program()));
        Group(child)
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        // Signal the whole group (the driver, WebKitWebDriver and every app it started) through
        // killpg(2). Never through the `kill` program: procps-ng's `kill -KILL -PGID` turns the
        // negative number into kill(-1), which ends every process of the machine.
        let pgid = self.0.id();
        if let Ok(pgid) = i32::try_from(pgid)
            && pgid > 1
        {
            let _ = killpg(Pid::from_raw(pgid), Signal::SIGKILL);
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A private X display.
pub struct Display {
    _xvfb: Group,
    /// `:N`.
    pub name: String,
}

impl Display {
    /// Starts Xvfb on a free display number, 1280x800.
    pub fn start() -> Display {
        let dir = tempfile::tempdir().expect("temp dir");
        let fd_file = dir.path().join("display");
        // -displayfd writes the chosen display number to the given descriptor (1 = stdout).
        let out = std::fs::File::create(&fd_file).expect("display file");
        let xvfb = Group::spawn(
            Command::new("Xvfb")
                .args([
                    "-displayfd",
                    "1",
                    "-screen",
                    "0",
                    "1280x800x24",
                    "-nolisten",
                    "tcp",
                ])
                .stdout(out)
                .stderr(Stdio::null()),
        );
        let deadline = Instant::now() + WAIT;
        loop {
            let text = std::fs::read_to_string(&fd_file).unwrap_or_default();
            if text.ends_with('\n') {
                let n = text.trim().to_string();
                return Display {
                    _xvfb: xvfb,
                    name: format!(":{n}"),
                };
            }
            assert!(
                Instant::now() < deadline,
                "Xvfb did not start (is the xvfb package installed?)"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// A free TCP port on 127.0.0.1.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn tauri_driver() -> PathBuf {
    let candidates = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain(std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin")));
    for dir in candidates {
        let p = dir.join("tauri-driver");
        if p.is_file() {
            return p;
        }
    }
    panic!("tauri-driver not found: run `cargo install tauri-driver --locked --version '^2'`")
}

/// The app's isolated world: its data and config folders and the files the test hands it.
pub struct World {
    /// Root of everything below; removed at the end.
    pub root: tempfile::TempDir,
    /// Environment of the driver, inherited by the app.
    pub env: Vec<(String, OsString)>,
}

impl World {
    /// Fresh folders; the file dialogs answer with `pick` and save into `saves`.
    pub fn new() -> World {
        let root = tempfile::tempdir().expect("temp dir");
        let p = root.path();
        for d in ["data", "config", "cache", "saves", "files"] {
            std::fs::create_dir_all(p.join(d)).expect("folder");
        }
        let env = vec![
            ("XDG_DATA_HOME".into(), p.join("data").into()),
            ("XDG_CONFIG_HOME".into(), p.join("config").into()),
            ("XDG_CACHE_HOME".into(), p.join("cache").into()),
            ("SAFE_ASSESS_USER".into(), "E2E Tester".into()),
            ("SAFE_ASSESS_TEST_SAVE_DIR".into(), p.join("saves").into()),
            // No D-Bus session: the single-instance plugin then never hands over to a desktop
            // session's running copy of the app.
            (
                "DBUS_SESSION_BUS_ADDRESS".into(),
                "unix:path=/nonexistent".into(),
            ),
            ("NO_AT_BRIDGE".into(), "1".into()),
        ];
        let mut world = World { root, env };
        if std::env::var_os("SAFE_ASSESS_SCREENSHOTS").is_some() {
            // WebKitWebDriver's screenshot never returns while the page is drawn on the CPU
            // (src/webview.rs), so screenshot runs keep WebKit's own compositing.
            world.env.push(("SAFE_ASSESS_GPU".into(), "1".into()));
        }
        world
    }

    /// A file the "open" dialog will return.
    pub fn pick(&mut self, name: &str, content: &[u8]) -> PathBuf {
        let path = self.root.path().join("files").join(name);
        std::fs::write(&path, content).expect("write file");
        self.env.retain(|(k, _)| k != "SAFE_ASSESS_TEST_PICK");
        self.env
            .push(("SAFE_ASSESS_TEST_PICK".into(), path.clone().into()));
        path
    }

    /// The database the app uses (the default path under `XDG_DATA_HOME`).
    pub fn database(&self) -> PathBuf {
        self.root
            .path()
            .join("data")
            .join("safe-assess")
            .join("assessments.sqlite")
    }

    /// Where the save dialog puts files.
    pub fn saves(&self) -> PathBuf {
        self.root.path().join("saves")
    }
}

/// tauri-driver (and WebKitWebDriver) for one world.
pub struct Driver {
    _group: Group,
    port: u16,
    app: PathBuf,
    log: PathBuf,
}

impl Driver {
    /// Starts tauri-driver on free ports with the world's environment and `display`.
    pub fn start(world: &World, display: &Display, app: &Path) -> Driver {
        let port = free_port();
        let native = free_port();
        let log = world.root.path().join("driver.log");
        let log_file = std::fs::File::create(&log).expect("log file");
        let err_file = log_file.try_clone().expect("log file");
        let group = Group::spawn(
            Command::new(tauri_driver())
                .args([
                    "--port",
                    &port.to_string(),
                    "--native-port",
                    &native.to_string(),
                ])
                .envs(world.env.iter().map(|(k, v)| (k, v)))
                .env("DISPLAY", &display.name)
                .stdout(log_file)
                .stderr(err_file),
        );
        let deadline = Instant::now() + WAIT;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not listen");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver {
            _group: group,
            port,
            app: app.to_path_buf(),
            log,
        }
    }

    /// Starts the app in a new WebDriver session.
    pub async fn launch(&self) -> Client {
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": self.app }),
        );
        // WebKitWebDriver waits for the window without a limit of its own: an app that dies at
        // start (e.g. GTK could not initialise) would otherwise hang the run.
        let url = format!("http://127.0.0.1:{}", self.port);
        let mut builder = ClientBuilder::native();
        builder.capabilities(caps);
        let session = builder.connect(&url);
        let log = || std::fs::read_to_string(&self.log).unwrap_or_default();
        match tokio::time::timeout(START_WAIT, session).await {
            Ok(Ok(client)) => client,
            Ok(Err(e)) => panic!("cannot start the app through tauri-driver: {e}\n{}", log()),
            Err(_) => panic!(
                "the app did not open a window within {} s\n{}",
                START_WAIT.as_secs(),
                log()
            ),
        }
    }
}

/// CSS selector of a `data-testid`.
pub fn tid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// Waits for an element to appear.
pub async fn find(c: &Client, css: &str) -> Element {
    c.wait()
        .at_most(WAIT)
        .every(POLL)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
}

/// Clicks an element once it is there.
pub async fn click(c: &Client, css: &str) {
    find(c, css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
}

/// Clicks an element after scrolling it to the middle of the window: scrolled into view at the
/// top edge, WebDriver's click would land on the sticky top bar.
pub async fn click_centered(c: &Client, css: &str) {
    find(c, css).await;
    c.execute(
        "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
        vec![serde_json::Value::String(css.to_string())],
    )
    .await
    .expect("scroll");
    click(c, css).await;
}

/// Types into an element.
pub async fn type_into(c: &Client, css: &str, text: &str) {
    find(c, css)
        .await
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("cannot type into {css}: {e}"));
}

/// The text of an element.
pub async fn text(c: &Client, css: &str) -> String {
    find(c, css)
        .await
        .text()
        .await
        .unwrap_or_else(|e| panic!("cannot read {css}: {e}"))
}

/// Waits until `check` holds for the page, polling.
pub async fn until<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + WAIT;
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// An attribute of the first element matching `css`, if there is one.
pub async fn attr(c: &Client, css: &str, name: &str) -> Option<String> {
    let el = c.find(Locator::Css(css)).await.ok()?;
    el.attr(name).await.ok().flatten()
}

/// Waits until the save indicator says everything is saved.
pub async fn saved(c: &Client) {
    until("the answer to be saved", || async {
        attr(c, &tid("save-state"), "data-state").await.as_deref() == Some("saved")
    })
    .await;
}

/// Whether the checkbox or radio button at `css` is checked.
pub async fn checked(c: &Client, css: &str) -> bool {
    find(c, css)
        .await
        .prop("checked")
        .await
        .expect("checked")
        .as_deref()
        == Some("true")
}

/// The ready mark of a screen: its root carries `data-screen="<screen>"` and, once the screen's
/// data is drawn, `data-ready`.
pub fn ready(screen: &str) -> String {
    format!("[data-screen=\"{screen}\"][data-ready]")
}

/// Waits until `shown` (a CSS selector: a screen's [`ready`] mark or a dialog's element) is in
/// the page and the page has drawn a frame with it, so a picture shows that and not the screen
/// before.
async fn drawn(c: &Client, shown: &str) {
    find(c, shown).await;
    // The second animation frame starts once the first, which holds the change, was painted.
    c.execute_async(
        "const done = arguments[arguments.length - 1];\
         requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
        vec![],
    )
    .await
    .unwrap_or_else(|e| panic!("the page did not draw {shown}: {e}"));
}

/// Saves a screenshot of the window, once `shown` is drawn, when `SAFE_ASSESS_SCREENSHOTS`
/// names a folder.
pub async fn screenshot(c: &Client, shown: &str, name: &str) {
    let Some(dir) = std::env::var_os("SAFE_ASSESS_SCREENSHOTS") else {
        return;
    };
    drawn(c, shown).await;
    let png = c.screenshot().await.expect("screenshot");
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
}

/// Presses Tab until the focused element matches `css` (at most 80 times), as a keyboard user
/// would; fails when it is never reached.
pub async fn tab_to(c: &Client, css: &str) {
    for _ in 0..80 {
        let here = c
            .execute(
                "return !!document.activeElement && document.activeElement.matches(arguments[0]);",
                vec![serde_json::Value::String(css.to_string())],
            )
            .await
            .expect("script runs");
        if here == serde_json::Value::Bool(true) {
            return;
        }
        keys(c, &fantoccini::key::Key::Tab).await;
    }
    panic!("{css} cannot be reached with the Tab key");
}

/// Sends keys to whatever has the focus.
pub async fn keys(c: &Client, text: &str) {
    c.active_element()
        .await
        .expect("an element has the focus")
        .send_keys(text)
        .await
        .expect("keys sent");
}

/// Saves what is on the X display (as a user sees it, page zoom included), once `shown` is
/// drawn, when `SAFE_ASSESS_SCREENSHOTS` names a folder. Needs ImageMagick's `import`.
pub async fn capture(c: &Client, display: &Display, shown: &str, name: &str) {
    let Some(dir) = std::env::var_os("SAFE_ASSESS_SCREENSHOTS") else {
        return;
    };
    drawn(c, shown).await;
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    // Give the compositor a moment to put the last frame on the display.
    tokio::time::sleep(Duration::from_millis(800)).await;
    let status = Command::new("import")
        .args(["-display", &display.name, "-window", "root"])
        .arg(dir.join(format!("{name}.png")))
        .status()
        .expect("run import (ImageMagick)");
    assert!(status.success(), "import could not capture the display");
}

/// A private D-Bus session bus (for the single-instance check).
pub struct SessionBus {
    _daemon: Group,
    /// The bus address, for `DBUS_SESSION_BUS_ADDRESS`.
    pub address: String,
}

impl SessionBus {
    /// Starts `dbus-daemon --session` and reads its address.
    pub fn start() -> SessionBus {
        let dir = tempfile::tempdir().expect("temp dir");
        let out_path = dir.path().join("address");
        let out = std::fs::File::create(&out_path).expect("address file");
        let daemon = Group::spawn(
            Command::new("dbus-daemon")
                .args(["--session", "--nofork", "--nopidfile", "--print-address=1"])
                .stdout(out)
                .stderr(Stdio::null()),
        );
        let deadline = Instant::now() + WAIT;
        loop {
            let text = std::fs::read_to_string(&out_path).unwrap_or_default();
            if text.ends_with('\n') {
                return SessionBus {
                    _daemon: daemon,
                    address: text.trim().to_string(),
                };
            }
            assert!(
                Instant::now() < deadline,
                "dbus-daemon did not start (is the dbus-daemon package installed?)"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl World {
    /// Uses this session bus instead of none.
    pub fn with_bus(&mut self, bus: &SessionBus) {
        self.env.retain(|(k, _)| k != "DBUS_SESSION_BUS_ADDRESS");
        self.env.push((
            "DBUS_SESSION_BUS_ADDRESS".into(),
            bus.address.clone().into(),
        ));
    }
}

/// Runs the app binary directly (not through the driver) with the world's environment and waits
/// at most `limit` for it to exit; returns its exit status, or `None` when it was still running
/// (it is then killed).
pub fn run_app_directly(
    app: &Path,
    world: &World,
    display: &Display,
    limit: Duration,
) -> Option<std::process::ExitStatus> {
    let mut group = Group::spawn(
        Command::new(app)
            .envs(world.env.iter().map(|(k, v)| (k, v)))
            .env("DISPLAY", &display.name)
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    );
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if let Ok(Some(status)) = group.0.try_wait() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}
