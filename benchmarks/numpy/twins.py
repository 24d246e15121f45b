#!/usr/bin/env python3
"""numpy twins of the bench cases: same shapes, same work, the fastest numpy form we know (no temporaries where `out=`
avoids them). Run one BLAS thread (OPENBLAS_NUM_THREADS=1) to compare with one-thread WebAssembly.

  python3 twins.py                       one JSON line per case (matvec, SignGD, Gaussian at n = 4096; training 256-2048)
  python3 twins.py CMD_FIFO RESULT_FIFO  serve the bench (`npm run bench -- --vs numpy`), one answer line per request:
      info                 {"numpy": ..., "blas": ..., "python": ...}
      prepare CASE ARGS    build the case's inputs, run it once; answers "ok"
      time K               K back-to-back calls; answers "WALL CPU": seconds per call, wall clock and process CPU time
      release              drop the inputs; answers "ok"
  CASE ARGS: matvec DTYPE N | matvecT DTYPE N | signgd DTYPE N | gaussian DTYPE N | training WIDTH | transformer WIDTH
Work units (the bench divides the same work by both times): matvec bytes(W); SignGD W read + written; Gaussian n*n
samples; training 2B(2*784w + 3w^2 + 30w) flops (matrix products only; the elementwise work is done but not counted);
transformer: transformer_flops(w) (matrix products and attention scores; LayerNorm, GELU, softmax, Adam not counted).
"""
import json, sys, time
import numpy as np


def matvec(dtype, n, transposed=False):
    r = np.random.default_rng(1)
    W = r.standard_normal((n, n), dtype=dtype); x = r.standard_normal(n, dtype=dtype); y = np.empty(n, dtype=dtype)
    A = W.T if transposed else W  # W.T @ g is BLAS gemv with the transposed flag: no copy
    return lambda: np.matmul(A, x, out=y)


def signgd(dtype, n, lr=1e-3, block=256):
    """W <- W - lr*sign(g x^T) = W - (lr*sign(g)) sign(x)^T, by blocks of rows so the outer product stays in cache.
    Blocks of 16 to 256 rows time within noise of each other at n = 4096. numpy has no in-place rank-1 update (BLAS
    ger); SciPy's does this update about 1.6x faster (see the bench README), but the twins stay numpy."""
    r = np.random.default_rng(2)
    W = r.standard_normal((n, n), dtype=dtype); g = r.standard_normal(n, dtype=dtype); x = r.standard_normal(n, dtype=dtype)
    sg = np.empty(n, dtype); sx = np.empty(n, dtype); tmp = np.empty((min(block, n), n), dtype)

    def step():
        np.sign(g, out=sg); np.multiply(sg, dtype(-lr), out=sg); np.sign(x, out=sx)
        for i in range(0, n, block):
            rows = min(block, n - i)
            np.multiply.outer(sg[i:i + rows], sx, out=tmp[:rows])
            W[i:i + rows] += tmp[:rows]
    return step


def gaussian(dtype, n):
    out = np.empty(n * n, dtype=dtype); rng = np.random.default_rng(0)
    return lambda: rng.standard_normal(out=out, dtype=dtype)


