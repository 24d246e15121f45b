// The parameter form, built from the experiment's schema (core's paramFields) plus the seed. Messages appear under a
// field as soon as its text is invalid; ⏎ runs with these values, esc goes back keeping the edits.
import { Box, Text, useInput, useStdin } from 'ink';
import TextInput from 'ink-text-input';
import { useMemo, useState } from 'react';
import { paramFields, type Experiment, type ParamField } from '@hw3/core';
import { fit } from '@hw3/client/table';
import { formatNumber } from '@hw3/client/format';
import { applyTypedControls } from './typed-text.js';
import { checkForm, SEED_FIELD as SEED } from '@hw3/client/fields';

export interface FormDraft {
  texts: Record<string, string>;
  seedText: string;
}

export interface ParamFormProps {
  experiment: Experiment;
  draft: FormDraft;
  onChange(draft: FormDraft): void;
  onRun(params: Record<string, unknown>, seed: number): void;
  onBack(): void;
  width: number;
  isFocused: boolean;
}

/** `integer 1 … 100000`, `one of a, b`, `numbers, comma-separated` */
export function fieldHint(field: ParamField): string {
  const range =
    field.minimum !== undefined || field.maximum !== undefined
      ? ` ${field.minimum !== undefined ? formatNumber(field.minimum) : '−∞'} … ${field.maximum !== undefined ? formatNumber(field.maximum) : '∞'}`
      : '';
  switch (field.type) {
    case 'enum':
      return `one of ${field.options?.join(', ')}`;
    case 'integer[]':
    case 'number[]':
      return `${field.type === 'integer[]' ? 'integers' : 'numbers'}${range}, comma-separated`;
    case 'boolean':
      return 'true or false';
    default:
      return `${field.type}${range}`;
  }
}

export function ParamForm({ experiment, draft, onChange, onRun, onBack, width, isFocused }: ParamFormProps) {
  const { isRawModeSupported } = useStdin();
  const fields = useMemo(() => paramFields(experiment), [experiment]);
  const names = [...fields.map((f) => f.name), SEED];
  const [focus, setFocus] = useState(0);
  const [submitted, setSubmitted] = useState(false);
  const check = checkForm(experiment, draft.texts, draft.seedText, fields);
  const errors = new Map(check.errors);

  const submit = () => {
    setSubmitted(true);
    if (check.params && check.seed !== undefined) onRun(check.params, check.seed);
    else setFocus(Math.max(0, names.findIndex((n) => errors.has(n))));
  };

  useInput(
    (_input, key) => {
      if (key.escape) onBack();
      else if (key.upArrow || (key.shift && key.tab)) setFocus((f) => (f + names.length - 1) % names.length);
      else if (key.downArrow || key.tab) setFocus((f) => (f + 1) % names.length);
    },
    { isActive: isRawModeSupported && isFocused },
  );

  const nameWidth = Math.max(6, ...names.map((n) => n.length)) + 2;
  const inputWidth = 18;
  const rows = [
    ...fields.map((f) => ({ name: f.name, value: draft.texts[f.name] ?? '', hint: `${f.description} · ${fieldHint(f)} · default ${String(f.default)}` })),
    { name: SEED, value: draft.seedText, hint: 'random seed · same seed, same numbers' },
  ];
  const errorCount = errors.size;

  return (
    <Box flexDirection="column" width={width}>
      <Text>
        <Text bold>Parameters of </Text>
        <Text color="cyan" bold>{`${experiment.question} `}</Text>
        <Text bold>{experiment.title}</Text>
      </Text>
      <Text> </Text>
      {rows.map((row, i) => {
        const focused = i === focus;
        const error = errors.get(row.name);
        return (
          <Box key={row.name} flexDirection="column">
            <Text wrap="truncate-end">
              <Text color="cyan">{focused ? '❯ ' : '  '}</Text>
              <Text bold={focused}>{fit(row.name, nameWidth)}</Text>
              {focused ? (
                <TextInput
                  value={row.value}
                  focus={isFocused}
                  onChange={(typed) => {
                    const value = applyTypedControls(typed);
                    onChange(row.name === SEED ? { ...draft, seedText: value } : { ...draft, texts: { ...draft.texts, [row.name]: value } });
                  }}
                  onSubmit={submit}
                />
              ) : (
                <Text>{row.value}</Text>
              )}
              <Text>{' '.repeat(Math.max(1, inputWidth - [...row.value].length - (focused ? 1 : 0)))}</Text>
              <Text dimColor>{row.hint}</Text>
            </Text>
            {error ? (
              <Text color="red" wrap="truncate-end">{`    ✗ ${error}`}</Text>
            ) : null}
          </Box>
        );
      })}
      <Text> </Text>
      {errorCount > 0 ? (
        <Text color={submitted ? 'red' : 'yellow'}>{`${errorCount} field${errorCount === 1 ? '' : 's'} to fix before running`}</Text>
      ) : (
        <Text color="green">✓ valid — ⏎ runs with these values</Text>
      )}
    </Box>
  );
}
