// Preferences kept in localStorage; a browser that refuses storage simply forgets them.

export function load<T>(key: string, accept: (value: unknown) => value is T, fallback: T): T {
  try {
    const raw = window.localStorage.getItem(key);
    if (raw !== null) {
      const value: unknown = JSON.parse(raw);
      if (accept(value)) return value;
    }
  } catch {
    // storage disabled or a broken value
  }
  return fallback;
}

export function save(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage disabled or full
  }
}

export const LAYOUTS = [1, 4, 9, 16] as const;
export type Layout = (typeof LAYOUTS)[number];
export const isLayout = (v: unknown): v is Layout => LAYOUTS.includes(v as Layout);
export const isTransport = (v: unknown): v is 'binary' | 'json' => v === 'binary' || v === 'json';
