import type { SpawnSyncReturns } from 'node:child_process';

export declare const CORE: string;
export declare function cruiseRoots(): string[];
export declare function depcruise(cwd: string, roots: string[], outputType?: string): SpawnSyncReturns<string>;
