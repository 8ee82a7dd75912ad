// Decisions of the sharing screens, kept out of the components so they can be tested: what an
// import may do with a checked file, the merge choices, and the comparison's defaults.

import type { Answer, AnswerInput, AssessmentSummary, Side } from './bindings';

import type { MergeChoice, MergeConflict, ShareCheck } from './bindings-desktop';

/** What the import dialog offers for a checked file. */
export interface ImportOffer {
  /** The file may be imported (perhaps after consent). */
  canImport: boolean;
  /** Unsigned: the user must confirm they trust where it came from. */
  needsConsent: boolean;
  /** It is a copy of local assessments it can be merged into. */
  canMerge: boolean;
}

/** A tampered file is never imported or merged; an unsigned one only with consent. */
export function importOffer(check: ShareCheck): ImportOffer {
  const tampered = check.integrity === 'tampered';
  return {
    canImport: !tampered,
    needsConsent: check.integrity === 'unsigned',
    canMerge: !tampered && check.mergeTargets.length > 0,
  };
}

/** Fingerprints are shown in groups of four hex digits, easier to read out over the phone. */
export function groupFingerprint(fp: string): string {
  return fp.match(/.{1,4}/g)?.join(' ') ?? fp;
}

/** Every conflict to the same side. */
export function allTo(conflicts: MergeConflict[], side: Side): Record<string, Side> {
  return Object.fromEntries(conflicts.map((c) => [c.itemId, side]));
}

/** The conflicts still without a choice. */
export function unchosen(conflicts: MergeConflict[], chosen: Record<string, Side>): string[] {
  return conflicts.filter((c) => !chosen[c.itemId]).map((c) => c.itemId);
}

/** The choices to send, one per conflict (only when every conflict has one). */
export function choicesOf(conflicts: MergeConflict[], chosen: Record<string, Side>): MergeChoice[] {
  return conflicts.flatMap((c) => {
    const side = chosen[c.itemId];
    return side ? [{ itemId: c.itemId, side }] : [];
  });
}

/** The fields of an answer shown side by side, in order. */
export const answerFields = [
  'status',
  'justification',
  'comment',
  'owner',
  'targetDate',
  'priority',
  'flagged',
] as const satisfies ReadonlyArray<keyof AnswerInput>;
export type AnswerField = (typeof answerFields)[number];

/** Whether a field differs between two answers. */
export function differs(mine: Answer, theirs: Answer, field: AnswerField): boolean {
  return mine[field] !== theirs[field];
}

/**
 * The assessment a comparison starts with: the one this was duplicated from when it is in the
 * list, else the newest one created before it, else the newest of the others.
 */
export function defaultPeer(
  me: { basedOn: string | null; createdAt: string },
  peers: AssessmentSummary[],
): string | undefined {
  const based = peers.find((p) => p.id === me.basedOn);
  if (based) return based.id;
  const older = peers
    .filter((p) => p.createdAt < me.createdAt)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (older[0] ?? peers[0])?.id;
}

/** A score delta as text: "+12", "−3", "0", or "–" when there is none. */
export function signedDelta(delta: number | null): string {
  if (delta === null) return '–';
  const r = Math.round(delta);
  if (r > 0) return `+${r}`;
  if (r < 0) return `−${Math.abs(r)}`;
  return '0';
}

/** "up", "down" or "flat" for styling a delta (rounded as shown). */
export function deltaDirection(delta: number | null): 'up' | 'down' | 'flat' {
  const r = delta === null ? 0 : Math.round(delta);
  return r > 0 ? 'up' : r < 0 ? 'down' : 'flat';
}

/** The fewest assessments of an organisation a trend is drawn for (`TREND_MIN` in commands/compare.rs). */
export const TREND_MIN = 3;

/** What the dashboard links to, from the number of other assessments it compares with. */
export interface PeerLinks {
  /** "Compare with…": there is at least one other assessment. */
  compare: boolean;
  /** The trend chart: this one and the others make at least `TREND_MIN`; else null. */
  trend: number | null;
}

export function peerLinks(peers: number): PeerLinks {
  const all = peers + 1;
  return { compare: peers > 0, trend: all >= TREND_MIN ? all : null };
}
