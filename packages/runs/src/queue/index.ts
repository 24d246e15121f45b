export { startCellWorker, type CellWorker, type CellWorkerOptions } from './worker.js';
export { redisCellExecutor, type RedisCells, type RedisCellsOptions } from './executor.js';
export { checkRedisUrl, connectRedis } from './redis.js';
export { queueName, type CellJob } from './cell-job.js';
export { QueueError, type QueueErrorCode } from './errors.js';
