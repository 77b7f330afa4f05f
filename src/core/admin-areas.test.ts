// Finding Ukraine's oblasts by any of their names.

import { describe, expect, it } from 'vitest';
import { adminAreaByCode, adminCodeByName, UKRAINE_ADMIN1 } from './admin-areas.js';

describe('adminCodeByName', () => {
  it.each([
    ['Odesa', 'UA-51'],
    ['Odessa', 'UA-51'],
    ['Odessa Oblast', 'UA-51'],
    ['Одеська область', 'UA-51'],
    ['Одесская область', 'UA-51'],
    ['Zaporizhia Oblast', 'UA-23'],
    ['Zaporozhye', 'UA-23'],
    ['Запорізька область', 'UA-23'],
    ['Хмельницька область', 'UA-68'],
    ['Хмельницкая', 'UA-68'],
    ['Автономна Республіка Крим', 'UA-43'],
    ['Місто Севастополь', 'UA-40'],
  ])('finds %s as %s', (name, code) => {
    expect(adminCodeByName(name)).toBe(code);
  });

  it('reads bare "Kyiv" as the city, and "Kyiv Oblast" or "Київська область" as the oblast', () => {
    expect([
      adminCodeByName('Kyiv'),
      adminCodeByName('Kiev Oblast'),
      adminCodeByName('Київська область'),
    ]).toEqual(['UA-30', 'UA-32', 'UA-32']);
  });

  it('accepts an ISO code in any case', () => {
    expect(adminCodeByName('ua-65')).toBe('UA-65');
  });

  it('finds nothing for a region outside Ukraine', () => {
    expect(adminCodeByName('Kursk')).toBeNull();
  });
});

describe('the list of areas', () => {
  it('has the 27 first-level areas of ISO 3166-2:UA, each code once', () => {
    expect(new Set(UKRAINE_ADMIN1.map((a) => a.code)).size).toBe(27);
  });

  it('finds every area by its own name and by each alias', () => {
    for (const area of UKRAINE_ADMIN1) {
      for (const name of [area.name, ...area.aliases]) {
        if (name === 'Kyiv' && area.code === 'UA-32') continue; // bare "Kyiv" is the city
        expect([name, adminCodeByName(name)]).toEqual([name, area.code]);
      }
    }
  });

  it('looks an area up by code', () => {
    expect(adminAreaByCode('UA-51')?.name).toBe('Odesa');
    expect(adminAreaByCode('UA-99')).toBeNull();
  });
});
