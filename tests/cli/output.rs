//! What the command line prints: `catalogue show` and a stdout that goes away mid-output.

use std::io::{BufRead, BufReader, Read};
use std::process::{ExitStatus, Stdio};

use crate::support::Env;

/// Item ids of a pack file, in file order.
fn item_ids(pack: &serde_json::Value) -> Vec<String> {
    fn walk(g: &serde_json::Value, out: &mut Vec<String>) {
        for i in g["items"].as_array().into_iter().flatten() {
            out.push(i["id"].as_str().expect("item id").to_string());
        }
        for c in g["groups"].as_array().into_iter().flatten() {
            walk(c, out);
        }
    }
    let mut out = Vec::new();
    for g in pack["groups"].as_array().expect("groups") {
        walk(g, &mut out);
    }
    out
}

fn asset(pack: &str) -> serde_json::Value {
    let path = format!(
        "{}/assets/catalogue/{pack}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("pack file")).expect("pack JSON")
}

#[test]
fn catalogue_show_gives_every_group_and_item_of_a_built_in_pack() {
    let env = Env::new();
    for id in ["safe2021-aeo", "safe2021-customs"] {
        let file = asset(id);
        let doc: serde_json::Value =
            serde_json::from_str(&env.ok(&["catalogue", "show", id, "--json"])).expect("JSON");
        assert_eq!(doc["schema"], "safe-assess.catalogue-pack/1");
        assert_eq!(doc["origin"], "builtin");
        let pack = &doc["pack"];
        for field in [
            "id", "version", "title", "edition", "date", "profile", "source",
        ] {
            assert_eq!(pack[field], file[field], "{id}: field {field}");
        }
        assert_eq!(
            item_ids(pack),
            item_ids(&file),
            "{id}: every item, in order"
        );
        // Every field of an item is there, as in the file.
        let first = &file["groups"][0]["items"][0];
        let shown = &pack["groups"][0]["items"][0];
        for (k, v) in first.as_object().expect("item") {
            assert_eq!(&shown[k], v, "{id}: item field {k}");
        }

        let text = env.ok(&["catalogue", "show", id]);
        for item in item_ids(&file) {
            assert!(text.contains(&item), "{id}: text lists {item}");
        }
        let group = &file["groups"][0];
        assert!(
            text.contains(group["title"].as_str().expect("title")),
            "{text}"
        );
        let crit = first["criticality"].as_str().expect("criticality");
        assert!(text.contains(crit), "{id}: criticality shown");
    }
    let aeo = env.ok(&["catalogue", "show", "safe2021-aeo"]);
    assert!(
        aeo.contains("mandatory") && aeo.contains("roles: "),
        "trader items show mandatory and roles: {aeo}"
    );
}

#[test]
fn catalogue_show_gives_a_users_own_pack_and_refuses_an_unknown_id() {
    let env = Env::new();
    let folder = env.dir.path().join("catalogue");
    std::fs::create_dir_all(&folder).expect("mkdir");
    let file = folder.join("national.json");
    std::fs::write(&file, r#"{"format":1,"id":"nat-aeo","title":"National AEO","edition":"E","date":"2024-01-01","version":"1.2.0","profile":"trader","source":"S","groups":[{"id":"N","kind":"section","code":"N","title":"National rules","summary":"s","reference":"r","items":[{"id":"N.01","title":"Licence held","requirement":"q","guidance":"g","shortfall":"f","evidence":["e"],"reference":"Law 12, art. 4","roles":["importer"],"criticality":"major","mandatory":false,"aim":"prevent-exploitation"}]}]}"#).expect("write");
    let doc: serde_json::Value =
        serde_json::from_str(&env.ok(&["catalogue", "show", "nat-aeo", "--json"])).expect("JSON");
    assert_eq!(doc["origin"], file.display().to_string());
    assert_eq!(doc["pack"]["groups"][0]["items"][0]["roles"][0], "importer");
    let text = env.ok(&["catalogue", "show", "nat-aeo"]);
    for shown in [
        "National rules",
        "N.01",
        "Licence held",
        "major",
        "not mandatory",
        "roles: importer",
        "Law 12, art. 4",
    ] {
        assert!(text.contains(shown), "{shown} in {text}");
    }

    let (code, out, err) = env.run(&["catalogue", "show", "nat-aoe", "--json"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert_eq!(
        err.lines().count(),
        2,
        "an error line and a code line: {err}"
    );
    assert!(err.contains("code: invalid_input"), "{err}");
    for named in ["'nat-aoe'", "safe2021-customs", "safe2021-aeo", "nat-aeo"] {
        assert!(err.contains(named), "{named} in {err}");
    }
}

/// Runs `args` with stdout a pipe whose reader reads `lines` lines and then closes it (before
/// the command starts when 0); returns the exit status, the lines read and stderr.
fn with_stdout_closed(env: &Env, args: &[&str], lines: usize) -> (ExitStatus, Vec<String>, String) {
    let (reader, writer) = std::io::pipe().expect("pipe");
    let mut reader = (lines > 0).then_some(reader);
    let mut cmd = env.command();
    cmd.args(args).stdout(writer).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run safe-assess");
    drop(cmd); // the only writer left is the child's
    let mut read = Vec::new();
    if let Some(r) = reader.take() {
        let mut r = BufReader::new(r);
        for _ in 0..lines {
            let mut line = String::new();
            r.read_line(&mut line).expect("read a line");
            read.push(line);
        }
    }
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("read stderr");
    (child.wait().expect("wait"), read, err)
}

fn assert_quiet(args: &[&str], (status, _, err): &(ExitStatus, Vec<String>, String)) {
    assert_eq!(status.code(), Some(0), "{args:?}: {err}");
    assert!(err.is_empty(), "{args:?} said nothing: {err}");
}

#[test]
fn a_closed_stdout_ends_the_command_quietly() {
    let env = Env::new();
    // Enough assessments that the listing is larger than a pipe's buffer (64 KiB).
    {
        let lib = safe_core::catalogue::Library::builtin().expect("packs");
        let mut store = safe_core::store::Store::open(&env.db).expect("database");
        for n in 0..120 {
            let new = safe_core::model::NewAssessment {
                title: format!("Assessment {n}"),
                profile: Some(safe_core::catalogue::Profile::Customs),
                roles: vec![],
                organisation: format!("Customs administration number {n}"),
                country: "KE".into(),
                identifiers: String::new(),
                assessors: "A. Assessor".into(),
                scope: "The whole administration, every border post".into(),
                pack_id: None,
                tiers: vec![],
            };
            let stamp = safe_core::model::Stamp::now("Test User");
            store
                .create_assessment(&lib, &new, &uuid::Uuid::new_v4().to_string(), &stamp)
                .expect("create");
        }
    }
    let list = ["list", "--json"];
    let (_, out, _) = env.run(&list);
    assert!(out.len() > 70_000, "the listing is {} bytes", out.len());

    for args in [
        &["catalogue", "list", "--json"][..],
        &["catalogue", "list"],
        &["catalogue", "show", "safe2021-aeo", "--json"],
        &list,
        &["list"],
    ] {
        // The reader is gone before anything is written.
        assert_quiet(args, &with_stdout_closed(&env, args, 0));
    }
    for args in [&["catalogue", "show", "safe2021-aeo", "--json"][..], &list] {
        // `| head -1`: one line read, the rest cannot be written.
        let run = with_stdout_closed(&env, args, 1);
        assert_eq!(run.1, ["{\n"], "{args:?}: the first line came through");
        assert_quiet(args, &run);
    }
}

#[test]
fn any_other_failure_to_write_the_output_is_one_line_and_exit_1() {
    let full = std::path::Path::new("/dev/full");
    if !full.exists() {
        return; // Linux only: the device whose writes always fail with "no space left"
    }
    let env = Env::new();
    let out = env
        .command()
        .args(["catalogue", "list"])
        .stdout(
            std::fs::OpenOptions::new()
                .write(true)
                .open(full)
                .expect("open /dev/full"),
        )
        .output()
        .expect("run safe-assess");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: cannot write the output: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
