// Dates and numbers for the reader's language. Stated dates ("from 18 March", Washington time) are shown as
// stated, whatever the reader's time zone; instants computed by the server are shown in UTC and say so.

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const DAY_MS = 86_400_000;

/** The calendar day a stated time names, as the stater wrote it: the YYYY-MM-DD before any time and offset. */
export function statedDay(iso: string): string {
  return iso.slice(0, 10);
}

function utcDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export interface Format {
  /** A calendar day (YYYY-MM-DD or the day of a stated time), e.g. "18 Mar 2025". */
  day(iso: string): string;
  /** An instant in UTC, e.g. "17 Mar 2025, 21:00 UTC". */
  utc(iso: string): string;
  number(n: number, digits?: number): string;
  /** Whole days from `fromMs` to `toMs`, rounded up. */
  daysBetween(fromMs: number, toMs: number): number;
}

export function makeFormat(language: string): Format {
  const day = new Intl.DateTimeFormat(language, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const instant = new Intl.DateTimeFormat(language, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  });
  return {
    day: (iso) => day.format(utcDate(statedDay(iso))),
    utc: (iso) => `${instant.format(new Date(iso))} UTC`,
    number: (n, digits = 0) =>
      new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n),
    daysBetween: (fromMs, toMs) => Math.ceil((toMs - fromMs) / DAY_MS),
  };
}

/** The browser's own locale when it is in the interface language (en-GB, uk-UA), else the language itself. */
function localeFor(language: string): string {
  return navigator.languages.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

/** The formatter for the current interface language. */
export function useFormat(): Format {
  const { i18n } = useTranslation();
  return useMemo(() => makeFormat(localeFor(i18n.language)), [i18n.language]);
}
