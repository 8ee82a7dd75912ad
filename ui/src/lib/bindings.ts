// GENERATED from src-tauri/src/dto/mod.rs by ts-rs. Do not edit by hand:
// change the Rust type, then run `UPDATE_BINDINGS=1 cargo test -p safe-assess-desktop --lib bindings`.

export type ErrorCode = "invalid_input" | "not_found" | "ambiguous_id" | "catalogue_invalid" | "database_damaged" | "database_too_new" | "io" | "read_only" | "disk_full" | "database" | "migration" | "share_unreadable" | "share_unsafe_member" | "share_too_large" | "share_format_too_new" | "share_tampered" | "share_unsigned" | "share_invalid" | "key" | "not_comparable" | "file_exists" | "not_writable" | "render" | "not_allowed" | "no_database" | "settings" | "internal";

export type CommandError = { 
/**
 * A stable, machine-readable code (`not_found`, `invalid_input`, `share_tampered`, ...).
 */
code: ErrorCode, 
/**
 * One line for people.
 */
message: string, };

export type Status = "met" | "partially-met" | "not-met" | "not-applicable";

export type Priority = "high" | "medium" | "low";

export type Profile = "customs" | "trader";

export type Criticality = "critical" | "major" | "minor";

export type Aim = "prevent-exploitation" | "protect-critical-nodes" | "resilience-recovery";

export type GroupKind = "part" | "pillar" | "standard" | "level" | "section";

export type Basis = "safe" | "wco-guidance" | "national-practice" | "best-practice";

export type Confidence = "verified" | "partial" | "unverified";

export type Provenance = { 
/**
 * The kind of text.
 */
basis: Basis, 
/**
 * The programme or text, when named.
 */
programme: string | null, 
/**
 * How sure the reference is.
 */
confidence: Confidence, 
/**
 * How the reference was checked.
 */
note: string | null, };

export type PackChoice = { 
/**
 * Pack id.
 */
id: string, 
/**
 * Title, in the UI language where the pack has it.
 */
title: string, 
/**
 * Pack version.
 */
version: string, 
/**
 * Who answers it.
 */
profile: Profile, 
/**
 * The id of the loaded pack that supersedes it, if any.
 */
supersededBy: string | null, 
/**
 * Whether a new assessment of its profile starts on it.
 */
isDefault: boolean, };

export type Readiness = "not-ready" | "incomplete" | "ready-with-actions" | "ready";

export type Role = { 
/**
 * Stable slug.
 */
id: string, 
/**
 * Display name.
 */
name: string, 
/**
 * One-line description.
 */
description: string, };

export type AssessmentDetails = { 
/**
 * Title.
 */
title: string, 
/**
 * Profile (ignored when changing details: it never changes).
 */
profile: Profile | null, 
/**
 * Trader roles (role ids).
 */
roles: Array<string>, 
/**
 * Organisation.
 */
organisation: string, 
/**
 * ISO 3166-1 alpha-2 country code.
 */
country: string, 
/**
 * Identifiers (EORI, TIN, ...).
 */
identifiers: string, 
/**
 * Assessors' names.
 */
assessors: string, 
/**
 * Scope note.
 */
scope: string, };

export type Assessment = { 
/**
 * Id (UUID).
 */
id: string, 
/**
 * Title.
 */
title: string, 
/**
 * Profile.
 */
profile: Profile, 
/**
 * Trader roles.
 */
roles: Array<string>, 
/**
 * Organisation.
 */
organisation: string, 
/**
 * Country code.
 */
country: string, 
/**
 * Identifiers.
 */
identifiers: string, 
/**
 * Assessors.
 */
assessors: string, 
/**
 * Scope note.
 */
scope: string, 
/**
 * Pinned catalogue pack id.
 */
packId: string, 
/**
 * Pinned catalogue pack version.
 */
packVersion: string, 
/**
 * Created (UTC, RFC 3339).
 */
createdAt: string, 
/**
 * Last change (UTC, RFC 3339).
 */
updatedAt: string, 
/**
 * The assessment this one was duplicated from.
 */
basedOn: string | null, };

export type AssessmentSummary = { 
/**
 * The assessment.
 */
assessment: Assessment, 
/**
 * Applicable items.
 */
applicable: number, 
/**
 * Answered applicable items.
 */
answered: number, 
/**
 * 0 to 100.
 */
completion: number, };

