// Commander options built from an experiment's parameter fields, and shared parsers (--seed, --alpha, choices).
// Every parser throws a UsageError naming the flag, the value and what is allowed (commander's own errors lose them).
import { Option } from 'commander';
import { clipText, formatParamText, InvalidArgumentError, parseParamText, paramFields, type Experiment, type ParamField } from '@hw3/core';
import { checkSeedText } from '@hw3/client/seed';
import { UsageError } from './exit.js';

/** Flags the run command itself owns; a parameter with one of these names gets the flag --param-<name>. */
const RESERVED = new Set(['seed', 'json', 'preset', 'tables', 'help', 'h', 'version', 'store', 'fresh', 'redis', 'progress']);

export function flagName(field: ParamField): string {
  return RESERVED.has(field.name) ? `param-${field.name}` : field.name;
}

function placeholder(field: ParamField): string {
  switch (field.type) {
    case 'integer':
      return 'n';
    case 'number':
      return 'x';
    case 'integer[]':
      return 'n,n,…';
    case 'number[]':
      return 'x,x,…';
    case 'enum':
      return 'choice';
    case 'boolean':
      return 'true|false';
    default:
      return 'text';
  }
}

function describe(field: ParamField): string {
  const range =
    field.minimum !== undefined || field.maximum !== undefined
      ? ` (${field.type.endsWith('[]') ? 'each ' : ''}${field.minimum ?? '−∞'}…${field.maximum ?? '∞'})`
      : '';
  const def = field.default === undefined ? '' : `; default ${formatParamText(field.default)}`;
  return `${field.description}${range}${def}`;
}

/** The value as shown in a message: quoted, clipped to a readable length (the full length is kept). */
export function shownValue(text: string): string {
  return clipText(JSON.stringify(text), 80);
}

/** A rejected flag value: `--d1s must be <allowed>, got "1,,2"`. */
export function rejectFlag(flag: string, text: string, allowed: string): UsageError {
  return new UsageError(`${flag} must be ${allowed}, got ${shownValue(text)}`, { code: 'INVALID_ARGUMENT', param: flag, value: clipText(text, 80), allowed });
}

/** A parser for a flag with fixed choices (commander's own `choices` check loses the flag in --json errors). */
export function choiceParser(flag: string, choices: readonly string[]): (text: string) => string {
  return (text) => {
    if (!choices.includes(text)) throw rejectFlag(flag, text, `one of ${choices.join(', ')}`);
    return text;
  };
}

/** One commander option per parameter; values are parsed with core's parseParamText (the schema checks ranges). */
export function experimentOptions(experiment: Experiment): { option: Option; field: ParamField; attribute: string }[] {
  return paramFields(experiment).map((field) => {
    const flag = `--${flagName(field)}`;
    const option = new Option(`${flag} <${placeholder(field)}>`, describe(field));
    if (field.type === 'enum' && field.options) option.choices(field.options).argParser(choiceParser(flag, field.options));
    else {
      option.argParser((text: string) => {
        try {
          return parseParamText(field, text);
        } catch (error) {
          if (error instanceof InvalidArgumentError) throw rejectFlag(flag, text, error.expected);
          throw error;
        }
      });
    }
    return { option, field, attribute: option.attributeName() };
  });
}

/** --seed: an integer 0 … 2^53 − 1. */
export function parseSeed(value: string): number {
  const seed = checkSeedText(value, '--seed');
  if (!seed.ok) throw rejectFlag('--seed', value, seed.allowed);
  return seed.value;
}

/** --alpha: a family-wise false-alarm rate in (0, 0.5). */
export function parseAlpha(value: string): number {
  const alpha = Number(value);
  if (!/^\s*(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) || !(alpha > 0 && alpha < 0.5)) {
    throw rejectFlag('--alpha', value, 'a number between 0 and 0.5 (exclusive)');
  }
  return alpha;
}
