//! A customs validator's database at scale, shared by the core benchmark (`benches/core.rs`) and
//! the scale generator (`examples/scale.rs --applications`): `apps` applications, each one
//! submission of an assessment answering every item of a synthetic trader pack, opened through
//! `Store::open_submission` like a real submission file; every third with a remark, every
//! second with most items accepted.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use safe_core::catalogue::{Pack, Profile, builtin_roles};
use safe_core::model::{Answer, AnswerInput, Assessment, Stamp, Status};
use safe_core::review::{RemarkKind, SubmissionDoc};
use safe_core::store::{AssessmentBundle, Received, Store};

fn at(n: i64) -> Stamp {
    let t0 = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    Stamp {
        at: t0 + Duration::seconds(n),
        by: "validator".into(),
    }
}

/// A trader pack `id` of `items` items (`P.SS.III`) in 10 sections.
pub fn pack(id: &str, prefix: &str, items: usize) -> Result<Pack, safe_core::Error> {
    let groups: Vec<String> = (0..10)
        .map(|g| {
            let its: Vec<String> = (0..items)
                .filter(|i| i % 10 == g)
                .map(|i| {
                    format!(
                        r#"{{"id":"{prefix}.{g:02}.{i:03}","title":"Item {i}","requirement":"q","guidance":"g",
                        "shortfall":"f","evidence":["e1","e2"],"reference":"r","roles":["all"],
                        "criticality":"{}","mandatory":false,"aim":"prevent-exploitation"}}"#,
                        ["critical", "major", "minor"][i % 3]
                    )
                })
                .collect();
            format!(
                r#"{{"id":"{prefix}.{g:02}","kind":"section","title":"Section {g}","summary":"s","reference":"r","items":[{}]}}"#,
                its.join(",")
            )
        })
        .collect();
    let json = format!(
        r#"{{"format":1,"id":"{id}","title":"{id}","edition":"2026","date":"2026-01-01",
        "version":"1.0.0","profile":"trader","source":"bench","groups":[{}]}}"#,
        groups.join(",")
    );
    Pack::parse(id, &json, &builtin_roles())
}

/// Opens `apps` submissions on `pack` into `store` (not durable while filling); returns the
/// application ids.
pub fn fill(store: &mut Store, pack: &Pack, apps: usize) -> Result<Vec<String>, safe_core::Error> {
    store.set_durable(false)?;
    let statuses = [
        Status::Met,
        Status::Met,
        Status::PartiallyMet,
        Status::NotMet,
    ];
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let mut ids = Vec::with_capacity(apps);
    for k in 0..apps {
        let stamp = at(k as i64 * 60);
        let assessment = Assessment {
            id: format!("trader-{k:05}"),
            title: format!("AEO application {k}"),
            profile: Profile::Trader,
            roles: vec!["importer".into()],
            organisation: format!("Applicant {k} Ltd"),
            country: ["KE", "FR", "ID", "BR"][k % 4].into(),
            identifiers: String::new(),
            assessors: String::new(),
            scope: String::new(),
            pack_id: pack.id.clone(),
            pack_version: pack.version.clone(),
            created_at: stamp.at,
            updated_at: stamp.at,
            based_on: None,
            tiers: vec![],
        };
        let answers: Vec<Answer> = pack
            .items()
            .iter()
            .enumerate()
            .map(|(n, i)| Answer {
                item_id: i.id.clone(),
                input: AnswerInput {
                    comment: format!("Our procedure for {} is documented and applied", i.id),
                    owner: "Compliance".into(),
                    ..AnswerInput::status(statuses[(n + k) % 4])
                },
                carried_over: false,
                updated_at: stamp.at,
                updated_by: "trader".into(),
                evidence: vec![],
            })
            .collect();
        let bundle = AssessmentBundle {
            assessment,
            answers,
            history: vec![],
            evidence: vec![],
        };
        let submission = SubmissionDoc {
            number: 1,
            submitted_at: stamp.at,
            by: "trader".into(),
            application_id: None,
            responses: vec![],
            reopened: vec![],
        };
        let id = format!("app-{k:05}");
        let r = Received {
            pack,
            bundle: &bundle,
            lineage: &[],
            submission: &submission,
            file_name: format!("submission-{k}.safeassess"),
            fingerprint: format!("{k:016x}"),
            public_key: "00".repeat(32),
            report_pdf: None,
            accept_new_key: false,
            new_id: id.clone(),
            accept_days: 30,
            decide_days: 120,
            remark_days: 30,
            today,
        };
        store.open_submission(&r, &mut |_| Ok(None), &stamp)?;
        let items = pack.items();
        if k % 2 == 0 {
            for i in items.iter().skip(2).take(items.len() * 3 / 4) {
                store.accept_item(&id, &i.id, &stamp)?;
            }
        }
        if k % 3 == 0
            && let Some(first) = items.first()
        {
            store.add_remark(
                &id,
                &first.id,
                RemarkKind::Query,
                "Who signed it?",
                None,
                today,
                &stamp,
            )?;
        }
        ids.push(id);
    }
    store.set_durable(true)?;
    Ok(ids)
}
