// Homework problem 3 (d–e): the general score-function identity and the general reparameterization x = g(u, θ),
// checked on non-Gaussian distributions — and a distribution where no pathwise estimator exists.
import { z } from 'zod';
import { agreeCheck, meanCheck, varianceCheck, Z_MAX } from '../estimators/checks.js';
import { exponentialSampleMoments, exponentialTailBound } from '../estimators/tails.js';
import { exponentialSquareForms } from '../estimators/closed-forms.js';
import { GradientEstimator } from '../estimators/estimate.js';
import { runInSlices } from './estimator-slices.js';
import { exactGradient } from '../estimators/exact.js';
import { parseFormula } from '../formula/cost.js';
import type { CostSpec } from '../estimators/request.js';
import { Hw3Error, InvalidArgumentError } from '../base/errors.js';
import { createRng } from '../base/rng.js';
import type { Check, ExperimentOutput, Table } from '../lab/contract.js';
import { defineExperiment } from '../lab/define.js';
import { yieldToEventLoop } from '../lab/run.js';
import { exactCheck, zCheck } from '../stats/checks.js';

/** A variance check is made only if 5 standard errors stay below 5 × 0.2 = 1 × the variance (it can then see a 2× error). */
const MAX_RELATIVE_VARIANCE_STDERR = 0.2;
/**
 * Largest skewness of an estimate (sample mean or sample variance) for which its z-test at 5σ is made. Edgeworth's
 * first correction scales the normal tail beyond z by about 1 + γ(z² − 1)z/6 = 1 + 20γ at z = 5: at γ = 0.25 the
 * rate is ≈ 6 × 5.7e-7, still far inside a check's share of the family-wise 1e-3; beyond that the one-term expansion
 * is no guide at 5σ. Heavy-tailed estimators are far more skewed: the score function of x² under Exponential(1.5)
 * has a sample variance of skewness ≈ 1.2 at 400 000 samples, and its z-test failed at z ≈ 8.6 on one seed of 200 —
 * where a normal tail puts 1e-17.
 */
const MAX_SKEWNESS = 0.25;
import { expDet } from '../libm/index.js';

const params = z.object({
  rate: z.number().min(0.05).max(20).default(1.5).describe('rate λ of the exponential distribution'),
  logit: z.number().min(-10).max(10).default(0.3).describe('logit θ of the Bernoulli distribution, p = sigmoid(θ)'),
  formula: z.string().min(1).max(500).default('x^2').describe('cost h(x) (mathjs syntax: x, pi, e, + - * / ^, sin cos exp log sqrt …)'),
  samples: z.number().int().min(1000).max(100_000_000).default(400_000).describe('samples per estimator'),
});
type Params = z.output<typeof params>;

