// The Python literals pandas leaves in CSV cells: lists of strings (`['Odesa oblast', 'Kyiv oblast']`) and
// flat dicts with numbers or NaN (`{'south': 16, 'east': NaN}`). Only these shapes; anything else is null.

const STRING = String.raw`'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"`;
const LIST_ITEM = new RegExp(String.raw`^\s*(?:${STRING})\s*(?:,|$)`);
const DICT_ITEM = new RegExp(
  String.raw`^\s*(?:${STRING})\s*:\s*(NaN|None|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*(?:,|$)`,
);

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** `['a', "b"]` → `['a', 'b']`; `[]` → `[]`; null when the text is not such a list. */
export function parsePythonList(text: string): string[] | null {
  const body = /^\s*\[(.*)\]\s*$/s.exec(text)?.[1];
  if (body === undefined) return null;
  const items: string[] = [];
  let rest = body;
  while (rest.trim() !== '') {
    const m = LIST_ITEM.exec(rest);
    if (!m) return null;
    items.push(unescape(m[1] ?? m[2] ?? ''));
    rest = rest.slice(m[0].length);
  }
  return items;
}

/** `{'south': 16, 'east': NaN}` → `{ south: 16, east: null }`; null when the text is not such a dict. */
export function parsePythonDict(text: string): Map<string, number | null> | null {
  const body = /^\s*\{(.*)\}\s*$/s.exec(text)?.[1];
  if (body === undefined) return null;
  const entries = new Map<string, number | null>();
  let rest = body;
  while (rest.trim() !== '') {
    const m = DICT_ITEM.exec(rest);
    if (!m) return null;
    const value = m[3] ?? 'NaN';
    entries.set(unescape(m[1] ?? m[2] ?? ''), value === 'NaN' || value === 'None' ? null : Number(value));
    rest = rest.slice(m[0].length);
  }
  return entries;
}
