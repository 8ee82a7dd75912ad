// Every string the UI shows comes from src/locales/<lang>.json. `t(key, params)` looks the key up
// in the current language, falling back to English, and fills `{name}` placeholders. Changing
// `locale.lang` re-renders every text, because `t` reads it.

import en from '../locales/en.json';
import fr from '../locales/fr.json';
import type { Lang } from './bindings';

export type Messages = Record<string, string>;
export const catalogs: Record<Lang, Messages> = { en, fr };

export const locale = $state<{ lang: Lang }>({ lang: 'en' });

export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function translate(
  lang: Lang,
  key: string,
  params?: Record<string, string | number>,
): string {
  const text = catalogs[lang][key] ?? catalogs.en[key] ?? key;
  return format(text, params);
}

export function t(key: string, params?: Record<string, string | number>): string {
  return translate(locale.lang, key, params);
}

/** A date and time in the user's language, e.g. "27 Nov 2026, 10:15". */
export function dateTime(iso: string): string {
  // A throw-away value for formatting, not state.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale.lang === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(d);
}

/** A whole percentage in the user's language ("50%", "50 %"). */
export function percent(value: number): string {
  return new Intl.NumberFormat(locale.lang === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(value / 100);
}
