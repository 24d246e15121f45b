// `npm start`: the main job (for now the kernel report; the dashboard replaces it).
import { kernelReport } from './report.js';

const lines = kernelReport(1);
for (const l of lines) console.log(`${l.ok ? '✓' : '✗'} ${l.label}\n    ${l.value}`);
process.exitCode = lines.every((l) => l.ok) ? 0 : 1;
