// The queue on a real redis-server: an in-process coordinator and worker gather the same result as a run without any
// The worker's sandboxed processor must be built JavaScript, so these tests use dist/ (turbo builds before testing).
// queue, and a worker refuses a cell queued for code it does not run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue, QueueEvents } from 'bullmq';
import { getExperiment, runExperiment } from '@hw3/core';
import { codeVersion, canonicalJson } from '../dist/index.js';
import { connectRedis, queueName, redisCellExecutor, startCellWorker, QueueError, type CellWorker, type RedisCells } from '../dist/queue/index.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

let redis: RedisServer;
let worker: CellWorker;
let coordinator: RedisCells;
beforeAll(async () => {
  redis = await startRedisServer();
  worker = await startCellWorker(redis.url, { concurrency: 1, stallMs: 5000 });
  coordinator = await redisCellExecutor(redis.url);
}, 60_000);
afterAll(async () => {
  await coordinator?.close();
  await worker?.close();
  redis?.stop();
}, 60_000);

describe('cells through BullMQ on Redis', { timeout: 240_000 }, () => {
  it('gathers the same result as a run without the queue, bit for bit', async () => {
    const experiment = getExperiment('lr-transfer');
    const params = experiment.presets!.smoke;
    const [local, queued] = await Promise.all([
      runExperiment(experiment, params, { seed: 9 }),
      runExperiment(experiment, params, { seed: 9, cells: { execute: coordinator.execute } }),
    ]);
    expect(canonicalJson(queued)).toBe(canonicalJson(local));
    expect(await coordinator.workers()).toBe(1);
  });

  it('a worker refuses a cell of another code version: failed at once, not retried', async () => {
    const connection = await connectRedis(redis.url);
    const name = queueName(codeVersion());
    const queue = new Queue(name, { connection });
    const events = new QueueEvents(name, { connection: connection.duplicate() });
    await events.waitUntilReady();
    const job = await queue.add('lr-transfer', { experiment: 'lr-transfer', cell: { width: 32 }, codeVersion: '0.0.0+0123456789abcdef' }, { attempts: 3 });
    const failure = await job.waitUntilFinished(events).then(() => 'completed', (error: Error) => error.message);
    expect(failure).toMatch(/refused: the cell needs code 0\.0\.0\+0123456789abcdef; this worker runs /);
    const after = await queue.getJob(job.id!);
    expect(after!.attemptsMade).toBe(1);
    await events.close();
    await queue.close();
    connection.disconnect();
  });

  it('bad --redis URLs and an unreachable Redis are typed errors', async () => {
    await expect(connectRedis('http://localhost:6379')).rejects.toMatchObject({ code: 'REDIS_URL_INVALID' });
    await expect(connectRedis('not a url')).rejects.toBeInstanceOf(QueueError);
    await expect(connectRedis('redis://127.0.0.1:1', 2000)).rejects.toMatchObject({ code: 'REDIS_UNREACHABLE' });
  });
});
