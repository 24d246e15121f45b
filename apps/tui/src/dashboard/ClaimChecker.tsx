// The claim checker (core's checkClaim): pick a homework question, type a formula in its variables, read the verdict
// and the evidence. A check can be cancelled (esc); the formula stays for another try.
import { Box, Text, useInput, useStdin } from 'ink';
import SelectInput from 'ink-select-input';
import Spinner from 'ink-spinner';
import TextInput from 'ink-text-input';
import { useEffect, useRef, useState } from 'react';
import { CancelledError, checkClaim, claimQuestions, type ClaimQuestion, type ClaimResult } from '@hw3/core';
import { claimLines } from './claim-lines.js';
import { fit } from '@hw3/client/table';
import { LineView } from './LineView.js';
import { ProgressBar } from './ProgressBar.js';
import { applyTypedControls } from './typed-text.js';

export interface ClaimCheckerProps {
  width: number;
  height: number;
  isFocused: boolean;
  onBack(): void;
}

type Outcome = { result: ClaimResult } | { error: string };

export function ClaimChecker({ width, height, isFocused, onBack }: ClaimCheckerProps) {
  const { isRawModeSupported } = useStdin();
  const questions = claimQuestions();
  const [question, setQuestion] = useState<ClaimQuestion | undefined>(undefined);
  const [formula, setFormula] = useState('');
  const [running, setRunning] = useState<{ fraction: number } | undefined>(undefined);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const controller = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => controller.current?.abort(), []);

  useInput(
    (_input, key) => {
      if (!key.escape) return;
      if (running) controller.current?.abort();
      else if (question) {
        setQuestion(undefined);
        setOutcome(undefined);
      } else onBack();
    },
    { isActive: isRawModeSupported && isFocused },
  );

  if (!question) {
    const qw = Math.max(...questions.map((q) => q.question.length)) + 2;
    return (
      <Box flexDirection="column" width={width}>
        <Text bold>Claim checker — which homework question is your formula for?</Text>
        <Text dimColor>Your formula is compared with measurements over a grid of settings (exactly, or in standard errors).</Text>
        <SelectInput
          items={questions.map((q) => ({ key: q.question, label: `${fit(q.question, qw)}${q.quantity}`, value: q.question }))}
          isFocused={isRawModeSupported && isFocused}
          limit={Math.max(3, Math.min(questions.length, height - 3))}
          onSelect={(item) => {
            setQuestion(questions.find((q) => q.question === item.value));
            setFormula('');
            setOutcome(undefined);
          }}
        />
      </Box>
    );
  }

  const submit = () => {
    if (running || formula.trim() === '') return;
    const c = new AbortController();
    controller.current = c;
    setRunning({ fraction: 0 });
    setOutcome(undefined);
    checkClaim({ question: question.question, formula, signal: c.signal, onProgress: (p) => setRunning({ fraction: p.fraction }) })
      .then(
        (result) => setOutcome({ result }),
        (error: unknown) => {
          const partial = error instanceof CancelledError ? (error.partial as ClaimResult | undefined) : undefined;
          setOutcome(partial ? { result: partial } : { error: error instanceof Error ? error.message : String(error) });
        },
      )
      .finally(() => setRunning(undefined));
  };

  const header = 5 + question.variables.length;
  const vw = Math.max(...question.variables.map((v) => v.name.length));
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold>{`Claim checker — ${question.question}: `}</Text>
        <Text>{question.quantity}</Text>
      </Text>
      {question.variables.map((v) => (
        <Text key={v.name} dimColor wrap="truncate-end">{`  ${v.name.padEnd(vw)}  ${v.description}`}</Text>
      ))}
      <Text dimColor>{`  operators + − * / ^, functions such as sqrt, log, floor; constants pi, e · ${question.kind === 'exact' ? 'exact comparison' : 'Monte Carlo: compared in standard errors'}`}</Text>
      <Text> </Text>
      <Text>
        <Text bold>formula: </Text>
        <TextInput value={formula} focus={isFocused && !running} onChange={(t) => setFormula(applyTypedControls(t))} onSubmit={submit} placeholder="type a formula, ⏎ checks it" />
      </Text>
      {running ? (
        <Text>
          <Text color="cyan">
            <Spinner type="dots" />
          </Text>
          {' measuring '}
          <ProgressBar fraction={running.fraction} width={20} />
          <Text dimColor>{'  esc cancels'}</Text>
        </Text>
      ) : null}
      {outcome && 'error' in outcome ? <Text color="red" wrap="truncate-end">{`✗ ${outcome.error}`}</Text> : null}
      {outcome && 'result' in outcome
        ? claimLines(outcome.result, width, Math.max(4, height - header)).map((l, i) => <LineView key={i} line={l} />)
        : null}
    </Box>
  );
}
