// What makes two runs "the same run": experiment, parameters (canonical JSON: key order and number spelling do not
// matter), seed and code version. Hashed so the store can index it.
import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// canonicalize is CommonJS whose typings declare a default export: under NodeNext the callable is the module itself.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** RFC 8785 canonical JSON (sorted keys, shortest number form). @throws TypeError for what JSON cannot hold. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON form');
  return text;
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What identifies a run: the same four things give the same result, bit for bit. */
export interface RunIdentity {
  experiment: string;
  params: unknown;
  seed: number;
  codeVersion: string;
}

/** The identity's hash (hex): equal for equal experiment, canonical parameters, seed and code version. */
export function identityKey(identity: RunIdentity): string {
  return sha256Hex(canonicalJson([identity.experiment, identity.params, identity.seed, identity.codeVersion]));
}
