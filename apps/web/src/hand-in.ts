// "Download report (HTML)": the hand-in report of @hw3/core (one self-contained file, no scripts, readable offline,
// printable to PDF) for what ran in this browser tab, the latest run of each experiment. The report's code is
// imported when the button is pressed, so pages do not load it up front.
import { saveBlob } from './export-files';
import { withCurrent, type SessionRun } from './session-runs';
import { REPORT_CODE_VERSION, WASM_SHA256 } from './build-info';

export async function downloadReport(current: SessionRun): Promise<void> {
  const { renderReportHtml } = await import('@hw3/core/report');
  const runs = withCurrent(current);
  const html = renderReportHtml({
    title: 'HW3 Lab — results from the explorer',
    seed: current.result.seed,
    setDescription: `The latest run of each of the ${runs.length} experiment${runs.length === 1 ? '' : 's'} run in this browser tab; each section names its seed and parameters, and \`hw3 run <id> --seed <seed>\` with them gives the same numbers.`,
    runs: runs.map((r) => ({ experiment: r.experiment, result: r.result, ms: r.ms })),
    provenance: {
      codeVersion: REPORT_CODE_VERSION,
      wasmSha256: WASM_SHA256,
      machine: `${navigator.userAgent}; ${navigator.hardwareConcurrency} logical cores`,
      runtime: 'WebAssembly in a Web Worker (HW3 Lab explorer)',
      command: `explorer ${window.location.origin}${window.location.pathname}`,
      generatedAt: new Date().toISOString(),
    },
  });
  saveBlob(`hw3-report-${new Date().toISOString().slice(0, 10)}.html`, new Blob([html], { type: 'text/html' }));
}
