//! The command bodies against a real (temporary) database, without a window.

use std::path::PathBuf;

use crate::state::{AppState, Paths};
use safe_core::catalogue::Profile;
use safe_core::model::{AnswerInput, NewAssessment, Status};

use super::{answers, assessments, evidence};

fn state() -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = AppState::open(Paths {
        database: dir.path().join("assessments.sqlite"),
        settings: dir.path().join("settings.json"),
    });
    // As the app does once the window shows: writes wait for the deferred full check.
    state.run_full_check().expect("a new database is intact");
    (dir, state)
}

fn trader() -> NewAssessment {
    NewAssessment {
        title: "Acme".into(),
        profile: Some(Profile::Trader),
        roles: vec!["importer".into()],
        organisation: "Acme Ltd".into(),
        country: "ke".into(),
        identifiers: String::new(),
        assessors: String::new(),
        scope: String::new(),
        pack_id: None,
        tiers: Vec::new(),
    }
}

fn input(status: Status, justification: &str) -> AnswerInput {
    AnswerInput {
        status,
        justification: justification.into(),
        comment: String::new(),
        owner: String::new(),
        target_date: None,
        priority: None,
        flagged: false,
    }
}

#[test]
fn a_user_action_goes_through_to_the_core_and_back() {
    let (dir, st) = state();
    let a = st
        .run_now(|s, ctx| assessments::create(s, ctx, &trader()))
        .expect("created");
    assert_eq!(a.country, "KE", "the core cleans what the user typed");

    let ws = st
        .run_now(|s, _| assessments::open(s, &a.id, None))
        .expect("opens");
    let applicable = ws.progress.overall.applicable;
    assert!(applicable > 0);
    assert_eq!(ws.progress.overall.answered, 0);

    let saved = st
        .run_now(|s, ctx| answers::save(s, ctx, &a.id, "AEO.A.01", input(Status::Met, "")))
        .expect("saved");
    assert_eq!(
        saved.progress.overall.answered, 1,
        "badges come back with the save"
    );
    let section = saved
        .progress
        .groups
        .iter()
        .find(|g| g.id == "AEO.A")
        .expect("section A");
    assert_eq!(section.answered, 1);

    let refused = st
        .run_now(|s, ctx| {
            answers::save(s, ctx, &a.id, "AEO.A.04", input(Status::NotApplicable, " "))
        })
        .expect_err("not-applicable needs a justification");
    assert_eq!(refused.code, "invalid_input");

    let file: PathBuf = dir.path().join("policy.pdf");
    std::fs::write(&file, b"%PDF-1.4 test").expect("write");
    let attached = st
        .run_now(|s, ctx| evidence::attach(s, ctx, &a.id, "AEO.A.01", std::slice::from_ref(&file)))
        .expect("attached");
    assert_eq!(attached.evidence.len(), 1);
    assert_eq!(
        attached.answer.expect("answered").evidence,
        vec![attached.evidence[0].sha256.clone()]
    );

    let missing = dir.path().join("nowhere.pdf");
    let before = st
        .run_now(|s, _| Ok(s.evidence(&a.id)?.len()))
        .expect("list");
    let e = st
        .run_now(|s, ctx| evidence::attach(s, ctx, &a.id, "AEO.A.01", &[file.clone(), missing]))
        .expect_err("a missing file refuses the whole drop");
    assert_eq!(e.code, "io");
    let after = st
        .run_now(|s, _| Ok(s.evidence(&a.id)?.len()))
        .expect("list");
    assert_eq!(before, after, "nothing was attached");
}

#[test]
fn unknown_ids_come_back_as_not_found() {
    let (_dir, st) = state();
    let e = st
        .run_now(|s, _| assessments::open(s, "no-such-id", None))
        .expect_err("unknown");
    assert_eq!(e.code, "not_found");
}

mod sharing {
    use super::*;
    use crate::commands::{compare, share};
    use crate::dto::MergeChoice;
    use safe_core::store::Side;
    use safe_share::Integrity;

    fn answer(st: &AppState, id: &str, item: &str, status: Status, comment: &str) {
        let mut i = input(status, "");
        i.comment = comment.into();
        st.run_now(|s, ctx| answers::save(s, ctx, id, item, i))
            .expect("saved");
    }

    fn verify(st: &AppState, path: &std::path::Path) -> crate::dto::ShareCheck {
        let db = st.paths().database.clone();
        let v =
            safe_app::share::verify(&db, path, safe_share::Limits::default()).expect("readable");
        st.run_now(|s, _| share::check(s, path.to_path_buf(), v))
            .expect("checked")
    }

