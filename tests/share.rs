//! Sharing end to end with the real `safe-assess` binary: every "machine" is its own temporary
//! database (and signing key). Export, import, verify, merge, compare and trend, and the files
//! that must be refused.
#![allow(clippy::expect_used)] // test code: a failed expectation is a test failure

use std::io::{Read, Write};
use std::path::Path;

use safe_test_support::Cli;
use serde_json::Value;

/// One machine: a temporary folder holding its database and key, used by one person.
struct Machine(Cli);

impl std::ops::Deref for Machine {
    type Target = Cli;
    fn deref(&self) -> &Cli {
        &self.0
    }
}

impl Machine {
    fn new(user: &'static str) -> Machine {
        Machine(Cli::at(
            env!("CARGO_BIN_EXE_safe-assess"),
            user,
            "data/assessments.sqlite",
        ))
    }

    /// A new freight-forwarder assessment of Acme Logistics.
    fn new_trader(&self, title: &str) -> String {
        self.new_assessment(&[
            "--title",
            title,
            "--profile",
            "trader",
            "--role",
            "freight-forwarder",
            "--org",
            "Acme Logistics",
            "--country",
            "KE",
        ])
    }

    fn import(&self, file: &Path) -> String {
        let out = self.ok(&["import", path(file)]);
        out.lines().next().expect("new id").trim().to_string()
    }

    fn status(&self, id: &str, item: &str) -> Option<String> {
        let show = self.json(&["show", id, "--json"]);
        show["answers"]
            .as_array()
            .expect("answers")
            .iter()
            .find(|a| a["itemId"] == item)
            .map(|a| a["status"].as_str().expect("status").to_string())
    }

    /// Everything a user can see of the database, to prove a refused command changed nothing.
    fn snapshot(&self) -> String {
        let list = self.json(&["list", "--json"]);
        let mut out = list.to_string();
        for a in list["assessments"].as_array().into_iter().flatten() {
            let id = a["id"].as_str().expect("id");
            out.push_str(&self.ok(&["show", id, "--json"]));
            out.push_str(&self.ok(&["history", id, "--json"]));
        }
        out
    }
}

/// The code of a refusal: the `code:` line that follows the `error:` line on stderr.
fn code(out: &str) -> &str {
    let mut lines = out
        .lines()
        .skip_while(|l| !l.starts_with("error: "))
        .skip(1);
    lines
        .next()
        .and_then(|l| l.strip_prefix("code: "))
        .unwrap_or_else(|| panic!("no code line right after the error line: {out}"))
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// Applicable items of assessment `id` from two different groups: (first group, other group).
fn items(m: &Machine, id: &str) -> (Vec<String>, Vec<String>) {
    let show = m.json(&["show", id, "--json"]);
    let gaps = show["scorecard"]["gaps"].as_array().expect("gaps").clone();
    let group = gaps[0]["groupId"].clone();
    let ids = |same: bool| {
        gaps.iter()
            .filter(|g| (g["groupId"] == group) == same)
            .map(|g| g["itemId"].as_str().expect("item").to_string())
            .collect::<Vec<_>>()
    };
    (ids(true), ids(false))
}

/// Copies a zip through `edit` (`None` drops a member) and appends `extra` members.
fn rezip(
    src: &Path,
    dst: &Path,
    edit: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>,
    extra: &[(&str, &[u8])],
) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(src).expect("open")).expect("zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(dst).expect("create"));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).expect("member");
        let name = f.name().expect("name").to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).expect("read");
        if let Some(b) = edit(&name, bytes) {
            w.start_file(name.as_str(), opts).expect("start");
            w.write_all(&b).expect("write");
        }
    }
    for (name, b) in extra {
        w.start_file(*name, opts).expect("start");
        w.write_all(b).expect("write");
    }
    w.finish().expect("finish");
}

fn members(file: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(file).expect("open")).expect("zip");
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).expect("member");
            let mut b = Vec::new();
            f.read_to_end(&mut b).expect("read");
            (f.name().expect("name").to_string(), b)
        })
        .collect()
}

