// JSON columns are text on both engines; these read and write them.

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Parses a JSON column written by `toJson`; the caller names the type it stored. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the column's type is known only to the caller
export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}
