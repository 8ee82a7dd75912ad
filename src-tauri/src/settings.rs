//! The user's settings, kept as a small JSON file in the app's config folder.
//!
//! A missing file means the defaults. A file that cannot be read as settings is not overwritten
//! silently: the defaults are used until the user saves, and the problem is reported once.

use std::path::Path;

use crate::dto::Settings;
use crate::error::{CmdResult, CommandError, ErrorCode};

/// Reads the settings; a missing file gives the defaults.
pub fn load(path: &Path) -> CmdResult<Settings> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| {
            CommandError::new(
                ErrorCode::Settings,
                format!("{} is not a settings file: {e}", path.display()),
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
        Err(e) => Err(CommandError::new(
            ErrorCode::Settings,
            format!("{}: {e}", path.display()),
        )),
    }
}

/// Writes the settings through a temporary file, so a crash never leaves half a file.
pub fn save(path: &Path, settings: &Settings) -> CmdResult<()> {
    let fail = |e: std::io::Error| {
        CommandError::new(ErrorCode::Settings, format!("{}: {e}", path.display()))
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let json = serde_json::to_string_pretty(settings)
        .map_err(|e| CommandError::new(ErrorCode::Settings, e.to_string()))?;
    let tmp = path.with_extension("json.part");
    std::fs::write(&tmp, json).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(fail)
}

/// The name recorded in the history: the setting, else `SAFE_ASSESS_USER` (as the command line),
/// else the login name.
pub fn user_name(settings: &Settings) -> String {
    [
        Some(settings.user_name.clone()),
        std::env::var("SAFE_ASSESS_USER").ok(),
        std::env::var("USER").ok(),
    ]
    .into_iter()
    .flatten()
    .map(|s| s.trim().to_string())
    .find(|s| !s.is_empty())
    .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dto::Theme;
    use safe_report::Lang;

    #[test]
    fn a_missing_file_gives_defaults_and_saved_settings_read_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sub").join("settings.json");
        assert_eq!(load(&path).expect("missing is fine"), Settings::default());
        let s = Settings {
            language: Lang::Fr,
            theme: Theme::Dark,
            user_name: "Awa Diop".into(),
        };
        save(&path, &s).expect("saves");
        assert_eq!(load(&path).expect("reads back"), s);
    }

    #[test]
    fn a_broken_file_is_reported_not_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("settings.json");
        std::fs::write(&path, "{not json").expect("write");
        let e = load(&path).expect_err("broken file");
        assert_eq!(e.code, ErrorCode::Settings);
        assert_eq!(
            std::fs::read_to_string(&path).expect("still there"),
            "{not json"
        );
    }

    #[test]
    fn unknown_or_missing_fields_fall_back_to_defaults() {
        let s: Settings = serde_json::from_str(r#"{"theme":"light","future":1}"#).expect("lenient");
        assert_eq!(s.theme, Theme::Light);
        assert_eq!(s.language, Lang::En);
    }

    #[test]
    fn the_settings_name_wins_over_the_login() {
        let s = Settings {
            user_name: "  Ana  ".into(),
            ..Settings::default()
        };
        assert_eq!(user_name(&s), "Ana");
    }
}
