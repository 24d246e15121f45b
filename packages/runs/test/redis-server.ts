// A real Debian redis-server for the queue tests, on a free port, without persistence; stopped by its own pid.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export interface RedisServer {
  url: string;
  stop(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts redis-server (scripts/ensure-test-deps.sh installs it) and waits until it answers. */
export async function startRedisServer(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'hw3-redis-'));
  const pidfile = join(dir, 'redis.pid');
  const port = await freePort();
  execFileSync('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'yes', '--pidfile', pidfile, '--dir', dir, '--logfile', join(dir, 'redis.log')]);
  const url = `redis://127.0.0.1:${port}`;
  // --daemonize returns before the server listens, and ioredis's connect() rejects on the first refused attempt
  // ("Connection is closed") whatever its retry strategy: try fresh clients until one answers PING (hang guard 30 s).
  for (let attempt = 0; ; attempt++) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.ping();
      break;
    } catch (error) {
      if (attempt >= 300) throw new Error(`redis-server on port ${port} did not answer within 30 s: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      client.disconnect();
    }
  }
  return {
    url,
    stop() {
      for (let i = 0; i < 50 && !existsSync(pidfile); i++) execFileSync('sleep', ['0.1']);
      if (existsSync(pidfile)) {
        const pid = Number(readFileSync(pidfile, 'utf8').trim());
        try {
          process.kill(pid, 'SIGTERM');
          // Redis writes its log and removes its pidfile while it shuts down: removing the directory before it has
          // exited races those writes (ENOTEMPTY). Wait for the exit (hang guard 10 s).
          for (let i = 0; i < 100; i++) {
            process.kill(pid, 0);
            execFileSync('sleep', ['0.1']);
          }
        } catch {
          // gone (or already gone)
        }
      }
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}
