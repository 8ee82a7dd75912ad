//! Writes sample reports of the fixtures for a person to look at:
//! `SAFE_REPORT_SAMPLES=/tmp/samples cargo test -p safe-report --test it -- --ignored samples`
#![allow(clippy::unwrap_used, clippy::expect_used)]

use safe_report::{Format, Lang, Paper, ReportData, comparison, render, render_data};

use crate::common;

#[test]
#[ignore = "writes files for manual review"]
fn write_samples() {
    let dir = std::path::PathBuf::from(
        std::env::var("SAFE_REPORT_SAMPLES").unwrap_or_else(|_| "/tmp/safe-report-samples".into()),
    );
    std::fs::create_dir_all(&dir).unwrap();
    for (name, opened) in [
        ("trader", common::trader(20)),
        ("customs", common::customs()),
    ] {
        for f in Format::ALL {
            let bytes = render(&opened, f, &common::options()).unwrap();
            std::fs::write(dir.join(format!("{name}.{}", f.slug())), bytes).unwrap();
        }
        let mut fr = common::options();
        fr.lang = Lang::Fr;
        fr.paper = Paper::Letter;
        for f in [Format::Pdf, Format::Html] {
            let bytes = render(&opened, f, &fr).unwrap();
            std::fs::write(dir.join(format!("{name}-fr-letter.{}", f.slug())), bytes).unwrap();
        }
    }
    // With the progress section.
    let (previous, current) = common::trader_with_previous();
    let mut fr = common::options();
    fr.lang = Lang::Fr;
    for (suffix, opts) in [("", common::options()), ("-fr", fr)] {
        let mut data = ReportData::build(&current, &opts);
        data.comparison = Some(comparison(&previous, &current).unwrap());
        for f in Format::ALL {
            let bytes = render_data(&data, f, &opts).unwrap();
            std::fs::write(
                dir.join(format!("trader-progress{suffix}.{}", f.slug())),
                bytes,
            )
            .unwrap();
        }
    }
}
