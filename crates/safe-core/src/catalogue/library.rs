//! The set of packs available to this installation: built-in packs plus a user folder.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Pack, PackSummary, Profile, Role};
use crate::crosswalk::{Crosswalk, Mapping};
use crate::{Error, Result};

const ROLES_JSON: &str = include_str!("../../../../assets/catalogue/roles.json");
/// One built-in pack: its file name in `assets/catalogue/` and its text, embedded in the binary.
macro_rules! builtin {
    ($file:literal) => {
        (
            $file,
            include_str!(concat!("../../../../assets/catalogue/", $file)),
        )
    };
}

/// The built-in packs, in listing order. Adding a pack is one line here.
const BUILTIN: &[(&str, &str)] = &[
    builtin!("safe2021-customs.json"),
    builtin!("safe2021-aeo.json"),
    builtin!("safe2025-customs.json"),
    builtin!("safe2025-aeo.json"),
    builtin!("ctpat-msc.json"),
    builtin!("iso28000-2022.json"),
    builtin!("wco-precursors.json"),
    builtin!("eu-aeo-ucc.json"),
];

/// The first packs of the SAFE Framework lineage (2021 edition), one per profile. Later SAFE
/// editions name them (or a pack naming them) in `supersedes`; see `Library::is_safe_lineage`.
const SAFE_ROOTS: &[&str] = &["safe2021-customs", "safe2021-aeo"];

/// The supply-chain roles a trader assessment may name (from `assets/catalogue/roles.json`).
pub fn builtin_roles() -> Vec<Role> {
    #[derive(serde::Deserialize)]
    struct Roles {
        roles: Vec<Role>,
    }
    // The file is part of the binary and covered by tests; an empty list would make every trader
    // pack fail validation loudly rather than silently.
    serde_json::from_str::<Roles>(ROLES_JSON)
        .map(|r| r.roles)
        .unwrap_or_default()
}

/// A pack file that was refused, with the reason.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LoadProblem {
    /// The file.
    pub file: String,
    /// The message naming the id and field.
    pub message: String,
}

/// All packs this installation knows.
#[derive(Debug, Clone)]
pub struct Library {
    roles: Vec<Role>,
    packs: Vec<(Pack, String)>,
    problems: Vec<LoadProblem>,
    user_dir: Option<PathBuf>,
    /// Crosswalk mappings that passed their checks, with their origin.
    mappings: Vec<(Mapping, String)>,
    /// The pack pairs (from, to) of mapping files that were refused, with the problem's index.
    refused_pairs: Vec<(String, String, usize)>,
}

impl Library {
    /// The built-in packs only.
    pub fn builtin() -> Result<Library> {
        let mut lib = Library::with_builtin(BUILTIN)?;
        for (name, json) in crate::crosswalk::builtin::BUILTIN {
            lib.add_mapping(name, json, "builtin");
        }
        Ok(lib)
    }

    /// A library whose built-in packs are `sources` (file name, JSON), in listing order.
    pub(super) fn with_builtin(sources: &[(&str, &str)]) -> Result<Library> {
        let roles = builtin_roles();
        let mut packs: Vec<(Pack, String)> = Vec::new();
        for (name, json) in sources {
            let pack = Pack::parse(name, json, &roles)?;
            if packs.iter().any(|(p, _)| p.id == pack.id) {
                return Err(Error::Catalogue {
                    file: (*name).to_string(),
                    message: format!("field 'id': pack id '{}' is already taken", pack.id),
                });
            }
            packs.push((pack, "builtin".to_string()));
        }
        for (pack, _) in &packs {
            check_supersedes(pack, packs.iter().map(|(p, _)| p)).map_err(|message| {
                Error::Catalogue {
                    file: format!("{}.json", pack.id),
                    message,
                }
            })?;
        }
        Ok(Library {
            roles,
            packs,
            problems: Vec::new(),
            user_dir: None,
            mappings: Vec::new(),
            refused_pairs: Vec::new(),
        })
    }

    /// The built-in packs plus every `*.json` pack in `dir` (which need not exist). A broken user
    /// pack is recorded in [`Library::problems`] and skipped; the others still load.
    pub fn load(dir: &Path) -> Result<Library> {
        Library::builtin()?.with_user_dir(dir)
    }

    /// Adds the user packs of `dir` to this library.
    pub(super) fn with_user_dir(self, dir: &Path) -> Result<Library> {
        let mut lib = self;
        lib.user_dir = Some(dir.to_path_buf());
        for path in json_files(dir)? {
            match lib.read_user_pack(&path) {
                Ok(pack) => lib.packs.push((pack, path.display().to_string())),
                Err(e) => lib.problems.push(LoadProblem {
                    file: path.display().to_string(),
                    message: e.to_string(),
                }),
            }
        }
        lib.load_user_mappings(&dir.join("crosswalk"))?;
        Ok(lib)
    }

