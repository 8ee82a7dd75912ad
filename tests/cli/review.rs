//! Validation by customs with the real binary on two data folders (a trader's and a customs
//! validator's), through two submissions, with every refusal and the queue.

use serde_json::Value;

use crate::support::{Env, dump};

pub(crate) fn json(env: &Env, args: &[&str]) -> Value {
    serde_json::from_str(&env.ok(args)).expect("JSON output")
}

/// A command refused with exit code 2, one `error:` line and the `code:` line; nothing changed.
pub(crate) fn refused(env: &Env, args: &[&str], code: &str) -> String {
    let before = dump(&env.db);
    let (exit, out, err) = env.run(args);
    assert_eq!(exit, 2, "safe-assess {args:?} must be refused: {out}{err}");
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error: ")).count(),
        1,
        "{err}"
    );
    assert!(
        err.lines().any(|l| l == format!("code: {code}")),
        "safe-assess {args:?}: expected code {code}: {err}"
    );
    assert_eq!(
        dump(&env.db),
        before,
        "safe-assess {args:?} changed the database"
    );
    err
}

pub(crate) fn p(path: &std::path::Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// A freight forwarder's assessment with every applicable item answered except `leave_out`.
pub(crate) fn trader_assessment(t: &Env, leave_out: usize) -> (String, Vec<String>) {
    let id = t.new_assessment(&[
        "--title",
        "AEO 2026",
        "--profile",
        "trader",
        "--role",
        "freight-forwarder",
        "--org",
        "Acme Logistics",
        "--country",
        "KE",
    ]);
    let items = t.items_for(&id);
    let all: Vec<String> = items
        .mandatory
        .iter()
        .chain(&items.optional)
        .cloned()
        .collect();
    for (n, item) in all.iter().enumerate().skip(leave_out) {
        let status = if n == 1 { "partially-met" } else { "met" };
        t.ok(&[
            "answer",
            &id,
            item,
            "--status",
            status,
            "--comment",
            "in place",
        ]);
    }
    (id, all)
}

pub(crate) fn app_id(c: &Env) -> String {
    let q = json(c, &["review", "list", "--json"]);
    q["applications"][0]["id"]
        .as_str()
        .expect("app id")
        .to_string()
}

pub(crate) fn tamper(from: &std::path::Path, to: &std::path::Path) {
    let mut bytes = std::fs::read(from).expect("read");
    let i = bytes.len() / 2;
    bytes[i] ^= 0x55;
    std::fs::write(to, bytes).expect("write");
}

#[test]
fn submit_review_return_respond_resubmit_and_grant() {
    let trader = Env::new();
    let customs = Env::new();
    let (id, items) = trader_assessment(&trader, 2);
    let sub1 = trader.dir.path().join("sub1.safeassess");

    // Incomplete: refused, naming what is missing.
    let err = refused(&trader, &["submit", &id, "--out", p(&sub1)], "incomplete");
    assert!(err.contains("2 applicable items are not answered"), "{err}");
    assert!(err.contains(&items[0]) && err.contains(&items[1]), "{err}");
    assert!(!sub1.exists());

    trader.ok(&["answer", &id, &items[0], "--status", "met"]);
    trader.ok(&["answer", &id, &items[1], "--status", "partially-met"]);
    let evidence = trader.dir.path().join("policy.txt");
    std::fs::write(&evidence, "security policy v1").expect("write");
    trader.ok(&["evidence", "add", &id, &items[2], p(&evidence)]);
    let out = trader.ok(&["submit", &id, "--out", p(&sub1)]);
    assert!(out.contains("(submission 1)"), "{out}");
    assert!(trader.ok(&["show", &id]).contains("Submitted (1)"));
    assert!(trader.ok(&["list"]).contains("Submitted (1)"));
    assert_eq!(
        json(&trader, &["list", "--json"])["assessments"][0]["submitted"],
        1
    );
    // The assessment keeps working.
    trader.ok(&[
        "answer",
        &id,
        &items[3],
        "--status",
        "met",
        "--comment",
        "still editable",
    ]);
    trader.ok(&[
        "answer",
        &id,
        &items[3],
        "--status",
        "met",
        "--comment",
        "in place",
    ]);

    // Customs opens it: refused when tampered or a plain export.
    let bad = customs.dir.path().join("bad.safeassess");
    tamper(&sub1, &bad);
    let (code, _, err) = customs.run(&["review", "open", p(&bad)]);
    assert_eq!(code, 2, "{err}");
    assert!(
        customs
            .ok(&["review", "list"])
            .contains("No applications yet")
    );
    let plain = trader.dir.path().join("plain.safeassess");
    trader.ok(&["export", &id, "--out", p(&plain)]);
    let err = refused(&customs, &["review", "open", p(&plain)], "share_invalid");
    assert!(err.contains("not a submission"), "{err}");
    // A plain export stays format 1 and imports as before.
    customs.ok(&["import", p(&plain)]);

    let out = customs.ok(&["review", "open", p(&sub1)]);
    assert!(out.starts_with("new application "), "{out}");
    let app = app_id(&customs);
    let q = json(&customs, &["review", "list", "--json"]);
    let row = &q["applications"][0];
    assert_eq!(row["state"], "received");
    assert_eq!(row["submission"], 1);
    assert_eq!(row["applicant"], "Acme Logistics");
    assert_eq!(row["country"], "KE");
    assert_eq!(row["deadlines"]["acceptDaysLeft"], 30);
    assert!(row["score"].as_f64().is_some() && row["verdict"].is_string());
    // Replayed: refused.
    refused(&customs, &["review", "open", p(&sub1)], "review_mismatch");

    // Review: accept most, two remarks.
    let (r1_item, r2_item, reopened) = (&items[0], &items[2], &items[3]);
    for item in items.iter().skip(1) {
        if item != r2_item {
            customs.ok(&["review", "mark", &app[..8], item, "--accept"]);
        }
    }
    let out = customs.ok(&[
        "review",
        "mark",
        &app,
        r1_item,
        "--remark",
        "Who signed the policy?",
        "--kind",
        "query",
    ]);
    assert!(out.contains("remark R1"), "{out}");
    customs.ok(&[
        "review",
        "mark",
        &app,
        r2_item,
        "--remark",
        "Send the signed version",
        "--kind",
        "evidence-missing",
    ]);
    customs.ok(&[
        "review",
        "visit",
        &app,
        "--item",
        r1_item,
        "--finding",
        "Gate log kept on paper",
    ]);
    let na = trader.items_for(&id).not_applicable;
    let err = refused(
        &customs,
        &[
            "review", "mark", &app, &na[0], "--remark", "x", "--kind", "query",
        ],
        "invalid_input",
    );
    assert!(err.contains("does not apply"), "{err}");
    refused(
        &customs,
        &[
            "review", "mark", &app, r1_item, "--remark", "x", "--kind", "question",
        ],
        "invalid_input",
    );
    let err = refused(
        &customs,
        &["review", "decide", &app, "--return"],
        "invalid_input",
    );
    assert!(err.contains("needs a note"), "{err}");
    refused(
        &customs,
        &["review", "decide", &app, "--grant", "--note", "ok"],
        "invalid_input",
    );
    customs.ok(&[
        "review",
        "decide",
        &app,
        "--return",
        "--note",
        "Two remarks to answer",
    ]);
    let q = json(&customs, &["review", "list", "--json"]);
    assert_eq!(q["applications"][0]["state"], "returned");
    assert_eq!(q["applications"][0]["openRemarks"], 2);
    let review1 = customs.dir.path().join("review1.safereview");
    customs.ok(&["review", "export", &app, "--out", p(&review1)]);

    // Trader: tampered review refused; the real one attached with its key trusted.
    let bad = trader.dir.path().join("bad.safereview");
    let text = std::fs::read_to_string(&review1).expect("read");
    std::fs::write(
        &bad,
        text.replace("Who signed the policy?", "Nothing to do"),
    )
    .expect("write");
    refused(&trader, &["review", "import", p(&bad)], "share_tampered");
    std::fs::write(&bad, &text[..text.len() / 2]).expect("write");
    refused(&trader, &["review", "import", p(&bad)], "share_unreadable");
    let out = trader.ok(&["review", "import", p(&review1)]);
    assert!(out.contains("trusting customs key"), "{out}");
    assert!(out.contains("R1") && out.contains("R2"), "{out}");
    refused(
        &trader,
        &["review", "import", p(&review1)],
        "review_mismatch",
    );
    let show = trader.ok(&["show", &id]);
    assert!(show.contains("Who signed the policy?"), "{show}");

    // Another customs installation's review (another key, another application): refused.
    let other = Env::new();
    other.ok(&["review", "open", p(&sub1)]);
    let other_app = app_id(&other);
    other.ok(&["review", "mark", &other_app, r1_item, "--accept"]);
    let foreign = other.dir.path().join("foreign.safereview");
    other.ok(&["review", "export", &other_app, "--out", p(&foreign)]);
    let err = refused(
        &trader,
        &["review", "import", p(&foreign)],
        "review_mismatch",
    );
    assert!(err.contains("application"), "{err}");

    // Accepted answers are locked until reopened.
    let err = refused(
        &trader,
        &["answer", &id, reopened, "--status", "partially-met"],
        "answer_locked",
    );
    assert!(err.contains("reopen"), "{err}");
    refused(&trader, &["clear", &id, reopened], "answer_locked");
    trader.ok(&["reopen", &id, reopened]);
    trader.ok(&[
        "answer",
        &id,
        reopened,
        "--status",
        "partially-met",
        "--comment",
        "one site left",
    ]);
    let hist = trader.ok(&["history", &id, reopened, "--json"]);
    assert!(hist.contains("\"reopen\""), "{hist}");

    // Answers and new evidence, then submission 2.
    trader.ok(&["respond", &id, "R1", "--text", "The director, on 3 March"]);
    trader.ok(&["respond", &id, "2", "--text", "Signed copy attached"]);
    refused(&trader, &["respond", &id, "R9", "--text", "x"], "not_found");
    let signed = trader.dir.path().join("signed.txt");
    std::fs::write(&signed, "security policy v1, signed").expect("write");
    trader.ok(&["evidence", "add", &id, r2_item, p(&signed)]);
    let sub2 = trader.dir.path().join("sub2.safeassess");
    let out = trader.ok(&["submit", &id, "--out", p(&sub2)]);
    assert!(
        out.contains("(submission 2)") && out.contains("2 answers to remarks"),
        "{out}"
    );

    // Customs sees what changed; unchanged accepted items stay accepted.
    let out = customs.ok(&["review", "open", p(&sub2)]);
    assert!(out.starts_with("updated application"), "{out}");
    assert!(out.contains("remarks answered: R1, R2"), "{out}");
    assert!(
        out.contains(&format!(
            "{reopened}: status met -> partially-met; comment changed"
        )),
        "{out}"
    );
    assert!(out.contains(&format!("{r2_item}: evidence added")), "{out}");
    assert!(
        out.contains(&format!("no longer accepted (changed): {reopened}")),
        "{out}"
    );
    let view = json(&customs, &["review", "show", &app, "--json"]);
    let accepted: Vec<&str> = view["accepted"]
        .as_array()
        .expect("accepted")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(!accepted.contains(&reopened.as_str()) && accepted.contains(&items[4].as_str()));
    assert_eq!(view["remarks"][0]["state"], "answered");
    assert_eq!(view["remarks"][0]["response"], "The director, on 3 March");
    assert_eq!(view["submissions"].as_array().map(Vec::len), Some(2));
    assert_eq!(view["application"]["state"], "under-review");
    let text = customs.ok(&["review", "show", &app]);
    assert!(
        text.contains("Changed in submission 2") && text.contains("Gate log kept on paper"),
        "{text}"
    );
    refused(&customs, &["review", "open", p(&sub1)], "review_mismatch");

    customs.ok(&["review", "close-remark", &app, "R1"]);
    customs.ok(&["review", "close-remark", &app, "R2"]);
    refused(
        &customs,
        &["review", "close-remark", &app, "R2"],
        "invalid_input",
    );
    for item in [r1_item, r2_item, reopened] {
        customs.ok(&["review", "mark", &app, item, "--accept"]);
    }
    customs.ok(&[
        "review",
        "decide",
        &app,
        "--grant",
        "--note",
        "All requirements met",
    ]);
    let review2 = customs.dir.path().join("review2.safereview");
    customs.ok(&["review", "export", &app, "--out", p(&review2)]);
    refused(
        &customs,
        &["review", "export", &app, "--out", p(&review2)],
        "share_invalid",
    );
    let q = customs.ok(&["review", "list"]);
    assert!(q.contains("decided") && q.contains("Acme Logistics"), "{q}");

    // Trader: the decision; a closed remark needs no answer; the older review is refused.
    let out = trader.ok(&["review", "import", p(&review2)]);
    assert!(
        out.contains("decision: grant: All requirements met"),
        "{out}"
    );
    assert!(!out.contains("trusting"), "{out}");
    let err = refused(
        &trader,
        &["respond", &id, "R1", "--text", "more"],
        "invalid_input",
    );
    assert!(err.contains("closed"), "{err}");
    refused(
        &trader,
        &["review", "import", p(&review1)],
        "review_mismatch",
    );
    let show = json(&trader, &["show", &id, "--json"]);
    assert_eq!(show["submitted"], 2);
    assert_eq!(show["review"]["doc"]["state"], "decided");
}

#[test]
fn a_refusal_lists_reasons_and_the_queue_marks_overdue_applications() {
    let trader = Env::new();
    let customs = Env::new();
    let (id, items) = trader_assessment(&trader, 0);
    let sub = trader.dir.path().join("sub.safeassess");
    trader.ok(&["submit", &id, "--out", p(&sub)]);
    customs.ok(&["review", "open", p(&sub), "--accept-within", "0"]);
    let app = app_id(&customs);
    let q = json(&customs, &["review", "list", "--json"]);
    assert_eq!(q["applications"][0]["deadlines"]["acceptDaysLeft"], 0);
    assert!(customs.ok(&["review", "list"]).contains("due today"));
    customs.ok(&[
        "review",
        "mark",
        &app,
        &items[0],
        "--remark",
        "No gate control",
        "--kind",
        "non-conformity",
    ]);
    let out = customs.ok(&[
        "review",
        "decide",
        &app,
        "--refuse",
        "--note",
        "Security gaps",
    ]);
    assert!(
        out.contains(&format!("{}: non-conformity R1: No gate control", items[0])),
        "{out}"
    );
    assert!(
        out.contains(&format!("{}: answered partially met", items[1])),
        "{out}"
    );
    refused(
        &customs,
        &["review", "mark", &app, &items[0], "--accept"],
        "invalid_input",
    );
    refused(
        &customs,
        &["review", "decide", &app, "--grant", "--note", "x"],
        "invalid_input",
    );
    refused(&customs, &["review", "show", "nope"], "not_found");
}
