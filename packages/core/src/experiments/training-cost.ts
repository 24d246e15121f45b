// Work counts shared by the cost models of the experiments that train the MLP (see each experiment's `cost`).

/** Multiply-adds of one forward pass of the MLP input → width → width → classes for one example. */
export function mlpMultiplyAdds(inputDim: number, width: number, classes = 10): number {
  return inputDim * width + width * width + width * classes;
}

/** Input width of the named dataset (MNIST's 28 × 28 pixels, or the synthetic task's default). */
export function datasetInputDim(dataset: 'mnist' | 'synthetic'): number {
  return dataset === 'mnist' ? 784 : 16;
}

/**
 * CPU seconds per multiply-add of one MLP training run (MNIST, 150 steps, batch 64, Adam, μP at 2^-10, seed 1, with
 * its final evaluation), by width, on the calibration machine: `node scripts/calibrate-cost.mjs --measure-cells 2048
 * 4096 8192` (one process, WebAssembly and MNIST loaded first; CPU time of a shared, loaded machine). Past 2048 the
 * hidden weights outgrow the caches (64 MB at 4096, 256 MB at 8192) and a multiply-add costs more.
 */
const MEASURED_MLP_RATES: readonly (readonly [width: number, secondsPerMultiplyAdd: number])[] = [
  [2048, 5.801e-11],
  [4096, 6.454e-11],
  [8192, 8.571e-11],
];

/**
 * How much more a multiply-add costs at `width` than at 2048, the widest width lr-transfer's calibration runs train
 * (so their fitted rate already holds up to it): 1 up to 2048, the measured ratio at 4096 and 8192, linear in log₂
 * width between them, and the widest measurement's ratio past it.
 */
export function mlpWidthCostFactor(width: number): number {
  const [first] = MEASURED_MLP_RATES[0]!;
  const base = MEASURED_MLP_RATES[0]![1];
  if (width <= first) return 1;
  for (let i = 1; i < MEASURED_MLP_RATES.length; i++) {
    const [w0, r0] = MEASURED_MLP_RATES[i - 1]!;
    const [w1, r1] = MEASURED_MLP_RATES[i]!;
    if (width <= w1) return (r0 + ((r1 - r0) * Math.log2(width / w0)) / Math.log2(w1 / w0)) / base;
  }
  return MEASURED_MLP_RATES.at(-1)![1] / base;
}