export type AnswerInput = { 
/**
 * Status.
 */
status: Status, 
/**
 * Why the item does not apply (required for not-applicable).
 */
justification: string, 
/**
 * Free comment.
 */
comment: string, 
/**
 * Who owns closing the gap.
 */
owner: string, 
/**
 * Target date (YYYY-MM-DD).
 */
targetDate: string | null, 
/**
 * Priority.
 */
priority: Priority | null, 
/**
 * Flagged for review.
 */
flagged: boolean, };

export type Answer = { 
/**
 * Item id.
 */
itemId: string, 
/**
 * What the user set.
 */
input: AnswerInput, 
/**
 * Copied from an earlier assessment and not confirmed since.
 */
carriedOver: boolean, 
/**
 * When last changed.
 */
updatedAt: string, 
/**
 * Who last changed it.
 */
updatedBy: string, 
/**
 * Evidence attached (SHA-256 hex).
 */
evidence: Array<string>, };

export type Evidence = { 
/**
 * SHA-256 of the content, hex.
 */
sha256: string, 
/**
 * File name as attached.
 */
fileName: string, 
/**
 * Media type.
 */
mediaType: string, 
/**
 * Size in bytes.
 */
size: number, 
/**
 * When attached.
 */
addedAt: string, 
/**
 * Effective from.
 */
effective: string | null, 
/**
 * Expires on.
 */
expires: string | null, 
/**
 * Items it supports.
 */
items: Array<string>, };

export type HistoryEntry = { 
/**
 * Sequence number (increasing).
 */
seq: number, 
/**
 * `answer`, `clear`, `confirm`, `evidence-add`, `evidence-remove`, `merge`, `import`.
 */
action: string, 
/**
 * The answer before, for answer changes.
 */
old: AnswerInput | null, 
/**
 * The answer after, for answer changes.
 */
new: AnswerInput | null, 
/**
 * The evidence file, for evidence changes.
 */
fileName: string | null, 
/**
 * When.
 */
at: string, 
/**
 * Who.
 */
by: string, };

export type Item = { 
/**
 * Stable id.
 */
id: string, 
/**
 * Short title.
 */
title: string, 
/**
 * What must be in place.
 */
requirement: string, 
/**
 * What good implementation looks like.
 */
guidance: string, 
/**
 * The most common shortfall.
 */
shortfall: string, 
/**
 * Evidence a validator would ask for.
 */
evidence: Array<string>, 
/**
 * SAFE Framework reference.
 */
reference: string, 
/**
 * How much it matters.
 */
criticality: Criticality, 
/**
 * Cannot be answered not-applicable.
 */
mandatory: boolean, 
/**
 * The strategic aim it serves.
 */
aim: Aim, 
/**
 * Where it comes from and how sure the reference is (pack format 2; null otherwise).
 */
provenance: Provenance | null, };

export type Group = { 
/**
 * Stable id.
 */
id: string, 
/**
 * Kind.
 */
kind: GroupKind, 
/**
 * Short label (code, or the id).
 */
label: string, 
/**
 * Title.
 */
title: string, 
/**
 * What the group is about.
 */
summary: string, 
/**
 * SAFE reference.
 */
reference: string, 
/**
 * Child groups.
 */
groups: Array<Group>, 
/**
 * Items directly in this group.
 */
items: Array<Item>, };

export type Pack = { 
/**
 * Pack id.
 */
id: string, 
/**
 * Title.
 */
title: string, 
/**
 * Source edition.
 */
edition: string, 
/**
 * Pack version.
 */
version: string, 
/**
 * The tree.
 */
groups: Array<Group>, };

export type Score = { 
/**
 * 0 to 100, or null when nothing scorable is answered.
 */
score: number | null, 
/**
 * 0 to 100.
 */
completion: number, 
/**
 * Applicable items.
 */
applicable: number, 
/**
 * Answered (including not-applicable).
 */
answered: number, 
/**
 * Met.
 */
met: number, 
/**
 * Partially met.
 */
partiallyMet: number, 
/**
 * Not met.
 */
notMet: number, 
/**
 * Not applicable.
 */
notApplicable: number, 
/**
 * Unanswered.
 */
unanswered: number, };

