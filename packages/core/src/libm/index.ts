export { expDet } from './exp.js';
export { logDet, log2Det, log10Det, log1pDet, expm1Det } from './log.js';
export { powDet } from './pow.js';
export { sinDet, cosDet, TRIG_DET_MAX } from './trig.js';
export { atanDet } from './atan.js';
export { coshDet, sinhDet, tanDet, tanhDet } from './hyperbolic.js';
