// Errors of the job queue a user can act on (a bad --redis URL, a Redis that does not answer, a cell that failed).

export type QueueErrorCode = 'REDIS_URL_INVALID' | 'REDIS_UNREACHABLE' | 'CELL_FAILED';

/** A queue failure; `subject` is the URL or cell it concerns, `allowed` what would be accepted. */
export class QueueError extends Error {
  readonly code: QueueErrorCode;
  readonly subject: string;
  readonly allowed: string;
  constructor(code: QueueErrorCode, subject: string, message: string, allowed: string) {
    super(message);
    this.name = 'QueueError';
    this.code = code;
    this.subject = subject;
    this.allowed = allowed;
  }
}
