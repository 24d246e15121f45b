'use client';
// Progress of the current run, announced politely to screen readers.
import type { RunnerState } from '../use-runner';

function statusText(state: RunnerState): string {
  switch (state.status) {
    case 'checking':
      return 'Estimating what this run would cost…';
    case 'held':
      return `Not started: this run would take ${state.held?.text ?? 'a while'}.`;
    case 'running':
      return `Running… ${Math.round(state.fraction * 100)} %${state.message ? ` (${state.message})` : ''}`;
    case 'cancelling':
      return 'Cancelling…';
    case 'cancelled':
      return state.result ? 'Cancelled: showing the part that finished.' : `Cancelled${state.message ? `: ${state.message}` : ''}.`;
    case 'done':
      return 'Done.';
    case 'error':
      return 'The run failed.';
    default:
      return 'Loading the WebAssembly kernels…';
  }
}

export function RunStatusBar({ state }: { state: RunnerState }) {
  return (
    <div className="status" data-testid="status" data-status={state.status} data-run={state.runKey}>
      <progress max={1} value={state.status === 'done' ? 1 : state.fraction} aria-label="Run progress" />
      <span aria-live="polite">{statusText(state)}</span>
    </div>
  );
}
