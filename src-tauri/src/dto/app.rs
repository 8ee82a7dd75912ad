//! The shell's own types: settings, facts about the installation, the export request and its
//! steps. Nothing in the core, sharing or report crates has them.

use safe_report::{Format, Lang, Paper};
use serde::{Deserialize, Serialize};

/// Colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    /// Follow the system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// The user's settings (the settings file holds exactly this).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// UI language (also the default language of reports).
    pub language: Lang,
    /// Colour theme.
    pub theme: Theme,
    /// The name recorded in the history of every change; empty for the login name.
    pub user_name: String,
}

/// Facts about the installation, for the start of the UI and the settings screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// App version.
    pub version: String,
    /// The database file (shared with the `safe-assess` command line).
    pub database: String,
    /// The backup folder.
    pub backups: String,
    /// The folder for the user's own catalogue packs.
    pub catalogue_folder: String,
    /// The name recorded in the history (settings, or the login name).
    pub user_name: String,
    /// The settings.
    pub settings: Settings,
    /// Why the database could not be opened, when it could not.
    pub database_error: Option<crate::error::CommandError>,
    /// User catalogue packs that were refused, one line each.
    pub catalogue_problems: Vec<String>,
}

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    /// Assessment id.
    pub assessment_id: String,
    /// Format.
    pub format: Format,
    /// Paper size (PDF).
    pub paper: Paper,
    /// Language of the report's fixed text.
    pub language: Lang,
    /// An earlier assessment of the same organisation: the report then shows the progress since
    /// it (not in CSV, which is the gap register only).
    #[serde(default)]
    pub compare_with: Option<String>,
}

/// A step of an export, sent while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ExportStep {
    /// Reading the assessment.
    Loading,
    /// Producing the document.
    Rendering,
    /// Writing the file.
    Writing,
    /// Finished.
    Done,
}

/// A finished export.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    /// Where the file is.
    pub path: String,
    /// Its size in bytes.
    pub size: u64,
}
