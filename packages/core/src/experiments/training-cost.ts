// Work counts shared by the cost models of the experiments that train the MLP (see each experiment's `cost`).

/** Multiply-adds of one forward pass of the MLP input → width → width → classes for one example. */
export function mlpMultiplyAdds(inputDim: number, width: number, classes = 10): number {
  return inputDim * width + width * width + width * classes;
}

/** Input width of the named dataset (MNIST's 28 × 28 pixels, or the synthetic task's default). */
export function datasetInputDim(dataset: 'mnist' | 'synthetic'): number {
  return dataset === 'mnist' ? 784 : 16;
}