export type GroupScore = { 
/**
 * Group id.
 */
id: string, 
/**
 * Short label.
 */
label: string, 
/**
 * Title.
 */
title: string, 
/**
 * Kind.
 */
kind: GroupKind, 
/**
 * 0 for top-level groups.
 */
depth: number, 
/**
 * Parent group id.
 */
parent: string | null, 
/**
 * Score and completion.
 */
score: Score, };

export type AimScore = { 
/**
 * The aim.
 */
aim: Aim, 
/**
 * Score and completion.
 */
score: Score, };

export type Verdict = { 
/**
 * Readiness.
 */
readiness: Readiness, 
/**
 * The rule (1 to 4) that matched.
 */
rule: number, 
/**
 * The rule in words with the figures (English, from the core).
 */
explanation: string, };

export type Gap = { 
/**
 * Item id.
 */
itemId: string, 
/**
 * Item title.
 */
title: string, 
/**
 * The group directly holding the item.
 */
groupId: string, 
/**
 * Criticality.
 */
criticality: Criticality, 
/**
 * Status; null when unanswered.
 */
status: Status | null, 
/**
 * Recommended action (the item's guidance).
 */
recommendedAction: string, 
/**
 * Owner.
 */
owner: string, 
/**
 * Target date.
 */
targetDate: string | null, 
/**
 * Priority.
 */
priority: Priority | null, 
/**
 * Flagged for review.
 */
flagged: boolean, };

export type Scorecard = { 
/**
 * The whole assessment.
 */
overall: Score, 
/**
 * Every group, parents before children.
 */
groups: Array<GroupScore>, 
/**
 * The three strategic aims.
 */
aims: Array<AimScore>, 
/**
 * Trader assessments only.
 */
verdict: Verdict | null, 
/**
 * Gaps, most important first.
 */
gaps: Array<Gap>, };

export type Dashboard = { 
/**
 * The assessment.
 */
assessment: Assessment, 
/**
 * Its scores.
 */
scorecard: Scorecard, };

export type Progress = { 
/**
 * The whole assessment.
 */
overall: Score, 
/**
 * Per group id.
 */
groups: Array<GroupProgress>, };

export type GroupProgress = { 
/**
 * Group id.
 */
id: string, 
/**
 * Applicable items.
 */
applicable: number, 
/**
 * Answered items.
 */
answered: number, };

export type Workspace = { 
/**
 * The assessment.
 */
assessment: Assessment, 
/**
 * Its pinned pack, cut to the items that apply.
 */
pack: Pack, 
/**
 * The answers.
 */
answers: Array<Answer>, 
/**
 * The evidence files.
 */
evidence: Array<Evidence>, 
/**
 * Badges.
 */
progress: Progress, };

export type Saved = { 
/**
 * The answer as stored; null after clearing.
 */
answer: Answer | null, 
/**
 * Badges after the change.
 */
progress: Progress, };

export type Attached = { 
/**
 * The assessment's evidence files after attaching.
 */
evidence: Array<Evidence>, 
/**
 * The item's answer, with its evidence list.
 */
answer: Answer | null, };

export type Backup = { 
/**
 * Full path.
 */
path: string, 
/**
 * Size in bytes.
 */
size: number, 
/**
 * Time and reason, e.g. `20261127-101500-daily`.
 */
label: string, };

export type Language = "en" | "fr";

export type Theme = "system" | "light" | "dark";

export type Settings = { 
/**
 * UI language.
 */
language: Language, 
/**
 * Colour theme.
 */
theme: Theme, 
/**
 * The name recorded in the history of every change; empty for the login name.
 */
userName: string, };

export type AppInfo = { 
/**
 * App version.
 */
version: string, 
/**
 * The database file (shared with the `safe-assess` command line).
 */
database: string, 
/**
 * The backup folder.
 */
backups: string, 
/**
 * The folder for the user's own catalogue packs.
 */
catalogueFolder: string, 
/**
 * The name recorded in the history (settings, or the login name).
 */
userName: string, 
/**
 * The settings.
 */
settings: Settings, 
/**
 * Why the database could not be opened, when it could not.
 */
databaseError: CommandError | null, 
/**
 * User catalogue packs that were refused, one line each.
 */
catalogueProblems: Array<string>, };

