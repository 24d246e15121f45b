// The chains the lab's remat experiments describe by their parameters: n uniform layers, or n layers whose sizes
// (1–4 units) and forward costs (0.5–2× the given one) are drawn from the seed; and the budget they run under.
import { createRng } from '../base/rng.js';
import { makeChain, suggestedBudget, type Chain, type MemoryModel } from './chain.js';

/** What a lab chain is made from (costs in ns, per activation unit for reads and writes). */
export interface LabChainParams {
  layers: number;
  chain: 'uniform' | 'uneven';
  fwdNs: number;
  loadmemNs: number;
  loaddiskNs: number;
  diskWriteNs: number;
  memory?: MemoryModel;
}

/** The budget a run uses: the given one, or (0) the chain's suggested budget. */
export function plannerBudget(chain: Chain, budget: number): number {
  return budget === 0 ? suggestedBudget(chain) : budget;
}

/** The chain the parameters describe (uneven: sizes and costs drawn from the seed). */
export function plannerChain(
  p: LabChainParams,
  seed: number,
): Chain {
  const uneven = p.chain === 'uneven';
  const rng = createRng(seed);
  return makeChain({
    layers: p.layers,
    sizes: uneven ? Array.from({ length: p.layers }, () => 1 + rng.int(4)) : 1,
    fwdCost: uneven ? Array.from({ length: p.layers }, () => p.fwdNs * (0.5 + 1.5 * rng.uniform())) : p.fwdNs,
    inputSize: 1,
    loadMemCost: p.loadmemNs,
    loadDiskCost: p.loaddiskNs,
    storeDiskCost: p.diskWriteNs,
    memoryModel: p.memory ?? 'lab',
  });
}
