export {
  renderReportHtml,
  runVerdict,
  type HandInReport,
  type ReportExperiment,
  type ReportProvenance,
  type ReportRun,
  type RunVerdict,
} from './html.js';
export { escapeHtml, formatReportNumber, formatReportValue, formatMs } from './format.js';
export { REPORT_CSS } from './style.js';
export * from '../figures/index.js';
