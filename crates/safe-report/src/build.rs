//! Building [`ReportData`] from an opened assessment: gaps, groups, charts, action plan, evidence,
//! answers, capacity building and the generated summary paragraph.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use safe_core::Opened;
use safe_core::catalogue::{Criticality, Group, Pack, Profile, builtin_roles, localized_roles};
use safe_core::model::Status;
use safe_core::scoring::{self, NOT_READY_BELOW, READY_FROM, Score};

use crate::Options;
use crate::i18n::{Lang, T, fill, percent};
use crate::model::*;

impl ReportData {
    /// Builds the report data of an opened assessment.
    pub fn build(opened: &Opened, opts: &Options) -> ReportData {
        let a = &opened.assessment;
        let lang = opts.lang;
        let today = opts.today;
        // The pack's texts in the report's language; scored again only for the translated titles
        // (the figures are the same).
        let loc = opened.pack.localized(lang.code());
        let pack = &loc.pack;
        let sc = if lang.code() == opened.pack.language() {
            Cow::Borrowed(&opened.scorecard)
        } else {
            Cow::Owned(scoring::score(pack, a, &opened.answers))
        };

        let labels = path_labels(pack);
        let label_of = |id: &str| labels.get(id).cloned().unwrap_or_else(|| id.to_string());

        let gaps: Vec<GapRow> = sc
            .gaps
            .iter()
            .map(|g| GapRow {
                item_id: g.item_id.clone(),
                title: g.title.clone(),
                group_id: g.group_id.clone(),
                group_label: label_of(&g.group_id),
                criticality: g.criticality,
                status: g.status,
                comment: g.comment.clone(),
                owner: g.owner.trim().to_string(),
                target_date: g.target_date,
                overdue: g.target_date.is_some_and(|d| d < today),
                priority: g.priority,
                flagged: g.flagged,
                recommended_action: g.recommended_action.clone(),
            })
            .collect();

        // Critical gaps per group, counted up the tree.
        let parents: HashMap<&str, Option<&str>> = sc
            .groups
            .iter()
            .map(|g| (g.id.as_str(), g.parent.as_deref()))
            .collect();
        let mut critical: HashMap<String, usize> = HashMap::new();
        for g in gaps
            .iter()
            .filter(|g| g.criticality == Criticality::Critical)
        {
            let mut at = Some(g.group_id.as_str());
            while let Some(id) = at {
                *critical.entry(id.to_string()).or_default() += 1;
                at = parents.get(id).copied().flatten();
            }
        }

        let groups: Vec<GroupRow> = sc
            .groups
            .iter()
            .map(|g| GroupRow {
                id: g.id.clone(),
                label: g.label.clone(),
                path_label: label_of(&g.id),
                title: g.title.clone(),
                kind: g.kind,
                depth: g.depth,
                parent: g.parent.clone(),
                score: g.score.clone(),
                critical_gaps: critical.get(&g.id).copied().unwrap_or(0),
            })
            .collect();

        let leaf_ids = leaf_group_ids(pack);
        let bar_groups: Vec<String> = match a.profile {
            Profile::Trader => groups
                .iter()
                .filter(|g| g.depth == 0 && g.score.applicable > 0)
                .map(|g| g.id.clone())
                .collect(),
            Profile::Customs => groups
                .iter()
                .filter(|g| leaf_ids.contains(&g.id) && g.score.applicable > 0)
                .map(|g| g.id.clone())
                .collect(),
        };
        let radar_groups = groups
            .iter()
            .filter(|g| g.depth == 0 && g.score.applicable > 0)
            .map(|g| g.id.clone())
            .collect();

        let aims = sc
            .aims
            .iter()
            .map(|s| AimRow {
                aim: s.aim,
                label: aim_label(lang, s.aim).to_string(),
                score: s.score.clone(),
            })
            .collect();

        let evidence: Vec<EvidenceRow> = opened
            .evidence
            .iter()
            .map(|e| EvidenceRow {
                file_name: e.file_name.clone(),
                sha256: e.sha256.clone(),
                size: e.size,
                media_type: e.media_type.clone(),
                added_at: e.added_at,
                effective: e.effective,
                expires: e.expires,
                expired: e.expires.is_some_and(|d| d < today),
                items: e.items.clone(),
            })
            .collect();

        let answers_by_item: HashMap<&str, &safe_core::model::Answer> = opened
            .answers
            .iter()
            .map(|x| (x.item_id.as_str(), x))
            .collect();
        let file_names: HashMap<&str, &str> = opened
            .evidence
            .iter()
            .map(|e| (e.sha256.as_str(), e.file_name.as_str()))
            .collect();

        let mut not_applicable = Vec::new();
        let mut flagged = Vec::new();
        let mut answers: Vec<AnswerGroup> = Vec::new();
        for (path, item) in pack.items_with_path() {
            if !a.asks(item) {
                continue;
            }
            let Some(group) = path.last() else { continue };
            let ans = answers_by_item.get(item.id.as_str()).copied();
            let input = ans.map(|x| &x.input);
            if let Some(i) = input {
                if i.status == Status::NotApplicable {
                    not_applicable.push(NotApplicableRow {
                        item_id: item.id.clone(),
                        title: item.title.clone(),
                        justification: i.justification.clone(),
                    });
                }
                if i.flagged {
                    flagged.push(FlaggedRow {
                        item_id: item.id.clone(),
                        title: item.title.clone(),
                        status: Some(i.status),
                        comment: i.comment.clone(),
                        owner: i.owner.clone(),
                    });
                }
            }
            let row = AnswerRow {
                item_id: item.id.clone(),
                title: item.title.clone(),
                criticality: item.criticality,
                mandatory: item.mandatory,
                status: input.map(|i| i.status),
                justification: input.map(|i| i.justification.clone()).unwrap_or_default(),
                comment: input.map(|i| i.comment.clone()).unwrap_or_default(),
                owner: input.map(|i| i.owner.clone()).unwrap_or_default(),
                target_date: input.and_then(|i| i.target_date),
                priority: input.and_then(|i| i.priority),
                flagged: input.is_some_and(|i| i.flagged),
                carried_over: ans.is_some_and(|x| x.carried_over),
                evidence: ans
                    .map(|x| {
                        x.evidence
                            .iter()
                            .map(|sha| file_names.get(sha.as_str()).copied().unwrap_or(sha))
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default(),
                updated_at: ans.map(|x| x.updated_at),
                updated_by: ans.map(|x| x.updated_by.clone()).unwrap_or_default(),
                reference: item.reference.clone(),
                provenance: item.provenance.clone(),
                provenance_label: crate::provenance::label(lang, item.provenance.as_ref()),
            };
            match answers.last_mut() {
                Some(last) if last.group_id == group.id => last.items.push(row),
                _ => answers.push(AnswerGroup {
                    group_id: group.id.clone(),
                    group_label: label_of(&group.id),
                    path: path.iter().map(|g| g.title.clone()).collect(),
                    items: vec![row],
                }),
            }
        }

        let capacity_building = match a.profile {
            Profile::Trader => Vec::new(),
            Profile::Customs => capacity(pack, &groups, &leaf_ids, &gaps),
        };

        let action_plan = action_plan(&gaps);
        let summary = summary(opened, lang, &gaps, &groups, &bar_groups, &evidence);

        ReportData {
            schema: SCHEMA,
            lang: lang.code(),
            generated_at: opts.generated_at,
            as_of: today,
            generator: format!("safe-assess {}", env!("CARGO_PKG_VERSION")),
            assessment: AssessmentInfo {
                id: a.id.clone(),
                title: a.title.clone(),
                organisation: a.organisation.clone(),
                profile: a.profile,
                roles: role_infos(&a.roles, lang),
                tiers: a
                    .tiers
                    .iter()
                    .map(|id| RoleInfo {
                        id: id.clone(),
                        name: pack
                            .tiers
                            .iter()
                            .find(|t| &t.id == id)
                            .map(|t| t.name.clone())
                            .unwrap_or_else(|| id.clone()),
                    })
                    .collect(),
                country: a.country.clone(),
                identifiers: a.identifiers.clone(),
                assessors: a.assessors.clone(),
                scope: a.scope.clone(),
                created_at: a.created_at,
                updated_at: a.updated_at,
                based_on: a.based_on.clone(),
            },
            catalogue: CatalogueInfo {
                id: pack.id.clone(),
                title: pack.title.clone(),
                edition: pack.edition.clone(),
                date: pack.date.clone(),
                version: pack.version.clone(),
                source: pack.source.clone(),
                format: pack.format,
                language: lang.code().to_string(),
                fallback: crate::provenance::fallback(lang, &loc),
            },
            summary,
            groups,
            bar_groups,
            radar_groups,
            aims,
            top_gaps: gaps
                .iter()
                .take(TOP_GAPS)
                .map(|g| g.item_id.clone())
                .collect(),
            gaps,
            action_plan,
            not_applicable,
            flagged,
            evidence,
            capacity_building,
            answers,
            provenance: crate::provenance::rows(
                lang,
                &pack
                    .items()
                    .into_iter()
                    .filter(|i| a.asks(i))
                    .collect::<Vec<_>>(),
            ),
            comparison: None,
            link: None,
        }
    }

    /// A gap by item id.
    pub fn gap(&self, item_id: &str) -> Option<&GapRow> {
        self.gaps.iter().find(|g| g.item_id == item_id)
    }

    /// A group by id.
    pub fn group(&self, id: &str) -> Option<&GroupRow> {
        self.groups.iter().find(|g| g.id == id)
    }
}

/// Unique labels: the codes of the path joined by a space (`P1 S04`, `G`, `CE`).
pub(crate) fn path_labels(pack: &Pack) -> HashMap<String, String> {
    fn walk(g: &Group, prefix: &str, out: &mut HashMap<String, String>) {
        let label = if prefix.is_empty() {
            g.label().to_string()
        } else {
            format!("{prefix} {}", g.label())
        };
        for c in &g.groups {
            walk(c, &label, out);
        }
        out.insert(g.id.clone(), label);
    }
    let mut out = HashMap::new();
    for g in &pack.groups {
        walk(g, "", &mut out);
    }
    out
}

/// Groups that hold items directly (standards, levels, parts, sections).
fn leaf_group_ids(pack: &Pack) -> Vec<String> {
    fn walk(g: &Group, out: &mut Vec<String>) {
        if !g.items.is_empty() {
            out.push(g.id.clone());
        }
        for c in &g.groups {
            walk(c, out);
        }
    }
    let mut out = Vec::new();
    for g in &pack.groups {
        walk(g, &mut out);
    }
    out
}

pub(crate) fn role_infos(ids: &[String], lang: Lang) -> Vec<RoleInfo> {
    let known = localized_roles(&builtin_roles(), lang.code());
    ids.iter()
        .map(|id| RoleInfo {
            id: id.clone(),
            name: known
                .iter()
                .find(|r| &r.id == id)
                .map(|r| r.name.clone())
                .unwrap_or_else(|| id.clone()),
        })
        .collect()
}

fn action_plan(gaps: &[GapRow]) -> Vec<OwnerPlan> {
    // Owners alphabetically (case-insensitive), unassigned last.
    // Key: (unassigned, owner lower-cased, owner) sorts owners alphabetically, unassigned last.
    type Key = (bool, String, String);
    let mut by_owner: BTreeMap<Key, Vec<(usize, &GapRow)>> = BTreeMap::new();
    for (i, g) in gaps.iter().enumerate() {
        by_owner
            .entry((g.owner.is_empty(), g.owner.to_lowercase(), g.owner.clone()))
            .or_default()
            .push((i, g));
    }
    by_owner
        .into_iter()
        .map(|((_, _, owner), mut rows)| {
            rows.sort_by_key(|(i, g)| (g.target_date.is_none(), g.target_date, *i));
            OwnerPlan {
                owner,
                overdue: rows.iter().filter(|(_, g)| g.overdue).count(),
                items: rows.into_iter().map(|(_, g)| g.item_id.clone()).collect(),
            }
        })
        .collect()
}

fn capacity(
    pack: &Pack,
    groups: &[GroupRow],
    leaf_ids: &[String],
    gaps: &[GapRow],
) -> Vec<CapacityRow> {
    fn find<'a>(
        gs: &'a [Group],
        id: &str,
        parent: Option<&'a Group>,
    ) -> Option<(&'a Group, Option<&'a Group>)> {
        for g in gs {
            if g.id == id {
                return Some((g, parent));
            }
            if let Some(hit) = find(&g.groups, id, Some(g)) {
                return Some(hit);
            }
        }
        None
    }
    groups
        .iter()
        .filter(|g| leaf_ids.contains(&g.id))
        .filter(|g| g.critical_gaps > 0 || g.score.score.is_some_and(|s| s < WEAK_BELOW))
        .map(|g| {
            let instruments = match find(&pack.groups, &g.id, None) {
                Some((own, _)) if !own.instruments.is_empty() => own.instruments.clone(),
                Some((_, Some(parent))) => parent.instruments.clone(),
                _ => Vec::new(),
            };
            CapacityRow {
                group_id: g.id.clone(),
                group_label: g.path_label.clone(),
                title: g.title.clone(),
                score: g.score.score,
                critical_gaps: g.critical_gaps,
                gaps: gaps
                    .iter()
                    .filter(|x| x.group_id == g.id)
                    .map(|x| x.item_id.clone())
                    .collect(),
                instruments,
            }
        })
        .collect()
}

fn summary(
    opened: &Opened,
    lang: Lang,
    gaps: &[GapRow],
    groups: &[GroupRow],
    bar_groups: &[String],
    evidence: &[EvidenceRow],
) -> Summary {
    let overall = &opened.scorecard.overall;
    let critical_gaps = gaps
        .iter()
        .filter(|g| g.criticality == Criticality::Critical)
        .count();
    let overdue = gaps.iter().filter(|g| g.overdue).count();
    let unowned = gaps.iter().filter(|g| g.owner.is_empty()).count();
    let expired_evidence = evidence.iter().filter(|e| e.expired).count();
    let verdict = opened.scorecard.verdict.as_ref().map(|v| VerdictInfo {
        readiness: v.readiness,
        rule: v.rule,
        explanation: match lang {
            Lang::En => v.explanation.clone(),
            Lang::Fr => verdict_fr(v.rule, overall, gaps),
        },
    });

    let n = |v: usize| v.to_string();
    let mut parts = vec![fill(
        lang,
        T::ParaAnswered,
        &[
            (
                "org",
                organisation_or_default(&opened.assessment.organisation, lang),
            ),
            ("answered", &n(overall.answered)),
            ("applicable", &n(overall.applicable)),
            ("completion", &percent(lang, Some(overall.completion))),
        ],
    )];
    if overall.score.is_some() {
        parts.push(fill(
            lang,
            T::ParaScore,
            &[
                ("score", &percent(lang, overall.score)),
                ("met", &n(overall.met)),
                ("partial", &n(overall.partially_met)),
                ("notmet", &n(overall.not_met)),
                ("na", &n(overall.not_applicable)),
            ],
        ));
    } else {
        parts.push(T::ParaNoScore.get(lang).to_string());
    }
    if gaps.is_empty() {
        parts.push(T::ParaNoGaps.get(lang).to_string());
    } else {
        parts.push(fill(
            lang,
            T::ParaGaps,
            &[("gaps", &n(gaps.len())), ("critical", &n(critical_gaps))],
        ));
    }
    let scored: Vec<&GroupRow> = bar_groups
        .iter()
        .filter_map(|id| groups.iter().find(|g| &g.id == id))
        .filter(|g| g.score.score.is_some())
        .collect();
    let best = scored.iter().copied().max_by(|a, b| {
        a.score
            .score
            .partial_cmp(&b.score.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(b.path_label.cmp(&a.path_label))
    });
    let worst = scored.iter().copied().min_by(|a, b| {
        a.score
            .score
            .partial_cmp(&b.score.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.path_label.cmp(&b.path_label))
    });
    if let (Some(b), Some(w)) = (best, worst)
        && b.id != w.id
        && b.score.score != w.score.score
    {
        parts.push(fill(
            lang,
            T::ParaBestWorst,
            &[
                ("best", &format!("{} {}", b.path_label, b.title)),
                ("bestscore", &percent(lang, b.score.score)),
                ("worst", &format!("{} {}", w.path_label, w.title)),
                ("worstscore", &percent(lang, w.score.score)),
            ],
        ));
    }
    if overdue > 0 {
        parts.push(fill(lang, T::ParaOverdue, &[("n", &n(overdue))]));
    }
    if unowned > 0 {
        parts.push(fill(lang, T::ParaUnowned, &[("n", &n(unowned))]));
    }
    if expired_evidence > 0 {
        parts.push(fill(lang, T::ParaExpired, &[("n", &n(expired_evidence))]));
    }

    Summary {
        score: overall.clone(),
        gaps: gaps.len(),
        critical_gaps,
        overdue,
        unowned,
        expired_evidence,
        verdict,
        paragraph: parts.join(" "),
    }
}

fn organisation_or_default(org: &str, lang: Lang) -> &str {
    if org.trim().is_empty() {
        match lang {
            Lang::En => "The organisation",
            Lang::Fr => "L'organisation",
        }
    } else {
        org.trim()
    }
}

/// The French wording of the core's verdict rule, with the same figures.
fn verdict_fr(rule: u8, overall: &Score, gaps: &[GapRow]) -> String {
    let lang = Lang::Fr;
    let count = |c: Criticality, s: Status| {
        gaps.iter()
            .filter(|g| g.criticality == c && g.status == Some(s))
            .count()
            .to_string()
    };
    let score = format!("{:.0}", overall.score.unwrap_or(0.0));
    let min = format!("{NOT_READY_BELOW:.0}");
    let ready = format!("{READY_FROM:.0}");
    match rule {
        1 => fill(
            lang,
            T::VerdictRule1,
            &[
                ("critical", &count(Criticality::Critical, Status::NotMet)),
                ("score", &score),
                ("min", &min),
            ],
        ),
        2 => fill(
            lang,
            T::VerdictRule2,
            &[
                ("unanswered", &overall.unanswered.to_string()),
                ("applicable", &overall.applicable.to_string()),
            ],
        ),
        3 => fill(
            lang,
            T::VerdictRule3,
            &[
                (
                    "partial",
                    &count(Criticality::Critical, Status::PartiallyMet),
                ),
                ("major", &count(Criticality::Major, Status::NotMet)),
                ("score", &score),
                ("ready", &ready),
            ],
        ),
        _ => fill(
            lang,
            T::VerdictRule4,
            &[("score", &score), ("ready", &ready)],
        ),
    }
}
