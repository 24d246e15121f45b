// Reaching Redis: the --redis URL checked up front, and a connection that fails with a clear error when nothing
// answers (ioredis alone would retry forever, and a command line would hang).
import { Redis } from 'ioredis';
import { QueueError } from './errors.js';

/** Checks a redis://host:port URL. @throws QueueError REDIS_URL_INVALID. */
export function checkRedisUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new QueueError('REDIS_URL_INVALID', text, `--redis must be a Redis URL like redis://host:6379, got ${JSON.stringify(text.slice(0, 80))}`, 'redis://host:port (or rediss:// for TLS)');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new QueueError('REDIS_URL_INVALID', text, `--redis must use redis:// or rediss://, got ${url.protocol}//`, 'redis://host:port (or rediss:// for TLS)');
  }
  return url;
}

/**
 * A connection BullMQ can use (it needs maxRetriesPerRequest: null), once Redis has answered.
 * @throws QueueError REDIS_UNREACHABLE when Redis does not answer within `timeoutMs`.
 */
export async function connectRedis(text: string, timeoutMs = 5000): Promise<Redis> {
  checkRedisUrl(text);
  const redis = new Redis(text, { maxRetriesPerRequest: null, lazyConnect: true, connectTimeout: timeoutMs });
  // Until the first connection, failures reject connect() below; afterwards ioredis reconnects on its own.
  redis.on('error', () => {});
  try {
    await Promise.race([
      redis.connect().then(() => redis.ping()),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
  } catch (error) {
    redis.disconnect();
    throw new QueueError('REDIS_UNREACHABLE', text, `cannot reach Redis at ${text} (${(error as Error).message}); start one with \`redis-server --port 6379\``, 'the URL of a running Redis server');
  }
  return redis;
}
