// Queue errors a user can act on (a bad --redis URL, no Redis answering) as the CLI's bad-input error (exit 2).
import { clipText } from '@hw3/core';
import { UsageError } from './exit.js';

/** Rethrows a QueueError about the URL or the connection as a UsageError naming --redis; anything else as is. */
export function asQueueUsageError(error: unknown): never {
  const e = error as { name?: string; code?: string; subject?: string; allowed?: string; message?: string };
  if (e?.name === 'QueueError' && (e.code === 'REDIS_URL_INVALID' || e.code === 'REDIS_UNREACHABLE')) {
    throw new UsageError(e.message!, { code: e.code, param: '--redis', value: clipText(e.subject ?? '', 200), allowed: e.allowed ?? 'redis://host:port' });
  }
  throw error;
}
