/** The kernels' module for browsers: fetched from the bundled asset and compiled while it streams. */
export function compileKernelsSync(): WebAssembly.Module {
  throw new Error('compileKernelsSync is not available in browsers: await compileKernels() instead');
}

/** Where the kernels' module is served from (the bundled asset): a page may fetch it ahead of the worker that compiles
 * it, so that the worker's own request finds it in the HTTP cache. */
export function kernelsWasmUrl(): URL {
  return new URL('../../build/hw3.wasm', import.meta.url);
}

export async function compileKernels(): Promise<WebAssembly.Module> {
  return compileFetched(kernelsWasmUrl());
}

async function compileFetched(url: URL): Promise<WebAssembly.Module> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not fetch ${url.href}: HTTP ${response.status}`);
  if (typeof WebAssembly.compileStreaming === 'function' && response.headers.get('content-type') === 'application/wasm') {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/** build/hw3-shared.wasm cannot be compiled synchronously here: await compileSharedKernels() instead. */
export function compileSharedKernelsSync(): WebAssembly.Module {
  throw new Error('compileSharedKernelsSync is not available in browsers: await compileSharedKernels() instead');
}

/** build/hw3-shared.wasm (the kernels on an imported shared memory, for the two-thread path), fetched and compiled. */
export async function compileSharedKernels(): Promise<WebAssembly.Module> {
  return compileFetched(new URL('../../build/hw3-shared.wasm', import.meta.url));
}
