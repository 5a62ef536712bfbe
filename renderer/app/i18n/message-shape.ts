/** The shape of a translation: the keys of `T`, with string values. */
export type DeepStrings<T> = {
  [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]>;
};
