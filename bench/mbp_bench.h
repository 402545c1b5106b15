/* Benchmark harness: clocks, warm-up, calibrated iterations, timed samples and their statistics.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#ifndef MBP_BENCH_H
#define MBP_BENCH_H

#include <stddef.h>
#include <stdint.h>

/* Names of the two clocks, as they appear in the CSV output.
 * Wall clock: not stepped when the system time is set; counts time spent off the CPU.
 * CPU clock: user + system time of the calling thread only; the benchmarks are single-threaded,
 * so a server on the same machine or other processes never count in it. */
#define MBP_BENCH_WALL_CLOCK_NAME "CLOCK_MONOTONIC"
#define MBP_BENCH_CPU_CLOCK_NAME  "CLOCK_THREAD_CPUTIME_ID"

/* A reading of both clocks, in nanoseconds from each clock's own origin. */
struct mbp_bench_stamp {
    uint64_t wall_ns;
    uint64_t cpu_ns;
};

/* Checks that both clocks can be read and stores their resolutions (either pointer may be NULL).
 * Returns 0, or -1 when a clock is unavailable; after 0 the stamp functions cannot fail. */
int mbp_bench_clocks_check(uint64_t *wall_resolution_ns, uint64_t *cpu_resolution_ns);

/* Starts an interval: reads the wall clock, then the CPU clock. */
void mbp_bench_stamp_begin(struct mbp_bench_stamp *stamp);

/* Ends an interval: reads the CPU clock, then the wall clock, so that the wall interval encloses
 * the CPU interval. */
void mbp_bench_stamp_end(struct mbp_bench_stamp *stamp);

/* One operation under measurement; returns 0 or a non-zero error that stops the run. */
typedef int mbp_bench_op_t(void *op_ctx);

/* How to sample one operation. */
struct mbp_bench_plan {
    size_t samples_max;     /* samples wanted; capacity of the arrays in struct mbp_bench_run */
    size_t samples_min;     /* fewest samples taken even when that exceeds budget_ns */
    uint64_t sample_min_ns; /* one sample lasts at least this long on the wall clock */
    uint64_t warmup_ns;     /* wall time spent running the operation before calibration */
    uint64_t budget_ns;     /* wall time after which no further sample starts (see below) */
};

/* What a run measured. The arrays belong to the caller and hold samples_max entries. */
struct mbp_bench_run {
    size_t iterations_per_sample;
    size_t samples_count;   /* samples actually taken, from samples_min to samples_max */
    double *wall_ns_per_op; /* per sample: wall time of the sample / iterations_per_sample */
    double *cpu_ns_per_op;  /* per sample: CPU time of the sample / iterations_per_sample */
};

/* Runs op repeatedly: warm-up for plan->warmup_ns (at least one call), calibration (the
 * iteration count starts at 1 and doubles until one batch lasts plan->sample_min_ns), then
 * samples of iterations_per_sample calls each, until samples_max are taken or, once samples_min
 * are, the samples have used budget_ns of wall time. Only the samples are recorded; warm-up and
 * calibration calls are discarded. Returns 0, or the first non-zero value op returned. */
int mbp_bench_run_samples(const struct mbp_bench_plan *plan, mbp_bench_op_t *op, void *op_ctx,
                          struct mbp_bench_run *run);

/* An operation with steps around it that are not measured, e.g. creating the key that a timed
 * export reads, or destroying the key that a timed generation made. */
struct mbp_bench_steps {
    mbp_bench_op_t *before; /* NULL, or run before every timed call, off the clocks */
    mbp_bench_op_t *timed;  /* the call measured */
    mbp_bench_op_t *after;  /* NULL, or run after every timed call, off the clocks */
};

/* As mbp_bench_run_samples(), but each call of steps->timed is read on the clocks by itself,
 * with before and after run outside the readings; a sample is the sum of iterations_per_sample
 * readings, and calibration doubles until that sum reaches plan->sample_min_ns. budget_ns
 * counts the whole wall time of the samples, untimed steps included. Each reading includes the
 * cost of reading both clocks once (a few tens of ns), so use it for operations of microseconds
 * and more. Returns 0, or the first non-zero value a step returned. */
int mbp_bench_run_steps(const struct mbp_bench_plan *plan, const struct mbp_bench_steps *steps,
                        void *op_ctx, struct mbp_bench_run *run);

/* Summary of one set of samples, in the unit of the samples.
 *
 * Every quantile, the median included, uses linear interpolation between closest ranks
 * (Hyndman and Fan type 7, the default of R and NumPy): for probability p over n sorted values
 * x[0..n-1], h = (n - 1) * p and the result is x[floor(h)] + (h - floor(h)) *
 * (x[floor(h) + 1] - x[floor(h)]). An even count thus gives the mean of the two middle values as
 * the median. With fewer than 100 samples p99 lies between the two largest values. */
struct mbp_bench_summary {
    size_t count;
    double min;
    double p10;
    double p25; /* first quartile */
    double median;
    double p75; /* third quartile */
    double p90;
    double p99;
    double max;
    double mad; /* median absolute deviation from the median, unscaled (no 1.4826 factor) */
};

/* Returns the quantile p (0 <= p <= 1) of count values sorted in ascending order, by the
 * interpolation described on struct mbp_bench_summary. count must be at least 1. */
double mbp_bench_quantile_sorted(const double *sorted, size_t count, double p);

/* Fills summary from count raw samples (any order, left unchanged: a sorted copy is made).
 * Returns 0, or -1 when count is 0 or memory for the copy is missing. */
int mbp_bench_summarize(const double *samples, size_t count, struct mbp_bench_summary *summary);

/* Parses a decimal integer in [min, max] into *value. Returns 0, or -1 when text is not such a
 * number (empty, sign, trailing characters, out of range). */
/* 1 when an argument of argv is --help or -h: the program prints its usage on stdout and exits
 * 0; else 0. */
int mbp_bench_help_asked(int argc, char **argv);

int mbp_bench_parse_size(const char *text, size_t min, size_t max, size_t *value);

/* Returns 0 when text can be written as a CSV field without quoting (no comma, double quote,
 * CR or LF, not empty), -1 otherwise. */
int mbp_bench_csv_field_check(const char *text);

#endif /* MBP_BENCH_H */
