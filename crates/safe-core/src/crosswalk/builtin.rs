//! The built-in mapping files, embedded in the binary from `assets/crosswalk/`. Adding a
//! mapping is one line in [`BUILTIN`]; a test fails when a file of the folder is not listed.

/// One built-in mapping: its file name in `assets/crosswalk/` and its text.
macro_rules! mapping {
    ($file:literal) => {
        (
            $file,
            include_str!(concat!("../../../../assets/crosswalk/", $file)),
        )
    };
}

/// The built-in mappings (file name, JSON), in loading order.
pub const BUILTIN: &[(&str, &str)] = &[
    mapping!("safe2025-aeo--eu-aeo-ucc.json"),
    mapping!("safe2025-aeo--ctpat-msc.json"),
    mapping!("safe2025-aeo--iso28000-2022.json"),
    mapping!("eu-aeo-ucc--ctpat-msc.json"),
    mapping!("safe2025-customs--wco-precursors.json"),
];

#[cfg(test)]
mod tests {
    use super::BUILTIN;

    #[test]
    fn every_file_of_assets_crosswalk_is_built_in_and_every_built_in_file_exists() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/crosswalk");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json"))
            .collect();
        files.sort();
        let mut listed: Vec<String> = BUILTIN.iter().map(|(f, _)| f.to_string()).collect();
        listed.sort();
        assert_eq!(
            files, listed,
            "assets/crosswalk/*.json and crosswalk::builtin::BUILTIN must name the same files"
        );
    }

    #[test]
    fn every_built_in_mapping_loads() {
        let lib = crate::catalogue::Library::builtin()
            .unwrap_or_else(|e| panic!("built-in packs must load: {e}"));
        assert!(
            lib.problems().is_empty(),
            "built-in mappings must load: {:?}",
            lib.problems()
        );
        assert_eq!(lib.mappings().len(), BUILTIN.len());
    }
}
