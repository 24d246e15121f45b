// The run store as a sweep's cell cache: each finished cell (one training run) is one row, written in its own
// transaction as it arrives; its key is the experiment, the cell's canonical inputs and the code version.
import type { CellCache } from '@hw3/core';
import type { CodeVersion } from './code-version.js';
import { canonicalJson, sha256Hex } from './identity.js';
import { machineInfo } from './machine.js';
import type { RunStore } from './store.js';

/** The key of a cell: equal exactly when the same code computes the same cell of the same experiment. */
export function cellKey(experiment: string, cell: unknown, code: CodeVersion): string {
  return sha256Hex(canonicalJson([experiment, cell, code.id]));
}

/** A cell cache over `store` for cells computed by `code` (cells of other code versions are never returned). */
export function storeCellCache(store: RunStore, code: CodeVersion): CellCache & { stored(): number } {
  const machine = JSON.stringify(machineInfo());
  const select = store.db.prepare('SELECT result FROM cells WHERE key = ?');
  const insert = store.db.prepare(
    'INSERT OR IGNORE INTO cells (key, experiment, cell, code_version, result, machine, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const count = store.db.prepare('SELECT count(*) AS n FROM cells WHERE code_version = ?');
  return {
    get(experiment, cell) {
      const row = select.get(cellKey(experiment, cell, code)) as { result: string } | undefined;
      return row ? (JSON.parse(row.result) as unknown) : undefined;
    },
    put(experiment, cell, result) {
      insert.run(cellKey(experiment, cell, code), experiment, canonicalJson(cell), code.id, JSON.stringify(result), machine, new Date().toISOString());
    },
    stored() {
      return (count.get(code.id) as { n: number }).n;
    },
  };
}
