//! Writes `ui/src/lib/bindings.ts`, the TypeScript declarations of the types the desktop UI
//! receives from the core, the sharing and report crates and this one, and checks the committed
//! file in a plain `cargo test`.
//!
//! The declarations come from the types' own serde shape (ts-rs behind each crate's `ts` feature),
//! so the UI sees exactly what the command line's `--json` prints for the same entity. The
//! desktop shell's own types (its screen shapes, settings, `{code, message}` errors) are in
//! `ui/src/lib/bindings-desktop.ts`, written the same way by `src-tauri/src/dto/bindings.rs`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use safe_core::{ErrorCode, catalogue as cat, compare as cmp, model, scoring, store};
use ts_rs::{Config, TS};

/// The configuration both bindings files are written with: 64-bit integers (sizes, sequence
/// numbers) are plain numbers in the UI.
fn config() -> Config {
    Config::new().with_large_int("number")
}

macro_rules! decls {
    ($cfg:expr; $($t:ty),* $(,)?) => { vec![$((<$t as TS>::name($cfg), <$t as TS>::decl($cfg))),*] };
}

/// Every type the UI sees, in the order they appear in the file: (name, declaration).
fn declarations(cfg: &Config) -> Vec<(String, String)> {
    decls![cfg;
        ErrorCode,
        model::Status,
        model::Priority,
        cat::Profile,
        cat::Criticality,
        cat::Aim,
        cat::GroupKind,
        cat::Basis,
        cat::Confidence,
        cat::Provenance,
        cat::Role,
        cat::Tier,
        cat::RoleText,
        model::NewAssessment,
        model::Assessment,
        store::AssessmentSummary,
        store::DeletedAssessment,
        model::AnswerInput,
        model::Answer,
        model::Evidence,
        cat::Item,
        cat::Group,
        cat::Pack,
        cat::Supersedes,
        cat::Change,
        cat::ChangeKind,
        cat::Translation,
        cat::GroupText,
        cat::ItemText,
        scoring::Score,
        scoring::GroupScore,
        scoring::AimScore,
        scoring::Readiness,
        scoring::Verdict,
        scoring::Gap,
        scoring::Scorecard,
        store::BackupInfo,
        store::Side,
        store::Conflict,
        store::MergeReport,
        cmp::Point,
        cmp::Movement,
        cmp::ItemChange,
        cmp::GroupDelta,
        cmp::GapChange,
        cmp::Comparison,
        cmp::TrendRow,
        cmp::Trend,
        safe_share::format::PackRef,
        safe_share::format::Signer,
        safe_share::format::Manifest,
        safe_share::Integrity,
        safe_share::Verification,
        safe_share::ImportOutcome,
        safe_share::ExportSummary,
        safe_report::Lang,
        safe_report::Format,
        safe_report::Paper,
        crate::assess::Attached,
        crate::family::Peers,
        safe_core::rebase::PackRef,
        safe_core::rebase::MoveKind,
        safe_core::rebase::Move,
        safe_core::rebase::Carried,
        safe_core::rebase::LeftBehind,
        safe_core::rebase::KindCount,
        safe_core::rebase::RebasePlan,
        // Catalogues and the crosswalk (desk-packs).
        cat::PackSummary,
        cat::LoadProblem,
        crate::catalogue::Catalogues,
        crate::catalogue::Added,
        safe_core::crosswalk::Relationship,
        safe_core::crosswalk::CoverState,
        safe_core::crosswalk::CoverageLink,
        safe_core::crosswalk::CoverageItem,
        safe_core::crosswalk::SectionCoverage,
        safe_core::crosswalk::Coverage,
        store::DerivedState,
        store::LinkInfo,
        store::Derived,
        store::Linked,
        store::Started,
        safe_core::review::RemarkKind,
        safe_core::review::RemarkState,
        safe_core::review::AppState,
        safe_core::review::Decision,
        safe_core::review::Remark,
        safe_core::review::Finding,
        safe_core::review::DecisionRecord,
        safe_core::review::Reason,
        safe_core::review::ReviewDoc,
        safe_core::review::ItemDiff,
        safe_core::review::Deadlines,
        store::Application,
        store::Opening,
        store::SubmissionInfo,
        store::QueueRow,
        store::ReceivedRemark,
        store::ReceivedReview,
        crate::review_view::Clocks,
        crate::review_view::Label,
        crate::review_view::Labels,
        crate::review_view::QueueEntry,
        crate::review_view::ApplicationScreen,
        crate::review_view::KeyChange,
        crate::review_view::OpenResult,
        crate::review_view::TraderReview,
        crate::review_view::ReviewAttached,
        safe_core::review::PlanReason,
        safe_core::review::PlanItem,
        safe_core::review::PlanSection,
        crate::review_plan::ValidationPlan,
        crate::review_evidence::SavedEvidence,
    ]
}

fn generate() -> String {
    let cfg = config();
    let decls = declarations(&cfg);
    let names: BTreeSet<&str> = decls.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names.len(),
        decls.len(),
        "two types share a TypeScript name"
    );
    let mut out = String::from(
        "// GENERATED by ts-rs from the Rust types listed in crates/safe-app/src/bindings.rs.\n\
         // Do not edit by hand: change the Rust type, then run\n\
         // `UPDATE_BINDINGS=1 cargo test -p safe-app bindings` and commit this file.\n\n",
    );
    for (_, d) in decls {
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
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings.ts");
    let expected = generate();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &expected).expect("write ui/src/lib/bindings.ts");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "ui/src/lib/bindings.ts differs from the Rust types it is generated from; run \
         `UPDATE_BINDINGS=1 cargo test -p safe-app bindings` and commit the file"
    );
}
