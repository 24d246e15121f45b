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

/** Bad input from the user: printed as `hw3: error: <message>` and exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
