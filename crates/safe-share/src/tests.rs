//! Unit tests: export → open → import round trips, and every refusal of a bad file.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::{Duration, TimeZone, Utc};
use safe_core::catalogue::{Library, Profile};
use safe_core::model::{AnswerInput, NewAssessment, Stamp, Status};
use safe_core::store::{EvidenceFile, Store, Validity};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;

use super::*;
use crate::format::{CHECKSUMS, Checksums, MANIFEST, SIGNATURE};
use crate::keys::hex;

const ID: &str = "5eed0000-0000-4000-8000-000000000001";

fn stamp(min: i64) -> Stamp {
    Stamp {
        at: Utc
            .with_ymd_and_hms(2026, 5, 1, 8, 0, 0)
            .single()
            .expect("time")
            + Duration::minutes(min),
        by: "Ana".into(),
    }
}

struct Fixture {
    dir: tempfile::TempDir,
    store: Store,
    keys: Keys,
    items: Vec<String>,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let keys = Keys::load_or_create(&dir.path().join("keys")).expect("keys");
        let mut store = Store::open_in_memory().expect("store");
        let new = NewAssessment {
            title: "Forwarder 2026".into(),
            profile: Some(Profile::Trader),
            roles: vec!["freight-forwarder".into()],
            organisation: "Acme Logistics".into(),
            ..Default::default()
        };
        let lib = Library::builtin().expect("packs");
        let a = store
            .create_assessment(&lib, &new, ID, &stamp(0))
            .expect("create");
        let pack = store.pack(&a.pack_id, &a.pack_version).expect("pack");
        let items: Vec<String> = pack
            .items()
            .into_iter()
            .filter(|i| i.applies_to(&a.roles))
            .take(4)
            .map(|i| i.id.clone())
            .collect();
        let mut met = AnswerInput::status(Status::Met);
        met.comment = "see the signed policy".into();
        met.owner = "Bo Security".into();
        store
            .save_answer(ID, &items[0], &met, &stamp(1))
            .expect("a0");
        let not_met = AnswerInput::status(Status::NotMet);
        store
            .save_answer(ID, &items[1], &not_met, &stamp(2))
            .expect("a1");
        let file = EvidenceFile {
            file_name: "policy.txt".into(),
            bytes: b"security policy, version 3".to_vec(),
        };
        store
            .add_evidence(ID, &items[0], &file, Validity::default(), &stamp(3))
            .expect("evidence");
        Fixture {
            dir,
            store,
            keys,
            items,
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn export(&self, name: &str, redact: bool) -> PathBuf {
        let out = self.path(name);
        let opts = ExportOptions {
            redact,
            signer_name: "Ana".into(),
            overwrite: false,
        };
        export(&self.store, ID, &self.keys, &opts, &out, stamp(5).at).expect("export");
        out
    }
}

/// Copies a zip member by member through `edit` (`None` drops a member), then appends `extra`.
fn rezip(
    src: &Path,
    dst: &Path,
    edit: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>,
    extra: &[(&str, Vec<u8>)],
) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(src).expect("open")).expect("zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(dst).expect("create"));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
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

fn sha(b: &[u8]) -> String {
    hex(&Sha256::digest(b))
}

fn count_assessments(s: &Store) -> usize {
    s.list_assessments().expect("list").len()
}

#[test]
fn export_then_import_round_trips_and_verifies() {
    let fx = Fixture::new();
    let path = fx.export("a.safeassess", false);
    let v = verify(&path, Limits::default()).expect("verify");
    assert_eq!(v.integrity, Integrity::Intact);
    let signer = v.signer.expect("signer");
    assert_eq!(signer.fingerprint, fx.keys.fingerprint());
    assert_eq!(signer.organisation, "Acme Logistics");

    let mut other = Store::open_in_memory().expect("store");
    let new_id = "5eed0000-0000-4000-8000-0000000000aa";
    let out = import(
        &mut other,
        &path,
        &ImportOptions::default(),
        new_id,
        &stamp(9),
    )
    .expect("import");
    assert_eq!(out.assessment.id, new_id);
    assert_eq!(
        (out.answers, out.evidence_files, out.evidence_withheld),
        (2, 1, 0)
    );
    let a0 = other
        .answer(new_id, &fx.items[0])
        .expect("read")
        .expect("answered");
    assert_eq!(a0.input.comment, "see the signed policy");
    assert_eq!(
        other
            .evidence_content(new_id, &a0.evidence[0])
            .expect("content"),
        b"security policy, version 3"
    );
    assert_eq!(
        other.lineage(new_id).expect("lineage"),
        vec![ID.to_string()]
    );

    // Export refuses to replace a file unless told to.
    let opts = ExportOptions::default();
    let err = export(&fx.store, ID, &fx.keys, &opts, &path, stamp(6).at).expect_err("exists");
    assert!(err.to_string().contains("--force"), "{err}");
}

#[test]
fn redacted_files_carry_no_comments_owners_or_evidence_content() {
    let fx = Fixture::new();
    let path = fx.export("r.safeassess", true);
    let file = ShareFile::open(&path, Limits::default()).expect("open");
    assert!(file.manifest.redacted);
    let text = serde_json::to_string(&file.bundle).expect("json");
    assert!(!text.contains("see the signed policy") && !text.contains("Bo Security"));
    assert_eq!(file.bundle.evidence[0].evidence.file_name, "policy.txt");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&path).expect("f")).expect("zip");
    assert!((0..archive.len()).all(|i| {
        !archive
            .by_index(i)
            .expect("member")
            .name()
            .expect("name")
            .starts_with("evidence/")
    }));

    let mut other = Store::open_in_memory().expect("store");
    let new_id = "5eed0000-0000-4000-8000-0000000000bb";
    let out = import(
        &mut other,
        &path,
        &ImportOptions::default(),
        new_id,
        &stamp(9),
    )
    .expect("import");
    assert_eq!((out.evidence_files, out.evidence_withheld), (0, 1));
    assert!(other.evidence(new_id).expect("evidence").is_empty());

    // A redacted file cannot be merged: it would look like comments were removed.
    let err = merge::open_for_merge(&fx.store, ID, &path, &ImportOptions::default())
        .expect_err("redacted merge");
    assert!(err.to_string().contains("redacted"), "{err}");
}

