// Exit codes of the hw3 command, and the error that means "bad input" (exit 2, message on stderr).

export const EXIT = {
  /** every check passes / the claim is consistent */
  ok: 0,
  /** a check fails / the claim is refuted */
  failed: 1,
  /** bad input: unknown experiment or question, bad flag value, rejected formula */
  usage: 2,
  /** interrupted (Ctrl-C); what finished was printed */
  interrupted: 130,
} as const;

/** What a rejected input was, for people and for scripts (the `--json` error object). */
export interface UsageDetails {
  /** Stable code, e.g. INVALID_ARGUMENT, UNKNOWN_OPTION, UNKNOWN_EXPERIMENT. */
  code: string;
  /** The flag or argument as the user wrote it: `--sigmas`, `<experiment>`. */
  param: string;
  /** The value given (clipped), when there was one. */
  value?: string;
  /** What is allowed there, in words. */
  allowed: string;
}

/** Bad input from the user: printed as `hw3: error: <message>` and exit code 2. */
export class UsageError extends Error {
  readonly details: UsageDetails;
  /** Without details, the flag or argument the message starts with is taken as the parameter. */
  constructor(message: string, details?: UsageDetails) {
    super(message);
    this.name = 'UsageError';
    this.details = details ?? { code: 'INVALID_ARGUMENT', param: /^(--[\w-]+|<[\w-]+>)/.exec(message)?.[1] ?? 'arguments', allowed: 'see the message' };
  }
}