    fn read_user_pack(&self, path: &Path) -> Result<Pack> {
        let pack = check_file(path, &self.roles)?;
        if self.packs.iter().any(|(p, _)| p.id == pack.id) {
            return Err(Error::Catalogue {
                file: path.display().to_string(),
                message: format!("field 'id': pack id '{}' is already taken", pack.id),
            });
        }
        check_supersedes(&pack, self.packs()).map_err(|message| Error::Catalogue {
            file: path.display().to_string(),
            message,
        })?;
        Ok(pack)
    }

    /// The folder user packs are read from, when one was given.
    pub fn user_dir(&self) -> Option<&Path> {
        self.user_dir.as_deref()
    }

    /// Known roles.
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    /// Packs that were refused.
    pub fn problems(&self) -> &[LoadProblem] {
        &self.problems
    }

    /// A pack by id.
    pub fn get(&self, id: &str) -> Option<&Pack> {
        self.packs.iter().map(|(p, _)| p).find(|p| p.id == id)
    }

    /// The loaded pack whose `supersedes.pack` names pack `id`, if any.
    pub fn superseded_by(&self, id: &str) -> Option<&Pack> {
        self.packs()
            .find(|p| p.supersedes.as_ref().is_some_and(|s| s.pack == id))
    }

    /// The pack a new assessment of this profile starts on when none is named: the newest (by
    /// edition date, then version) built-in pack of that profile that no loaded pack supersedes,
    /// taken from the SAFE lineage (`SAFE_ROOTS` and the packs superseding them) first, so that a
    /// programme pack (EU AEO, CTPAT, ISO 28000, ...) never becomes the default however recent
    /// its date. A user's own packs are never the default (they are chosen with their id); they
    /// are considered only when no built-in pack of the profile is left.
    pub fn default_for(&self, profile: Profile) -> Option<&Pack> {
        let candidates = |builtin: bool, safe_only: bool| {
            self.packs
                .iter()
                .filter(move |(p, origin)| {
                    p.profile == profile
                        && (origin == "builtin") == builtin
                        && self.superseded_by(&p.id).is_none()
                        && (!safe_only || self.is_safe_lineage(p))
                })
                .map(|(p, _)| p)
                .max_by(|a, b| {
                    a.date
                        .cmp(&b.date)
                        .then_with(|| version_key(&a.version).cmp(&version_key(&b.version)))
                })
        };
        candidates(true, true)
            .or_else(|| candidates(true, false))
            .or_else(|| candidates(false, false))
    }

    /// Whether `pack` is of the SAFE Framework lineage: one of `SAFE_ROOTS`, or a pack whose
    /// `supersedes` chain (followed through the loaded packs) reaches one of them.
    pub fn is_safe_lineage(&self, pack: &Pack) -> bool {
        let mut id = pack.id.as_str();
        let mut next = pack.supersedes.as_ref();
        // A chain longer than the number of packs is a loop: not SAFE.
        for _ in 0..=self.packs.len() {
            if SAFE_ROOTS.contains(&id) {
                return true;
            }
            match next {
                Some(s) => {
                    id = s.pack.as_str();
                    next = self.get(id).and_then(|p| p.supersedes.as_ref());
                }
                None => return false,
            }
        }
        false
    }

    /// All packs, built-in first.
    pub fn packs(&self) -> impl Iterator<Item = &Pack> {
        self.packs.iter().map(|(p, _)| p)
    }

    /// Listing facts about every pack.
    pub fn summaries(&self) -> Vec<PackSummary> {
        self.packs
            .iter()
            .map(|(p, origin)| PackSummary {
                id: p.id.clone(),
                title: p.title.clone(),
                edition: p.edition.clone(),
                version: p.version.clone(),
                profile: p.profile,
                items: p.items().len(),
                origin: origin.clone(),
                format: p.format,
                languages: std::iter::once(p.language().to_string())
                    .chain(p.translations.keys().cloned())
                    .collect(),
                superseded_by: self.superseded_by(&p.id).map(|s| s.id.clone()),
                tiers: p.tiers.clone(),
            })
            .collect()
    }
}

impl Library {
    /// Reads the mapping files of `dir` (a user's own, in `crosswalk/` of the user catalogue
    /// folder; it need not exist).
    fn load_user_mappings(&mut self, dir: &Path) -> Result<()> {
        for path in json_files(dir)? {
            let name = path.display().to_string();
            match std::fs::read_to_string(&path) {
                Ok(json) => self.add_mapping(&name, &json, &name),
                Err(e) => self.problems.push(LoadProblem {
                    file: name,
                    message: e.to_string(),
                }),
            }
        }
        Ok(())
    }

