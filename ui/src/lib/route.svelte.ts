// Which screen is shown. There is no URL routing: the app has one window and a few screens.

export type Route =
  | { name: 'home' }
  | { name: 'new'; from?: string; pack?: string }
  | { name: 'workspace'; id: string; itemId?: string }
  | { name: 'dashboard'; id: string }
  | { name: 'merge'; id: string; path: string; allowUnsigned: boolean }
  | { name: 'compare'; id: string; other?: string; focus?: 'trend' }
  | { name: 'settings' }
  | { name: 'coverage'; id: string; other?: string }
  // Validation by customs.
  | { name: 'applications' }
  | { name: 'application'; id: string }
  | { name: 'inbox'; id: string };

export const nav = $state<{ route: Route }>({ route: { name: 'home' } });

export function go(route: Route): void {
  nav.route = route;
}
