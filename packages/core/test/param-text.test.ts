// User text for parameters (CLI flags, dashboard form, URL query): one parser, and every list element must be a number.
import { describe, expect, it } from 'vitest';
import { clipText, InvalidArgumentError, parseParamText, type ParamField } from '@hw3/core';

const numbers: ParamField = { name: 'sigmas', type: 'number[]', description: '', default: [1] };
const integers: ParamField = { name: 'd1s', type: 'integer[]', description: '', default: [1] };
const number: ParamField = { name: 'lr', type: 'number', description: '', default: 1 };

function rejection(field: ParamField, text: string): InvalidArgumentError {
  try {
    parseParamText(field, text);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  }
  throw new Error(`${JSON.stringify(text)} was accepted`);
}

describe('parseParamText lists', () => {
  it('reads plain lists, spaces allowed', () => {
    expect(parseParamText(numbers, ' 1, 2.5 ,3e-2')).toEqual([1, 2.5, 0.03]);
    expect(parseParamText(integers, '16,32')).toEqual([16, 32]);
    expect(parseParamText(numbers, '')).toEqual([]);
  });

  it.each([
    ['1,,2', 'element 2 of 3 is empty'],
    ['1,2,', 'element 3 of 3 is empty'],
    [',1', 'element 1 of 2 is empty'],
    ['1, ,2', 'element 2 of 3 is empty'],
    ['1,abc', 'element 2, "abc", is not a number'],
    ['1,0x10', 'element 2, "0x10", is not a number'],
    ['1,1e999', 'is not a finite number'],
    ['NaN', 'is not a number'],
  ])('rejects %j naming the parameter, the value and what is allowed', (text, detail) => {
    const error = rejection(numbers, text);
    expect(error.param).toBe('sigmas');
    expect(error.message).toContain(detail);
    expect(error.message).toContain(JSON.stringify(text));
    expect(error.expected).toMatch(/^a list of numbers separated by commas/);
  });

  it('rejects fractions in integer lists', () => {
    expect(rejection(integers, '16,16.5').message).toContain('element 2, "16.5", is not an integer');
  });

  it('rejects 1e999 for a single number instead of reading Infinity', () => {
    expect(rejection(number, '1e999').message).toContain('finite');
    expect(rejection(number, '-1e999').message).toContain('finite');
  });

  it('clips a huge value in the message, keeping the name and the length', () => {
    const text = `${Array.from({ length: 10_000 }, (_, i) => i).join(',')},x`;
    const error = rejection(integers, text);
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toContain('d1s');
    expect(error.message).toContain(`(${text.length} characters)`);
  });
});

describe('clipText', () => {
  it('leaves short text alone and clips long text with its length', () => {
    expect(clipText('short')).toBe('short');
    const clipped = clipText('x'.repeat(1000), 40);
    expect(clipped.length).toBeLessThan(70);
    expect(clipped).toContain('(1000 characters)');
  });
});
