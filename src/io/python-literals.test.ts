import { describe, expect, it } from 'vitest';
import { parsePythonDict, parsePythonList } from './python-literals.js';

describe('Python literals in CSV cells', () => {
  it('reads lists of quoted strings', () => {
    expect(parsePythonList("['Odesa oblast', 'Kharkiv oblast']")).toEqual(['Odesa oblast', 'Kharkiv oblast']);
    expect(parsePythonList('["Kyiv oblast", \'Sumy\']')).toEqual(['Kyiv oblast', 'Sumy']);
    expect(parsePythonList("['Одеська область']")).toEqual(['Одеська область']);
    expect(parsePythonList("['O\\'Brien']")).toEqual(["O'Brien"]);
    expect(parsePythonList('[]')).toEqual([]);
  });

  it('reads dicts of numbers with NaN as unknown', () => {
    expect(parsePythonDict("{'south': 16, 'east': NaN, 'west': 2.5}")).toEqual(
      new Map([
        ['south', 16],
        ['east', null],
        ['west', 2.5],
      ]),
    );
    expect(parsePythonDict('{}')).toEqual(new Map());
  });

  it.each(["['unclosed'", 'Odesa oblast', '[1, 2]', "{'a': 'text'}"])('refuses %j', (text) => {
    expect(text.startsWith('{') ? parsePythonDict(text) : parsePythonList(text)).toBeNull();
  });
});
