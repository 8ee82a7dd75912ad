//! The seed files the fuzz targets mutate, re-signing, and a lab that runs every reading entry
//! point (verify, import, open for merge, merge) on a candidate file and checks the properties.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)] // test code

pub mod mutate;
pub mod rawzip;
pub mod rebuild;

use std::cell::Cell;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{Duration, TimeZone, Utc};
use ed25519_dalek::{Signer as _, SigningKey};
use proptest::test_runner::Config;
use safe_core::catalogue::{Library, Profile};
use safe_core::model::{AnswerInput, NewAssessment, Stamp, Status};
use safe_core::store::{EvidenceFile, Side, Store, Validity};
use safe_share::format::{CHECKSUMS, Checksums, SIGNATURE, SIGNING_CONTEXT, SignatureDoc};
use safe_share::{
    Error, ExportOptions, ImportOptions, Integrity, Keys, Limits, ShareFile, merge, verify,
};
use sha2::{Digest, Sha256};

pub use safe_test_support::dump;

/// Cases per target: `PROPTEST_CASES` when set, else `default`.
pub fn config(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// The assessment every seed file holds.
pub const ID: &str = "f022f022-0000-4000-8000-000000000001";

pub fn stamp(min: i64) -> Stamp {
    Stamp {
        at: Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).single().unwrap() + Duration::minutes(min),
        by: "Fuzz".into(),
    }
}

pub fn hex(b: &[u8]) -> String {
    b.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn sha(b: &[u8]) -> String {
    hex(&Sha256::digest(b))
}

/// A trader assessment with a few answers (comments, owners), their history, and two evidence
/// files, written to `db` with the same content every time.
pub fn build_source(db: &Path) -> Store {
    let mut store = Store::open(db).expect("store");
    store.set_durable(false).expect("not durable");
    let lib = Library::builtin().expect("packs");
    let new = NewAssessment {
        title: "Forwarder 2026".into(),
        profile: Some(Profile::Trader),
        roles: vec!["freight-forwarder".into(), "warehouse-keeper".into()],
        organisation: "Acme Logistics".into(),
        ..Default::default()
    };
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
    let answers = [
        (&items[0], AnswerInput::status(Status::NotMet)),
        (&items[0], met.clone()),
        (&items[1], AnswerInput::status(Status::PartiallyMet)),
        (&items[2], AnswerInput::status(Status::NotMet)),
        (&items[3], met),
    ];
    for (n, (item, input)) in answers.iter().enumerate() {
        store
            .save_answer(ID, item, input, &stamp(n as i64 + 1))
            .expect("answer");
    }
    store
        .clear_answer(ID, &items[3], &stamp(10))
        .expect("clear");
    for (n, (item, name, body)) in [
        (
            &items[0],
            "policy.pdf",
            b"%PDF-1.4 security policy v3".to_vec(),
        ),
        (&items[1], "training.txt", b"training log 2026".to_vec()),
    ]
    .into_iter()
    .enumerate()
    {
        let file = EvidenceFile {
            file_name: name.into(),
            bytes: body,
        };
        store
            .add_evidence(ID, item, &file, Validity::default(), &stamp(20 + n as i64))
            .expect("evidence");
    }
    store
}

/// A seed file: its bytes, its members in order, and what opening it gives.
pub struct SeedFile {
    pub bytes: Vec<u8>,
    pub members: Vec<(String, Vec<u8>)>,
    pub opened: ShareFile,
}

/// The seeds and the keys, made once per test binary.
pub struct Seeds {
    pub dir: tempfile::TempDir,
    pub full: SeedFile,
    pub redacted: SeedFile,
    /// The key the seeds are signed with.
    pub key: SigningKey,
    /// Another installation's key.
    pub stranger: SigningKey,
}

pub fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = build_source(&dir.path().join("source.sqlite"));
        let keys = Keys::load_or_create(&dir.path().join("keys")).expect("keys");
        let seed_hex = std::fs::read_to_string(keys.path()).expect("key file");
        let seed: [u8; 32] = (0..32)
            .map(|i| u8::from_str_radix(&seed_hex.trim()[2 * i..2 * i + 2], 16).unwrap())
            .collect::<Vec<_>>()
            .try_into()
            .unwrap();
        let make = |name: &str, redact: bool| {
            let out = dir.path().join(name);
            let opts = ExportOptions {
                redact,
                signer_name: "Ana".into(),
                overwrite: false,
            };
            safe_share::export(&store, ID, &keys, &opts, &out, stamp(30).at).expect("export");
            let bytes = std::fs::read(&out).expect("read");
            let opened = ShareFile::open(&out, Limits::default()).expect("the seed opens");
            SeedFile {
                members: members(&bytes),
                bytes,
                opened,
            }
        };
        let full = make("full.safeassess", false);
        let redacted = make("redacted.safeassess", true);
        assert_eq!(full.opened.bundle.evidence.len(), 2);
        assert!(full.opened.bundle.history.len() >= 5);
        Seeds {
            full,
            redacted,
            key: SigningKey::from_bytes(&seed),
            stranger: SigningKey::from_bytes(&[7u8; 32]),
            dir,
        }
    })
}

