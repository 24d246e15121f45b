'use client';
// The interactive part of an experiment page. The URL is the source of truth: loading or navigating (back/forward)
// reads the query into the form and runs; submitting the form writes the query, which triggers the run.
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { findExperiment, formatParamText, paramFields } from '@hw3/core';
import { checkField, checkSeedText } from '../field-validate';
import { defaultForm, readQuery, writeQuery, type FormState, type QueryState } from '../url-state';
import { currentSearch } from '../address';
import { useRunner } from '../use-runner';
import { ParamField } from './ParamField';
import { ResultView } from './ResultView';
import { RunStatusBar } from './RunStatusBar';

export function ExperimentView({ id }: { id: string }) {
  const experiment = findExperiment(id);
  if (!experiment) return <p role="alert">Unknown experiment {JSON.stringify(id)}.</p>;
  return <ExperimentForm experimentId={experiment.id} />;
}

function ExperimentForm({ experimentId }: { experimentId: string }) {
  const experiment = findExperiment(experimentId)!;
  const fields = useMemo(() => paramFields(experiment), [experiment]);
  const router = useRouter();
  const pathname = usePathname();
  // The hook says *when* the URL changed; the query itself is read from the address (see address.ts: Next's own
  // search params drop keys such as `__proto__`).
  const search = useSearchParams().toString();
  const [query, setQuery] = useState<QueryState | undefined>();
  const [form, setForm] = useState<FormState>(() => defaultForm(fields));
  const [submitted, setSubmitted] = useState(false);
  const { state, run, cancel } = useRunner(experiment.id);

  // A new URL (first load, form submit, back/forward): show its parameters and run them.
  useEffect(() => {
    const q = readQuery(experiment, fields, new URLSearchParams(currentSearch()));
    setQuery(q);
    setForm({ texts: q.texts, seedText: q.seedText });
    setSubmitted(false);
    run(q.params, q.seed);
  }, [experiment, fields, search, run]);

  const errors = useMemo(() => {
    const out = new Map<string, string>();
    for (const f of fields) {
      const c = checkField(experiment, f, form.texts.get(f.name) ?? '');
      if (!c.ok) out.set(f.name, c.message);
    }
    const s = checkSeedText(form.seedText);
    if (!s.ok) out.set('seed', s.message);
    return out;
  }, [experiment, fields, form]);

  const setText = useCallback((name: string, text: string) => setForm((f) => ({ ...f, texts: new Map(f.texts).set(name, text) })), []);

  const navigate = useCallback(
    (params: Record<string, unknown>, seed: number) => {
      const next = writeQuery(fields, params, seed);
      if (next === window.location.search.replace(/^\?/, '')) run(params, seed);
      else router.push(`${pathname}?${next}`, { scroll: false });
    },
    [fields, pathname, router, run],
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (errors.size > 0) {
      const first = [...errors.keys()][0]!;
      document.getElementById(first === 'seed' ? 'param-seed' : `param-${first}`)?.focus();
      return;
    }
    const params: Record<string, unknown> = {};
    for (const f of fields) {
      const c = checkField(experiment, f, form.texts.get(f.name) ?? '');
      if (c.ok) params[f.name] = c.value;
    }
    navigate(params, Number(form.seedText.trim()));
  };

  const applyPreset = (preset: Record<string, unknown>) => {
    const texts = new Map(defaultForm(fields).texts);
    for (const f of fields) if (f.name in preset) texts.set(f.name, formatParamText(preset[f.name]));
    setForm((s) => ({ ...s, texts }));
  };

  const running = state.status === 'running' || state.status === 'cancelling';
  return (
    <>
      {query && query.problems.length > 0 && (
        <div className="notice" role="alert" data-testid="url-problems">
          <p>Some parameters in the address were not used:</p>
          <ul>
            {query.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <form className="params" onSubmit={onSubmit} noValidate aria-label={`Parameters of ${experiment.title}`}>
        <h2>Parameters</h2>
        {fields.map((f) => (
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
          {Object.entries(experiment.presets ?? {}).map(([name, preset]) => (
            <button key={name} type="button" onClick={() => applyPreset(preset as Record<string, unknown>)}>
              Preset: {name}
            </button>
          ))}
          <button type="button" onClick={() => setForm(defaultForm(fields))}>
            Defaults
          </button>
        </div>
        {submitted && errors.size > 0 && (
          <p className="error" role="alert">
            Fix the {errors.size === 1 ? 'value' : `${errors.size} values`} marked above to run.
          </p>
        )}
      </form>
      <RunStatusBar state={state} />
      {state.error && (
        <div className="notice error" role="alert" data-testid="run-error">
          <p>
            <strong>{state.error.name}</strong>: {state.error.message}
          </p>
        </div>
      )}
      {state.result && <ResultView result={state.result} ms={state.status === 'done' ? state.ms : undefined} />}
    </>
  );
}
