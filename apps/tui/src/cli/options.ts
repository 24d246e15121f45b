// Commander options built from an experiment's parameter fields, and shared parsers (--seed, --alpha).
import { InvalidArgumentError, Option } from 'commander';
import { formatParamText, parseParamText, type Experiment, type ParamField } from '@hw3/core';
import { paramFields } from '@hw3/core';

/** Flags the run command itself owns; a parameter with one of these names gets the flag --param-<name>. */
const RESERVED = new Set(['seed', 'json', 'preset', 'tables', 'help', 'h', 'version']);

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

/** One commander option per parameter; values are parsed with core's parseParamText (the schema checks ranges). */
export function experimentOptions(experiment: Experiment): { option: Option; field: ParamField; attribute: string }[] {
  return paramFields(experiment).map((field) => {
    const flag = flagName(field);
    const option = new Option(`--${flag} <${placeholder(field)}>`, describe(field));
    if (field.type === 'enum' && field.options) option.choices(field.options);
    else {
      option.argParser((text: string) => {
        try {
          return parseParamText(field, text);
        } catch (error) {
          throw new InvalidArgumentError(error instanceof Error ? error.message.replace(/^[\w.[\]]+ must/, `--${flag} must`) : String(error));
        }
      });
    }
    return { option, field, attribute: option.attributeName() };
  });
}

/** --seed: an integer 0 … 2^53 − 1. */
export function parseSeed(value: string): number {
  const seed = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(seed)) {
    throw new InvalidArgumentError(`--seed must be an integer from 0 to 2^53 − 1, got ${JSON.stringify(value)}`);
  }
  return seed;
}

/** --alpha: a family-wise false-alarm rate in (0, 0.5). */
export function parseAlpha(value: string): number {
  const alpha = Number(value);
  if (!/^\s*(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) || !(alpha > 0 && alpha < 0.5)) {
    throw new InvalidArgumentError(`--alpha must be a number between 0 and 0.5, got ${JSON.stringify(value)}`);
  }
  return alpha;
}