export type ExportFormat = "pdf" | "html" | "xlsx" | "csv" | "json";

export type Paper = "a4" | "letter";

export type ExportRequest = { 
/**
 * Assessment id.
 */
assessmentId: string, 
/**
 * Format.
 */
format: ExportFormat, 
/**
 * Paper size (PDF).
 */
paper: Paper, 
/**
 * Language of the report's fixed text.
 */
language: Language, 
/**
 * An earlier assessment of the same organisation: the report then shows the progress since
 * it (not in CSV, which is the gap register only).
 */
compareWith: string | null, };

export type ExportStep = "loading" | "rendering" | "writing" | "done";

export type Exported = { 
/**
 * Where the file is.
 */
path: string, 
/**
 * Its size in bytes.
 */
size: number, };

export type ShareExported = { 
/**
 * Where the file is.
 */
path: string, 
/**
 * Its size in bytes.
 */
bytes: number, 
/**
 * Answers written.
 */
answers: number, 
/**
 * Evidence files whose content was written.
 */
evidenceFiles: number, 
/**
 * Evidence files named without content (redacted).
 */
evidenceWithheld: number, 
/**
 * Whether comments, owners and evidence content were left out.
 */
redacted: boolean, 
/**
 * The fingerprint of the key that signed it (this installation's).
 */
fingerprint: string, };

export type Integrity = "intact" | "unsigned" | "tampered";

export type Signer = { 
/**
 * The organisation of the exported assessment.
 */
organisation: string, 
/**
 * The name of the person who exported it.
 */
name: string, 
/**
 * The key's fingerprint (16 hex digits).
 */
fingerprint: string, };

export type ShareManifest = { 
/**
 * The assessment's id where it was exported.
 */
assessmentId: string, 
/**
 * Title.
 */
title: string, 
/**
 * Organisation.
 */
organisation: string, 
/**
 * Catalogue pack id.
 */
packId: string, 
/**
 * Catalogue pack version.
 */
packVersion: string, 
/**
 * When it was exported.
 */
createdAt: string, 
/**
 * The safe-assess version that wrote it.
 */
appVersion: string, 
/**
 * Format version.
 */
format: number, 
/**
 * Comments, owners and evidence content left out.
 */
redacted: boolean, };

export type ShareCheck = { 
/**
 * The file (the one the user picked; pass it back to import or merge it).
 */
path: string, 
/**
 * Its name.
 */
fileName: string, 
/**
 * Intact, unsigned or tampered.
 */
integrity: Integrity, 
/**
 * What does not match, when tampered (English, from the core).
 */
reason: string | null, 
/**
 * Who signed it (for a tampered file: who it claims, not to be trusted).
 */
signer: Signer | null, 
/**
 * Signed with this installation's own key.
 */
ownKey: boolean, 
/**
 * The manifest (not for a tampered file).
 */
manifest: ShareManifest | null, 
/**
 * Local assessments this file is a copy of, which it can be merged into.
 */
mergeTargets: Array<Assessment>, };

export type Imported = { 
/**
 * The new assessment.
 */
assessment: Assessment, 
/**
 * Answers imported.
 */
answers: number, 
/**
 * Evidence files imported with their content.
 */
evidenceFiles: number, 
/**
 * Evidence files named without content (redacted file).
 */
evidenceWithheld: number, };

export type Side = "mine" | "theirs";

export type MergeTaken = { 
/**
 * Item id.
 */
itemId: string, 
/**
 * Item title.
 */
title: string, 
/**
 * The file's answer.
 */
theirs: Answer, };

export type MergeConflict = { 
/**
 * Item id.
 */
itemId: string, 
/**
 * Item title.
 */
title: string, 
/**
 * The answer here.
 */
mine: Answer, 
/**
 * The file's answer.
 */
theirs: Answer, };

export type MergePreview = { 
/**
 * The assessment merged into.
 */
assessment: Assessment, 
/**
 * The file.
 */
fileName: string, 
/**
 * Who signed it.
 */
signer: Signer | null, 
/**
 * Items taken from the file.
 */
take: Array<MergeTaken>, 
/**
 * Items needing a choice.
 */
conflicts: Array<MergeConflict>, 
/**
 * Items already the same.
 */
same: number, 
/**
 * Items answered only here (kept).
 */
onlyMine: number, };

