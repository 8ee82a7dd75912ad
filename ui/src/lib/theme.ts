// Applies the colour theme: "system" follows the desktop's light or dark preference.
import type { Theme } from './bindings-desktop';

export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme);
}
