// Direct access to the kernels' raw pointer ABI, for the hardware probes (sumF64, copyBytes) that @hw3/core does not
// expose. A separate instance with its own linear memory: probes never disturb @hw3/core's heap.
import { instantiateKernelsSync, type KernelExports } from '@hw3/kernels';
import { compileKernelsSync } from '@hw3/kernels/source';

let kernels: KernelExports | undefined;

export function rawKernels(): KernelExports {
  kernels ??= instantiateKernelsSync(compileKernelsSync());
  return kernels;
}
