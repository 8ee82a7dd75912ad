// Short messages at the bottom of the window, optionally with one action (e.g. "Undo").

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void };
}

export const toasts = $state<{ list: Toast[] }>({ list: [] });
let next = 1;

export function toast(
  text: string,
  kind: Toast['kind'] = 'info',
  action?: Toast['action'],
  ms = 8000,
): void {
  const id = next++;
  toasts.list.push({ id, text, kind, action });
  setTimeout(() => dismiss(id), ms);
}

export function dismiss(id: number): void {
  toasts.list = toasts.list.filter((t) => t.id !== id);
}