#[test]
fn changed_content_is_tampered_and_never_imported() {
    let fx = Fixture::new();
    let good = fx.export("g.safeassess", false);
    let mut store = Store::open_in_memory().expect("store");
    let opts = ImportOptions::default();
    let new_id = "5eed0000-0000-4000-8000-0000000000cc";

    // 1. An answer changed, checksums left alone.
    let t1 = fx.path("t1.safeassess");
    rezip(
        &good,
        &t1,
        |n, b| {
            Some(if n == "assessment.json" {
                String::from_utf8(b)
                    .expect("utf8")
                    .replace("\"not-met\"", "\"met\"")
                    .into_bytes()
            } else {
                b
            })
        },
        &[],
    );
    // 2. The same change with checksums recomputed: the signature no longer matches.
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&t1).expect("f")).expect("zip");
    let mut new_assessment = Vec::new();
    archive
        .by_name("assessment.json")
        .expect("member")
        .read_to_end(&mut new_assessment)
        .expect("read");
    let t2 = fx.path("t2.safeassess");
    rezip(
        &t1,
        &t2,
        |n, b| {
            Some(if n == CHECKSUMS {
                let mut c: Checksums = serde_json::from_slice(&b).expect("checksums");
                c.files
                    .insert("assessment.json".into(), sha(&new_assessment));
                serde_json::to_vec_pretty(&c).expect("json")
            } else {
                b
            })
        },
        &[],
    );
    // 3. A member removed.
    let t3 = fx.path("t3.safeassess");
    rezip(
        &good,
        &t3,
        |n, b| (!n.starts_with("evidence/")).then_some(b),
        &[],
    );
    for (what, p) in [
        ("changed answer", &t1),
        ("re-checksummed", &t2),
        ("missing member", &t3),
    ] {
        let v = verify(p, Limits::default()).expect("verify reports");
        assert_eq!(v.integrity, Integrity::Tampered, "{what}");
        assert_eq!(
            v.signer.map(|s| s.organisation).as_deref(),
            Some("Acme Logistics")
        );
        let err = import(&mut store, p, &opts, new_id, &stamp(9)).expect_err(what);
        assert_eq!(err.code(), "share_tampered", "{what}: {err}");
    }
    assert_eq!(count_assessments(&store), 0);

    // 4. Signature removed: unsigned, refused unless allowed; its checksums still hold.
    let t4 = fx.path("t4.safeassess");
    rezip(&good, &t4, |n, b| (n != SIGNATURE).then_some(b), &[]);
    assert_eq!(
        verify(&t4, Limits::default()).expect("verify").integrity,
        Integrity::Unsigned
    );
    let err = import(&mut store, &t4, &opts, new_id, &stamp(9)).expect_err("unsigned");
    assert_eq!(err.code(), "share_unsigned");
    let allow = ImportOptions {
        allow_unsigned: true,
        ..opts
    };
    import(&mut store, &t4, &allow, new_id, &stamp(9)).expect("allowed unsigned import");
    // ... but an unsigned file whose content does not match its checksums never is.
    let t5 = fx.path("t5.safeassess");
    rezip(&t1, &t5, |n, b| (n != SIGNATURE).then_some(b), &[]);
    let err = import(
        &mut store,
        &t5,
        &allow,
        "5eed0000-0000-4000-8000-0000000000dd",
        &stamp(9),
    )
    .expect_err("tampered unsigned");
    assert_eq!(err.code(), "share_tampered");
    assert_eq!(count_assessments(&store), 1);
}