    /// Checks one mapping file and adds it, or records it as a load problem (the packs stay).
    fn add_mapping(&mut self, file: &str, json: &str, origin: &str) {
        let parsed = Mapping::parse(json, |id| self.get(id)).and_then(|m| {
            match self.mapping_between(&m.from, &m.to) {
                Some(other) => Err(format!(
                    "packs '{}' and '{}' are already mapped by '{}'",
                    m.from, m.to, other.id
                )),
                None => Ok(m),
            }
        });
        match parsed {
            Ok(m) => self.mappings.push((m, origin.to_string())),
            Err(message) => {
                // Remember which pair the file meant to map, for a clear refusal later.
                #[derive(serde::Deserialize)]
                struct Pair {
                    from: String,
                    to: String,
                }
                if let Ok(p) = serde_json::from_str::<Pair>(json) {
                    self.refused_pairs.push((p.from, p.to, self.problems.len()));
                }
                self.problems.push(LoadProblem {
                    file: file.to_string(),
                    message: format!("crosswalk mapping refused: {message}"),
                });
            }
        }
    }

    fn mapping_between(&self, a: &str, b: &str) -> Option<&Mapping> {
        self.mappings
            .iter()
            .map(|(m, _)| m)
            .find(|m| (m.from == a && m.to == b) || (m.from == b && m.to == a))
    }

    /// The crosswalk mappings that loaded, with their origin (`builtin` or the file).
    pub fn mappings(&self) -> Vec<(&Mapping, &str)> {
        self.mappings.iter().map(|(m, o)| (m, o.as_str())).collect()
    }

    /// The links from pack `from` to pack `to`, whichever way round the mapping file is
    /// written (read backwards, subset and superset are swapped). `None` when no mapping
    /// between them loaded.
    pub fn crosswalk(&self, from: &str, to: &str) -> Option<Crosswalk> {
        let m = self.mapping_between(from, to)?;
        Some(Crosswalk::of(m, m.from != from))
    }

    /// The load problem of a refused mapping file between the two packs, if there was one.
    pub fn refused_mapping(&self, a: &str, b: &str) -> Option<&LoadProblem> {
        self.refused_pairs
            .iter()
            .find(|(f, t, _)| (f == a && t == b) || (f == b && t == a))
            .and_then(|(_, _, i)| self.problems.get(*i))
    }

    /// The links from pack `from` to pack `to`, or a refusal naming what is missing: no such
    /// pack, the same pack, a mapping file that was refused (its problem), or no mapping.
    pub fn crosswalk_or_refuse(&self, from: &str, to: &str) -> Result<Crosswalk> {
        if self.get(to).is_none() {
            let known: Vec<&str> = self.packs().map(|p| p.id.as_str()).collect();
            return Err(Error::invalid(format!(
                "unknown pack '{to}': use one of {}",
                known.join(", ")
            )));
        }
        if from == to {
            return Err(Error::invalid(format!(
                "the assessment is already on pack '{to}': a pack is not mapped to itself"
            )));
        }
        if let Some(c) = self.crosswalk(from, to) {
            return Ok(c);
        }
        Err(Error::invalid(match self.refused_mapping(from, to) {
            Some(p) => format!(
                "the mapping between packs '{from}' and '{to}' was not loaded: {}: {}",
                p.file, p.message
            ),
            None => format!("there is no crosswalk mapping between packs '{from}' and '{to}'"),
        }))
    }
}

/// A version's numbers, for ordering (validation guarantees MAJOR.MINOR.PATCH).
fn version_key(v: &str) -> Vec<u64> {
    v.split('.').map(|n| n.parse().unwrap_or(0)).collect()
}

/// Checks `pack.supersedes` against the older pack when it is among `loaded` in the same version.
fn check_supersedes<'a>(
    pack: &Pack,
    mut loaded: impl Iterator<Item = &'a Pack>,
) -> std::result::Result<(), String> {
    let Some(s) = &pack.supersedes else {
        return Ok(());
    };
    match loaded.find(|p| p.id == s.pack && p.version == s.version) {
        Some(old) => super::validate2::check_against(pack, old),
        None => Ok(()),
    }
}

/// Reads and validates one pack file.
pub(crate) fn check_file(path: &Path, roles: &[Role]) -> Result<Pack> {
    let json = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    Pack::parse(&path.display().to_string(), &json, roles)
}

impl Library {
    /// Validates a pack file without adding it (what `safe-assess catalogue check` runs),
    /// including its `supersedes` mapping against the older pack when that pack is loaded.
    pub fn check_file(&self, path: &Path) -> Result<Pack> {
        let json = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        self.check_json(&path.display().to_string(), &json)
    }

