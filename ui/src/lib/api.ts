// The only module that talks to Tauri. Every command of the desktop shell has one typed function
// here; errors come back as ApiError with the shell's stable `code` (the UI never looks at the
// message text to decide anything).

import { Channel, invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { AnswerInput, Assessment, AssessmentSummary, Attached, DeletedAssessment, BackupInfo, Comparison, ErrorCode, ExportSummary, ImportOutcome, MergeReport, NewAssessment, Peers, Role, Trend } from './bindings';
import type { AppInfo, ApplicationEvent, CommandError, Dashboard, ExportRequest, ExportStep, Exported, HistoryEntry, MergeChoice, MergePreview, PackChoice, Saved, Settings, ShareCheck, Workspace } from './bindings-desktop';
import type { EditionRef, RebasePlan } from './bindings';
import type { Added, Catalogues, Coverage, Linked, LinkInfo, PackSummary, Scorecard, Started } from './bindings';
import type { ApplicationScreen, Decision, DecisionRecord, Format, Lang, OpenResult, Paper, QueueEntry, RemarkKind, ReviewAttached, SavedEvidence, TraderReview, ValidationPlan } from './bindings';

/** A failed command: `code` is stable (one of the shell's `ErrorCode`s), `message` is for people. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'ApiError';
  }
}

function isCommandError(e: unknown): e is CommandError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as CommandError).code === 'string' &&
    typeof (e as CommandError).message === 'string'
  );
}

/** Turns whatever a rejected call gives into an ApiError. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (isCommandError(e)) return new ApiError(e.code, e.message);
  return new ApiError('internal', e instanceof Error ? e.message : String(e));
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toApiError(e);
  }
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  /** Says the first screen is drawn: the background check of the database file may start. */
  firstScreenDrawn: () => call<null>('first_screen_drawn'),
  setSettings: (settings: Settings) => call<AppInfo>('set_settings', { settings }),
  backupNow: () => call<BackupInfo>('backup_now'),
  listBackups: () => call<BackupInfo[]>('list_backups'),
  restoreBackup: (label: string) => call<AppInfo>('restore_backup', { label }),

  /** The roles, named in `lang` where they have a translation. */
  roles: (lang: string) => call<Role[]>('roles', { lang }),
  /** The catalogue packs: the default of each profile and the superseded ones. */
  cataloguePacks: (lang: string) => call<PackChoice[]>('catalogue_packs', { lang }),
  listAssessments: () => call<AssessmentSummary[]>('list_assessments'),
  createAssessment: (details: NewAssessment) =>
    call<Assessment>('create_assessment', { details }),
  updateAssessment: (id: string, details: NewAssessment) =>
    call<Assessment>('update_assessment', { id, details }),
  duplicateAssessment: (id: string, title: string) =>
    call<Assessment>('duplicate_assessment', { id, title }),
  deleteAssessment: (id: string) => call<null>('delete_assessment', { id }),
  restoreAssessment: (id: string) => call<Assessment>('restore_assessment', { id }),
  /** The assessments in the bin, most recently deleted first. */
  listDeletedAssessments: () => call<DeletedAssessment[]>('list_deleted_assessments'),
  /** The workspace, with the pack's texts in `lang` where the pack has them. */
  openAssessment: (id: string, lang: string) => call<Workspace>('open_assessment', { id, lang }),
  /** Scores, verdict and gaps, group titles in `lang` where the pack has them. */
  dashboard: (id: string, lang: string) => call<Dashboard>('dashboard', { id, lang }),

  saveAnswer: (id: string, itemId: string, input: AnswerInput) =>
    call<Saved>('save_answer', { id, itemId, input }),
  clearAnswer: (id: string, itemId: string) => call<Saved>('clear_answer', { id, itemId }),
  itemHistory: (id: string, itemId: string) =>
    call<HistoryEntry[]>('item_history', { id, itemId }),

  /** Opens the file dialog; null when the user closed it. */
  attachEvidence: (id: string, itemId: string, title: string) =>
    call<Attached | null>('attach_evidence', { id, itemId, title }),
  attachDropped: (id: string, itemId: string) => call<Attached>('attach_dropped', { id, itemId }),
  removeEvidence: (id: string, itemId: string, sha256: string) =>
    call<Attached>('remove_evidence', { id, itemId, sha256 }),

  /** Asks where to save, writes the report, reports each step; null when the user cancelled. */
  exportReport: (request: ExportRequest, onStep: (step: ExportStep) => void) => {
    const channel = new Channel<ExportStep>();
    channel.onmessage = onStep;
    return call<Exported | null>('export_report', { request, onStep: channel });
  },
  openExported: (path: string) => call<null>('open_exported', { path }),

  /** Asks where to save and writes a signed .safeassess file; null when the user cancelled. */
  exportShare: (id: string, redact: boolean, title: string) =>
    call<ExportSummary | null>('export_share', { id, redact, title }),
  /** Asks for a .safeassess file and checks it (nothing is written); null when cancelled. */
  pickShareFile: (title: string) => call<ShareCheck | null>('pick_share_file', { title }),
  /** Imports the picked file as a new assessment. */
  importShare: (path: string, allowUnsigned: boolean) =>
    call<ImportOutcome>('import_share', { path, allowUnsigned }),
  mergePreview: (id: string, path: string, allowUnsigned: boolean) =>
    call<MergePreview>('merge_preview', { id, path, allowUnsigned }),
  applyMerge: (id: string, path: string, allowUnsigned: boolean, choices: MergeChoice[]) =>
    call<MergeReport>('apply_merge', { id, path, allowUnsigned, choices }),

  /** The newest edition this assessment could move to; null when it is on the current one. */
  rebaseOffer: (id: string) => call<EditionRef | null>('rebase_offer', { id }),
  /** What moving to pack `to` (`PACK@VERSION`) would do; nothing is written. */
  rebasePreview: (id: string, to: string) => call<RebasePlan>('rebase_preview', { id, to }),
  /** Moves the assessment to pack `to` in one step. */
  rebaseApply: (id: string, to: string) => call<RebasePlan>('rebase_apply', { id, to }),

  /** Other assessments of the same organisation and catalogue, newest first. */
  comparable: (id: string) => call<Peers>('comparable', { id }),
  /** Compares two assessments, the older one first whatever the order given. */
  compareAssessments: (a: string, b: string, lang: string) =>
    call<Comparison>('compare_assessments', { a, b, lang }),
  /** Scores per section over time; null when the organisation has fewer than three. */
  organisationTrend: (id: string, lang: string) =>
    call<Trend | null>('organisation_trend', { id, lang }),

  // Catalogues and the crosswalk (desk-packs).
  /** Every pack (built-in and own) and the refused files, titles in `lang`. */
  catalogues: (lang: string) => call<Catalogues>('catalogues', { lang }),
  /** Asks for a .json or .xlsx pack and installs it; null when the user closed the dialog. */
  addPack: (title: string) => call<Added | null>('add_pack', { title }),
  /** The packs this assessment's pack has a crosswalk mapping with, titles in `lang`. */
  crosswalkTargets: (id: string, lang: string) =>
    call<PackSummary[]>('crosswalk_targets', { id, lang }),
  /** How much of pack `other` this assessment already answers. */
  coverage: (id: string, other: string, lang: string) =>
    call<Coverage>('coverage', { id, other, lang }),
  /** A new assessment on `details.packId`, pre-filled from assessment `from` through the links. */
  startFrom: (details: NewAssessment, from: string) =>
    call<Started>('start_from', { details, from }),
  /** The link of this assessment and the answers that came through it; null when not linked. */
  linked: (id: string) => call<Linked | null>('linked', { id }),
  /** Confirms the answer of an item that came through the link. */
  confirmDerived: (id: string, itemId: string) =>
    call<Scorecard>('confirm_derived', { id, itemId }),
  /** Removes the link to the assessment this one was started from (recorded). */
  unlink: (id: string) => call<LinkInfo>('unlink', { id }),

  /** The window was asked to close: save what is pending, then call `closeWindow`. */
  onClosing: (f: () => void): Promise<UnlistenFn> => listen<null>('closing', () => f()),
  closeWindow: () => call<null>('close_window'),

  /** The database was found damaged after start (the check of the whole file): ask `appInfo`. */
  onDatabaseProblem: (f: () => void): Promise<UnlistenFn> =>
    listen<null>('database-problem', () => f()),

  /** Files dragged over the window (true) or away (false). */
  onDragHover: (f: (hovering: boolean) => void): Promise<UnlistenFn> =>
    listen<boolean>('drag-hover', (e) => f(e.payload)),
  /** Files dropped on the window: their names. Attach them with `attachDropped`. */
  onFilesDropped: (f: (names: string[]) => void): Promise<UnlistenFn> =>
    listen<string[]>('files-dropped', (e) => f(e.payload)),
};

