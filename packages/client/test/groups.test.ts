import { experiments } from '@hw3/core';
import { describe, expect, it } from 'vitest';
import { groupByQuestion, groupTitle, LABS_TITLE } from '../src/groups.js';

describe('groupByQuestion', () => {
  it('puts the homework questions in order, then the labs, every experiment once', () => {
    const groups = groupByQuestion(experiments);
    const titles = groups.map((g) => g.title);
    expect(titles).toEqual(['Question 1', 'Question 2', 'Question 3', 'Question 4', LABS_TITLE]);
    expect(groups.flatMap((g) => g.experiments).sort((a, b) => a.id.localeCompare(b.id))).toEqual([...experiments].sort((a, b) => a.id.localeCompare(b.id)));
    expect(groups.at(-1)!.kind).toBe('lab');
  });

  it('reads the question number of ranges and multi-digit questions', () => {
    expect(groupTitle({ question: '4a–4c' })).toBe('Question 4');
    expect(groupTitle({ question: '12b' })).toBe('Question 12');
    expect(groupTitle({ question: 'lab' })).toBe(LABS_TITLE);
  });

  it('sorts questions by number, not by text or registry order', () => {
    const fake = (id: string, question: string) => ({ ...experiments[0]!, id, question });
    expect(groupByQuestion([fake('a', '10a'), fake('b', 'lab'), fake('c', '2a'), fake('d', '2b')]).map((g) => [g.title, g.experiments.map((e) => e.id)])).toEqual([
      ['Question 2', ['c', 'd']],
      ['Question 10', ['a']],
      [LABS_TITLE, ['b']],
    ]);
  });
});
