// A runner that keeps every finished dashboard run (complete or cancelled with a partial result) in the run store,
// as `hw3 run` does. The store is opened per write, so the dashboard never holds the file while idle.
import { codeVersion, machineInfo, RunStore } from '@hw3/runs';
import type { ExperimentRunner, RunHandlers } from './runner.js';

export function storingRunner(inner: ExperimentRunner, storePath: string, onStoreError: (message: string) => void): ExperimentRunner {
  return {
    start(request, handlers: RunHandlers) {
      const started = performance.now();
      const keep = (result: Parameters<RunHandlers['onDone']>[0]) => {
        try {
          const store = RunStore.open(storePath);
          try {
            store.save({ result, code: codeVersion(), machine: machineInfo(), wallMs: performance.now() - started, cpuMs: null });
          } finally {
            store.close();
          }
        } catch (error) {
          onStoreError(`the run was not stored: ${error instanceof Error ? error.message : String(error)}`);
        }
      };
      return inner.start(request, {
        ...handlers,
        onDone(result) {
          keep(result);
          handlers.onDone(result);
        },
        onCancelled(partial) {
          if (partial) keep(partial);
          handlers.onCancelled(partial);
        },
      });
    },
    dispose: () => inner.dispose(),
  };
}
