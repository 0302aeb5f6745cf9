// A feature's messages in both languages, side by side. English is typed from the Swedish, so a
// missing or extra key in a feature file is a compile error there, not in the composed catalogue.
export type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export function defineMessages<const T>(sv: T, en: Widen<T>): { sv: T; en: Widen<T> } {
  return { sv, en };
}
