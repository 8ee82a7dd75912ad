import { describe, expect, it } from 'vitest';
import en from '../locales/en.json';
import fr from '../locales/fr.json';
import { format, translate } from './i18n.svelte';

const sources = import.meta.glob(['../**/*.svelte', '../**/*.ts', '!../**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const catalogs: Record<string, Record<string, string>> = { en, fr };
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// Keys built at run time, e.g. t(`status.${s}`): every member of each family must exist.
const families: Record<string, string[]> = {
  'status.': ['met', 'partially-met', 'not-met', 'not-applicable', 'none'],
  'priority.': ['high', 'medium', 'low'],
  'criticality.': ['critical', 'major', 'minor'],
  'aim.': ['prevent-exploitation', 'protect-critical-nodes', 'resilience-recovery'],
  'provenance.basis.': ['safe', 'wco-guidance', 'national-practice', 'best-practice'],
  'provenance.': ['partial', 'unverified'],
  'profile.': ['customs', 'trader'],
  'new.profileHelp.': ['customs', 'trader'],
  'readiness.': ['not-ready', 'incomplete', 'ready-with-actions', 'ready'],
  'readiness.rule': ['1', '2', '3', '4'],
  'export.formats.': ['pdf', 'html', 'xlsx', 'csv', 'json', 'safeassess'],
  'export.formatHelp.': ['pdf', 'html', 'xlsx', 'csv', 'json', 'safeassess'],
  'export.step.': ['loading', 'rendering', 'writing', 'done'],
  'settings.themes.': ['system', 'light', 'dark'],
  'ws.filter.': ['all', 'unanswered', 'gaps', 'flagged'],
  'history.action.': [
    'answer',
    'clear',
    'confirm',
    'evidence-add',
    'evidence-remove',
    'merge',
    'import',
    'rebase',
    'rebase-carry',
    // Every other action the core writes (safe_core::history::Change::action).
    'create',
    'update',
    'delete',
    'restore',
    'duplicate',
    'merge-declined',
    'link',
    'link-carry',
    'link-confirm',
    'link-diverge',
    'unlink',
    'submit',
    'review-import',
    'reopen',
    'respond',
  ],
  'rebase.kind.': ['kept', 'renamed', 'changed', 'split', 'merged', 'new', 'withdrawn'],
  'history.field.': ['status', 'justification', 'comment', 'owner', 'targetDate', 'priority', 'flagged'],
  'merge.field.': ['status', 'justification', 'comment', 'owner', 'targetDate', 'priority', 'flagged'],
  'compare.movement.': ['improved', 'worsened', 'answered', 'unanswered', 'changed'],
  // Catalogues and the crosswalk (desk-packs).
  'relationship.': ['equal', 'subset', 'superset', 'intersects'],
  'derived.state.': ['carried', 'suggested', 'confirmed', 'changed', 'diverged'],
  'coverage.state.': ['covered', 'partly', 'not-covered'],
  'coverage.count.': ['covered', 'partly', 'not-covered'],
  'catalogues.origin.': ['builtin', 'own'],
  // Validation by customs.
  'review.state.': ['received', 'under-review', 'returned', 'decided'],
  'review.kind.': ['query', 'evidence-missing', 'non-conformity'],
  'review.remarkState.': ['open', 'answered', 'closed'],
  'review.decision.': ['return', 'grant', 'grant-with-conditions', 'refuse'],
  'review.decided.': ['return', 'grant', 'grant-with-conditions', 'refuse'],
  'review.notePlaceholder.': ['return', 'grant', 'grant-with-conditions', 'refuse'],
  'review.decisionHelp.': ['return', 'grant', 'grant-with-conditions', 'refuse'],
  'review.show.': ['all', 'open', 'remarks', 'changed'],
  'validation.formatHelp.': ['pdf', 'html'],
  'plan.reason.': ['critical', 'not-met', 'partially-met', 'no-evidence', 'evidence-expired', 'changed', 'open-remark'],
};

describe('translations', () => {
  it('English and French have the same keys, none empty, with the same placeholders', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [lang, cat] of Object.entries(catalogs)) {
      for (const [key, text] of Object.entries(cat)) {
        expect(text.trim(), `${lang} ${key} is empty`).not.toBe('');
        expect(placeholders(text), `${lang} ${key} placeholders`).toEqual(
          placeholders(en[key as keyof typeof en]),
        );
      }
    }
  });

  it('every key the code uses exists', () => {
    const used = new Set<string>();
    const dynamic = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\bt\('([^']+)'/g)) used.add(m[1] as string);
      for (const m of text.matchAll(/\bt\(`([^`$]*)\$\{/g)) dynamic.add(m[1] as string);
      // Keys chosen in code and passed to t() later (e.g. the reasons an answer is refused).
      for (const m of text.matchAll(/'(answer\.[a-zA-Z]+)'/g)) used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(100);
    for (const key of used) expect(en, `missing key ${key}`).toHaveProperty([key]);
    for (const prefix of dynamic) {
      expect(families, `no family listed for t(\`${prefix}…\`)`).toHaveProperty([prefix]);
      for (const member of families[prefix] ?? []) {
        expect(en, `missing key ${prefix}${member}`).toHaveProperty([prefix + member]);
      }
    }
  });

  it('fills placeholders and falls back to English, then to the key', () => {
    expect(format('{a} of {b}', { a: 1, b: 2 })).toBe('1 of 2');
    expect(format('{a} of {c}', { a: 1 })).toBe('1 of {c}');
    expect(translate('fr', 'status.met')).toBe('Satisfait');
    expect(translate('fr', 'no.such.key')).toBe('no.such.key');
  });
});
