export { RunStore, defaultStorePath, type NewRun, type RunSummary, type StoredRun } from './store.js';
export { RunStoreError, type RunStoreErrorCode } from './errors.js';
export { codeVersion, type CodeVersion } from './code-version.js';
export { machineInfo, type MachineInfo } from './machine.js';
export { canonicalJson, identityKey, type RunIdentity } from './identity.js';
export { APPLICATION_ID, SCHEMA_VERSION, MIGRATIONS, migrate } from './schema.js';
export { toExportFile, parseExportFile, readExportFile, EXPORT_FORMAT, EXPORT_VERSION, type ExportFile, type ExportedRun } from './export-file.js';
export { diffRuns, type RunDiff, type FieldDiff } from './diff.js';
export { storeCellCache, cellKey } from './cell-cache.js';
