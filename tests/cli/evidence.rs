//! Evidence files with awkward paths: dots, links, names that are not UTF-8, the same content
//! twice.

use crate::support::Env;

#[test]
fn evidence_paths_with_dots_links_and_non_utf8_names() {
    use std::os::unix::ffi::OsStrExt;
    let env = Env::new();
    let id = env.trader("T", "importer");
    let items = env.items_for(&id);
    let item = items.mandatory[0].as_str();
    env.ok(&["answer", &id, item, "--status", "met"]);
    let sub = env.dir.path().join("sub");
    std::fs::create_dir_all(&sub).expect("mkdir");
    std::fs::write(env.dir.path().join("plan.txt"), "contingency plan").expect("write");

    // A path through `..` names the file it resolves to; only the file name is kept.
    let dotted = sub.join("..").join("plan.txt");
    let out = env.ok(&[
        "evidence",
        "add",
        &id,
        item,
        dotted.to_str().expect("utf-8"),
    ]);
    assert!(out.contains(" plan.txt "), "{out}");

    // A link to a file attaches the file's content under the link's name; a link to a folder is refused.
    let link = env.dir.path().join("link-to-plan.txt");
    std::os::unix::fs::symlink(env.dir.path().join("plan.txt"), &link).expect("symlink");
    env.ok(&["evidence", "add", &id, item, link.to_str().expect("utf-8")]);
    let folder_link = env.dir.path().join("folder-link");
    std::os::unix::fs::symlink(&sub, &folder_link).expect("symlink");
    let (code, _, err) = env.run(&[
        "evidence",
        "add",
        &id,
        item,
        folder_link.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not a file"), "{err}");

    // A name that is not UTF-8 is kept readable (invalid bytes replaced), the content unchanged.
    let raw = std::ffi::OsStr::from_bytes(b"scan-\xff\xfe.pdf");
    let odd = env.dir.path().join(raw);
    std::fs::write(&odd, b"%PDF odd").expect("write");
    let out = env
        .command()
        .args(["evidence", "add", &id, item])
        .arg(&odd)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value =
        serde_json::from_str(&env.ok(&["evidence", "list", &id, "--json"])).expect("json");
    let names: Vec<&str> = list["evidence"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|e| e["fileName"].as_str())
        .collect();
    assert!(names.contains(&"scan-\u{fffd}\u{fffd}.pdf"), "{names:?}");
    assert_eq!(
        names.iter().filter(|n| n.ends_with("plan.txt")).count(),
        1,
        "same content stored once: {names:?}"
    );
}