export type Api = typeof api;

/** Validation by customs (src-tauri/src/commands/review.rs). */
export const reviewApi = {
  /** Customs: every application with the days left to its deadlines. */
  queue: () => call<QueueEntry[]>('review_queue'),
  /** Asks for a .safeassess submission (`review` false) or a .safereview file; null when cancelled. */
  pickFile: (title: string, review: boolean) => call<string | null>('pick_review_file', { title, review }),
  /** Opens a picked submission; stops with `newKey` (nothing written) unless `acceptNewKey`. */
  openSubmission: (path: string, acceptNewKey: boolean) =>
    call<OpenResult>('open_submission', { path, acceptNewKey }),
  application: (app: string, lang: string) => call<ApplicationScreen>('application_screen', { app, lang }),
  /** Customs: the application's history, oldest first. */
  history: (app: string) => call<ApplicationEvent[]>('review_history', { app }),
  accept: (app: string, item: string) => call<null>('review_accept', { app, item }),
  /** Raises a remark due on `due` (`YYYY-MM-DD`), or by default the application's days to
   * answer from today when null; its number and due date. */
  remark: (app: string, item: string, kind: RemarkKind, text: string, due: string | null) =>
    call<[number, string]>('review_remark', { app, item, kind, text, due }),
  closeRemark: (app: string, number: number) => call<null>('review_close_remark', { app, number }),
  visit: (app: string, item: string, finding: string) => call<null>('review_visit', { app, item, finding }),
  decide: (app: string, decision: Decision, note: string) =>
    call<DecisionRecord>('review_decide', { app, decision, note }),
  /** Asks where to save and writes the signed review file; its path, null when cancelled. */
  exportReview: (application: string, title: string) =>
    call<string | null>('review_export', { application, title }),

  /** Trader: submissions made and the review attached. */
  trader: (id: string) => call<TraderReview>('trader_review', { id }),
  /** Trader: applicable items still unanswered. */
  missing: (id: string) => call<string[]>('submit_missing', { id }),
  /** Asks where to save and writes the submission; its number, null when cancelled. */
  submit: (id: string, title: string) => call<number | null>('submit_assessment', { id, title }),
  importReview: (path: string) => call<ReviewAttached>('import_review', { path }),
  respond: (id: string, number: number, text: string) => call<string>('respond_remark', { id, number, text }),
  reopen: (id: string, item: string) => call<number>('reopen_answer', { id, item }),

  /** Asks where to save and writes the validation report (src-tauri/src/commands/review_files.rs):
   * of application `id` (`customs`) or of the review attached to assessment `id`; null when
   * cancelled. */
  validationReport: (id: string, customs: boolean, format: Format, language: Lang, paper: Paper, title: string) =>
    call<Exported | null>('validation_report', { id, customs, format, language, paper, title }),
  /** Customs: the sections ranked for the on-site visit. */
  plan: (app: string) => call<ValidationPlan>('validation_plan', { app }),
  /** Customs: asks where to save a copy of a submission's evidence file; [path, what was
   * written] (its SHA-256 checked), null when cancelled. */
  saveEvidence: (application: string, sha256: string, title: string) =>
    call<[string, SavedEvidence] | null>('save_submission_evidence', { application, sha256, title }),
};
