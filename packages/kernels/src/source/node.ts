import { SHARED_WASM_BASE64 } from '../generated/shared-wasm-base64.js';
import { WASM_BASE64 } from '../generated/wasm-base64.js';

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  if (typeof Buffer !== 'undefined') return Uint8Array.from(Buffer.from(text, 'base64'));
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The kernels' module from bytes embedded at build time: no file system or fetch needed (Node, SSR bundles). */
export function compileKernelsSync(): WebAssembly.Module {
  return new WebAssembly.Module(decodeBase64(WASM_BASE64));
}

export async function compileKernels(): Promise<WebAssembly.Module> {
  return compileKernelsSync();
}

/** The kernels' module file (a file URL here; in browsers the bundled asset's address, see source/browser.ts). */
export function kernelsWasmUrl(): URL {
  return new URL('../../build/hw3.wasm', import.meta.url);
}

/** build/hw3-shared.wasm (the kernels on an imported shared memory, for the two-thread path), from embedded bytes. */
export function compileSharedKernelsSync(): WebAssembly.Module {
  return new WebAssembly.Module(decodeBase64(SHARED_WASM_BASE64));
}

export async function compileSharedKernels(): Promise<WebAssembly.Module> {
  return compileSharedKernelsSync();
}
