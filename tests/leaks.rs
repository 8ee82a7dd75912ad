//! Error messages and ordinary output never carry the content of a user's files or the
//! installation's private key: a bad file is named and described, never quoted.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::support::Env;

/// A string that must never appear in any output.
const SECRET: &str = "CONFIDENTIAL-supplier-list-7f3a9c";

/// Runs every command of `cases`, each expected to be refused; none may echo the secret.
fn refused_without_leaking(env: &Env, cases: &[Vec<&str>]) {
    for args in cases {
        let (code, out, err) = env.run(args);
        assert_eq!(code, 2, "safe-assess {args:?} was refused: {err}");
        assert!(!err.trim().is_empty(), "safe-assess {args:?} said why");
        for (stream, text) in [("stdout", &out), ("stderr", &err)] {
            assert!(
                !text.contains(SECRET),
                "safe-assess {args:?} leaked file content on {stream}: {text}"
            );
        }
    }
}

#[test]
fn bad_files_are_described_not_quoted() {
    let env = Env::new();
    let id = env.trader("T", "importer");
    let dir = env.dir.path();
    let text = dir.join("notes.txt");
    std::fs::write(&text, format!("{SECRET}\n{SECRET}\n")).expect("write");
    let json = dir.join("pack.json");
    std::fs::write(&json, format!("{{\"format\": 1, \"id\": {SECRET}}}")).expect("write");
    let fake_db = dir.join("other.sqlite");
    std::fs::write(&fake_db, SECRET.repeat(200)).expect("write");
    let zip = dir.join("fake.safeassess");
    std::fs::write(&zip, format!("PK\u{3}\u{4}{SECRET}")).expect("write");
    let (t, j, d, z) = (
        text.to_str().expect("utf-8"),
        json.to_str().expect("utf-8"),
        fake_db.to_str().expect("utf-8"),
        zip.to_str().expect("utf-8"),
    );
    refused_without_leaking(
        &env,
        &[
            vec!["catalogue", "check", t],
            vec!["catalogue", "check", j],
            vec!["restore", t],
            vec!["restore", d],
            vec!["import", t],
            vec!["import", z],
            vec!["verify", t],
            vec!["verify", z],
            vec!["merge", &id, z],
            vec!["--db", d, "list"],
        ],
    );
}

#[test]
fn the_private_key_is_never_printed() {
    let env = Env::new();
    let id = env.trader("T", "importer");
    let file = env.dir.path().join("out.safeassess");
    let f = file.to_str().expect("utf-8");
    let mut outputs = vec![env.ok(&["export", &id, "--out", f])];
    outputs.push(env.ok(&["key"]));
    outputs.push(env.ok(&["verify", f]));
    outputs.push(env.ok(&["key", "--json"]));
    let key = std::fs::read_to_string(env.dir.path().join("keys").join("signing.key"))
        .expect("the key was created beside the database");
    let key = key.trim();
    assert_eq!(key.len(), 64, "a 32-byte seed in hex");
    for out in outputs {
        assert!(!out.contains(key), "the private key was printed: {out}");
    }
}