def training(w, B=64, I=784, C=10):
    """784 -> w -> w -> 10 MLP, ReLU, softmax cross-entropy, batch 64, one Adam step, float32."""
    f = np.float32; r = np.random.default_rng(3)
    P = [(r.standard_normal((w, I)) / np.sqrt(I)).astype(f), np.zeros(w, f), (r.standard_normal((w, w)) / np.sqrt(w)).astype(f),
         np.zeros(w, f), (r.standard_normal((C, w)) / w).astype(f), np.zeros(C, f)]
    G = [np.empty_like(p) for p in P]; M = [np.zeros_like(p) for p in P]; V = [np.zeros_like(p) for p in P]
    T = [np.empty_like(p) for p in P]
    X = r.standard_normal((B, I)).astype(f); Y = r.integers(0, C, B); rows = np.arange(B)
    z1, h1, z2, h2, d1, d2 = (np.empty((B, w), f) for _ in range(6))
    lo = np.empty((B, C), f)
    t = [0]

    def step():
        W1, b1, W2, b2, W3, b3 = P
        gW1, gb1, gW2, gb2, gW3, gb3 = G
        np.matmul(X, W1.T, out=z1); np.add(z1, b1, out=z1); np.maximum(z1, 0, out=h1)
        np.matmul(h1, W2.T, out=z2); np.add(z2, b2, out=z2); np.maximum(z2, 0, out=h2)
        np.matmul(h2, W3.T, out=lo); np.add(lo, b3, out=lo)
        np.subtract(lo, lo.max(1, keepdims=True), out=lo); np.exp(lo, out=lo); np.divide(lo, lo.sum(1, keepdims=True), out=lo)
        lo[rows, Y] -= 1; np.divide(lo, f(B), out=lo)
        np.matmul(lo.T, h2, out=gW3); lo.sum(0, out=gb3)
        np.matmul(lo, W3, out=d2); np.multiply(d2, z2 > 0, out=d2)
        np.matmul(d2.T, h1, out=gW2); d2.sum(0, out=gb2)
        np.matmul(d2, W2, out=d1); np.multiply(d1, z1 > 0, out=d1)
        np.matmul(d1.T, X, out=gW1); d1.sum(0, out=gb1)
        t[0] += 1; c1 = 1 - 0.9 ** t[0]; c2 = 1 - 0.999 ** t[0]
        for p, g, m, v, tmp in zip(P, G, M, V, T):
            m *= f(0.9); np.multiply(g, f(0.1), out=tmp); m += tmp
            v *= f(0.999); np.multiply(g, g, out=tmp); tmp *= f(0.001); v += tmp
            np.multiply(v, f(1 / c2), out=tmp); np.sqrt(tmp, out=tmp); tmp += f(1e-8)
            np.divide(m, tmp, out=tmp); tmp *= f(1e-4 / c1); p -= tmp
    return step


