/**
 * A messages shape that may also carry English plural forms: beside a key
 * `key`, an optional `key_one`. i18next picks `key_one` when the `count`
 * option is 1 in English and falls back to `key` (the other form) for every
 * other count — and in Chinese, which has no plural forms, always uses `key`.
 */
export type WithPlurals<T> = T extends string
  ? string
  : { [K in keyof T]: WithPlurals<T[K]> } & { [K in keyof T as T[K] extends string ? `${K & string}_one` : never]?: string };
