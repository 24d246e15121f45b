// Test-only access to the schema module (opening a store at an older schema version).
import { openDatabase } from '../src/schema.js';

export function openDatabaseForTest(path: string, version: number) {
  return openDatabase(path, { migrateTo: version });
}