#[test]
fn unsafe_names_bombs_and_newer_formats_are_refused_before_unpacking() {
    let fx = Fixture::new();
    let good = fx.export("g.safeassess", false);
    let limits = Limits::default();

    let evil = fx.path("evil.safeassess");
    rezip(&good, &evil, |_, b| Some(b), &[("../evil", b"x".to_vec())]);
    let err = ShareFile::open(&evil, limits).expect_err("../evil");
    assert_eq!(err.code(), "share_unsafe_member");
    assert!(err.to_string().contains("'../evil'"), "{err}");

    let extra = fx.path("extra.safeassess");
    rezip(
        &good,
        &extra,
        |_, b| Some(b),
        &[("notes.txt", b"x".to_vec())],
    );
    assert_eq!(
        ShareFile::open(&extra, limits).expect_err("extra").code(),
        "share_unsafe_member"
    );

    // 20 MB of zeros packs into a few KB: refused from the directory, never unpacked.
    let zeros = vec![0u8; 20 * 1024 * 1024];
    let bomb = fx.path("bomb.safeassess");
    let name = format!("evidence/{}", sha(&zeros));
    rezip(
        &good,
        &bomb,
        |_, b| Some(b),
        &[(name.as_str(), zeros.clone())],
    );
    let err = ShareFile::open(&bomb, limits).expect_err("bomb");
    assert_eq!(err.code(), "share_too_large");
    assert!(err.to_string().contains("zip bomb"), "{err}");

    // An evidence file over a lowered limit.
    let small = Limits {
        max_evidence_bytes: 10,
        ..limits
    };
    let err = ShareFile::open(&good, small).expect_err("over the evidence limit");
    assert_eq!(err.code(), "share_too_large");

    let newer = fx.path("newer.safeassess");
    rezip(
        &good,
        &newer,
        |n, b| {
            Some(if n == MANIFEST {
                let mut m: serde_json::Value = serde_json::from_slice(&b).expect("manifest");
                m["format"] = 3.into();
                m["appVersion"] = "3.1.0".into();
                serde_json::to_vec(&m).expect("json")
            } else {
                b
            })
        },
        &[("parts/new.bin", vec![1])],
    );
    let err = ShareFile::open(&newer, limits).expect_err("newer");
    assert_eq!(err.code(), "share_format_too_new");
    let msg = err.to_string();
    assert!(
        msg.contains("format version 3") && msg.contains("safe-assess 3.1.0 or newer"),
        "{msg}"
    );

    let bytes = std::fs::read(&good).expect("read");
    let cut = fx.path("cut.safeassess");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("write");
    assert_eq!(
        ShareFile::open(&cut, limits).expect_err("truncated").code(),
        "share_unreadable"
    );
}

#[test]
fn merge_refuses_an_unrelated_assessment() {
    let fx = Fixture::new();
    let mut other = Fixture::new();
    // A different assessment (new id) of the same pack.
    let lib = Library::builtin().expect("packs");
    let new = NewAssessment {
        title: "Another".into(),
        profile: Some(Profile::Trader),
        roles: vec!["freight-forwarder".into()],
        ..Default::default()
    };
    let other_id = "5eed0000-0000-4000-8000-0000000000ee";
    other
        .store
        .create_assessment(&lib, &new, other_id, &stamp(0))
        .expect("create");
    let path = fx.export("a.safeassess", false);
    let err = merge::open_for_merge(&other.store, other_id, &path, &ImportOptions::default())
        .expect_err("unrelated");
    assert!(err.to_string().contains("not a copy"), "{err}");
    // The same id (another machine's copy of this assessment) is related.
    merge::open_for_merge(&other.store, ID, &path, &ImportOptions::default()).expect("related");
    let file = ShareFile::open(&path, Limits::default()).expect("open");
    assert_eq!(
        merge::merge_targets(&other.store, &file.manifest).expect("targets"),
        vec![ID.to_string()],
        "only the copy is offered as a merge target"
    );
    // An imported copy (new id, linked by its lineage) is a target too; a redacted file never.
    let copy = "5eed0000-0000-4000-8000-0000000000cc";
    import(
        &mut other.store,
        &path,
        &ImportOptions::default(),
        copy,
        &stamp(9),
    )
    .expect("import");
    let mut targets = merge::merge_targets(&other.store, &file.manifest).expect("targets");
    targets.sort();
    assert_eq!(targets, vec![ID.to_string(), copy.to_string()]);
    let redacted = fx.export("r.safeassess", true);
    let file = ShareFile::open(&redacted, Limits::default()).expect("open");
    assert!(
        merge::merge_targets(&other.store, &file.manifest)
            .expect("targets")
            .is_empty()
    );
}