/// The members of a zip, in order.
pub fn members(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("member");
            let mut b = Vec::new();
            f.read_to_end(&mut b).expect("read");
            (f.name().expect("name").to_string(), b)
        })
        .collect()
}

/// New `checksums.json` bytes over every member but the checksums and the signature.
pub fn checksums(members: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
    let files: BTreeMap<String, String> = members
        .iter()
        .filter(|(n, _)| n != CHECKSUMS.as_bytes() && n != SIGNATURE.as_bytes())
        .map(|(n, b)| (String::from_utf8_lossy(n).into_owned(), sha(b)))
        .collect();
    serde_json::to_vec_pretty(&Checksums {
        algorithm: "sha256".into(),
        files,
    })
    .unwrap()
}

/// A `signature.json` over `checksums` with `key`, naming the seed's signer.
pub fn signature(key: &SigningKey, checksums: &[u8]) -> Vec<u8> {
    let seed = &seeds().full.opened;
    let mut message = SIGNING_CONTEXT.to_vec();
    message.extend_from_slice(checksums);
    let public = key.verifying_key().to_bytes();
    let fingerprint = safe_share::keys::fingerprint(&public);
    let mut signer = seed.manifest.signer.clone();
    signer.fingerprint = fingerprint.clone();
    serde_json::to_vec_pretty(&SignatureDoc {
        algorithm: "ed25519".into(),
        public_key: hex(&public),
        fingerprint,
        signature: hex(&key.sign(&message).to_bytes()),
        signer,
    })
    .unwrap()
}

/// Whether an accepted file signed with the seed's key may hold content other than the seed's
/// (files that are unsigned or signed by another key may hold anything that holds together).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forgery {
    /// Nobody with the key signed the change: an accepted signed file must be the seed.
    Impossible,
    /// Signed again with the real key: acceptance is fine if the result holds together.
    Resigned,
}

/// What happened to one candidate.
#[derive(Debug, Default, Clone, Copy)]
pub struct Outcome {
    pub imported: bool,
    pub merged: bool,
}

/// Two databases (one to import into, one holding the assessment to merge into) and a folder.
pub struct Lab {
    pub dir: tempfile::TempDir,
    import_db: PathBuf,
    merge_db: PathBuf,
    import: Store,
    merge: Store,
    keys: Keys,
    n: Cell<u64>,
    /// How often each result occurred (error codes, `imported`, `merged`), for the log.
    pub seen: BTreeMap<String, usize>,
}

/// The longest message a refusal may have besides the file's path.
pub const MAX_MESSAGE: usize = 1200;

/// A refusal must be a typed error (its code an ErrorCode) with a message that is short and holds no control
/// characters (text from the file is clipped and escaped before it reaches a terminal or the UI).
pub fn check_error(what: &str, e: &Error) {
    let msg = e.to_string();
    let code = e.code();
    assert!(
        !msg.trim().is_empty(),
        "{what}: an error without a message ({code})"
    );
    assert!(
        msg.chars().count() <= MAX_MESSAGE + 200,
        "{what}: a message of {} characters ({code}): {}...",
        msg.chars().count(),
        msg.chars().take(300).collect::<String>()
    );
    assert!(
        !msg.chars()
            .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
        "{what}: control characters in the message ({code}): {msg:?}"
    );
}

impl Lab {
    pub fn new() -> Lab {
        let dir = tempfile::tempdir().expect("temp dir");
        let import_db = dir.path().join("import.sqlite");
        let merge_db = dir.path().join("merge.sqlite");
        let import = Store::open(&import_db).expect("store");
        import.set_durable(false).expect("not durable");
        let merge = build_source(&merge_db);
        let keys = Keys::load_or_create(&dir.path().join("keys")).expect("keys");
        Lab {
            dir,
            import_db,
            merge_db,
            import,
            merge,
            keys,
            n: Cell::new(0),
            seen: BTreeMap::new(),
        }
    }

