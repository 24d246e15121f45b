// CSV downloads: a cell that a spreadsheet would run as a formula (= + - @, a leading tab or CR) is neutralised with
// a leading apostrophe; numbers, including negative ones, stay numbers.
import { describe, expect, it } from 'vitest';
import { tableToCsv } from '../src/export-files';

const cells = (values: unknown[]) => tableToCsv({ title: 't', columns: ['c'], rows: values.map((v) => [v as string]) }).split('\r\n').slice(1, -1);

describe('tableToCsv', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-x', "'-x"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('neutralises %j', (value, expected) => {
    expect(cells([value])).toEqual([expected]);
  });

  it('keeps numbers, negative numbers and plain text as they are; quotes commas and quotes', () => {
    expect(cells([-1.5, 2, 'plain', 'a,b', 'say "hi"'])).toEqual(['-1.5', '2', 'plain', '"a,b"', '"say ""hi"""']);
  });
});
