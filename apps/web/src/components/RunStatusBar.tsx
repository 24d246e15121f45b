'use client';
// Progress of the current run, announced politely to screen readers.
import type { RunnerState } from '../use-runner';

export function RunStatusBar({ state }: { state: RunnerState }) {
  const label =
    state.status === 'running'
      ? `Running… ${Math.round(state.fraction * 100)} %${state.message ? ` (${state.message})` : ''}`
      : state.status === 'cancelling'
        ? 'Cancelling…'
        : state.status === 'cancelled'
          ? state.result
            ? 'Cancelled: showing the part that finished.'
            : `Cancelled${state.message ? `: ${state.message}` : ''}.`
          : state.status === 'done'
            ? 'Done.'
            : state.status === 'error'
              ? 'The run failed.'
              : 'Loading the WebAssembly kernels…';
  return (
    <div className="status" data-testid="status" data-status={state.status} data-run={state.runKey}>
      <progress max={1} value={state.status === 'done' ? 1 : state.fraction} aria-label="Run progress" />
      <span aria-live="polite">{label}</span>
    </div>
  );
}
