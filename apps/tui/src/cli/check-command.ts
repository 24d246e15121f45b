// `hw3 check <question> "<formula>" [--seed N] [--alpha A] [--json] [--all]`: the claim checker.
import { Command } from 'commander';
import { CancelledError, checkClaim, claimQuestions, type ClaimEvidence, type ClaimResult } from '@hw3/core';
import { EXIT } from './exit.js';
import { formatNumber } from '@hw3/client/format';
import { textTable } from '@hw3/client/table';
import { abortOnInterrupt } from './interrupt.js';
import { parseAlpha, parseSeed } from './options.js';
import { createProgressLine } from './progress.js';
import { createStyle, type Style } from './style.js';

const SHOWN = 20;

function evidenceRow(e: ClaimEvidence, style: Style): string[] {
  const point = Object.entries(e.point)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const measured = e.stderr > 0 ? `${formatNumber(e.measured)} ± ${formatNumber(e.stderr, 2)}` : formatNumber(e.measured);
  const test = e.z !== null ? `z ${formatNumber(e.z, 3)} (|z| ≤ ${formatNumber(e.threshold, 3)})` : e.claimed === null ? 'not a number here' : e.agrees ? 'equal' : 'differs';
  return [e.agrees ? style.ok('✓') : style.bad('✗'), point, formatNumber(e.claimed), measured, test];
}

export function renderClaim(result: ClaimResult, style: Style, all: boolean): string[] {
  const bad = result.evidence.filter((e) => !e.agrees);
  const verdict =
    result.verdict === 'consistent'
      ? style.ok(`✓ consistent — agrees at all ${result.evidence.length} points; ${result.resolution.description}`)
      : style.bad(`✗ refuted — disagrees at ${bad.length} of ${result.evidence.length} points`);
  const lines = [
    `${style.bold(result.question)}  claim ${style.bold(result.claim)}${result.parsed.replace(/\s+/g, '') !== result.claim.replace(/\s+/g, '') ? style.dim(`  (read as ${result.parsed})`) : ''}`,
    `quantity  ${result.quantity}`,
    `verdict   ${verdict}`,
    style.dim(`rule      ${result.threshold.description}; seed ${result.seed}`),
    ...(result.verdict === 'consistent' ? [] : [style.dim(`resolves  ${result.resolution.description}`)]),
    '',
  ];
  // Disagreements first, worst first; then the rest in grid order.
  const size = (e: ClaimEvidence) => (e.z === null ? Infinity : Math.abs(e.z));
  const ordered = [...bad.sort((a, b) => size(b) - size(a)), ...result.evidence.filter((e) => e.agrees)];
  const shown = all ? ordered : ordered.slice(0, SHOWN);
  const header = ['', 'point', 'claimed', 'measured', 'test'].map((h) => style.dim(h));
  lines.push(...textTable([header, ...shown.map((e) => evidenceRow(e, style))], { align: ['left', 'left', 'right', 'right', 'left'], indent: '  ' }));
  if (shown.length < ordered.length) lines.push(style.dim(`  … ${ordered.length - shown.length} more points (--all shows them)`));
  for (const note of result.notes) lines.push(style.dim(`note: ${note}`));
  return lines;
}

export function checkCommand(): Command {
  const questions = claimQuestions()
    .map((q) => `  ${q.question.padEnd(4)} ${q.quantity}\n       variables: ${q.variables.map((v) => `${v.name} (${v.description})`).join(', ')}`)
    .join('\n');
  return new Command('check')
    .description('check a claimed formula for a question against measurements (exit 0: consistent, 1: refuted, 2: bad input)')
    .argument('<question>', 'homework question, e.g. 1b or 4b')
    .argument('<formula>', 'the claim, in the question’s variables (quote it), e.g. "d1*(1-2/pi+2*d1/pi)"')
    .option('--seed <n>', 'random seed for the measurements', parseSeed, 1)
    .option('--alpha <a>', 'family-wise false-alarm rate for Monte Carlo questions', parseAlpha, 0.001)
    .option('--json', 'print exactly one JSON object on stdout')
    .option('--progress', 'report progress on stderr even when it is not a terminal')
    .option('--all', 'show every point of evidence')
    .addHelpText(
      'after',
      `\nQuestions:\n${questions}\n\nFormulas: numbers, the variables, pi, e, + - * / ^, mod, and sqrt exp log ln log2 log10 abs floor ceil round min max pow.` +
        `\nA plain number is checked at the homework's own setting (4a–4c); a formula over a grid of points.` +
        `\nExample: hw3 check 1b "d1*(1-2/pi+2*d1/pi)"`,
    )
    .action(async (question: string, formula: string, opts: { seed: number; alpha: number; json?: boolean; all?: boolean; progress?: boolean }) => {
      const progress = createProgressLine(process.stderr, `check ${question} `, Boolean(opts.progress));
      const interrupt = abortOnInterrupt();
      let result: ClaimResult;
      let code: number;
      try {
        result = await checkClaim({ question, formula, seed: opts.seed, alpha: opts.alpha, signal: interrupt.signal, onProgress: (p) => progress.update(p) });
        code = result.verdict === 'consistent' ? EXIT.ok : EXIT.failed;
      } catch (error) {
        if (!(error instanceof CancelledError && error.partial)) throw error;
        result = error.partial as ClaimResult;
        code = EXIT.interrupted;
      } finally {
        progress.clear();
        interrupt.dispose();
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else process.stdout.write(`${renderClaim(result, createStyle(process.stdout), Boolean(opts.all)).join('\n')}\n`);
      process.exitCode = code;
    });
}