/** 3d–3e: the estimators on other distributions and costs, including a cost formula of your own. */
export const estimatorsGeneralExperiment = defineExperiment({
  id: 'estimators-general',
  question: '3d–3e',
  parts: ['3d', '3e'],
  title: 'The general score-function and reparameterization identities on non-Gaussian distributions',
  summary: 'Checks ∇E f = E[f ∇log p] and ∇E f = E[f′(g(u, θ)) ∂g/∂θ] on an exponential, and shows the Bernoulli has no pathwise estimator.',
  explanation:
    'The score-function identity $\\nabla_\\theta E_{p_\\theta} f = E[f(x)\\,\\nabla_\\theta \\log p_\\theta(x)]$ needs only a ' +
    'differentiable log-density: for Exponential(λ), $\\partial_\\lambda \\log p = 1/\\lambda - x$; for Bernoulli with logit θ, ' +
    '$\\partial_\\theta \\log p = x - p$.\n\n' +
    'The reparameterization needs a sampler $x = g(u, \\theta)$ differentiable in θ. The exponential has one through its ' +
    'inverse CDF, $x = -\\ln(1-u)/\\lambda$, so $\\partial x/\\partial\\lambda = -x/\\lambda$ and the pathwise estimate is ' +
    "$f'(x)\\,(-x/\\lambda)$. A Bernoulli sample $[u < p]$ is a step function of θ: its derivative is 0 wherever it exists, " +
    'so the naive pathwise estimate is 0 while the gradient is not — no pathwise estimator exists.\n\n' +
    'The cost h(x) is a formula you type; its derivative comes from symbolic differentiation, and exact values from quadrature.\n\n' +
    'Heavy tails: a check is only as good as the moments behind it. From the formula itself, bounds of the form ' +
    '$|h(x)| \\le K(1+x)^d e^{a x}$ (and no singularity on $x \\ge 0$) prove $E|g|^p < \\infty$ for $p a < \\lambda$; the mean is ' +
    'checked only with a finite third moment, the variance only with a finite fourth moment and a standard error (from the ' +
    'exact fourth moment) small enough to see a twofold error. Anything else is reported as not checked, with the reason.',
  closedForm:
    '\\nabla_\\theta E f = E[f\\,\\nabla_\\theta\\log p_\\theta] = E[f\'(g(u,\\theta))\\,\\partial_\\theta g(u,\\theta)];\\quad ' +
    'f = x^2:\\ \\partial_\\lambda E x^2 = -4/\\lambda^3,\\ \\mathrm{Var}_{\\mathrm{PW}} = 80/\\lambda^6,\\ \\mathrm{Var}_{\\mathrm{SF}} = 488/\\lambda^6',
  params,
  values: {
    ...Object.fromEntries(
      (['score', 'pathwise'] as const).map((estimator) => [
        `exponential_${estimator}_variance`,
        {
          label: `exponential, ${estimator === 'score' ? 'score function' : 'pathwise'}: variance of ∂/∂λ`,
          unit: '',
          meaning: `Sample variance of one ${estimator === 'score' ? 'score-function' : 'pathwise'} estimate of ∂E h(x)/∂λ for x ~ Exponential(λ); empty where the exact variance is infinite or not shown finite.`,
        },
      ]),
    ),
    bernoulliGradient: { label: 'Bernoulli: exact ∂E h/∂θ', unit: '', meaning: 'p(1 − p)(h(1) − h(0)), the gradient the score function estimates.' },
    naivePathwise: { label: 'Bernoulli: naive pathwise estimate', unit: '', meaning: 'Differentiating through x = [u < p] gives 0 almost everywhere: the naive pathwise estimate is always 0, whatever the gradient.' },
  },
  presets: { quick: { samples: 40_000 } },
  // Three estimator runs (exponential score and pathwise, Bernoulli score function), the cost formula evaluated per sample.
  cost: { unit: 'samples', units: (p) => 3 * p.samples },
  async run(p: Params, ctx): Promise<ExperimentOutput> {
    const formula = parseFormula(p.formula);
    const cost: CostSpec = { kind: 'formula', expression: p.formula };
    const checks: Check[] = [];
    const tables: Table[] = [];
    const values: Record<string, number | null> = {};
    const rows: (string | number | null)[][] = [];
    const notMade: [string, string][] = [];
    const output = (): ExperimentOutput => ({
      values: { ...values },
      checks: [...checks],
      series: [],
      tables: [
        ...tables,
        { title: 'Estimates against exact values (quadrature / sums)', columns: ['distribution', 'estimator', 'exact gradient', 'mean', 'stderr', 'exact variance', 'variance', 'stderr of variance'], rows: [...rows] },
        ...(notMade.length > 0 ? [{ title: 'Checks not made, and why', columns: ['check', 'why'], rows: notMade.map((r) => [...r]) }] : []),
      ],
    });
    const isSquare = p.formula.replace(/\s+/g, '') === 'x^2';

    // The Bernoulli outcomes 0 and 1 must have finite costs; checked before any sampling.
    const pr = 1 / (1 + expDet(-p.logit));
    const h0 = formula.h(0);
    const h1 = formula.h(1);
    if (!Number.isFinite(h0) || !Number.isFinite(h1)) throw new InvalidArgumentError('formula', p.formula, 'finite at x = 0 and x = 1 (the Bernoulli outcomes)');

    // Exponential: both identities — checked only where the moments they rely on are proven finite (tails.ts).
    const exp = { kind: 'exponential', rate: p.rate } as const;
    for (const [i, estimator] of (['score', 'pathwise'] as const).entries()) {
      ctx.throwIfCancelled();
      const name = estimator === 'score' ? 'score function f·(1/λ − x)' : "pathwise f′(x)·(−x/λ)";
      const sample = estimator === 'score' ? (x: number) => formula.h(x) * (1 / p.rate - x) : (x: number) => formula.dh(x) * (-x / p.rate);
      const tail = exponentialTailBound(estimator === 'score' ? formula.tree : formula.derivativeTree, p.rate, estimator === 'score' ? 'h' : 'h′');
      const P = tail.finiteMomentsBelow;
      const exact = P > 1 ? exponentialSampleMoments(p.rate, sample, { variance: P > 2, third: P > 3, fourth: P > 4, sixth: P > 6 }) : { mean: undefined, variance: undefined, centralFourth: undefined };
      const est = await runInSlices(new GradientEstimator({ distribution: exp, cost, estimator, rng: createRng(ctx.seed).stream(i) }), p.samples, ctx);
      const n = est.units;
      const skip = (check: string, why: string) => notMade.push([`exponential, ${name}: ${check}`, `${why} (${tail.explanation})`]);
      if (exact.mean === undefined) skip('mean = ∂/∂λ E h', P > 1 ? 'the exact mean did not converge by quadrature' : 'the mean E|g| is infinite or not shown finite');
      else if (exact.variance === undefined) skip('mean = ∂/∂λ E h', 'the variance of the estimator is infinite or not shown finite, so no standard error exists');
      else if (!(P > 3) || exact.centralThird === undefined) skip('mean = ∂/∂λ E h', 'the third moment is infinite or not shown finite: the normal approximation behind a z-test has no guarantee');
      else if (Math.abs(exact.centralThird / exact.variance ** 1.5 / Math.sqrt(n)) > MAX_SKEWNESS) {
        skip('mean = ∂/∂λ E h', `the sample mean's skewness is ${(exact.centralThird / exact.variance ** 1.5 / Math.sqrt(n)).toPrecision(2)} at ${n} samples (exact 3rd moment): beyond ${MAX_SKEWNESS} the normal tail behind a z-test at ${Z_MAX}σ cannot be trusted`);
      } else checks.push(zCheck(`exponential, ${name}: mean = ∂/∂λ E h`, exact.mean, est.mean[0]!, Math.sqrt(exact.variance / n), Z_MAX, 'standard error from the exact variance'));
      const varianceStderr = exact.variance !== undefined && exact.centralFourth !== undefined ? Math.sqrt(Math.max(0, exact.centralFourth - (exact.variance ** 2 * (n - 3)) / (n - 1)) / n) : undefined;
      // Skewness of the sample variance ≈ that of (g − E g)² over √n: (μ₆ − 3μ₄σ² + 2σ⁶)/(μ₄ − σ⁴)^{3/2}/√n.
      const varianceSkew =
        exact.variance !== undefined && exact.centralFourth !== undefined && exact.centralSixth !== undefined
          ? (exact.centralSixth - 3 * exact.centralFourth * exact.variance + 2 * exact.variance ** 3) / Math.max(exact.centralFourth - exact.variance ** 2, Number.MIN_VALUE) ** 1.5 / Math.sqrt(n)
          : undefined;
      if (exact.variance === undefined) skip('variance = exact', 'the variance is infinite or not shown finite');
      else if (varianceStderr === undefined) skip('variance = exact', 'the fourth moment is infinite or not shown finite, so the sample variance has no standard error');
      else if (varianceStderr > MAX_RELATIVE_VARIANCE_STDERR * exact.variance) {
        skip('variance = exact', `with ${n} samples the sample variance's standard error is ${(varianceStderr / exact.variance).toPrecision(3)}× the variance (exact 4th moment): a check could not detect even a twofold error`);
      } else if (varianceSkew === undefined) skip('variance = exact', 'the sixth moment is infinite or not shown finite, so the skewness of the sample variance — how far a z-test at 5σ can be trusted — is unknown');
      else if (Math.abs(varianceSkew) > MAX_SKEWNESS) {
        skip('variance = exact', `the sample variance's skewness is ${varianceSkew.toPrecision(2)} at ${n} samples (exact 6th moment): beyond ${MAX_SKEWNESS} the normal tail behind a z-test at ${Z_MAX}σ cannot be trusted`);
      } else {
        // Made only where it can see a twofold error (above): that is what it is for, and its power is measured there.
        checks.push({
          ...zCheck(`exponential, ${name}: variance = exact`, exact.variance, est.variance[0]!, varianceStderr, Z_MAX, `standard error from the exact 4th central moment; skewness ${varianceSkew.toPrecision(2)}`),
          alternative: { label: 'twice the exact variance (the error it is sized to see)', expected: 2 * exact.variance },
        });
      }
      if (isSquare) {
        const forms = exponentialSquareForms(p.rate);
        checks.push(agreeCheck(`exponential, ${estimator}: quadrature variance = closed form`, forms[estimator], exact.variance ?? NaN, 1e-8));
        // Two different integrals of the same gradient: one check each, named apart (they were one name, counted twice).
        checks.push(agreeCheck(`exponential, ${estimator}: quadrature gradient = −4/λ³`, forms.grad, exact.mean ?? NaN, 1e-8));
      }
      const varianceFinite = exact.variance !== undefined;
      rows.push([`Exponential(λ = ${p.rate})`, estimator, exact.mean ?? null, est.mean[0]!, varianceFinite ? est.stderr[0]! : null, exact.variance ?? null, varianceFinite ? est.variance[0]! : null, varianceStderr ?? null]);
      values[`exponential_${estimator}_variance`] = varianceFinite ? est.variance[0]! : null;
      ctx.progress((i + 1) / 4, `exponential ${estimator}`);
      ctx.checkpoint(output());
      await yieldToEventLoop();
    }

    // Bernoulli: the score function works; the pathwise estimator is refused, and the naive one is 0.
    const bern = { kind: 'bernoulli', logit: p.logit } as const;
    const trueGrad = pr * (1 - pr) * (h1 - h0);
    const exact = exactGradient({ distribution: bern, cost, estimator: 'score' });
    const est = await runInSlices(new GradientEstimator({ distribution: bern, cost, estimator: 'score', rng: createRng(ctx.seed).stream(2) }), p.samples, ctx);
    checks.push(agreeCheck('Bernoulli: exact gradient = p(1 − p)(h(1) − h(0))', trueGrad, exact.mean[0]!, 1e-12));
    checks.push(meanCheck('Bernoulli, score function f·(x − p): mean = gradient', trueGrad, est));
    checks.push(varianceCheck('Bernoulli, score function: variance = exact', exact.variance[0]!, est));
    rows.push([`Bernoulli(p = ${pr.toFixed(4)})`, 'score', trueGrad, est.mean[0]!, est.stderr[0]!, exact.variance[0]!, est.variance[0]!, est.varianceStderr[0]!]);
    let refused = '';
    try {
      new GradientEstimator({ distribution: bern, cost, estimator: 'pathwise', rng: createRng(ctx.seed) });
    } catch (error) {
      if (!(error instanceof Hw3Error)) throw error;
      refused = error.message;
    }
    checks.push(exactCheck('Bernoulli: the pathwise estimator is refused', 1, refused ? 1 : 0, 0, refused || 'accepted (wrong)'));
    // d/dθ [u < sigmoid(θ)] = 0 almost everywhere, so the naive pathwise estimate h′(x)·0 averages to 0.
    rows.push([`Bernoulli(p = ${pr.toFixed(4)})`, 'naive pathwise (∂x/∂θ = 0 a.e.)', trueGrad, 0, 0, null, 0, 0]);
    values.bernoulliGradient = trueGrad;
    values.naivePathwise = 0;
    ctx.progress(1, 'Bernoulli');
    tables.push({ title: 'Cost', columns: ['h(x)', "h′(x) (symbolic)"], rows: [[formula.expression, formula.derivative]] });
    return output();
  },
});
