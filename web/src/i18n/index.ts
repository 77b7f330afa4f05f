// Interface languages: English, Ukrainian and Russian, chosen from the browser unless the reader picked one.

import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { ru } from './ru.js';
import { uk } from './uk.js';

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'uk', name: 'Українська' },
  { code: 'ru', name: 'Русский' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'truceline.language';

function isLanguage(code: string | null | undefined): code is Language {
  return LANGUAGES.some((l) => l.code === code);
}

/** The reader's earlier choice, else the first of the browser's languages we have, else English. */
export function initialLanguage(): Language {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage may be disabled; the browser's languages decide then.
  }
  if (isLanguage(stored)) return stored;
  for (const tag of navigator.languages) {
    const code = tag.toLowerCase().split('-')[0];
    if (isLanguage(code)) return code;
  }
  return 'en';
}

/** Switches the interface language, remembers it and marks the document's language for assistive technology. */
export async function chooseLanguage(code: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Not remembered; still switched.
  }
  await i18next.changeLanguage(code);
}

export async function setUpI18n(): Promise<void> {
  i18next.on('languageChanged', (code) => {
    document.documentElement.lang = code;
  });
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, uk: { translation: uk }, ru: { translation: ru } },
    lng: initialLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  document.documentElement.lang = i18next.language;
}
