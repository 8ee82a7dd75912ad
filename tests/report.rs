//! Runs `safe-assess report` on the built binary: every format, the checks on the output path
//! (existing file without --force, missing or read-only folder, unknown words) with exit code 2 and
//! nothing left behind, and one PDF read back with pdftotext.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use crate::support::Env;

fn trader(env: &Env) -> String {
    let id = env.ok(&[
        "new",
        "--title",
        "AEO readiness 2026",
        "--profile",
        "trader",
        "--role",
        "importer",
        "--org",
        "Acme <Imports> & Co",
        "--country",
        "FR",
    ]);
    let id = id.trim().to_string();
    let items = env.items_for(&id);
    env.ok(&["answer", &id, &items.mandatory[0], "--status", "met"]);
    env.ok(&[
        "answer",
        &id,
        &items.mandatory[1],
        "--status",
        "not-met",
        "--comment",
        "<script>alert(1)</script> =1+1",
        "--owner",
        "Security",
        "--due",
        "2020-01-31",
    ]);
    let file = env.dir.path().join("policy.txt");
    std::fs::write(&file, "security policy").expect("evidence file");
    env.ok(&[
        "evidence",
        "add",
        &id,
        &items.mandatory[0],
        file.to_str().expect("utf-8 path"),
        "--expires",
        "2021-12-31",
    ]);
    id
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect()
}

#[test]
fn every_format_is_written_and_user_text_is_escaped() {
    let env = Env::new();
    let id = trader(&env);
    let out = env.dir.path();
    for f in ["html", "json", "csv", "xlsx"] {
        let path = out.join(format!("r.{f}"));
        let stdout = env.ok(&[
            "report",
            &id[..8],
            "--format",
            f,
            "--out",
            path.to_str().expect("utf-8"),
        ]);
        assert!(stdout.starts_with("wrote "), "{stdout}");
        assert!(
            std::fs::metadata(&path).expect("written").len() > 100,
            "{f}"
        );
    }
    let html = std::fs::read_to_string(out.join("r.html")).expect("html");
    assert!(html.contains("Acme &lt;Imports&gt; &amp; Co"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>"));
    assert!(html.contains("badge overdue") && html.contains("badge expired"));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("r.json")).expect("json"))
            .expect("valid JSON");
    assert_eq!(json["schema"], "safe-assess.report/1");
    assert_eq!(json["assessment"]["organisation"], "Acme <Imports> & Co");
    assert_eq!(json["summary"]["verdict"]["readiness"], "not-ready");
    let csv = std::fs::read_to_string(out.join("r.csv")).expect("csv");
    assert!(csv.contains("'<script>") || csv.contains("<script>alert(1)</script> =1+1"));
    assert!(leftovers(out).is_empty());
    let fr = out.join("fr.html");
    env.ok(&[
        "report",
        &id,
        "--format",
        "html",
        "--out",
        fr.to_str().expect("utf-8"),
        "--lang",
        "fr",
        "--paper",
        "letter",
    ]);
    let fr = std::fs::read_to_string(fr).expect("fr html");
    assert!(
        fr.contains("<html lang=\"fr\">") && fr.contains("Synthèse") && fr.contains("size: letter")
    );
}

#[test]
fn the_pdf_reads_back() {
    let env = Env::new();
    let id = trader(&env);
    let path = env.dir.path().join("report.pdf");
    env.ok(&[
        "report",
        &id,
        "--format",
        "pdf",
        "--out",
        path.to_str().expect("utf-8"),
    ]);
    let text = safe_test_support::pdf_text(&path);
    assert!(text.contains("Acme <Imports> & Co"));
    assert!(text.contains("<script>alert(1)</script> =1+1"));
    assert!(text.contains("Not ready"));
}

