// Parameter fields for apps: what a form or a command line needs to know about each parameter, read from the
// experiment's zod schema (via JSON Schema), and typed parsing of user text (flags, URL query, form inputs).
import { z } from 'zod';
import { InvalidArgumentError } from '../base/errors.js';
import type { Experiment } from './contract.js';

/** The kinds of parameter values a form or a flag can hold. */
export type ParamType = 'integer' | 'number' | 'boolean' | 'enum' | 'integer[]' | 'number[]' | 'string';

/** One parameter of an experiment, as a form field or a command-line flag: type, bounds, default, description. */
export interface ParamField {
  name: string;
  type: ParamType;
  description: string;
  default: unknown;
  minimum?: number;
  maximum?: number;
  /** enum choices */
  options?: string[];
  /** array length bounds */
  minItems?: number;
  maxItems?: number;
}

interface JsonSchemaNode {
  type?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  items?: JsonSchemaNode;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchemaNode>;
}

const SAFE = Number.MAX_SAFE_INTEGER;
const bound = (v: number | undefined) => (v === undefined || Math.abs(v) >= SAFE ? undefined : v);

/** The parameters of an experiment, in schema order. */
export function paramFields(experiment: Experiment): ParamField[] {
  const schema = z.toJSONSchema(experiment.params, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
  return Object.entries(schema.properties ?? {}).map(([name, node]) => {
    const base = { name, description: node.description ?? '', default: node.default };
    if (node.enum) return { ...base, type: 'enum', options: node.enum.map(String) };
    if (node.type === 'array') {
      const itemType = node.items?.type === 'integer' ? 'integer[]' : 'number[]';
      return {
        ...base,
        type: itemType,
        minimum: bound(node.items?.minimum ?? node.items?.exclusiveMinimum),
        maximum: bound(node.items?.maximum ?? node.items?.exclusiveMaximum),
        minItems: node.minItems,
        maxItems: node.maxItems,
      } as ParamField;
    }
    const type: ParamType = node.type === 'integer' ? 'integer' : node.type === 'number' ? 'number' : node.type === 'boolean' ? 'boolean' : 'string';
    return {
      ...base,
      type,
      minimum: bound(node.minimum ?? node.exclusiveMinimum),
      maximum: bound(node.maximum ?? node.exclusiveMaximum),
    } as ParamField;
  });
}

function parseNumber(param: string, text: string, integer: boolean): number {
  const trimmed = text.trim();
  // Number('') is 0 and Number('0x10') is 16: accept plain decimal notation only.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) {
    throw new InvalidArgumentError(param, text, integer ? 'an integer' : 'a number');
  }
  const value = Number(trimmed);
  // 1e999 reads as Infinity: no parameter means that.
  if (!Number.isFinite(value)) throw new InvalidArgumentError(param, text, `a finite ${integer ? 'integer' : 'number'} (at most ±1.8e308)`);
  if (integer && !Number.isInteger(value)) throw new InvalidArgumentError(param, text, 'an integer');
  return value;
}

/**
 * A comma-separated list: every element must be a number (`1,,2` and `1,2,` are rejected, not read as [1, 2]).
 * Blank text is the empty list, which the schema then accepts or rejects.
 */
function parseList(param: string, text: string, integer: boolean): number[] {
  if (text.trim() === '') return [];
  const kind = integer ? 'integers' : 'numbers';
  return text.split(',').map((part, i, parts) => {
    if (part.trim() === '') {
      throw new InvalidArgumentError(param, text, `a list of ${kind} separated by commas (element ${i + 1} of ${parts.length} is empty)`);
    }
    try {
      return parseNumber(param, part, integer);
    } catch (error) {
      const expected = error instanceof InvalidArgumentError ? error.expected : kind;
      throw new InvalidArgumentError(param, text, `a list of ${kind} separated by commas (element ${i + 1}, ${JSON.stringify(part.trim().slice(0, 30))}, is not ${expected})`);
    }
  });
}

/** Parses user text for one field (commas separate array items). Range checks are left to the schema. */
export function parseParamText(field: ParamField, text: string): unknown {
  switch (field.type) {
    case 'integer':
    case 'number':
      return parseNumber(field.name, text, field.type === 'integer');
    case 'boolean':
      if (/^(true|1|yes|on)$/i.test(text.trim())) return true;
      if (/^(false|0|no|off)$/i.test(text.trim())) return false;
      throw new InvalidArgumentError(field.name, text, 'true or false');
    case 'enum':
      if (!field.options!.includes(text)) throw new InvalidArgumentError(field.name, text, `one of ${field.options!.join(', ')}`);
      return text;
    case 'integer[]':
    case 'number[]':
      return parseList(field.name, text, field.type === 'integer[]');
    default:
      return text;
  }
}

/** Renders a value back to the text `parseParamText` reads. */
export function formatParamText(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}