    #[test]
    fn export_check_import_and_merge_back_with_a_choice_per_conflict() {
        let (dir, st) = state();
        let db = st.paths().database.clone();
        let a = st
            .run_now(|s, ctx| assessments::create(s, ctx, &trader()))
            .expect("created");
        answer(&st, &a.id, "AEO.A.01", Status::Met, "policy signed");
        answer(&st, &a.id, "AEO.A.02", Status::NotMet, "");

        let file = dir.path().join("acme.safeassess");
        let out = st
            .run_now(|s, ctx| share::export_to(s, ctx, &db, &a.id, false, &file))
            .expect("exported");
        assert_eq!(out.answers, 2);
        assert_eq!(out.fingerprint.len(), 16);

        let check = verify(&st, &file);
        assert_eq!(check.verification.integrity, Integrity::Intact);
        assert!(check.own_key, "signed by this installation");
        assert_eq!(
            check.verification.signer.expect("signed").fingerprint,
            out.fingerprint
        );
        let targets: Vec<&str> = check.merge_targets.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            targets,
            vec![a.id.as_str()],
            "the original is offered for a merge"
        );

        // Import: a new assessment; then the copy answers differently and is exported.
        let copy = st
            .run_now(|s, ctx| share::import(s, ctx, &file, false))
            .expect("imported");
        assert_ne!(copy.assessment.id, a.id);
        assert_eq!(copy.answers, 2);
        let cid = copy.assessment.id.clone();
        answer(
            &st,
            &cid,
            "AEO.A.01",
            Status::PartiallyMet,
            "policy draft only",
        );
        answer(&st, &cid, "AEO.A.02", Status::Met, "");
        answer(&st, &cid, "AEO.A.03", Status::Met, "");
        let back = dir.path().join("copy.safeassess");
        st.run_now(|s, ctx| share::export_to(s, ctx, &db, &cid, false, &back))
            .expect("exported");

        let p = st
            .run_now(|s, _| share::preview(s, &a.id, &back, false))
            .expect("preview");
        let take: Vec<&str> = p.take.iter().map(|t| t.item_id.as_str()).collect();
        assert_eq!(take, vec!["AEO.A.03"]);
        assert!(!p.take[0].title.is_empty(), "items come with their titles");
        let conflicts: Vec<&str> = p
            .conflicts
            .iter()
            .map(|c| c.conflict.item_id.as_str())
            .collect();
        assert_eq!(conflicts, vec!["AEO.A.01", "AEO.A.02"]);
        assert_eq!(p.conflicts[0].conflict.mine.input.comment, "policy signed");
        assert_eq!(
            p.conflicts[0].conflict.theirs.input.comment,
            "policy draft only"
        );

        // A missing choice refuses the whole merge.
        let one = vec![MergeChoice {
            item_id: "AEO.A.01".into(),
            side: Side::Theirs,
        }];
        st.run_now(|s, ctx| share::merge(s, ctx, &a.id, &back, false, &one))
            .expect_err("A.02 has no choice");
        let unchanged = st
            .run_now(|s, _| Ok(s.answer(&a.id, "AEO.A.03")?))
            .expect("read");
        assert!(unchanged.is_none(), "nothing was merged");

