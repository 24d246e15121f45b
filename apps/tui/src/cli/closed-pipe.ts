// `hw3 --help | head -3`: when the reader closes the pipe, the output simply ends (as for `hw3 list | head -1`),
// with no EPIPE stack trace. Any other stream error is still raised.
export function endQuietlyOnClosedPipe(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  }
}
