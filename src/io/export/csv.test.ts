import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvText, defuseFormula } from './csv.js';

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

describe('csvText', () => {
  it('writes the header, CRLF line ends and quotes only where a cell needs them (RFC 4180)', async () => {
    const out = await text(
      csvText(
        ['a', 'b', 'c'],
        [
          { a: 'plain', b: 1.5, c: null },
          { a: 'comma, inside', b: 'say "hi"', c: true },
        ],
      ),
    );
    expect(out).toBe('a,b,c\r\nplain,1.5,\r\n"comma, inside","say ""hi""",true\r\n');
  });

  it('quotes a cell holding a bare line feed or carriage return, so that it reads back whole', async () => {
    const rows = [{ notes: 'first line\nsecond line' }, { notes: 'old\rmac' }, { notes: 'Київ — «ок»' }];
    const out = await text(csvText(['notes'], rows));
    expect(parse(out, { columns: true })).toEqual(rows);
  });

  it('writes the header alone when there are no rows', async () => {
    expect(await text(csvText(['id', 'title'], []))).toBe('id,title\r\n');
  });

  it('leaves formula-like text alone for programs, and defuses it for spreadsheets with a BOM', async () => {
    const rows = [{ a: '=HYPERLINK("http://x")', b: -3.5, c: '@SUM(A1)', d: '-2+3' }];
    const plain = await text(csvText(['a', 'b', 'c', 'd'], rows));
    expect(plain).toContain('"=HYPERLINK(""http://x"")",-3.5,@SUM(A1),-2+3');
    const sheet = await text(csvText(['a', 'b', 'c', 'd'], rows, { spreadsheet: true }));
    expect(sheet.startsWith('\ufeffa,b,c,d\r\n')).toBe(true);
    expect(sheet).toContain(`"'=HYPERLINK(""http://x"")",-3.5,'@SUM(A1),'-2+3`);
  });

  it('yields one chunk per batch of rows, never the whole file at once', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ n: i }));
    const chunks: string[] = [];
    for await (const chunk of csvText(['n'], rows, { batchSize: 10 })) chunks.push(chunk);
    expect(chunks).toHaveLength(4);
    expect(chunks.join('').split('\r\n')).toHaveLength(27);
  });
});

describe('defuseFormula', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+7', "'+7"],
    ['-x', "'-x"],
    ['@a', "'@a"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j becomes %j', (input, output) => {
    expect(defuseFormula(input)).toBe(output);
  });
});
