// A result as the hw3 command prints it (`hw3 run`, `hw3 runs show`): the dashboard's renderer without the
// explanation and plots, coloured through the stream's style, at the terminal's width (100 columns when piped).
import type { ExperimentResult } from '@hw3/core';
import { resultLines } from '../render/result.js';
import { styleLine, type Style } from './style.js';

export function resultText(result: ExperimentResult, style: Style, tables: boolean, stream: { isTTY?: boolean; columns?: number } = process.stdout): string[] {
  const width = stream.isTTY && stream.columns ? stream.columns : 100;
  return resultLines(result, width, undefined, { explanation: false, plots: false, tables }).map((l) => styleLine(l, style));
}
