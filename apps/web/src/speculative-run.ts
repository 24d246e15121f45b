// The page's first run, started by the worker before the page asks for it. On an experiment page the early start
// (early-worker.ts) names the worker with the experiment and the address's query (WorkerStart) before React hydrates;
// the worker starts that run as soon as its script runs and keeps what it says. When the hydrated page sends the identical request (same experiment, query and cost limit),
// the request takes the run over: what was said so far is sent under the request's id, and the rest follows. A
// different request cancels it unheard. So the first result is computed while the page boots, and the page still sees
// an ordinary request with one final answer (its watchdog and cancel work as for any run).
import type { FromWorker } from './worker-protocol';

type RunMessage = Extract<FromWorker, { id: number }>;

/** What identifies a run request for take-over. */
export function runKey(experimentId: string, query: string, maxSeconds: number | undefined): string {
  return JSON.stringify([experimentId, query, maxSeconds ?? null]);
}

export class SpeculativeRun {
  readonly controller = new AbortController();
  private readonly kept: RunMessage[] = [];
  private owner: number | undefined;
  /** The run has ended (its final message is said). */
  ended = false;

  constructor(
    readonly key: string,
    private readonly post: (message: FromWorker) => void,
  ) {}

  /** A message of the run: kept until a request takes the run over, then sent under its id. */
  readonly say = (message: FromWorker): void => {
    const m = message as RunMessage;
    if (this.owner === undefined) this.kept.push(m);
    else this.post({ ...m, id: this.owner } as FromWorker);
  };

  get taken(): boolean {
    return this.owner !== undefined;
  }

  /** Request `id` takes the run over: everything said so far goes out now, under its id. */
  takeOver(id: number): void {
    this.owner = id;
    for (const m of this.kept.splice(0)) this.post({ ...m, id } as FromWorker);
  }
}
