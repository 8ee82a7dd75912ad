//! A pack's (and the roles') texts in one language, with what had to fall back to the original.

use super::{Group, GroupText, Item, ItemText, Pack, Role, Translation};

/// A pack whose texts are in [`Localized::language`] wherever the pack has a translation.
#[derive(Debug, Clone, PartialEq)]
pub struct Localized {
    /// The pack with its texts replaced by the translation; `translations` is emptied (it has been
    /// applied) and `language` still names the original language.
    pub pack: Pack,
    /// The language asked for.
    pub language: String,
    /// The language of the texts that had no translation (the pack's own language).
    pub original: String,
    /// The texts that fell back to the original, e.g. `item AEO.A.01 requirement`, in pack order.
    pub missing: Vec<String>,
}

impl Localized {
    /// Whether some text is still in the original language.
    pub fn fell_back(&self) -> bool {
        !self.missing.is_empty()
    }
}

/// Replaces `target` by the translation when there is one, else records `what` as missing.
fn take(
    target: &mut String,
    t: Option<&String>,
    what: impl FnOnce() -> String,
    missing: &mut Vec<String>,
) {
    match t {
        Some(t) => target.clone_from(t),
        None => missing.push(what()),
    }
}

fn take_list(
    target: &mut Vec<String>,
    t: Option<&Vec<String>>,
    what: impl FnOnce() -> String,
    missing: &mut Vec<String>,
) {
    match t {
        // Validation guarantees the lengths match; a mismatch keeps the original rather than
        // losing entries.
        Some(t) if t.len() == target.len() => target.clone_from(t),
        _ if target.is_empty() => {}
        _ => missing.push(what()),
    }
}

fn note(
    target: &mut Option<super::Provenance>,
    t: Option<&String>,
    what: impl FnOnce() -> String,
    missing: &mut Vec<String>,
) {
    if let Some(n) = target.as_mut().and_then(|p| p.note.as_mut()) {
        take(n, t, what, missing);
    }
}

fn item(i: &mut Item, t: Option<&ItemText>, missing: &mut Vec<String>) {
    let empty = ItemText::default();
    let t = t.unwrap_or(&empty);
    let id = i.id.clone();
    let at = |f: &str| format!("item {id} {f}");
    take(&mut i.title, t.title.as_ref(), || at("title"), missing);
    take(
        &mut i.requirement,
        t.requirement.as_ref(),
        || at("requirement"),
        missing,
    );
    take(
        &mut i.guidance,
        t.guidance.as_ref(),
        || at("guidance"),
        missing,
    );
    take(
        &mut i.shortfall,
        t.shortfall.as_ref(),
        || at("shortfall"),
        missing,
    );
    take_list(
        &mut i.evidence,
        t.evidence.as_ref(),
        || at("evidence"),
        missing,
    );
    take(
        &mut i.reference,
        t.reference.as_ref(),
        || at("reference"),
        missing,
    );
    note(&mut i.provenance, t.note.as_ref(), || at("note"), missing);
}

fn group(g: &mut Group, tr: Option<&Translation>, missing: &mut Vec<String>) {
    let empty = GroupText::default();
    let t = tr.and_then(|tr| tr.groups.get(&g.id)).unwrap_or(&empty);
    let id = g.id.clone();
    let at = |f: &str| format!("group {id} {f}");
    take(&mut g.title, t.title.as_ref(), || at("title"), missing);
    take(
        &mut g.summary,
        t.summary.as_ref(),
        || at("summary"),
        missing,
    );
    take(
        &mut g.reference,
        t.reference.as_ref(),
        || at("reference"),
        missing,
    );
    take_list(
        &mut g.instruments,
        t.instruments.as_ref(),
        || at("instruments"),
        missing,
    );
    note(&mut g.provenance, t.note.as_ref(), || at("note"), missing);
    for i in &mut g.items {
        let it = tr.and_then(|tr| tr.items.get(&i.id));
        item(i, it, missing);
    }
    for c in &mut g.groups {
        group(c, tr, missing);
    }
}

impl Pack {
    /// The pack's texts in `language`: translated where the pack has a translation, the original
    /// elsewhere (listed in [`Localized::missing`]). Asking for the pack's own language changes
    /// nothing.
    pub fn localized(&self, language: &str) -> Localized {
        let original = self.language().to_string();
        let mut pack = self.clone();
        let mut missing = Vec::new();
        if language != original {
            let tr = self.translations.get(language);
            let at = |f: &str| format!("pack {f}");
            take(
                &mut pack.title,
                tr.and_then(|t| t.title.as_ref()),
                || at("title"),
                &mut missing,
            );
            take(
                &mut pack.edition,
                tr.and_then(|t| t.edition.as_ref()),
                || at("edition"),
                &mut missing,
            );
            take(
                &mut pack.source,
                tr.and_then(|t| t.source.as_ref()),
                || at("source"),
                &mut missing,
            );
            for g in &mut pack.groups {
                group(g, tr, &mut missing);
            }
            for t in &mut pack.tiers {
                match t.translations.get(language) {
                    Some(rt) => {
                        t.name.clone_from(&rt.name);
                        t.description.clone_from(&rt.description);
                    }
                    None => missing.push(format!("tier {} name", t.id)),
                }
            }
        }
        for t in &mut pack.tiers {
            t.translations.clear();
        }
        pack.translations.clear();
        Localized {
            pack,
            language: language.to_string(),
            original,
            missing,
        }
    }
}

/// The roles with their name and description in `language` where the role has them (the role
/// list is written in English).
pub fn localized_roles(roles: &[Role], language: &str) -> Vec<Role> {
    roles
        .iter()
        .map(|r| {
            let mut r = r.clone();
            if let Some(t) = r.translations.get(language) {
                r.name.clone_from(&t.name);
                r.description.clone_from(&t.description);
            }
            r.translations.clear();
            r
        })
        .collect()
}
