import { instantiate, instantiateSync } from '@assemblyscript/loader';
import type { KernelExports } from './api.js';

/** Synchronous instantiation (Node, workers): `module` compiled from the bytes of build/hw3.wasm. */
export function instantiateKernelsSync(module: WebAssembly.Module): KernelExports {
  return instantiateSync<Record<string, unknown>>(module, {}).exports as unknown as KernelExports;
}

/** Asynchronous instantiation (browsers). */
export async function instantiateKernels(module: WebAssembly.Module): Promise<KernelExports> {
  const { exports } = await instantiate<Record<string, unknown>>(module, {});
  return exports as unknown as KernelExports;
}
