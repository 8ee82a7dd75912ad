//! Helpers for tests that run the real `safe-assess` binary against a private database.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Command;

/// A temporary folder with its own database; every command runs against it.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

/// Items of the built-in trader pack, sorted for an assessment's roles.
pub struct Items {
    pub mandatory: Vec<String>,
    pub optional: Vec<String>,
    pub not_applicable: Vec<String>,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("assessments.sqlite");
        Env { dir, db }
    }

    pub fn command(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_safe-assess"));
        c.env("SAFE_ASSESS_DB", &self.db)
            .env("SAFE_ASSESS_USER", "Test User")
            .env_remove("SAFE_ASSESS_EXPORT_DIR");
        c
    }

    /// Runs and returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.command().args(args).output().expect("run safe-assess");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Runs, asserts success, returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "safe-assess {args:?} failed: {err}");
        out
    }

    /// The items of the built-in pack assessment `id` is on, split by whether they apply to assessment `id` and are mandatory.
    pub fn items_for(&self, id: &str) -> Items {
        let show: serde_json::Value =
            serde_json::from_str(&self.ok(&["show", id, "--json"])).expect("show JSON");
        let roles: Vec<String> =
            serde_json::from_value(show["assessment"]["roles"].clone()).expect("roles");
        let path = format!(
            "{}/assets/catalogue/{}.json",
            env!("CARGO_MANIFEST_DIR"),
            show["pack"]["id"].as_str().expect("pack id")
        );
        let pack: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("pack file"))
                .expect("pack JSON");
        let mut items = Items {
            mandatory: vec![],
            optional: vec![],
            not_applicable: vec![],
        };
        fn walk(g: &serde_json::Value, roles: &[String], out: &mut Items) {
            for i in g["items"].as_array().into_iter().flatten() {
                let id = i["id"].as_str().expect("item id").to_string();
                let item_roles: Vec<String> =
                    serde_json::from_value(i["roles"].clone()).expect("item roles");
                if !(item_roles.iter().any(|r| r == "all" || roles.contains(r))) {
                    out.not_applicable.push(id);
                } else if i["mandatory"] == true {
                    out.mandatory.push(id);
                } else {
                    out.optional.push(id);
                }
            }
            for c in g["groups"].as_array().into_iter().flatten() {
                walk(c, roles, out);
            }
        }
        for g in pack["groups"].as_array().expect("groups") {
            walk(g, &roles, &mut items);
        }
        items
    }
}

/// Every row of every table, as text, to compare a database before and after a command.
pub fn dump(db: &std::path::Path) -> Vec<String> {
    let c = rusqlite::Connection::open(db).expect("open db");
    let tables: Vec<String> = {
        let mut st = c
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .expect("tables");
        st.query_map([], |r| r.get(0))
            .expect("q")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    let mut out = Vec::new();
    for t in tables {
        let mut st = c
            .prepare(&format!("SELECT * FROM \"{t}\""))
            .expect("select");
        let n = st.column_count();
        let rows = st
            .query_map([], |r| {
                let mut s = String::new();
                for i in 0..n {
                    s.push_str(&format!("{:?}|", r.get_ref(i)?));
                }
                Ok(s)
            })
            .expect("rows");
        for r in rows {
            out.push(format!("{t}: {}", r.expect("row")));
        }
    }
    out.sort();
    out
}