    /// Validates a pack's JSON text as [`Library::check_file`] does a file (`file` names it in
    /// messages): what a pack made from a spreadsheet is checked with.
    pub fn check_json(&self, file: &str, json: &str) -> Result<Pack> {
        let pack = Pack::parse(file, json, &self.roles)?;
        check_supersedes(&pack, self.packs()).map_err(|message| Error::Catalogue {
            file: file.to_string(),
            message,
        })?;
        Ok(pack)
    }

    /// Where each pack comes from: `builtin` or the file it was read from, by pack id.
    pub fn origin(&self, id: &str) -> Option<&str> {
        self.packs
            .iter()
            .find(|(p, _)| p.id == id)
            .map(|(_, o)| o.as_str())
    }
}

/// The `.json` files directly in `dir`, sorted by name; none when the folder does not exist.
fn json_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, body: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, body).unwrap_or_else(|e| panic!("cannot write {}: {e}", p.display()));
        p
    }

    fn user_pack(id: &str, item_roles: &str) -> String {
        format!(
            r#"{{"format":1,"id":"{id}","title":"National AEO","edition":"2024","date":"2024-01-01",
            "version":"1.0.0","profile":"trader","source":"Our programme","groups":[{{"id":"N.A",
            "kind":"section","title":"A","summary":"s","reference":"r","items":[{{"id":"N.A.01",
            "title":"t","requirement":"q","guidance":"g","shortfall":"f","evidence":["e1","e2"],
            "reference":"r","roles":{item_roles},"criticality":"major","mandatory":false,
            "aim":"prevent-exploitation"}}]}}]}}"#
        )
    }

    #[test]
    fn builtin_packs_load_and_cover_both_profiles() {
        let lib = Library::builtin().unwrap_or_else(|e| panic!("built-in packs must load: {e}"));
        assert!(
            lib.default_for(Profile::Customs).is_some(),
            "a customs pack is built in"
        );
        assert!(
            lib.default_for(Profile::Trader).is_some(),
            "a trader pack is built in"
        );
        assert!(lib.roles().iter().any(|r| r.id == "freight-forwarder"));
    }

    #[test]
    fn a_broken_user_pack_is_reported_and_the_others_still_load() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        write(
            dir.path(),
            "good.json",
            &user_pack("national-aeo", r#"["importer"]"#),
        );
        write(
            dir.path(),
            "bad.json",
            &user_pack("bad-aeo", r#"["astronaut"]"#),
        );
        let lib = Library::load(dir.path()).unwrap_or_else(|e| panic!("load: {e}"));
        assert!(lib.get("national-aeo").is_some(), "the good pack loads");
        assert!(lib.get("bad-aeo").is_none(), "the bad pack is refused");
        let problem = &lib.problems()[0];
        assert!(
            problem.file.ends_with("bad.json"),
            "names the file: {problem:?}"
        );
        assert!(
            problem.message.contains("N.A.01")
                && problem.message.contains("roles")
                && problem.message.contains("astronaut"),
            "names item, field and value: {}",
            problem.message
        );
    }

    #[test]
    fn a_user_pack_may_not_take_a_builtin_id() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        write(
            dir.path(),
            "clash.json",
            &user_pack("safe2021-aeo", r#"["all"]"#),
        );
        let lib = Library::load(dir.path()).unwrap_or_else(|e| panic!("load: {e}"));
        assert_eq!(lib.problems().len(), 1);
        assert!(lib.problems()[0].message.contains("already taken"));
    }

    #[test]
    fn validation_names_the_item_and_field() {
        let roles = builtin_roles();
        let cases = [
            (user_pack("x", r#"[]"#), "roles"),
            (user_pack("x", r#"["all","importer"]"#), "must stand alone"),
            (
                user_pack("x", r#"["all"]"#).replace("\"g\"", "\"  \""),
                "guidance",
            ),
            (
                user_pack("x", r#"["all"]"#).replace("\"major\"", "\"huge\""),
                "huge",
            ),
            (
                user_pack("x", r#"["all"]"#)
                    .replace("\"evidence\":[\"e1\",\"e2\"]", "\"evidence\":[]"),
                "evidence",
            ),
            (
                user_pack("x", r#"["all"]"#).replace("\"N.A\"", "\"N.A.01\""),
                "used twice",
            ),
            (
                user_pack("x", r#"["all"]"#).replace("2024-01-01", "2024-13-01"),
                "date",
            ),
            (
                user_pack("x", r#"["all"]"#).replace("\"title\":\"t\",", ""),
                "title",
            ),
        ];
        for (json, expected) in cases {
            let err = Pack::parse("p.json", &json, &roles)
                .err()
                .map(|e| e.to_string());
            let msg = err.unwrap_or_else(|| panic!("pack should be refused ({expected})"));
            assert!(
                msg.contains(expected),
                "message '{msg}' should mention '{expected}'"
            );
            assert!(
                msg.contains("p.json"),
                "message '{msg}' should name the file"
            );
        }
    }
}
