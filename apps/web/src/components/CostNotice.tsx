'use client';
// Shown instead of starting a run when the page opens (or back/forward lands) on parameters that would take more than
// a few seconds: what the run would cost, and buttons to start it — the cheapest preset first.
import type { RunCost } from '../form-spec';

export interface HeldRun {
  /** The run the address asks for, and its cost. */
  cost: RunCost;
}

export function CostNotice({ held, presets, onRun, onPreset }: { held: HeldRun; presets: [string, RunCost][]; onRun: () => void; onPreset: (name: string) => void }) {
  const cheaper = [...presets].filter(([, c]) => c.seconds < held.cost.seconds).sort((a, b) => a[1].seconds - b[1].seconds);
  return (
    <section className="notice cost" aria-labelledby="cost-heading" data-testid="held">
      <h2 id="cost-heading">Not started yet</h2>
      <p>
        This run would take <strong data-testid="held-cost">{held.cost.text}</strong>, so it waits for you: read the question and the closed form above,
        then start it{presets.some(([, c]) => c.seconds < held.cost.seconds) ? ', or a smaller preset first' : ''}.
      </p>
      <div className="actions">
        {cheaper.map(([name, cost]) => (
          <button key={name} type="button" className="primary" onClick={() => onPreset(name)} data-testid={`run-preset-${name}`}>
            Run the {name} preset ({cost.text})
          </button>
        ))}
        <button type="button" className={cheaper.length > 0 ? undefined : 'primary'} onClick={onRun} data-testid="run-held">
          Run these parameters ({held.cost.text})
        </button>
      </div>
    </section>
  );
}
