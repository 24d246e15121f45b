// What a run will cost, said before it starts: one experiment (next to its summary) and the whole list (before `a`).
import { durationText, estimateCost, type Experiment } from '@hw3/core';

/** "about 40 s on one core" for these parameters, or undefined when no estimate can be made (rejected parameters). */
export function runCostText(experiment: Experiment, params: Record<string, unknown> = {}): string | undefined {
  try {
    return estimateCost(experiment, params).text;
  } catch {
    return undefined;
  }
}

/** The question asked before running everything: the total and the longest run, each with its parameters. */
export function runAllQuestion(experiments: readonly Experiment[], paramsOf: (id: string) => Record<string, unknown>): string {
  let seconds = 0;
  let longest: { id: string; seconds: number; text: string } | undefined;
  for (const experiment of experiments) {
    try {
      const estimate = estimateCost(experiment, paramsOf(experiment.id));
      seconds += estimate.seconds;
      if (!longest || estimate.seconds > longest.seconds) longest = { id: experiment.id, seconds: estimate.seconds, text: estimate.text };
    } catch {
      // Rejected parameters: that run will fail at once and cost nothing.
    }
  }
  const total = seconds < 1 ? 'under a second' : durationText(seconds);
  const most = longest && experiments.length > 1 && longest.seconds >= 1 ? ` (longest: ${longest.id}, ${longest.text})` : '';
  return `Run all ${experiments.length} experiments, one after another: ${total}${most}. Press a again to start, any other key to keep browsing.`;
}
