// `hw3 list [--json]`: the experiments (question, id, title) and the questions the claim checker knows.
import { Command } from 'commander';
import { claimQuestions, experiments, paramFields } from '@hw3/core';
import { textTable } from '@hw3/client/table';
import { createStyle } from './style.js';

export function listCommand(): Command {
  return new Command('list')
    .description('list the experiments and the questions `hw3 check` knows')
    .option('--json', 'print exactly one JSON object on stdout')
    .action((opts: { json?: boolean }) => {
      if (opts.json) {
        const out = {
          experiments: experiments.map((e) => ({
            id: e.id,
            question: e.question,
            parts: e.parts ?? [e.question],
            title: e.title,
            summary: e.summary,
            params: paramFields(e),
            presets: Object.keys(e.presets ?? {}),
          })),
          claimQuestions: claimQuestions().map((q) => ({ question: q.question, quantity: q.quantity, kind: q.kind, variables: q.variables })),
        };
        process.stdout.write(`${JSON.stringify(out)}\n`);
        return;
      }
      const style = createStyle(process.stdout);
      const rows = [['question', 'id', 'title'].map((h) => style.dim(h)), ...experiments.map((e) => [e.question, style.bold(e.id), e.title])];
      const lines = [...textTable(rows), '', style.dim('run one:   hw3 run <id|question> [--<param> <value>]… [--seed N] [--json]   (hw3 run <id> --help lists its flags)'), ''];
      lines.push(style.dim('claims:    hw3 check <question> "<formula>"'));
      lines.push(...textTable(claimQuestions().map((q) => [q.question, q.variables.map((v) => v.name).join(', '), q.quantity]), { indent: '  ' }));
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
