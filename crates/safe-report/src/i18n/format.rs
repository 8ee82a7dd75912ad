//! Dates, percentages and file sizes as a report writes them in each language.

use chrono::{Datelike, NaiveDate};

use super::{Lang, T};

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// A date in words: `5 March 2026`, `5 mars 2026`.
pub fn long_date(lang: Lang, d: NaiveDate) -> String {
    let months = match lang {
        Lang::En => &MONTHS_EN,
        Lang::Fr => &MONTHS_FR,
    };
    let month = months.get(d.month0() as usize).copied().unwrap_or("");
    let day = match (lang, d.day()) {
        (Lang::Fr, 1) => "1er".to_string(),
        (_, n) => n.to_string(),
    };
    format!("{day} {month} {}", d.year())
}

/// A short date for tables: `27 Feb 2026`, `27 févr. 2026`.
pub fn short_date(lang: Lang, d: NaiveDate) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const FR: [&str; 12] = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ];
    let months = match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    };
    let month = months.get(d.month0() as usize).copied().unwrap_or("");
    format!("{}\u{a0}{month}\u{a0}{}", d.day(), d.year())
}

/// A percentage without decimals (`72 %` in French, `72%` in English), or `n/a`.
pub fn percent(lang: Lang, v: Option<f64>) -> String {
    match v {
        None => T::NotScored.get(lang).to_string(),
        Some(v) => match lang {
            Lang::En => format!("{}%", v.round()),
            Lang::Fr => format!("{}\u{a0}%", v.round()),
        },
    }
}

/// A file size in bytes, KB or MB.
pub fn file_size(lang: Lang, bytes: u64) -> String {
    let (unit_k, unit_m, unit_b) = match lang {
        Lang::En => ("KB", "MB", "bytes"),
        Lang::Fr => ("Ko", "Mo", "octets"),
    };
    let s = if bytes < 1024 {
        format!("{bytes} {unit_b}")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} {unit_k}", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} {unit_m}", bytes as f64 / (1024.0 * 1024.0))
    };
    match lang {
        Lang::En => s,
        Lang::Fr => s.replace('.', ","),
    }
}

/// An ISO date, or an empty string.
pub fn iso(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}
