//! Helpers for tests that run the real `safe-assess` binary against a private database (the
//! runner and the dump are `safe-test-support`'s; what is here knows this crate's assets).
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

use safe_test_support::Cli;
pub use safe_test_support::dump;

/// A temporary folder with its own database; every command runs against it (user `Test User`).
pub struct Env(Cli);

impl std::ops::Deref for Env {
    type Target = Cli;
    fn deref(&self) -> &Cli {
        &self.0
    }
}

/// Items of the built-in trader pack, sorted for an assessment's roles.
pub struct Items {
    pub mandatory: Vec<String>,
    pub optional: Vec<String>,
    pub not_applicable: Vec<String>,
}

impl Env {
    pub fn new() -> Env {
        Env(Cli::new(env!("CARGO_BIN_EXE_safe-assess")))
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
