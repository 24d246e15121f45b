// Ctrl-C. Before a command has started its work (while the kernels and experiments load, a second or two) nothing
// ran, so nothing is lost: say so (with --json as the one JSON object) and exit 130. During a run or a check the
// first Ctrl-C aborts the work (what finished is printed), a second one quits.

const NOTHING_FINISHED = 'interrupted before any work finished: nothing to show';

/** The output of a command interrupted before it had any result. */
export function cancelledBeforeResult(json: boolean): void {
  process.stderr.write(`\nhw3: ${NOTHING_FINISHED}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ status: 'cancelled', finished: [], message: NOTHING_FINISHED })}\n`);
}

let releaseEarly: (() => void) | undefined;

/** Installed first thing by the binary (before the heavy imports): a Ctrl-C until abortOnInterrupt takes over. */
export function interruptBeforeWork(json: boolean): void {
  const onSigint = () => {
    cancelledBeforeResult(json);
    process.exit(130);
  };
  process.on('SIGINT', onSigint);
  releaseEarly = () => process.off('SIGINT', onSigint);
}

/** Hands Ctrl-C over to the caller (the dashboard, the plain-text runs). */
export function releaseEarlyInterrupt(): void {
  releaseEarly?.();
  releaseEarly = undefined;
}

export function abortOnInterrupt(stderr: NodeJS.WriteStream = process.stderr): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    stderr.write('\nhw3: interrupted — stopping after the current grid point (Ctrl-C again to quit now)\n');
    controller.abort();
  };
  releaseEarlyInterrupt();
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}
