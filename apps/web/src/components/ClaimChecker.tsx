'use client';
// The claim checker: a question, a formula in its variables and a seed (all in the URL); the worker measures over the
// question's grid and returns a verdict with the evidence point by point. Progress, cancel (keeps measured points).
// The questions come from the server as plain data; the claim checker's code loads in the worker only.
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import type { ClaimResult } from '@hw3/core';
import { describeValue } from '@hw3/core/errors';
import { checkSeedText, DEFAULT_SEED } from '@hw3/client/seed';
import { currentSearch } from '../address';
import { useWorker } from '../use-worker';
import { NO_REQUEST, type FromWorker, type WireError } from '../worker-protocol';
import { ClaimVerdict } from './ClaimVerdict';

// The core rejects longer formulas with its own message; the URL is cut off well before anything could hurt.
const MAX_URL_CLAIM = 10_000;

interface ClaimForm {
  question: string;
  claim: string;
  seedText: string;
}

/** What the form shows of a claim question. */
export interface QuestionInfo {
  question: string;
  quantity: string;
  kind: string;
  variables: { name: string; description: string }[];
}

export function ClaimChecker({ questions }: { questions: QuestionInfo[] }) {
  const ids = useMemo(() => questions.map((q) => q.question), [questions]);
  const router = useRouter();
  const pathname = usePathname();
  // As on experiment pages: the hook signals a URL change; the query is read from the address (see address.ts).
  const search = useSearchParams().toString();
  const [form, setForm] = useState<ClaimForm>({ question: ids[0] ?? '', claim: '', seedText: '1' });
  const [problems, setProblems] = useState<string[]>([]);
  const [verdict, setVerdict] = useState<ClaimResult | undefined>();
  const [error, setError] = useState<WireError | undefined>();
  const [progress, setProgress] = useState<{ fraction: number; message?: string } | undefined>();
  const runId = useRef(0);

  const onMessage = useCallback((m: FromWorker) => {
    if (m.type === 'ready' || m.type === 'alive') return;
    if (m.id !== runId.current && m.id !== NO_REQUEST) return;
    if (m.type === 'progress') setProgress({ fraction: m.fraction, ...(m.message ? { message: m.message } : {}) });
    else {
      setProgress(undefined);
      if (m.type === 'claim-result') setVerdict(m.verdict);
      else if (m.type === 'claim-cancelled') setVerdict(m.partial);
      else if (m.type === 'error') setError(m.error);
    }
  }, []);
  const worker = useWorker(onMessage);

  const check = useCallback(
    (question: string, claim: string, seed: number) => {
      if (runId.current) worker.send({ type: 'cancel', id: runId.current });
      const id = worker.nextId();
      runId.current = id;
      setVerdict(undefined);
      setError(undefined);
      setProgress({ fraction: 0 });
      worker.send({ type: 'claim', id, question, claim, seed });
    },
    [worker],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `search` is the trigger (a new address); the effect reads it through currentSearch().
  useEffect(() => {
    const query = new URLSearchParams(currentSearch());
    const found: string[] = [];
    let question = ids[0] ?? '';
    let claim = '';
    let seed = DEFAULT_SEED;
    for (const [key, value] of query.entries()) {
      if (key === 'question') {
        if (ids.includes(value)) question = value;
        else found.push(`Unknown question ${describeValue(value)} ignored (known: ${ids.join(', ')}).`);
      } else if (key === 'claim') {
        if (value.length <= MAX_URL_CLAIM) claim = value;
        else found.push(`The claim in the address is longer than ${MAX_URL_CLAIM} characters and was ignored.`);
      } else if (key === 'seed') {
        const s = checkSeedText(value);
        if (s.ok) seed = s.value;
        else found.push(`${s.message}; using the default seed ${DEFAULT_SEED}.`);
      } else found.push(`Unknown parameter ${describeValue(key)} ignored (known: question, claim, seed).`);
    }
    setProblems(found);
    setForm({ question, claim, seedText: String(seed) });
    setVerdict(undefined);
    setError(undefined);
    if (claim.trim() !== '') check(question, claim, seed);
  }, [ids, search, check]);

  const seedCheck = checkSeedText(form.seedText);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!seedCheck.ok || form.claim.trim() === '') return;
    const q = new URLSearchParams({ question: form.question, claim: form.claim, seed: String(seedCheck.value) }).toString();
    if (q === window.location.search.replace(/^\?/, '')) check(form.question, form.claim, seedCheck.value as number);
    else router.push(`${pathname}?${q}`, { scroll: false });
  };

  const selected = questions.find((q) => q.question === form.question);
  return (
    <>
      {problems.length > 0 && (
        <div className="notice" role="alert" data-testid="url-problems">
          <p>Some parameters in the address were not used:</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <form className="params" onSubmit={onSubmit} noValidate aria-label="Check a claim">
        <div className="field">
          <label htmlFor="claim-question">Question</label>
          <div className="field-input">
            <select id="claim-question" value={form.question} onChange={(e) => setForm((f) => ({ ...f, question: e.target.value }))} aria-describedby="claim-question-desc">
              {questions.map((q) => (
                <option key={q.question} value={q.question}>
                  {q.question}: {q.quantity}
                </option>
              ))}
            </select>
          </div>
          {selected && (
            <p className="desc" id="claim-question-desc">
              {selected.kind === 'statistical' ? 'Monte Carlo measurement, compared in standard errors' : 'exact simulation'}; variables:{' '}
              {selected.variables.map((v, i) => (
                <span key={v.name}>
                  {i > 0 && ', '}
                  <code>{v.name}</code> ({v.description})
                </span>
              ))}
              ; <code>pi</code> allowed.
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="claim-formula">Claimed answer (a formula)</label>
          <div className="field-input">
            <input id="claim-formula" type="text" autoComplete="off" spellCheck={false} value={form.claim} onChange={(e) => setForm((f) => ({ ...f, claim: e.target.value }))} placeholder="e.g. n" />
          </div>
        </div>
        <div className={`field${seedCheck.ok ? '' : ' invalid'}`}>
          <label htmlFor="claim-seed">
            <code>seed</code> <span className="desc">for the measurements</span>
          </label>
          <div className="field-input">
            <input id="claim-seed" type="text" inputMode="numeric" autoComplete="off" value={form.seedText} aria-invalid={seedCheck.ok ? undefined : true} aria-describedby={seedCheck.ok ? undefined : 'claim-seed-error'} onChange={(e) => setForm((f) => ({ ...f, seedText: e.target.value }))} />
          </div>
          {!seedCheck.ok && (
            <p className="field-error" id="claim-seed-error" role="alert">
              {seedCheck.message}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={form.claim.trim() === '' || !seedCheck.ok} data-testid="check">
            Check
          </button>
          {progress && (
            <button type="button" onClick={() => worker.send({ type: 'cancel', id: runId.current })} data-testid="cancel">
              Cancel
            </button>
          )}
        </div>
      </form>
      <div className="status" data-testid="status" data-status={progress ? 'running' : verdict ? 'done' : error ? 'error' : 'idle'}>
        {progress && <progress max={1} value={progress.fraction} aria-label="Measuring" />}
        <span aria-live="polite">{progress ? `Measuring… ${Math.round(progress.fraction * 100)} %${progress.message ? ` (${progress.message})` : ''}` : ''}</span>
      </div>
      {error && (
        <div className="notice error" role="alert" data-testid="run-error">
          <p>
            <strong>{error.name}</strong>: {error.message}
          </p>
        </div>
      )}
      {verdict && <ClaimVerdict result={verdict} />}
    </>
  );
}