    /// Runs verify, import (signed only, then unsigned allowed), open for merge, plan and merge on
    /// `bytes`, checking: no panic; refusals are typed errors with a message and leave both
    /// databases exactly as they were; an accepted file verifies, is the seed unless it was
    /// re-signed with the seed's key, and gives an assessment that opens and exports again.
    pub fn check(&mut self, bytes: &[u8], forgery: Forgery, seed: &SeedFile) -> Outcome {
        let n = self.n.get() + 1;
        self.n.set(n);
        let path = self.dir.path().join("case.safeassess");
        std::fs::write(&path, bytes).expect("write case");
        let mut out = Outcome::default();

        let verified = verify(&path, Limits::default());
        match &verified {
            Ok(v) if v.integrity == Integrity::Tampered => {
                assert!(v.reason.as_deref().is_some_and(|r| !r.trim().is_empty()));
            }
            Ok(_) => {}
            Err(e) => check_error("verify", e),
        }

        for allow_unsigned in [false, true] {
            let opts = ImportOptions {
                allow_unsigned,
                ..ImportOptions::default()
            };
            let before = dump(&self.import_db);
            let new_id = format!("f022f022-0000-4000-8000-{n:012}");
            match safe_share::import(&mut self.import, &path, &opts, &new_id, &stamp(60)) {
                Err(e) => {
                    check_error("import", &e);
                    *self.seen.entry(format!("import {}", e.code())).or_default() += 1;
                    assert_eq!(
                        dump(&self.import_db),
                        before,
                        "a refused import changed the database ({e})"
                    );
                    if e.code() != "share_unsigned" {
                        break;
                    }
                }
                Ok(_) => {
                    out.imported = true;
                    *self.seen.entry("imported".into()).or_default() += 1;
                    self.accepted(&path, allow_unsigned, forgery, seed);
                    self.reexport(&new_id);
                    break;
                }
            }
        }

        let opts = ImportOptions {
            allow_unsigned: true,
            ..ImportOptions::default()
        };
        let before = dump(&self.merge_db);
        match merge::open_for_merge(&self.merge, ID, &path, &opts) {
            Err(e) => check_error("open_for_merge", &e),
            Ok(mut file) => {
                if let Err(e) = merge::plan(&self.merge, ID, &file) {
                    check_error("plan", &e);
                }
                let theirs = |_: &str| Some(Side::Theirs);
                match merge::apply(&mut self.merge, ID, &path, &mut file, &theirs, &stamp(90)) {
                    Err(e) => {
                        check_error("merge", &e);
                        assert_eq!(
                            dump(&self.merge_db),
                            before,
                            "a refused merge changed the database ({e})"
                        );
                    }
                    Ok(_) => {
                        out.merged = true;
                        *self.seen.entry("merged".into()).or_default() += 1;
                        safe_core::open_assessment(&self.merge, ID)
                            .expect("the merged assessment opens");
                    }
                }
            }
        }
        out
    }

    /// Checks an accepted file: it verifies, and holds the seed's content unless re-signed.
    fn accepted(&self, path: &Path, allow_unsigned: bool, forgery: Forgery, seed: &SeedFile) {
        let v = verify(path, Limits::default()).expect("an imported file verifies");
        assert_ne!(
            v.integrity,
            Integrity::Tampered,
            "an imported file is tampered"
        );
        if !allow_unsigned {
            assert_eq!(v.integrity, Integrity::Intact);
        }
        let f = ShareFile::open(path, Limits::default()).expect("an imported file opens");
        let seed_key = &seed.opened.manifest.signer.fingerprint;
        let signed_by_seed_key = f
            .signature
            .as_ref()
            .is_some_and(|s| s.fingerprint == *seed_key);
        if signed_by_seed_key && forgery == Forgery::Impossible {
            assert_eq!(
                f.manifest, seed.opened.manifest,
                "a forged manifest was accepted"
            );
            assert_eq!(
                f.bundle, seed.opened.bundle,
                "a forged assessment was accepted"
            );
            assert!(f.pack == seed.opened.pack, "a forged pack was accepted");
        }
    }

    /// The imported assessment opens, scores and exports to a file that verifies.
    fn reexport(&self, id: &str) {
        safe_core::open_assessment(&self.import, id).expect("the imported assessment opens");
        let out = self.dir.path().join("again.safeassess");
        let opts = ExportOptions {
            signer_name: "Lab".into(),
            overwrite: true,
            ..ExportOptions::default()
        };
        safe_share::export(&self.import, id, &self.keys, &opts, &out, stamp(70).at)
            .expect("the imported assessment exports");
        let v = verify(&out, Limits::default()).expect("its export verifies");
        assert_eq!(v.integrity, Integrity::Intact);
    }
}
