//! `safe-assess catalogue show PACK [--json]`: every group and item of one pack.
//!
//! The JSON document (`safe-assess.catalogue-pack/1`) carries the pack exactly as the core
//! serializes it, so a field added to the pack format appears here without a change.

use safe_core::Error;
use safe_core::catalogue::{Group, Item, Library, Pack};
use serde::Serialize;

use crate::error::Result;

/// Version of the `catalogue show --json` document; raised only when a field is renamed or removed.
const SCHEMA: &str = "safe-assess.catalogue-pack/1";

/// Looks the pack up in `lib` and prints it.
pub fn show(lib: &Library, id: &str, json: bool) -> Result<()> {
    let pack = lib.get(id).ok_or_else(|| unknown(lib, id))?;
    let origin = origin(lib, id);
    if json {
        print_json(pack, &origin);
    } else {
        print_tree(pack, &origin);
    }
    Ok(())
}

/// One line naming the id that is not known and the ids that are.
fn unknown(lib: &Library, id: &str) -> Error {
    let known: Vec<&str> = lib.packs().map(|p| p.id.as_str()).collect();
    Error::invalid(format!(
        "unknown catalogue pack '{id}'; known packs: {}",
        known.join(", ")
    ))
}

/// `builtin` or the file the pack was loaded from.
fn origin(lib: &Library, id: &str) -> String {
    lib.summaries()
        .into_iter()
        .find(|s| s.id == id)
        .map(|s| s.origin)
        .unwrap_or_default()
}

/// The `--json` document; the pack keeps the core's field order.
#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    origin: &'a str,
    pack: &'a Pack,
}

fn print_json(pack: &Pack, origin: &str) {
    let doc = Document {
        schema: SCHEMA,
        origin,
        pack,
    };
    match serde_json::to_string_pretty(&doc) {
        Ok(s) => outln!("{s}"),
        Err(e) => eprintln!("error: cannot write JSON: {e}"),
    }
}

fn print_tree(pack: &Pack, origin: &str) {
    outln!("{}  {}  [{}]", pack.id, pack.version, pack.profile.slug());
    outln!("  Title:   {}", pack.title);
    outln!("  Edition: {} ({})", pack.edition, pack.date);
    outln!("  Origin:  {origin}");
    outln!("  Items:   {}", pack.items().len());
    for g in &pack.groups {
        print_group(g, 0);
    }
}

fn print_group(g: &Group, depth: usize) {
    let indent = "  ".repeat(depth);
    outln!();
    outln!("{indent}{}  {}", g.label(), g.title);
    outln!("{indent}  ({}; {})", kind(g), g.reference);
    for i in &g.items {
        print_item(i, &indent);
    }
    for c in &g.groups {
        print_group(c, depth + 1);
    }
}

fn print_item(i: &Item, indent: &str) {
    outln!("{indent}  {:<12} {}", i.id, i.title);
    let roles = if i.roles.is_empty() {
        String::new()
    } else {
        format!(", roles: {}", i.roles.join(" "))
    };
    outln!(
        "{indent}  {:<12} {}, {}{roles}; {}",
        "",
        i.criticality.slug(),
        if i.mandatory {
            "mandatory"
        } else {
            "not mandatory"
        },
        i.reference
    );
}

/// The group's kind as the pack file writes it.
fn kind(g: &Group) -> String {
    serde_json::to_value(g.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