#[test]
fn two_assessors_merge_and_customs_verifies_and_imports_the_signed_file() {
    let (trader, colleague, customs) = (
        Machine::new("Ana"),
        Machine::new("Bo"),
        Machine::new("Officer"),
    );
    let id = trader.new_trader("Acme AEO 2026");
    let (first, other) = items(&trader, &id);
    trader.ok(&[
        "answer",
        &id,
        &first[0],
        "--status",
        "met",
        "--comment",
        "policy signed",
    ]);
    let start = trader.file("start.safeassess");
    trader.ok(&["export", &id, "--out", path(&start)]);

    // The colleague answers another section on their own machine and sends the file back.
    let theirs = colleague.import(&start);
    assert_ne!(theirs, id, "an import is a new assessment");
    colleague.ok(&[
        "answer",
        &theirs,
        &other[0],
        "--status",
        "partially-met",
        "--owner",
        "Bo",
    ]);
    let back = colleague.file("back.safeassess");
    colleague.ok(&["export", &theirs, "--out", path(&back)]);

    let out = trader.ok(&["merge", &id, path(&back)]);
    assert!(out.contains("1 item(s) taken"), "{out}");
    assert_eq!(trader.status(&id, &first[0]).as_deref(), Some("met"));
    assert_eq!(
        trader.status(&id, &other[0]).as_deref(),
        Some("partially-met")
    );
    let h = trader.json(&["history", &id, &other[0], "--json"]);
    assert!(
        h.to_string().contains("\"merge\""),
        "the merge is in the history: {h}"
    );

    // The trader sends the merged, signed file to customs.
    let to_customs = trader.file("acme-2026.safeassess");
    trader.ok(&["export", &id, "--out", path(&to_customs)]);
    let fingerprint = trader
        .ok(&["key"])
        .lines()
        .find_map(|l| l.strip_prefix("fingerprint: ").map(str::to_string))
        .expect("fingerprint");
    let v = customs.ok(&["verify", path(&to_customs)]);
    assert!(v.contains("content:    intact"), "{v}");
    assert!(
        v.contains(&fingerprint) && v.contains("Acme Logistics"),
        "{v}"
    );
    let got = customs.import(&to_customs);
    assert_eq!(
        customs.status(&got, &other[0]).as_deref(),
        Some("partially-met")
    );
    let h = customs.json(&["history", &got, "--json"]);
    assert!(h.to_string().contains("\"import\""), "{h}");

    // The key file is private.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let key = trader
            .dir
            .path()
            .join("data")
            .join("keys")
            .join("signing.key");
        let mode = std::fs::metadata(key)
            .expect("key file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn conflicts_are_listed_side_by_side_and_change_nothing_without_prefer() {
    let (mine, other) = (Machine::new("Ana"), Machine::new("Bo"));
    let id = mine.new_trader("Acme AEO 2026");
    let (first, _) = items(&mine, &id);
    let start = mine.file("start.safeassess");
    mine.ok(&["export", &id, "--out", path(&start)]);
    let theirs = other.import(&start);
    mine.ok(&["answer", &id, &first[0], "--status", "not-met"]);
    other.ok(&[
        "answer",
        &theirs,
        &first[0],
        "--status",
        "met",
        "--comment",
        "fixed in May",
    ]);
    other.ok(&["answer", &theirs, &first[1], "--status", "met"]);
    let back = other.file("back.safeassess");
    other.ok(&["export", &theirs, "--out", path(&back)]);

    let before = mine.snapshot();
    let out = mine.refused(&["merge", &id, path(&back)]);
    assert!(
        out.contains(&first[0]) && out.contains("not-met") && out.contains("comment: fixed in May"),
        "{out}"
    );
    assert!(out.contains("--prefer"), "{out}");
    assert_eq!(mine.snapshot(), before, "nothing changed");

    mine.ok(&["merge", &id, path(&back), "--prefer", "theirs"]);
    assert_eq!(mine.status(&id, &first[0]).as_deref(), Some("met"));
    assert_eq!(mine.status(&id, &first[1]).as_deref(), Some("met"));
    let h = mine.json(&["history", &id, &first[0], "--json"]);
    let last = h
        .as_array()
        .or_else(|| h["entries"].as_array())
        .and_then(|a| a.last().cloned())
        .expect("history entries");
    assert_eq!(last["action"], "merge");
    assert_eq!(last["old"]["status"], "not-met");
    assert_eq!(last["new"]["status"], "met");
}

#[test]
fn tampered_truncated_and_foreign_files_are_refused_and_change_nothing() {
    let (trader, customs) = (Machine::new("Ana"), Machine::new("Officer"));
    let id = trader.new_trader("Acme AEO 2026");
    let (first, _) = items(&trader, &id);
    trader.ok(&["answer", &id, &first[0], "--status", "met"]);
    let good = trader.file("good.safeassess");
    trader.ok(&["export", &id, "--out", path(&good)]);
    let bytes = std::fs::read(&good).expect("read");
    customs.ok(&["list"]);
    let before = customs.snapshot();

    // One byte flipped inside assessment.json's packed data.
    // The first occurrence of the name is in the member's local header; its data follows.
    let name_at = find(&bytes, b"assessment.json").expect("member header");
    let mut flipped = bytes.clone();
    flipped[name_at + "assessment.json".len() + 40] ^= 0x5a;
    let tampered = customs.file("tampered.safeassess");
    std::fs::write(&tampered, &flipped).expect("write");
    let out = customs.refused(&["verify", path(&tampered)]);
    assert!(out.contains("TAMPERED"), "{out}");
    assert_eq!(code(&out), "share_tampered", "the app's code for this file");
    let out = customs.refused(&["import", path(&tampered)]);
    assert_eq!(code(&out), "share_tampered", "{out}");

    let cut = customs.file("cut.safeassess");
    std::fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).expect("write");
    let out = customs.refused(&["import", path(&cut)]);
    assert!(out.contains("not a usable .safeassess file"), "{out}");
    assert_eq!(code(&out), "share_unreadable");

    let evil = customs.file("evil.safeassess");
    rezip(&good, &evil, |_, b| Some(b), &[("../evil", b"owned")]);
    let out = customs.refused(&["import", path(&evil)]);
    assert!(out.contains("'../evil'"), "{out}");
    assert_eq!(code(&out), "share_unsafe_member");
    assert!(!customs.dir.path().join("evil").exists());

    let pdf = customs.file("letter.pdf");
    std::fs::write(&pdf, b"%PDF-1.4 not a safeassess file").expect("write");
    customs.refused(&["import", path(&pdf)]);

    // An unknown id is the core's not_found, whichever crate's command is run.
    let out = customs.refused(&[
        "export",
        "no-such-id",
        "--out",
        path(&customs.file("x.safeassess")),
    ]);
    assert!(out.contains("'no-such-id' not found"), "{out}");
    assert_eq!(code(&out), "not_found");

    assert_eq!(customs.snapshot(), before, "nothing was imported");
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn zip_bombs_large_evidence_and_newer_formats_are_refused() {
    let (trader, customs) = (Machine::new("Ana"), Machine::new("Officer"));
    let id = trader.new_trader("Acme AEO 2026");
    let (first, _) = items(&trader, &id);
    trader.ok(&["answer", &id, &first[0], "--status", "met"]);
    let evidence = trader.file("scan.bin");
    let noise: Vec<u8> = (0..2_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&evidence, &noise).expect("write");
    trader.ok(&["evidence", "add", &id, &first[0], path(&evidence)]);
    let good = trader.file("good.safeassess");
    trader.ok(&["export", &id, "--out", path(&good)]);
    customs.ok(&["list"]);
    let before = customs.snapshot();

    // 40 MB of zeros (under the evidence limit) packs into ~40 KB: refused from the zip
    // directory as a bomb, never unpacked.
    let zeros = vec![0u8; 40 * 1024 * 1024];
    let name = format!("evidence/{}", "0".repeat(64));
    let bomb = customs.file("bomb.safeassess");
    rezip(
        &good,
        &bomb,
        |_, b| Some(b),
        &[(name.as_str(), zeros.as_slice())],
    );
    let out = customs.refused(&["import", path(&bomb)]);
    assert!(out.contains("zip bomb"), "{out}");
    assert_eq!(code(&out), "share_too_large");

    let out = customs.refused(&["import", path(&good), "--max-evidence-mb", "1"]);
    assert!(out.contains("over the limit of 1.0 MB"), "{out}");

    let newer = customs.file("newer.safeassess");
    rezip(
        &good,
        &newer,
        |n, b| {
            Some(if n == "manifest.json" {
                let mut m: Value = serde_json::from_slice(&b).expect("manifest");
                m["format"] = 3.into();
                m["appVersion"] = "2.0.0".into();
                serde_json::to_vec(&m).expect("json")
            } else {
                b
            })
        },
        &[],
    );
    let out = customs.refused(&["import", path(&newer)]);
    assert!(
        out.contains("format version 3") && out.contains("install safe-assess 2.0.0 or newer"),
        "{out}"
    );
    assert_eq!(code(&out), "share_format_too_new");

    assert_eq!(customs.snapshot(), before);
    customs.import(&good);
}

#[test]
fn redacted_exports_leave_out_comments_owners_and_evidence_content() {
    let (trader, customs) = (Machine::new("Ana"), Machine::new("Officer"));
    let id = trader.new_trader("Acme AEO 2026");
    let (first, _) = items(&trader, &id);
    trader.ok(&[
        "answer",
        &id,
        &first[0],
        "--status",
        "partially-met",
        "--comment",
        "SECRET-COMMENT",
        "--owner",
        "SECRET-OWNER",
    ]);
    let evidence = trader.file("policy.txt");
    std::fs::write(&evidence, "SECRET-CONTENT of the policy").expect("write");
    trader.ok(&["evidence", "add", &id, &first[0], path(&evidence)]);
    let out = trader.file("redacted.safeassess");
    trader.ok(&["export", &id, "--out", path(&out), "--redact"]);

    let all = members(&out);
    assert!(
        all.iter().all(|(n, _)| !n.starts_with("evidence/")),
        "no evidence content"
    );
    for (name, b) in &all {
        let text = String::from_utf8_lossy(b);
        for secret in ["SECRET-COMMENT", "SECRET-OWNER", "SECRET-CONTENT"] {
            assert!(!text.contains(secret), "{secret} found in {name}");
        }
    }
    let assessment = all
        .iter()
        .find(|(n, _)| n == "assessment.json")
        .expect("assessment.json");
    assert!(
        String::from_utf8_lossy(&assessment.1).contains("policy.txt"),
        "names stay"
    );

    let got = customs.import(&out);
    assert_eq!(
        customs.status(&got, &first[0]).as_deref(),
        Some("partially-met")
    );
    let ev = customs.json(&["evidence", "list", &got, "--json"]);
    assert!(
        !ev.to_string().contains("policy.txt"),
        "no content, so no evidence: {ev}"
    );
}

#[test]
fn a_reassessment_shows_gaps_closed_and_a_trend_over_three_years() {
    let m = Machine::new("Ana");
    let y1 = m.new_trader("Acme AEO 2026");
    let (first, other) = items(&m, &y1);
    m.ok(&["answer", &y1, &first[0], "--status", "not-met"]);
    m.ok(&["answer", &y1, &other[0], "--status", "met"]);
    let y2 = m
        .ok(&["duplicate", &y1, "--title", "Acme AEO 2027"])
        .trim()
        .to_string();
    m.ok(&["answer", &y2, &first[0], "--status", "met"]);

    let c = m.json(&["compare", &y1, &y2, "--json"]);
    let closed: Vec<&str> = c["comparison"]["gapsClosed"]
        .as_array()
        .expect("gaps closed")
        .iter()
        .map(|g| g["itemId"].as_str().expect("item"))
        .collect();
    assert!(closed.contains(&first[0].as_str()), "{c}");
    assert!(
        c["comparison"]["gapsOpened"]
            .as_array()
            .expect("opened")
            .is_empty()
    );
    assert!(c["comparison"]["delta"].as_f64().expect("delta") > 0.0);
    let text = m.ok(&["compare", &y1, &y2]);
    assert!(
        text.contains("gaps closed (") && text.contains("improved"),
        "{text}"
    );

    let y3 = m
        .ok(&["duplicate", &y2, "--title", "Acme AEO 2028"])
        .trim()
        .to_string();
    m.ok(&["answer", &y3, &other[0], "--status", "partially-met"]);
    let t = m.json(&["trend", &y3, &y1, &y2, "--json"]);
    let titles: Vec<&str> = t["trend"]["assessments"]
        .as_array()
        .expect("assessments")
        .iter()
        .map(|p| p["title"].as_str().expect("title"))
        .collect();
    assert_eq!(titles, ["Acme AEO 2026", "Acme AEO 2027", "Acme AEO 2028"]);
    let overall: Vec<f64> = t["trend"]["overall"]
        .as_array()
        .expect("overall")
        .iter()
        .map(|v| v.as_f64().expect("score"))
        .collect();
    assert!(
        overall[1] > overall[0] && overall[2] < overall[1],
        "{overall:?}"
    );
    let by_org = m.ok(&["trend", "--org", "acme logistics"]);
    assert!(
        by_org.contains("overall") && by_org.contains("Acme AEO 2028"),
        "{by_org}"
    );
}

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v1.safeassess");

/// Files of format version 1 keep importing. The fixture was written by
/// `regenerate_v1_fixture` below; never regenerate it once a newer format exists.
#[test]
fn a_format_1_file_still_imports() {
    let m = Machine::new("Officer");
    let v = m.ok(&["verify", FIXTURE]);
    assert!(
        v.contains("intact") && v.contains("Fixture Freight Ltd"),
        "{v}"
    );
    let id = m.import(Path::new(FIXTURE));
    let show = m.json(&["show", &id, "--json"]);
    assert_eq!(show["assessment"]["title"], "Fixture AEO 2026");
    let answers = show["answers"].as_array().expect("answers");
    let statuses: Vec<&str> = answers
        .iter()
        .map(|a| a["status"].as_str().expect("status"))
        .collect();
    assert_eq!(answers.len(), 3, "{statuses:?}");
    for s in ["met", "partially-met", "not-met"] {
        assert!(statuses.contains(&s), "{statuses:?}");
    }
    let ev = m.json(&["evidence", "list", &id, "--json"]);
    assert!(ev.to_string().contains("fixture-policy.txt"), "{ev}");
}

/// Writes tests/fixtures/v1.safeassess. Run by hand only while format 1 is the newest:
/// `cargo test --test it -- --ignored share::regenerate_v1_fixture`
#[test]
#[ignore]
fn regenerate_v1_fixture() {
    let m = Machine::new("Fixture Writer");
    let id = m.new_assessment(&[
        "--title",
        "Fixture AEO 2026",
        "--profile",
        "trader",
        "--role",
        "importer",
        "--org",
        "Fixture Freight Ltd",
        "--country",
        "NL",
    ]);
    let (first, other) = items(&m, &id);
    m.ok(&[
        "answer",
        &id,
        &first[0],
        "--status",
        "met",
        "--comment",
        "kept for the fixture",
    ]);
    m.ok(&[
        "answer",
        &id,
        &first[1],
        "--status",
        "partially-met",
        "--owner",
        "QA",
    ]);
    m.ok(&["answer", &id, &other[0], "--status", "not-met"]);
    let ev = m.file("fixture-policy.txt");
    std::fs::write(&ev, "Fixture security policy").expect("write");
    m.ok(&["evidence", "add", &id, &first[0], path(&ev)]);
    std::fs::create_dir_all(Path::new(FIXTURE).parent().expect("folder")).expect("mkdir");
    m.ok(&["export", &id, "--out", FIXTURE, "--force"]);
}
