'use client';
// The interactive part of an experiment page. The URL is the source of truth: loading or navigating (back/forward)
// sends the query to the worker, which reads it into the form and runs; submitting the form writes the query, which
// triggers the run. The page holds no experiment code: the form is drawn from a server-made description (FormSpec),
// and the worker checks every value against the experiment's own schema as it is typed.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import type { FormSpec } from '../form-spec';
import { downloadReport } from '../hand-in';
import { recordRun, sessionRuns, type ExperimentTexts } from '../session-runs';
import { DEFAULT_SEED } from '@hw3/client/seed';
import { currentSearch } from '../address';
import { AUTO_RUN_SECONDS } from '../early-marker';
import { useRunner } from '../use-runner';
import { CostNotice } from './CostNotice';
import type { FromWorker } from '../worker-protocol';
import { KeptRuns } from './KeptRuns';
import { ParamField } from './ParamField';
import { ResultView } from './ResultView';
import { whenIdle } from '../when-idle';
import { RunStatusBar } from './RunStatusBar';

interface FormState {
  texts: Map<string, string>;
  seedText: string;
}

interface Validation {
  /** The request that produced it (answers to older requests are dropped). */
  id: number;
  errors: Map<string, string>;
  /** The query that runs the form, when it is valid. */
  query: string | undefined;
  /** What running the valid form would cost. */
  cost?: string;
}