def transformer(w, B=16, T=64, V=64, L=2, H=None, R=4, dtype=np.float32, lr=1e-4):
    """Pre-LN Transformer LM step, float32: token + positional embedding, L blocks of [x + Attn(LN(x)), x + MLP(LN(x))]
    (H causal heads of w/H, GELU tanh MLP of R*w, no matrix biases), final LN, readout to V, mean cross-entropy over
    B*T next-token predictions; full backward and one Adam step on every tensor. The shape of HW3 Lab's
    `transformer` bench case (width w, batch 16, 64 positions, vocabulary 64, 2 layers, d_head 64, MLP ratio 4)."""
    H = H or max(1, w // 64)
    f = dtype; r = np.random.default_rng(4); dh = w // H; scale = f(1 / np.sqrt(dh)); c0 = f(np.sqrt(2 / np.pi))
    mat = lambda o, i: (r.standard_normal((o, i)) / np.sqrt(i)).astype(f)
    P = {'E': r.standard_normal((V, w)).astype(f), 'P': r.standard_normal((T, w)).astype(f) * f(0.1),
         'gf': np.ones(w, f), 'bf': np.zeros(w, f), 'Wr': mat(V, w)}
    for l in range(L):
        P.update({f'g1{l}': np.ones(w, f), f'b1{l}': np.zeros(w, f), f'Wq{l}': mat(w, w), f'Wk{l}': mat(w, w),
                  f'Wv{l}': mat(w, w), f'Wo{l}': mat(w, w), f'g2{l}': np.ones(w, f), f'b2{l}': np.zeros(w, f),
                  f'W1{l}': mat(R * w, w), f'W2{l}': mat(w, R * w)})
    G = {k: np.zeros_like(p) for k, p in P.items()}; M = {k: np.zeros_like(p) for k, p in P.items()}
    Vm = {k: np.zeros_like(p) for k, p in P.items()}; tok = r.integers(0, V, (B, T + 1)); x_in, y = tok[:, :T], tok[:, 1:].reshape(-1)
    mask = np.triu(np.ones((T, T), bool), 1); rows = np.arange(B * T); t = [0]

    def ln(x, g, b):
        mu = x.mean(-1, keepdims=True); xc = x - mu; rs = 1 / np.sqrt((xc * xc).mean(-1, keepdims=True) + f(1e-5))
        xh = xc * rs; return xh * g + b, (xh, rs)

    def ln_back(d, g, cache, gg, gb):
        xh, rs = cache; gg += (d * xh).sum(0); gb += d.sum(0); dxh = d * g
        return rs * (dxh - dxh.mean(-1, keepdims=True) - xh * (dxh * xh).mean(-1, keepdims=True))

    heads = lambda a: a.reshape(B, T, H, dh).transpose(0, 2, 1, 3)
    merge = lambda a: a.transpose(0, 2, 1, 3).reshape(B * T, w)

    def step():
        for g in G.values(): g.fill(0)
        x = (P['E'][x_in] + P['P'][None]).reshape(B * T, w); caches = []
        for l in range(L):
            a, c1 = ln(x, P[f'g1{l}'], P[f'b1{l}'])
            q, k, v = heads(a @ P[f'Wq{l}'].T), heads(a @ P[f'Wk{l}'].T), heads(a @ P[f'Wv{l}'].T)
            s = (q @ k.transpose(0, 1, 3, 2)) * scale; s[..., mask] = -np.inf
            s -= s.max(-1, keepdims=True); p = np.exp(s); p /= p.sum(-1, keepdims=True)
            o = merge(p @ v); x = x + o @ P[f'Wo{l}'].T
            c, c2 = ln(x, P[f'g2{l}'], P[f'b2{l}'])
            h = c @ P[f'W1{l}'].T; th = np.tanh(c0 * (h + f(0.044715) * h ** 3)); u = f(0.5) * h * (1 + th)
            x = x + u @ P[f'W2{l}'].T; caches.append((a, c1, q, k, v, p, o, c, c2, h, th, u))
        fo, cf = ln(x, P['gf'], P['bf']); lo = fo @ P['Wr'].T
        lo -= lo.max(-1, keepdims=True); np.exp(lo, out=lo); lo /= lo.sum(-1, keepdims=True)
        loss = -np.log(lo[rows, y]).mean(); lo[rows, y] -= 1; lo /= f(B * T)
        G['Wr'] += lo.T @ fo; dx = ln_back(lo @ P['Wr'], P['gf'], cf, G['gf'], G['bf'])
        for l in reversed(range(L)):
            a, c1, q, k, v, p, o, c, c2, h, th, u = caches[l]
            G[f'W2{l}'] += dx.T @ u; du = dx @ P[f'W2{l}']
            dh_ = du * (f(0.5) * (1 + th) + f(0.5) * h * (1 - th * th) * c0 * (1 + f(3 * 0.044715) * h * h))
            G[f'W1{l}'] += dh_.T @ c; dx = dx + ln_back(dh_ @ P[f'W1{l}'], P[f'g2{l}'], c2, G[f'g2{l}'], G[f'b2{l}'])
            G[f'Wo{l}'] += dx.T @ o; do = heads(dx @ P[f'Wo{l}'])
            dp = do @ v.transpose(0, 1, 3, 2); dv = p.transpose(0, 1, 3, 2) @ do
            ds = p * (dp - (dp * p).sum(-1, keepdims=True)) * scale
            dq = merge(ds @ k); dk = merge(ds.transpose(0, 1, 3, 2) @ q); dv = merge(dv)
            G[f'Wq{l}'] += dq.T @ a; G[f'Wk{l}'] += dk.T @ a; G[f'Wv{l}'] += dv.T @ a
            da = dq @ P[f'Wq{l}'] + dk @ P[f'Wk{l}'] + dv @ P[f'Wv{l}']
            dx = dx + ln_back(da, P[f'g1{l}'], c1, G[f'g1{l}'], G[f'b1{l}'])
        dx = dx.reshape(B, T, w); G['P'] += dx.sum(0); np.add.at(G['E'], x_in, dx)
        t[0] += 1; k1 = 1 - 0.9 ** t[0]; k2 = 1 - 0.999 ** t[0]
        for key, p in P.items():
            g, m, v = G[key], M[key], Vm[key]
            m *= f(0.9); m += f(0.1) * g; v *= f(0.999); v += f(0.001) * g * g
            p -= f(lr / k1) * m / (np.sqrt(v * f(1 / k2)) + f(1e-8))
        return loss
    return step


def transformer_flops(w, B=16, T=64, V=64, L=2, R=4):
    """Matrix-product flops of one step: 3 x the forward's 2*B*T*(L*((4 + 2R) w^2 + 2 T w) + w V) (QK^T and AV over
    all T x T scores, as numpy computes them; the causal mask halves the useful work but not the counted)."""
    return 3 * 2 * B * T * (L * ((4 + 2 * R) * w * w + 2 * T * w) + w * V)


def make(case, args):
    if case == 'training':
        return training(int(args[0]))
    if case == 'transformer':
        return transformer(int(args[0]))
    dtype, n = np.dtype(args[0]).type, int(args[1])
    if case == 'matvec': return matvec(dtype, n)
    if case == 'matvecT': return matvec(dtype, n, transposed=True)
    if case == 'signgd': return signgd(dtype, n)
    if case == 'gaussian': return gaussian(dtype, n)
    raise ValueError(f'unknown case {case}')


def info():
    cfg = np.show_config(mode='dicts') if hasattr(np, 'show_config') else {}
    blas = cfg.get('Build Dependencies', {}).get('blas', {}) if isinstance(cfg, dict) else {}
    return {'numpy': np.__version__, 'blas': f"{blas.get('name', '?')} {blas.get('version', '')}".strip(),
            'python': sys.version.split()[0]}


def serve(cmd_path, res_path):
    fn = None
    with open(cmd_path) as cmd, open(res_path, 'w') as out:
        for line in cmd:
            words = line.split()
            try:
                if not words: continue
                if words[0] == 'quit': break
                if words[0] == 'info': answer = json.dumps(info())
                elif words[0] == 'prepare':
                    fn = None; fn = make(words[1], words[2:]); fn(); answer = 'ok'
                elif words[0] == 'time':
                    k = int(words[1]); t0 = time.perf_counter(); c0 = time.process_time()
                    for _ in range(k): fn()
                    answer = f'{(time.perf_counter() - t0) / k!r} {(time.process_time() - c0) / k!r}'
                elif words[0] == 'release': fn = None; answer = 'ok'
                else: answer = f'error unknown request {words[0]}'
            except Exception as e:  # the bench shows the message; the server stays up
                answer = f'error {type(e).__name__}: {e}'.replace('\n', ' ')
            out.write(answer + '\n'); out.flush()


def standalone():
    def bench(fn, reps=9, min_s=0.05):
        fn(); t0 = time.perf_counter(); fn(); one = time.perf_counter() - t0
        k = max(1, int(min_s / max(one, 1e-9))); walls = []
        for _ in range(reps):
            w0 = time.perf_counter()
            for _ in range(k): fn()
            walls.append((time.perf_counter() - w0) / k)
        walls.sort(); return walls[len(walls) // 2]
    n = 4096
    for dt in ('float32', 'float64'):
        print(json.dumps({'case': 'matvec', 'dtype': dt, 'n': n, 'gbs': n * n * np.dtype(dt).itemsize / bench(make('matvec', [dt, n])) / 1e9}), flush=True)
    print(json.dumps({'case': 'signgd', 'dtype': 'float32', 'n': n, 'gbs': 2 * n * n * 4 / bench(make('signgd', ['float32', n])) / 1e9}), flush=True)
    print(json.dumps({'case': 'gaussian', 'dtype': 'float64', 'n': n, 'msps': n * n / bench(make('gaussian', ['float64', n])) / 1e6}), flush=True)
    for w in (256, 1024, 2048):
        fl = 2 * 64 * (2 * 784 * w + 3 * w * w + 30 * w)
        print(json.dumps({'case': 'training', 'width': w, 'gflops': fl / bench(make('training', [w]), reps=7, min_s=0.2) / 1e9}), flush=True)
    for w in (256, 512):
        print(json.dumps({'case': 'transformer', 'width': w, 'gflops': transformer_flops(w) / bench(make('transformer', [w]), reps=5, min_s=0.2) / 1e9}), flush=True)


if __name__ == '__main__':
    serve(sys.argv[1], sys.argv[2]) if len(sys.argv) == 3 else standalone()
