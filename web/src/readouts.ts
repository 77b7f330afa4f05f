// Readouts side by side: for each aspect of the terms (scope, window, targets, ...), what each readout says and
// which readouts say the same. Pure: values are structured here and worded by the view in the reader's language.

import type { Condition, Readout } from './types.js';

export const ASPECTS = [
  'scope',
  'start',
  'end',
  'binds',
  'acts',
  'targets',
  'area',
  'extension',
  'escape',
  'conditions',
] as const;
export type Aspect = (typeof ASPECTS)[number];

export type Value =
  | { readonly kind: 'none' }
  | { readonly kind: 'text'; readonly text: string }
  /** A day as stated (YYYY-MM-DD, in the stater's time zone) and how precisely. */
  | { readonly kind: 'day'; readonly day: string; readonly precision: string }
  | { readonly kind: 'duration'; readonly days: number }
  /** The window as it binds, in UTC, or why it never does. */
  | {
      readonly kind: 'span';
      readonly from: string | null;
      readonly until: string | null;
      readonly reason: string | null;
    }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'conditions'; readonly items: readonly Condition[] };

export interface Cell {
  readonly readout: string;
  readonly value: Value;
  /** Cells of a row with the same group say the same thing; group 0 is what the first readout says. */
  readonly group: number;
}

export interface Row {
  readonly aspect: Aspect;
  readonly cells: readonly Cell[];
  /** The readouts do not all say the same. */
  readonly differs: boolean;
}

const normalise = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

function valueKey(value: Value): string {
  switch (value.kind) {
    case 'none':
      return 'none';
    case 'text':
      return `text:${normalise(value.text)}`;
    case 'day':
      return `day:${value.day}:${value.precision}`;
    case 'duration':
      return `duration:${value.days}`;
    case 'span':
      return `span:${value.from ?? ''}:${value.until ?? ''}:${value.reason === null ? '' : 'never'}`;
    case 'list':
      return `list:${value.items.join('|')}`;
    case 'conditions':
      return `conditions:${value.items.map((c) => `${c.party}:${c.kind}:${c.status}:${normalise(c.text)}`).join('|')}`;
  }
}

const text = (t: string | null): Value =>
  t === null || t.trim() === '' ? { kind: 'none' } : { kind: 'text', text: t };
const sortedUnion = (lists: readonly (readonly string[])[]): string[] => [...new Set(lists.flat())].sort();

function areaLabel(area: unknown): string {
  if (area === null || area === undefined) return 'everywhere';
  if (typeof area === 'object' && 'kind' in area && area.kind === 'everywhere') return 'everywhere';
  return JSON.stringify(area);
}

/** What one readout says about one aspect. */
export function aspectValue(aspect: Aspect, readout: Readout, conditions: readonly Condition[]): Value {
  const { window } = readout;
  switch (aspect) {
    case 'scope':
      return text(readout.scope);
    case 'start':
      return window.start === null
        ? { kind: 'none' }
        : { kind: 'day', day: window.start.at.slice(0, 10), precision: window.start.precision };
    case 'end':
      if (window.end !== null)
        return { kind: 'day', day: window.end.at.slice(0, 10), precision: window.end.precision };
      if (window.durationDays !== null) return { kind: 'duration', days: window.durationDays };
      return { kind: 'none' };
    case 'binds':
      return {
        kind: 'span',
        from: readout.inForce.from,
        until: readout.inForce.until,
        reason: readout.inForce.reason,
      };
    case 'acts':
      return { kind: 'list', items: sortedUnion(readout.provisions.map((p) => p.acts)) };
    case 'targets':
      return { kind: 'list', items: sortedUnion(readout.provisions.map((p) => p.targets)) };
    case 'area':
      return { kind: 'list', items: sortedUnion(readout.provisions.map((p) => [areaLabel(p.area)])) };
    case 'extension':
      return text(window.extension);
    case 'escape':
      return text(window.escapeClause);
    case 'conditions': {
      const own = conditions.filter((c) => c.readout === readout.key || c.readout === readout.id);
      return own.length === 0 ? { kind: 'none' } : { kind: 'conditions', items: own };
    }
  }
}

/** Every aspect of the readouts, in order, with the readouts grouped by what they say. */
export function compareReadouts(readouts: readonly Readout[], conditions: readonly Condition[] = []): Row[] {
  return ASPECTS.map((aspect) => {
    const groups = new Map<string, number>();
    const cells = readouts.map((readout) => {
      const value = aspectValue(aspect, readout, conditions);
      const key = valueKey(value);
      if (!groups.has(key)) groups.set(key, groups.size);
      return { readout: readout.key, value, group: groups.get(key) ?? 0 };
    });
    return { aspect, cells, differs: groups.size > 1 };
  });
}

/** The readouts (by key) that share each distinct value of a row, in the order the values first appear. */
export function groupsOf(row: Row): { readonly value: Value; readonly readouts: readonly string[] }[] {
  const groups: { value: Value; readouts: string[] }[] = [];
  for (const cell of row.cells) {
    const group = groups[cell.group];
    if (group) group.readouts.push(cell.readout);
    else groups[cell.group] = { value: cell.value, readouts: [cell.readout] };
  }
  return groups;
}