export function ExperimentView({ texts: experiment, form: spec }: { texts: ExperimentTexts; form: FormSpec }) {
  const { id: experimentId, title } = experiment;
  const router = useRouter();
  const pathname = usePathname();
  // The hook says *when* the URL changed; the query itself is read from the address (see address.ts: Next's own
  // search params drop keys such as `__proto__`).
  const search = useSearchParams().toString();
  const defaults = useCallback((): FormState => ({ texts: new Map(spec.defaults), seedText: String(DEFAULT_SEED) }), [spec]);
  const [form, setForm] = useState<FormState>(defaults);
  const [validation, setValidation] = useState<Validation>({ id: 0, errors: new Map(), query: undefined });
  const [submitted, setSubmitted] = useState(false);
  const latest = useRef(0);
  const submitWhenChecked = useRef(false);
  /** The next address change comes from the reader's Run (not from opening the page or back/forward). */
  const asked = useRef(false);

  const navigate = useCallback(
    (query: string) => {
      if (query === window.location.search.replace(/^\?/, '')) runner.current.run(query);
      else {
        asked.current = true;
        router.push(`${pathname}?${query}`, { scroll: false });
      }
    },
    [pathname, router],
  );

  const focusFirst = (errors: Map<string, string>) => {
    const first = [...errors.keys()][0]!;
    document.getElementById(first === 'seed' ? 'param-seed' : `param-${first}`)?.focus();
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: focusFirst only moves DOM focus; it is rebuilt each render and would rebuild this callback with it.
  const onValidated = useCallback(
    (m: Extract<FromWorker, { type: 'validated' }> | Extract<FromWorker, { type: 'error' }>) => {
      if (m.id !== latest.current) return;
      const v: Validation =
        m.type === 'validated'
          ? { id: m.id, errors: new Map(m.errors), query: m.query, ...(m.cost !== undefined ? { cost: m.cost } : {}) }
          : { id: m.id, errors: new Map([['form', `${m.error.name}: ${m.error.message}`]]), query: undefined };
      setValidation(v);
      if (!submitWhenChecked.current) return;
      submitWhenChecked.current = false;
      if (v.query !== undefined) navigate(v.query);
      else focusFirst(v.errors);
    },
    [navigate],
  );

  const { state, run, validate, cancel } = useRunner(experimentId, onValidated);
  const runner = useRef({ run });
  runner.current = { run };

  // A new URL (first load, form submit, back/forward): the worker reads it and runs. Unless the reader pressed Run,
  // only a cheap run starts: opening a page never starts more than a few seconds of work by itself (a longer run is
  // 'held', and the page offers its Run buttons).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `search` is the trigger; the effect reads the address through currentSearch().
  useEffect(() => {
    setSubmitted(false);
    run(currentSearch().replace(/^\?/, ''), asked.current ? undefined : AUTO_RUN_SECONDS);
    asked.current = false;
  }, [search, run]);
  const stored = state.status === 'held' ? sessionRuns().find((r) => r.experiment.id === experimentId) : undefined;
  /** A preset's button on the held notice: the preset's values go into the form, which runs once checked. */
  const runPreset = (name: string) => {
    const preset = spec.presets.find(([n]) => n === name);
    if (!preset) return;
    setForm((s) => ({ ...s, texts: new Map(preset[1]) }));
    setSubmitted(true);
    submitWhenChecked.current = true;
  };

  // Every complete result goes into this tab's hand-in report, once the page is idle (after the result is painted).
  // (Not cancelled by a later render: a finished run is recorded even if another starts before the page is idle.)
  useEffect(() => {
    if (state.status !== 'done' || !state.result || state.ms === undefined) return;
    const run = { experiment, result: state.result, ms: state.ms };
    whenIdle(() => recordRun(run));
  }, [state.status, state.result, state.ms, experiment]);

  // What the worker read from the address becomes the form.
  useEffect(() => {
    if (state.reading) setForm({ texts: new Map(state.reading.texts), seedText: state.reading.seedText });
  }, [state.reading]);

  // Every edit is checked by the worker against the experiment's schema.
  useEffect(() => {
    latest.current = validate(form.texts, form.seedText);
  }, [form, validate]);

  const setText = useCallback((name: string, text: string) => setForm((f) => ({ ...f, texts: new Map(f.texts).set(name, text) })), []);

  const checked = validation.id === latest.current;
  const errors = validation.errors;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    // Not checked yet, or the check itself failed (its worker was restarted): check now, and run when it answers.
    if (!checked || errors.has('form')) {
      submitWhenChecked.current = true;
      if (checked) latest.current = validate(form.texts, form.seedText);
      return;
    }
    if (validation.query !== undefined) navigate(validation.query);
    else focusFirst(errors);
  };

  const running = state.status === 'checking' || state.status === 'running' || state.status === 'cancelling';
  // The kept runs are listed once the page shows its first result, or has none coming, or after 3 s at the latest.
  const [listKeptRuns, setListKeptRuns] = useState(false);
  const firstShown = !running || state.partial !== undefined || state.result !== undefined;
  useEffect(() => {
    if (firstShown && state.status !== 'idle') setListKeptRuns(true);
  }, [firstShown, state.status]);
  useEffect(() => {
    const timer = setTimeout(() => setListKeptRuns(true), 3000);
    return () => clearTimeout(timer);
  }, []);
  const problems = state.reading?.problems ?? [];
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
      {/* Above the form: on a phone the form is a screen or two long, and this says why nothing is running yet. */}
      {state.status === 'held' && state.held && (
        <CostNotice held={{ cost: state.held }} presets={spec.costs.presets} onRun={() => runner.current.run(currentSearch().replace(/^\?/, ''))} onPreset={runPreset} />
      )}
      <form className="params" onSubmit={onSubmit} noValidate aria-label={`Parameters of ${title}`}>
        <h2>Parameters</h2>
        {state.reading?.threads && (
          <p className="desc" data-testid="threads-note">
            {state.reading.threads}
          </p>
        )}
        {spec.fields.map((f) => (
          <ParamField key={f.name} field={f} text={form.texts.get(f.name) ?? ''} error={errors.get(f.name)} onChange={(t) => setText(f.name, t)} />
        ))}
        <div className={`field${errors.has('seed') ? ' invalid' : ''}`}>
          <label htmlFor="param-seed">
            <code>seed</code> <span className="desc" id="param-seed-desc">random seed: the same seed gives the same numbers here and in the terminal</span>
          </label>
          <div className="field-input">
            <input
              id="param-seed"
              name="seed"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={form.seedText}
              onChange={(e) => setForm((s) => ({ ...s, seedText: e.target.value }))}
              aria-describedby={`param-seed-desc${errors.has('seed') ? ' param-seed-error' : ''}`}
              aria-invalid={errors.has('seed') ? true : undefined}
            />
            <button type="button" onClick={() => setForm((s) => ({ ...s, seedText: String(Math.floor(Math.random() * 2 ** 31)) }))}>
              New seed
            </button>
          </div>
          {errors.has('seed') && (
            <p className="field-error" id="param-seed-error" role="alert">
              {errors.get('seed')}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="primary" data-testid="run">
            Run
          </button>
          {running && (
            <button type="button" onClick={cancel} disabled={state.status === 'cancelling'} data-testid="cancel">
              Cancel
            </button>
          )}
          {spec.presets.map(([name, texts]) => (
            <button key={name} type="button" onClick={() => setForm((s) => ({ ...s, texts: new Map(texts) }))}>
              Preset: {name}
            </button>
          ))}
          <button type="button" onClick={() => setForm(defaults())}>
            Defaults
          </button>
        </div>
        <p className="cost" data-testid="form-cost" aria-live="polite">
          Estimated cost: {checked && validation.cost ? validation.cost : checked && errors.size > 0 ? '— (fix the values marked above)' : '…'}
          <span className="muted"> (defaults: {spec.costs.defaults.text}{spec.costs.presets.map(([name, c]) => `; ${name}: ${c.text}`).join('')})</span>
        </p>
        {errors.has('form') && (
          <p className="error" role="alert">
            {errors.get('form')}
          </p>
        )}
        {submitted && checked && errors.size > 0 && (
          <p className="error" role="alert">
            Fix the {errors.size === 1 ? 'value' : `${errors.size} values`} marked above to run.
          </p>
        )}
      </form>
      <RunStatusBar state={state} />
      {stored && (
        <section aria-label="Stored result" data-testid="stored-result">
          <p className="meta">Stored result from an earlier run in this tab (seed {stored.result.seed}); run again to replace it.</p>
          <ResultView catalog={experiment.values} result={stored.result} ms={stored.ms} />
        </section>
      )}

      {state.error && (
        <div className="notice error" role="alert" data-testid="run-error">
          <p>
            <strong>{state.error.name}</strong>: {state.error.message}
          </p>
        </div>
      )}
      {state.result && !state.partial && (
        <ResultView
          catalog={experiment.values}
          result={state.result}
          ms={state.status === 'done' ? state.ms : undefined}
          onReport={() => void downloadReport({ experiment, result: state.result!, ms: state.ms ?? 0 })}
        />
      )}
      {state.partial && state.reading && (
        <ResultView
          catalog={experiment.values}
          result={{ id: experimentId, question: '', title, seed: state.reading.seed, params: state.reading.params, status: 'complete', ...state.partial }}
          ms={undefined}
          running
        />
      )}
      <KeptRuns experiment={experiment} listNow={listKeptRuns} finished={state.status === 'done' && state.result && state.ms !== undefined ? { result: state.result, ms: state.ms } : undefined} />
    </>
  );
}
