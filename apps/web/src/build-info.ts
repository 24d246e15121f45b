// What this build of the explorer computes with, set at build time by next.config.ts: the code version of the hand-in
// report (git describe), the SHA-256 of the kernels' .wasm, and the run store's code version (@hw3/runs'
// codeVersion(): core's version plus a hash of core's and the kernels' built files), which is what makes a run kept in
// the browser and a run kept by `hw3` "the same run" when they were computed by the same code.
import type { CodeVersion } from '@hw3/runs/export-format';

/** The hand-in report's code version line. */
export const REPORT_CODE_VERSION = process.env.NEXT_PUBLIC_HW3_VERSION ?? 'unknown';
export const WASM_SHA256 = process.env.NEXT_PUBLIC_HW3_WASM_SHA256 ?? 'unknown';

/** The run store's code version of this build. */
export const RUN_CODE_VERSION: CodeVersion = process.env.NEXT_PUBLIC_HW3_CODE
  ? (JSON.parse(process.env.NEXT_PUBLIC_HW3_CODE) as CodeVersion)
  : { id: 'unknown', coreVersion: 'unknown', codeSha256: 'unknown', wasmSha256: WASM_SHA256 };