        let both = vec![
            one[0].clone(),
            MergeChoice {
                item_id: "AEO.A.02".into(),
                side: Side::Mine,
            },
        ];
        let done = st
            .run_now(|s, ctx| share::merge(s, ctx, &a.id, &back, false, &both))
            .expect("merged");
        assert_eq!(
            (done.taken, done.chose_theirs, done.chose_mine),
            (
                vec!["AEO.A.03".to_string()],
                vec!["AEO.A.01".to_string()],
                vec!["AEO.A.02".to_string()]
            )
        );
        let ws = st
            .run_now(|s, _| assessments::open(s, &a.id, None))
            .expect("opens");
        let status = |item: &str| {
            ws.answers
                .iter()
                .find(|x| x.item_id == item)
                .map(|x| x.input.status)
        };
        assert_eq!(status("AEO.A.01"), Some(Status::PartiallyMet), "theirs");
        assert_eq!(status("AEO.A.02"), Some(Status::NotMet), "mine");
        assert_eq!(status("AEO.A.03"), Some(Status::Met), "taken");
    }

    #[test]
    fn an_unsigned_import_needs_consent_and_an_unrelated_file_does_not_merge() {
        let (dir, st) = state();
        let db = st.paths().database.clone();
        let a = st
            .run_now(|s, ctx| assessments::create(s, ctx, &trader()))
            .expect("created");
        let b = st
            .run_now(|s, ctx| assessments::create(s, ctx, &trader()))
            .expect("created");
        let file = dir.path().join("a.safeassess");
        st.run_now(|s, ctx| share::export_to(s, ctx, &db, &a.id, false, &file))
            .expect("exported");
        let e = st
            .run_now(|s, _| share::preview(s, &b.id, &file, false))
            .expect_err("b is not a copy of a");
        assert_eq!(e.code, "share_invalid");

        let junk = dir.path().join("junk.safeassess");
        std::fs::write(&junk, b"not a zip").expect("write");
        let e = safe_share::verify(&junk, safe_share::Limits::default())
            .map_err(|e| e.code())
            .expect_err("unreadable");
        assert_eq!(e, "share_unreadable");
    }

    #[test]
    fn comparisons_run_oldest_first_and_trends_need_three_assessments() {
        let (_dir, st) = state();
        let first = st
            .run_now(|s, ctx| assessments::create(s, ctx, &trader()))
            .expect("created");
        answer(&st, &first.id, "AEO.A.01", Status::NotMet, "");
        let second = st
            .run_now(|s, ctx| {
                let id = uuid::Uuid::new_v4().to_string();
                Ok(s.duplicate_assessment(&first.id, &id, "Acme 2027", &ctx.stamp)?)
            })
            .expect("duplicated");
        answer(&st, &second.id, "AEO.A.01", Status::Met, "");
        let mut other = trader();
        other.organisation = "Someone Else".into();
        st.run_now(|s, ctx| assessments::create(s, ctx, &other))
            .expect("created");

        let peers = st
            .run_now(|s, _| compare::peers(s, &second.id))
            .expect("peers");
        assert_eq!(peers.assessment.id, second.id);
        let ids: Vec<&str> = peers
            .peers
            .iter()
            .map(|p| p.assessment.id.as_str())
            .collect();
        assert_eq!(ids, vec![first.id.as_str()], "same organisation only");

        // Given newest first, still compared oldest first.
        let c = st
            .run_now(|s, _| compare::compare(s, &second.id, &first.id, None))
            .expect("compared");
        assert_eq!(c.before.id, first.id);
        assert_eq!(c.gaps_closed.len(), 1);
        assert_eq!(c.gaps_closed[0].item_id, "AEO.A.01");

        assert!(
            st.run_now(|s, _| compare::trend(s, &first.id, None))
                .expect("trend")
                .is_none(),
            "two assessments make no trend"
        );
        st.run_now(|s, ctx| {
            let id = uuid::Uuid::new_v4().to_string();
            Ok(s.duplicate_assessment(&second.id, &id, "Acme 2028", &ctx.stamp)?)
        })
        .expect("duplicated");
        let t = st
            .run_now(|s, _| compare::trend(s, &first.id, None))
            .expect("trend")
            .expect("three assessments");
        assert_eq!(t.assessments.len(), 3);
        assert_eq!(t.assessments[0].id, first.id, "oldest first");
        assert!(t.groups.iter().all(|g| g.scores.len() == 3));
    }
}

mod report_progress {
    use super::*;
    use crate::commands::export;
    use crate::dto::ExportRequest;
    use safe_report::{Format, Lang, Paper};

    fn json_report(
        st: &AppState,
        id: &str,
        previous: Option<&str>,
    ) -> crate::error::CmdResult<serde_json::Value> {
        let request = ExportRequest {
            assessment_id: id.into(),
            format: Format::Json,
            language: Lang::En,
            paper: Paper::A4,
            compare_with: previous.map(Into::into),
        };
        let opts = export::options(&request);
        let data = st.run_now(|s, _| Ok(safe_app::report::build(s, id, previous, &opts)?))?;
        let bytes = safe_app::report::render(&data, safe_report::Format::Json, &opts)?;
        Ok(serde_json::from_slice(&bytes).expect("report JSON"))
    }

    #[test]
    fn a_report_shows_progress_since_an_earlier_assessment_of_the_same_organisation() {
        let (_dir, st) = state();
        let first = st
            .run_now(|s, ctx| assessments::create(s, ctx, &trader()))
            .expect("created");
        st.run_now(|s, ctx| {
            answers::save(s, ctx, &first.id, "AEO.A.01", input(Status::NotMet, ""))
        })
        .expect("saved");
        let second = st
            .run_now(|s, ctx| {
                let id = uuid::Uuid::new_v4().to_string();
                Ok(s.duplicate_assessment(&first.id, &id, "Acme 2027", &ctx.stamp)?)
            })
            .expect("duplicated");
        st.run_now(|s, ctx| answers::save(s, ctx, &second.id, "AEO.A.01", input(Status::Met, "")))
            .expect("saved");

        let plain = json_report(&st, &second.id, None).expect("report");
        assert!(plain["comparison"].is_null(), "no comparison unless asked");
        assert_eq!(
            plain["asOf"],
            safe_app::today().to_string(),
            "judged against the user's local date, as on the command line"
        );
        let with = json_report(&st, &second.id, Some(&first.id)).expect("report");
        let closed = with["comparison"]["gapsClosed"]
            .as_array()
            .expect("closed gaps listed");
        assert!(
            closed.iter().any(|g| g.to_string().contains("AEO.A.01")),
            "the gap closed since the first assessment is listed: {closed:?}"
        );

        let mut other = trader();
        other.organisation = "Someone Else".into();
        let stranger = st
            .run_now(|s, ctx| assessments::create(s, ctx, &other))
            .expect("created");
        let e = json_report(&st, &second.id, Some(&stranger.id)).expect_err("refused");
        assert_eq!(e.code, "not_comparable");
        let e = json_report(&st, &second.id, Some("no-such-id")).expect_err("refused");
        assert_eq!(e.code, "not_found");
    }
}
