//! Generates `ui/src/lib/bindings.ts` from the boundary types and checks the committed file.

use std::path::PathBuf;

use ts_rs::{Config, TS};

use super::*;
use crate::error::{CommandError, ErrorCode};
use safe_core::rebase::{Carried, KindCount, LeftBehind, Move, MoveKind, PackRef, RebasePlan};

/// Every type the UI sees, in the order they appear in the file.
fn declarations(cfg: &Config) -> Vec<String> {
    macro_rules! decls {
        ($($t:ty),* $(,)?) => { vec![$(<$t as TS>::decl(cfg)),*] };
    }
    decls![
        ErrorCode,
        CommandError,
        Status,
        Priority,
        Profile,
        Criticality,
        Aim,
        GroupKind,
        Basis,
        Confidence,
        Provenance,
        PackChoice,
        Readiness,
        Role,
        AssessmentDetails,
        Assessment,
        AssessmentSummary,
        AnswerInput,
        Answer,
        Evidence,
        HistoryEntry,
        Item,
        Group,
        Pack,
        Score,
        GroupScore,
        AimScore,
        Verdict,
        Gap,
        Scorecard,
        Dashboard,
        Progress,
        GroupProgress,
        Workspace,
        Saved,
        Attached,
        Backup,
        Language,
        Theme,
        Settings,
        AppInfo,
        ExportFormat,
        Paper,
        ExportRequest,
        ExportStep,
        Exported,
        ShareExported,
        Integrity,
        Signer,
        ShareManifest,
        ShareCheck,
        Imported,
        Side,
        MergeTaken,
        MergeConflict,
        MergePreview,
        MergeChoice,
        Merged,
        ComparePeers,
        ComparePoint,
        Movement,
        ItemChange,
        GroupDelta,
        GapChange,
        Comparison,
        TrendRow,
        Trend,
        PackRef,
        MoveKind,
        Move,
        Carried,
        LeftBehind,
        KindCount,
        RebasePlan,
    ]
}

fn generate() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// GENERATED from src-tauri/src/dto/mod.rs by ts-rs. Do not edit by hand:\n\
         // change the Rust type, then run `UPDATE_BINDINGS=1 cargo test -p safe-assess-desktop --lib bindings`.\n\n",
    );
    for d in declarations(&cfg) {
        out.push_str("export ");
        out.push_str(d.trim());
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[test]
fn committed_bindings_match_the_rust_types() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
    let expected = generate();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &expected).expect("write ui/src/lib/bindings.ts");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "ui/src/lib/bindings.ts is out of date with the Rust types in src-tauri/src/dto; \
         run `UPDATE_BINDINGS=1 cargo test -p safe-assess-desktop --lib bindings` and commit the file"
    );
}