#[test]
fn bad_input_exits_2_and_leaves_nothing_behind() {
    let env = Env::new();
    let id = trader(&env);
    let dir = env.dir.path();
    let out = dir.join("r.html");
    let out_s = out.to_str().expect("utf-8");

    let (code, _, err) = env.run(&["report", &id, "--format", "docx", "--out", out_s]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unknown report format 'docx'"), "{err}");
    let (code, _, err) = env.run(&[
        "report", &id, "--format", "pdf", "--out", out_s, "--lang", "de",
    ]);
    assert_eq!(
        (code, err.contains("unknown language 'de'")),
        (2, true),
        "{err}"
    );
    let (code, _, err) = env.run(&[
        "report", &id, "--format", "pdf", "--out", out_s, "--paper", "a3",
    ]);
    assert_eq!(
        (code, err.contains("unknown paper size 'a3'")),
        (2, true),
        "{err}"
    );
    let (code, _, err) = env.run(&["report", "nope", "--format", "html", "--out", out_s]);
    assert_eq!(code, 2, "{err}");
    assert!(!out.exists(), "nothing written for bad input");

    // An existing file is kept unless --force.
    std::fs::write(&out, "keep me").expect("existing file");
    let (code, _, err) = env.run(&["report", &id, "--format", "html", "--out", out_s]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "keep me");
    env.ok(&["report", &id, "--format", "html", "--out", out_s, "--force"]);
    assert!(
        std::fs::read_to_string(&out)
            .expect("read")
            .starts_with("<!DOCTYPE html>")
    );

    // A folder that does not exist, or a file used as a folder.
    for bad in [dir.join("missing/r.html"), dir.join("r.html/inner.html")] {
        let (code, _, err) = env.run(&[
            "report",
            &id,
            "--format",
            "html",
            "--out",
            bad.to_str().expect("utf-8"),
        ]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("cannot write the report into"), "{err}");
        assert!(err.lines().count() <= 2, "one clear line: {err}");
    }

    // A read-only folder (only meaningful when not running as root).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let ro = dir.join("ro");
        std::fs::create_dir(&ro).expect("mkdir");
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        if std::fs::write(ro.join("probe"), "").is_err() {
            let (code, _, err) = env.run(&[
                "report",
                &id,
                "--format",
                "json",
                "--out",
                ro.join("r.json").to_str().expect("utf-8"),
            ]);
            assert_eq!(code, 2, "{err}");
            assert!(err.contains("permission denied"), "{err}");
            assert_eq!(
                std::fs::read_dir(&ro).expect("read").count(),
                0,
                "nothing left behind"
            );
        } else {
            let _ = std::fs::remove_file(ro.join("probe"));
        }
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    assert!(leftovers(dir).is_empty());
}

#[test]
fn compare_with_adds_the_progress_section() {
    let env = Env::new();
    let previous = trader(&env);
    let items = env.items_for(&previous);
    // A year later: a duplicate where the unmet item is now met.
    let current = env
        .ok(&["duplicate", &previous, "--title", "AEO readiness 2027"])
        .trim()
        .to_string();
    env.ok(&["answer", &current, &items.mandatory[1], "--status", "met"]);
    let dir = env.dir.path();

    let json = dir.join("progress.json");
    env.ok(&[
        "report",
        &current,
        "--format",
        "json",
        "--out",
        json.to_str().expect("utf-8"),
        "--compare-with",
        &previous[..8],
    ]);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json")).expect("valid JSON");
    let c = &v["comparison"];
    assert_eq!(c["previous"]["id"], previous.as_str());
    assert_eq!(c["previous"]["title"], "AEO readiness 2026");
    let closed: Vec<&str> = c["gapsClosed"]
        .as_array()
        .expect("gaps closed")
        .iter()
        .map(|g| g["itemId"].as_str().expect("item id"))
        .collect();
    assert_eq!(closed, [items.mandatory[1].as_str()]);
    assert!(c["overall"]["delta"].as_f64().expect("delta") > 0.0);

    let html = dir.join("progress.html");
    env.ok(&[
        "report",
        &current,
        "--format",
        "html",
        "--out",
        html.to_str().expect("utf-8"),
        "--lang",
        "fr",
        "--compare-with",
        &previous,
    ]);
    let html = std::fs::read_to_string(html).expect("html");
    assert!(html.contains("<section id=\"progress\""));
    assert!(html.contains("Progrès depuis l&#39;évaluation précédente"));

    // Without the flag: no section.
    let plain = dir.join("plain.json");
    env.ok(&[
        "report",
        &current,
        "--format",
        "json",
        "--out",
        plain.to_str().expect("utf-8"),
    ]);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plain).expect("json")).expect("valid JSON");
    assert!(v["comparison"].is_null());
}

#[test]
fn compare_with_refuses_a_missing_or_unrelated_assessment() {
    let env = Env::new();
    let id = trader(&env);
    let out = env.dir.path().join("r.html");
    let out_s = out.to_str().expect("utf-8");
    let report = |other: &str| {
        env.run(&[
            "report",
            &id,
            "--format",
            "html",
            "--out",
            out_s,
            "--compare-with",
            other,
        ])
    };

    let (code, _, err) = report("abcdef12");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("abcdef12"), "{err}");

    let (code, _, err) = report(&id);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot be compared with itself"), "{err}");

    // Another organisation on the same catalogue.
    let other = env.ok(&[
        "new",
        "--title",
        "Other",
        "--profile",
        "trader",
        "--role",
        "importer",
        "--org",
        "Globex SARL",
    ]);
    let (code, _, err) = report(other.trim());
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("'Globex SARL'") && err.contains("same organisation"),
        "{err}"
    );

    // Another catalogue (customs), even under the same organisation name.
    let customs = env.ok(&[
        "new",
        "--title",
        "Customs",
        "--profile",
        "customs",
        "--org",
        "Acme <Imports> & Co",
    ]);
    let (code, _, err) = report(customs.trim());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("different catalogues"), "{err}");
    assert!(err.lines().count() <= 2, "one clear line: {err}");

    assert!(!out.exists(), "nothing written when refused");
    assert!(leftovers(env.dir.path()).is_empty());
}
