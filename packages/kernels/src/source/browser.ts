/** The kernels' module for browsers: fetched from the bundled asset and compiled while it streams. */
export function compileKernelsSync(): WebAssembly.Module {
  throw new Error('compileKernelsSync is not available in browsers: await compileKernels() instead');
}

export async function compileKernels(): Promise<WebAssembly.Module> {
  const url = new URL('../../build/hw3.wasm', import.meta.url);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not fetch ${url.href}: HTTP ${response.status}`);
  if (typeof WebAssembly.compileStreaming === 'function' && response.headers.get('content-type') === 'application/wasm') {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/** build/hw3-shared.wasm: not offered in browsers yet (the two-thread path runs in Node only). */
export function compileSharedKernelsSync(): WebAssembly.Module {
  throw new Error('the two-thread kernels are not available in browsers yet');
}
