// The machine's own limits, natively: a STREAM-style probe compiled at bench time (`cc -O3 -march=native`), so the
// figures the kernels are divided by are what compiled code on this CPU reaches, not what a WebAssembly loop reaches.
//
// It serves requests so the bench can pair each kernel batch with a probe pass taken right before it:
//   probe CMD_FIFO RESULT_FIFO wall|cpu
// reads one command per line from CMD_FIFO and answers each with one line "<seconds> <work>" on RESULT_FIFO:
//   read    sum of 256 MiB of f64 (vector loads, 8 streams)       work = bytes read
//   copy    memcpy of 128 MiB into another 128 MiB                  work = bytes read + bytes written
//   update  a[i] = a[i]·c in place over 256 MiB (no write-allocate) work = bytes read + bytes written
//   peak    f32 multiply–add chains in the widest native vectors    work = flops (2 per lane per multiply–add)
// Seconds come from CLOCK_MONOTONIC (wall) or this process's CPU time (cpu), the bench's --clock.
// GCC/Clang vector extensions keep it portable: -march=native picks AVX2/AVX-512 (x86) or NEON/SVE (arm).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>

#define MiB ((size_t)1 << 20)
#define READ_BYTES (256 * MiB)
#define COPY_BYTES (128 * MiB)
#define CHAINS 12
#define HUGE (2 * MiB)

typedef double vd __attribute__((vector_size(64)));
typedef float vf __attribute__((vector_size(64)));
#define VF_LANES ((int)(sizeof(vf) / sizeof(float)))

static clockid_t clock_id = CLOCK_MONOTONIC;
static volatile double sink;

static double seconds(void) {
  struct timespec t;
  clock_gettime(clock_id, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

// Eight streams at once (the buffer in eight parts, read side by side), like a matrix–vector product's row blocks:
// more cache misses in flight than one stream, which is what a single core needs to approach DRAM bandwidth.
#define STREAMS 8
static double read_pass(const double *p, size_t n) {
  const size_t lanes = sizeof(vd) / sizeof(double), part = n / STREAMS;
  vd acc[STREAMS] = {{0}};
  for (size_t i = 0; i < part; i += 2 * lanes)
    for (int s = 0; s < STREAMS; s++) {
      const vd *v = (const vd *)(p + s * part + i);
      acc[s] += v[0] + v[1];
    }
  vd total = {0};
  for (int s = 0; s < STREAMS; s++) total += acc[s];
  double sum = 0;
  for (size_t l = 0; l < lanes; l++) sum += total[l];
  return sum;
}

static void update_pass(double *p, size_t n) {
  const size_t lanes = sizeof(vd) / sizeof(double);
  for (size_t i = 0; i < n; i += lanes) *(vd *)(p + i) = *(vd *)(p + i) * 0.999999;
}

// CHAINS independent a = a·s + t chains: enough to cover the multiply–add latency on every FP pipe. a → 2, never
// subnormal. With -ffp-contract=fast each step is one FMA where the CPU has it.
static float peak_pass(long iterations) {
  vf a[CHAINS], s, t;
  for (int l = 0; l < VF_LANES; l++) {
    s[l] = 0.5f;
    t[l] = 1.0f;
  }
  for (int c = 0; c < CHAINS; c++)
    for (int l = 0; l < VF_LANES; l++) a[c][l] = (float)c;
  for (long k = 0; k < iterations; k++)
    for (int c = 0; c < CHAINS; c++) a[c] = a[c] * s + t;
  float total = 0;
  for (int c = 0; c < CHAINS; c++) total += a[c][0];
  return total;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: probe CMD_FIFO RESULT_FIFO wall|cpu\n");
    return 2;
  }
  if (strcmp(argv[3], "cpu") == 0) clock_id = CLOCK_PROCESS_CPUTIME_ID;
  double *big = aligned_alloc(HUGE, READ_BYTES);
  char *src = aligned_alloc(HUGE, COPY_BYTES), *dst = aligned_alloc(HUGE, COPY_BYTES);
  if (!big || !src || !dst) {
    fprintf(stderr, "probe: out of memory\n");
    return 1;
  }
#ifdef MADV_HUGEPAGE
  // Large pages where the kernel offers them on request: fewer TLB misses, and the prefetchers are not stopped at
  // every 4 KiB boundary. Without this a native stream can read slower than the same loop in WebAssembly.
  madvise(big, READ_BYTES, MADV_HUGEPAGE);
  madvise(src, COPY_BYTES, MADV_HUGEPAGE);
  madvise(dst, COPY_BYTES, MADV_HUGEPAGE);
#endif
  const size_t n = READ_BYTES / sizeof(double);
  for (size_t i = 0; i < n; i++) big[i] = 1.0; // touches every page before any timing
  memset(src, 1, COPY_BYTES);
  memset(dst, 2, COPY_BYTES);
  FILE *cmd = fopen(argv[1], "r");
  FILE *out = fopen(argv[2], "w");
  if (!cmd || !out) {
    fprintf(stderr, "probe: cannot open the FIFOs\n");
    return 1;
  }
  const long peak_iterations = 2000000; // ≈ 10–40 ms on current CPUs
  char line[64];
  while (fgets(line, sizeof line, cmd)) {
    double t0 = seconds(), work;
    if (strncmp(line, "read", 4) == 0) {
      sink = read_pass(big, n);
      work = (double)READ_BYTES;
    } else if (strncmp(line, "copy", 4) == 0) {
      memcpy(dst, src, COPY_BYTES);
      sink = dst[COPY_BYTES / 2];
      work = 2.0 * COPY_BYTES;
    } else if (strncmp(line, "update", 6) == 0) {
      update_pass(big, n);
      work = 2.0 * READ_BYTES;
    } else if (strncmp(line, "peak", 4) == 0) {
      sink = peak_pass(peak_iterations);
      work = 2.0 * VF_LANES * CHAINS * (double)peak_iterations;
    } else if (strncmp(line, "quit", 4) == 0) {
      break;
    } else {
      fprintf(out, "error unknown command\n");
      fflush(out);
      continue;
    }
    double t1 = seconds();
    fprintf(out, "%.9f %.0f\n", t1 - t0, work);
    fflush(out);
  }
  return 0;
}