export type MergeChoice = { 
/**
 * Item id.
 */
itemId: string, 
/**
 * Which answer wins.
 */
side: Side, };

export type Merged = { 
/**
 * Items taken from the file.
 */
taken: number, 
/**
 * Conflicts resolved for the file's answer.
 */
choseTheirs: number, 
/**
 * Conflicts resolved for the answer here.
 */
choseMine: number, 
/**
 * Evidence links added with adopted answers.
 */
evidenceLinksAdded: number, };

export type ComparePeers = { 
/**
 * The assessment.
 */
assessment: Assessment, 
/**
 * The other assessments of its organisation on the same catalogue, newest first.
 */
peers: Array<AssessmentSummary>, };

export type ComparePoint = { 
/**
 * Id.
 */
id: string, 
/**
 * Title.
 */
title: string, 
/**
 * Organisation.
 */
organisation: string, 
/**
 * Created.
 */
createdAt: string, 
/**
 * Overall score.
 */
score: number | null, 
/**
 * Completion (percent).
 */
completion: number, };

export type Movement = "improved" | "worsened" | "answered" | "unanswered" | "changed";

export type ItemChange = { 
/**
 * Item id.
 */
itemId: string, 
/**
 * Item title.
 */
title: string, 
/**
 * Criticality.
 */
criticality: Criticality, 
/**
 * Status before.
 */
before: Status | null, 
/**
 * Status after.
 */
after: Status | null, 
/**
 * How it moved.
 */
movement: Movement, };

export type GroupDelta = { 
/**
 * Group id.
 */
id: string, 
/**
 * Short label.
 */
label: string, 
/**
 * Title.
 */
title: string, 
/**
 * 0 for top-level groups.
 */
depth: number, 
/**
 * Score before.
 */
before: number | null, 
/**
 * Score after.
 */
after: number | null, 
/**
 * After minus before, when both exist.
 */
delta: number | null, };

export type GapChange = { 
/**
 * Item id.
 */
itemId: string, 
/**
 * Item title.
 */
title: string, 
/**
 * Criticality.
 */
criticality: Criticality, 
/**
 * Status before.
 */
before: Status | null, 
/**
 * Status after.
 */
after: Status | null, };

export type Comparison = { 
/**
 * The earlier assessment.
 */
before: ComparePoint, 
/**
 * The later one.
 */
after: ComparePoint, 
/**
 * False when the organisations' names differ.
 */
sameOrganisation: boolean, 
/**
 * Overall score delta.
 */
delta: number | null, 
/**
 * Every group, in tree order.
 */
groups: Array<GroupDelta>, 
/**
 * Items whose status differs, in catalogue order.
 */
changes: Array<ItemChange>, 
/**
 * Gaps of the earlier assessment that are no longer gaps.
 */
gapsClosed: Array<GapChange>, 
/**
 * Gaps of the later one that were not gaps before.
 */
gapsOpened: Array<GapChange>, };

export type TrendRow = { 
/**
 * Group id.
 */
id: string, 
/**
 * Short label.
 */
label: string, 
/**
 * Title.
 */
title: string, 
/**
 * Score in each assessment (null: nothing scorable).
 */
scores: Array<number | null>, };

export type Trend = { 
/**
 * The assessments, oldest first.
 */
assessments: Array<ComparePoint>, 
/**
 * One row per top-level group.
 */
groups: Array<TrendRow>, 
/**
 * The overall score of each assessment.
 */
overall: Array<number | null>, };

export type PackRef = { id: string, version: string, };

export type MoveKind = "kept" | "renamed" | "changed" | "split" | "merged" | "new" | "withdrawn";

export type Move = { kind: MoveKind, from: Array<string>, to: Array<string>, notes: Array<string>, answered: Array<string>, };

export type Carried = { from: string, to: string, confirm: boolean, };

export type LeftBehind = { itemId: string, answer: AnswerInput, evidence: Array<string>, mergedInto?: string, };

export type KindCount = { kind: MoveKind, items: number, };

export type RebasePlan = { assessmentId: string, from: PackRef, to: PackRef, via: Array<PackRef>, moves: Array<Move>, carried: Array<Carried>, leftBehind: Array<LeftBehind>, links: { [key in string]?: Array<string> }, counts: Array<KindCount>, };
