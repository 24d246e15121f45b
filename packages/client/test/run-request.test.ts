// The worker side of a run, on real experiments: progress then one final message; a cancel keeps what finished;
// bad parameters come back as plain data naming the parameter.
import { init } from '@hw3/core/runtime';
import { getExperiment } from '@hw3/core/experiments';
import { beforeAll, describe, expect, it } from 'vitest';
import { runRequest } from '../src/run-request.js';
import { isFinal, type RunFromWorker } from '../src/worker-protocol.js';

beforeAll(() => init());

async function collect(experimentId: string, params: Record<string, unknown>, signal = new AbortController().signal, partialIntervalMs?: number): Promise<RunFromWorker[]> {
  const messages: RunFromWorker[] = [];
  await runRequest(getExperiment(experimentId), 7, { experimentId, params, seed: 3 }, (m) => messages.push(structuredClone(m)), { signal, ...(partialIntervalMs !== undefined ? { partialIntervalMs } : {}) });
  return messages;
}

describe('runRequest', () => {
  it('ends with exactly one final message: the result', async () => {
    const messages = await collect('remat', { layers: 10, every: 5 });
    expect(messages.filter((m) => isFinal(m))).toHaveLength(1);
    const last = messages.at(-1)!;
    expect(last).toMatchObject({ type: 'result', id: 7, result: { id: 'remat', seed: 3, status: 'complete', values: { fwd: 20, loadmem: 10 } } });
  });

  it('sends the output at checkpoints when asked', async () => {
    const messages = await collect('remat-planner', {}, new AbortController().signal, 0);
    expect(messages.some((m) => m.type === 'partial')).toBe(true);
    expect(messages.at(-1)!.type).toBe('result');
  });

  it('a cancel before the start ends in cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const messages = await collect('remat', {}, controller.signal);
    expect(messages).toEqual([{ type: 'cancelled', id: 7, partial: expect.objectContaining({ status: 'cancelled' }) }]);
  });

  it('rejected parameters come back as a serialised ParamError', async () => {
    const messages = await collect('remat', { layers: 0 });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 'error', id: 7, error: { name: 'ParamError', code: 'INVALID_ARGUMENT', param: 'layers', issues: expect.arrayContaining([expect.objectContaining({ param: 'layers' })]) } });
  });

  it('isFinal knows an app’s own final messages', () => {
    expect(isFinal({ type: 'progress' })).toBe(false);
    expect(isFinal({ type: 'claim-result' }, ['claim-result'])).toBe(true);
  });
});
