// Ukraine's first-level administrative areas (ISO 3166-2:UA), with the names they go by in English,
// Ukrainian and Russian, so that "Odesa", "Odessa Oblast" and "Одеська область" all find UA-51.

export interface AdminArea {
  /** ISO 3166-2 code, e.g. `UA-51`. */
  readonly code: string;
  /** The English name used in Truceline's output. */
  readonly name: string;
  /** Other spellings: transliterations, the Ukrainian and Russian names. */
  readonly aliases: readonly string[];
}

export const UKRAINE_ADMIN1: readonly AdminArea[] = [
  { code: 'UA-05', name: 'Vinnytsia', aliases: ['Vinnytsya', 'Vinnitsa', 'Вінницька', 'Винницкая'] },
  { code: 'UA-07', name: 'Volyn', aliases: ['Volhynia', 'Volyn’', 'Волинська', 'Волынская'] },
  { code: 'UA-09', name: 'Luhansk', aliases: ['Lugansk', 'Луганська', 'Луганская'] },
  {
    code: 'UA-12',
    name: 'Dnipropetrovsk',
    aliases: ['Dnipro', 'Dnepropetrovsk', 'Дніпропетровська', 'Днепропетровская'],
  },
  { code: 'UA-14', name: 'Donetsk', aliases: ['Донецька', 'Донецкая'] },
  { code: 'UA-18', name: 'Zhytomyr', aliases: ['Zhitomir', 'Житомирська', 'Житомирская'] },
  {
    code: 'UA-21',
    name: 'Zakarpattia',
    aliases: ['Zakarpattya', 'Transcarpathia', 'Zakarpatska', 'Закарпатська', 'Закарпатская'],
  },
  {
    code: 'UA-23',
    name: 'Zaporizhzhia',
    aliases: ['Zaporizhia', 'Zaporizhzhya', 'Zaporozhye', 'Zaporozhzhia', 'Запорізька', 'Запорожская'],
  },
  {
    code: 'UA-26',
    name: 'Ivano-Frankivsk',
    aliases: ['Ivano-Frankovsk', 'Івано-Франківська', 'Ивано-Франковская'],
  },
  { code: 'UA-30', name: 'Kyiv City', aliases: ['Kyiv', 'Kiev', 'Kiev City', 'Місто Київ', 'Київ', 'Киев'] },
  { code: 'UA-32', name: 'Kyiv', aliases: ['Kyiv Oblast', 'Kiev Oblast', 'Київська', 'Киевская'] },
  {
    code: 'UA-35',
    name: 'Kirovohrad',
    aliases: ['Kirovograd', 'Kropyvnytskyi', 'Кіровоградська', 'Кировоградская'],
  },
  { code: 'UA-40', name: 'Sevastopol', aliases: ['Sebastopol', 'Місто Севастополь', 'Севастополь'] },
  {
    code: 'UA-43',
    name: 'Crimea',
    aliases: [
      'Autonomous Republic of Crimea',
      'Krym',
      'Автономна Республіка Крим',
      'Республика Крым',
      'Крым',
    ],
  },
  { code: 'UA-46', name: 'Lviv', aliases: ['Lvov', 'Lwów', 'Львівська', 'Львовская'] },
  {
    code: 'UA-48',
    name: 'Mykolaiv',
    aliases: ['Mykolayiv', 'Nikolaev', 'Nikolayev', 'Миколаївська', 'Николаевская'],
  },
  { code: 'UA-51', name: 'Odesa', aliases: ['Odessa', 'Одеська', 'Одесская'] },
  { code: 'UA-53', name: 'Poltava', aliases: ['Полтавська', 'Полтавская'] },
  { code: 'UA-56', name: 'Rivne', aliases: ['Rovno', 'Рівненська', 'Ровненская'] },
  { code: 'UA-59', name: 'Sumy', aliases: ['Сумська', 'Сумская'] },
  { code: 'UA-61', name: 'Ternopil', aliases: ['Ternopol', 'Тернопільська', 'Тернопольская'] },
  { code: 'UA-63', name: 'Kharkiv', aliases: ['Kharkov', 'Харківська', 'Харьковская'] },
  { code: 'UA-65', name: 'Kherson', aliases: ['Херсонська', 'Херсонская'] },
  {
    code: 'UA-68',
    name: 'Khmelnytskyi',
    aliases: ['Khmelnytskyy', 'Khmelnytsky', 'Khmelnitsky', 'Хмельницька', 'Хмельницкая'],
  },
  { code: 'UA-71', name: 'Cherkasy', aliases: ['Cherkassy', 'Черкаська', 'Черкасская'] },
  { code: 'UA-74', name: 'Chernihiv', aliases: ['Chernigov', 'Чернігівська', 'Черниговская'] },
  { code: 'UA-77', name: 'Chernivtsi', aliases: ['Chernovtsy', 'Чернівецька', 'Черновицкая'] },
];

const BY_CODE: ReadonlyMap<string, AdminArea> = new Map(UKRAINE_ADMIN1.map((a) => [a.code, a]));

/** Words that qualify a name without telling areas apart: "Odessa Oblast", "Одеська область", "Kyiv city". */
// `\b` knows only ASCII letters, so the word edges are spelled out for Cyrillic.
const QUALIFIERS =
  /(?<!\p{L})(oblast|obl|region|province|raion|область|обл|регион|регіон|край)(?!\p{L})\.?/gu;

/** Lower case, no accents, apostrophes or punctuation: "Kiev Oblast" and "kiev  oblast" meet. */
function basicKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'`ʼ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A name reduced further for comparison: no "oblast"/"область", and Ukrainian/Russian adjective endings
 * folded so that "Одеська" and "Одесская" meet.
 */
export function normaliseAreaName(name: string): string {
  return basicKey(basicKey(name).replace(QUALIFIERS, ' '))
    .replace(/сс/g, 'с')
    .replace(/(ська|ская|цька|цкая|зька|жская|ька|кая)$/u, 'ск');
}

function index(key: (name: string) => string): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  // First listed wins: bare "Kyiv" is the city (UA-30), as ACLED and most reports use it.
  for (const area of UKRAINE_ADMIN1) {
    for (const name of [area.name, ...area.aliases]) {
      const k = key(name);
      if (!map.has(k)) map.set(k, area.code);
    }
  }
  return map;
}

/** Exact spellings first ("Kiev Oblast" is the oblast), then names with qualifiers and endings folded. */
const BY_SPELLING = index(basicKey);
const BY_NAME = index(normaliseAreaName);

export function adminAreaByCode(code: string): AdminArea | null {
  return BY_CODE.get(code) ?? null;
}

/** The ISO code of the area a name refers to, in any of its spellings, or null when none matches. */
export function adminCodeByName(name: string): string | null {
  const upper = name.trim().toUpperCase();
  if (BY_CODE.has(upper)) return upper;
  return BY_SPELLING.get(basicKey(name)) ?? BY_NAME.get(normaliseAreaName(name)) ?? null;
}
