// Reading the raw command line before commander does (light: the binary uses it before the heavy imports).

/** Whether the command line asks for JSON (`--json` before any `--`). */
export function wantsJson(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).includes('--json');
}
