/* Benchmark harness: clocks, warm-up, calibrated iterations, timed samples and their statistics.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#define _POSIX_C_SOURCE 200809L

#include "mbp_bench.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The clocks named by MBP_BENCH_WALL_CLOCK_NAME and MBP_BENCH_CPU_CLOCK_NAME. */
#define BENCH_WALL_CLOCK CLOCK_MONOTONIC
#define BENCH_CPU_CLOCK  CLOCK_THREAD_CPUTIME_ID

/* Upper bound of the doubling, so that an operation too cheap for the clock cannot loop forever;
 * a sample of 2^30 calls of anything real lasts far longer than any sample_min_ns. */
#define BENCH_ITERATIONS_MAX ((size_t)1 << 30)

static uint64_t bench_clock_read_ns(clockid_t clock_id)
{
    struct timespec now;

    /* Cannot fail for a clock that mbp_bench_clocks_check() accepted. */
    (void)clock_gettime(clock_id, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

static int bench_clock_check(clockid_t clock_id, uint64_t *resolution_ns)
{
    struct timespec value;

    if (clock_gettime(clock_id, &value) != 0 || clock_getres(clock_id, &value) != 0) {
        return -1;
    }
    if (resolution_ns != NULL) {
        *resolution_ns = (uint64_t)value.tv_sec * 1000000000u + (uint64_t)value.tv_nsec;
    }
    return 0;
}

int mbp_bench_clocks_check(uint64_t *wall_resolution_ns, uint64_t *cpu_resolution_ns)
{
    if (bench_clock_check(BENCH_WALL_CLOCK, wall_resolution_ns) != 0) {
        return -1;
    }
    return bench_clock_check(BENCH_CPU_CLOCK, cpu_resolution_ns);
}

void mbp_bench_stamp_begin(struct mbp_bench_stamp *stamp)
{
    stamp->wall_ns = bench_clock_read_ns(BENCH_WALL_CLOCK);
    stamp->cpu_ns = bench_clock_read_ns(BENCH_CPU_CLOCK);
}

void mbp_bench_stamp_end(struct mbp_bench_stamp *stamp)
{
    stamp->cpu_ns = bench_clock_read_ns(BENCH_CPU_CLOCK);
    stamp->wall_ns = bench_clock_read_ns(BENCH_WALL_CLOCK);
}

/* What one batch runs: the steps of an operation, and whether each timed call is read on the
 * clocks by itself (split) or the batch is timed as a whole. */
struct bench_target {
    const struct mbp_bench_steps *steps;
    int split;
    void *op_ctx;
};

/* One call with its untimed steps; the timed call's elapsed time is added to timed. */
static int bench_call_split(const struct bench_target *target, struct mbp_bench_stamp *timed)
{
    const struct mbp_bench_steps *steps = target->steps;
    struct mbp_bench_stamp begin;
    struct mbp_bench_stamp end;
    int ret;

    if (steps->before != NULL && (ret = steps->before(target->op_ctx)) != 0) {
        return ret;
    }
    mbp_bench_stamp_begin(&begin);
    ret = steps->timed(target->op_ctx);
    mbp_bench_stamp_end(&end);
    if (ret != 0) {
        return ret;
    }
    timed->wall_ns += end.wall_ns - begin.wall_ns;
    timed->cpu_ns += end.cpu_ns - begin.cpu_ns;
    return steps->after != NULL ? steps->after(target->op_ctx) : 0;
}

/* Runs iterations calls and stores the measured time in timed and the whole batch's wall time,
 * untimed steps included, in spent_ns. */
static int bench_batch_run(const struct bench_target *target, size_t iterations,
                           struct mbp_bench_stamp *timed, uint64_t *spent_ns)
{
    struct mbp_bench_stamp begin;
    struct mbp_bench_stamp end;
    size_t i;
    int ret = 0;

    timed->wall_ns = 0;
    timed->cpu_ns = 0;
    mbp_bench_stamp_begin(&begin);
    for (i = 0; i < iterations && ret == 0; i++) {
        ret =
            target->split ? bench_call_split(target, timed) : target->steps->timed(target->op_ctx);
    }
    mbp_bench_stamp_end(&end);
    if (ret != 0) {
        return ret;
    }
    if (!target->split) {
        timed->wall_ns = end.wall_ns - begin.wall_ns;
        timed->cpu_ns = end.cpu_ns - begin.cpu_ns;
    }
    *spent_ns = end.wall_ns - begin.wall_ns;
    return 0;
}

/* Runs one call at a time until warmup_ns of wall time have passed (at least once). */
static int bench_warm_up(const struct bench_target *target, uint64_t warmup_ns)
{
    uint64_t start_ns = bench_clock_read_ns(BENCH_WALL_CLOCK);
    struct mbp_bench_stamp timed;
    uint64_t spent_ns;
    int ret;

    do {
        ret = bench_batch_run(target, 1, &timed, &spent_ns);
        if (ret != 0) {
            return ret;
        }
    } while (bench_clock_read_ns(BENCH_WALL_CLOCK) - start_ns < warmup_ns);
    return 0;
}

/* Doubles the iteration count from 1 until one batch measures sample_min_ns and stores it. */
static int bench_calibrate(const struct bench_target *target, uint64_t sample_min_ns,
                           size_t *iterations)
{
    struct mbp_bench_stamp timed;
    uint64_t spent_ns;
    size_t count = 1;
    int ret;

    for (;;) {
        ret = bench_batch_run(target, count, &timed, &spent_ns);
        if (ret != 0) {
            return ret;
        }
        if (timed.wall_ns >= sample_min_ns || count >= BENCH_ITERATIONS_MAX) {
            break;
        }
        count *= 2;
    }
    *iterations = count;
    return 0;
}

static int bench_target_run(const struct mbp_bench_plan *plan, const struct bench_target *target,
                            struct mbp_bench_run *run)
{
    struct mbp_bench_stamp timed;
    uint64_t spent_ns = 0;
    uint64_t batch_ns;
    size_t i;
    int ret;

    ret = bench_warm_up(target, plan->warmup_ns);
    if (ret != 0) {
        return ret;
    }
    ret = bench_calibrate(target, plan->sample_min_ns, &run->iterations_per_sample);
    if (ret != 0) {
        return ret;
    }

    run->samples_count = 0;
    for (i = 0; i < plan->samples_max; i++) {
        if (i >= plan->samples_min && spent_ns >= plan->budget_ns) {
            break;
        }
        ret = bench_batch_run(target, run->iterations_per_sample, &timed, &batch_ns);
        if (ret != 0) {
            return ret;
        }
        run->wall_ns_per_op[i] = (double)timed.wall_ns / (double)run->iterations_per_sample;
        run->cpu_ns_per_op[i] = (double)timed.cpu_ns / (double)run->iterations_per_sample;
        run->samples_count = i + 1;
        spent_ns += batch_ns;
    }
    return 0;
}

int mbp_bench_run_samples(const struct mbp_bench_plan *plan, mbp_bench_op_t *op, void *op_ctx,
                          struct mbp_bench_run *run)
{
    const struct mbp_bench_steps steps = {NULL, op, NULL};
    const struct bench_target target = {&steps, 0, op_ctx};

    return bench_target_run(plan, &target, run);
}

int mbp_bench_run_steps(const struct mbp_bench_plan *plan, const struct mbp_bench_steps *steps,
                        void *op_ctx, struct mbp_bench_run *run)
{
    const struct bench_target target = {steps, 1, op_ctx};

    return bench_target_run(plan, &target, run);
}

static int bench_double_compare(const void *left, const void *right)
{
    double a = *(const double *)left;
    double b = *(const double *)right;

    return (a > b) - (a < b);
}

double mbp_bench_quantile_sorted(const double *sorted, size_t count, double p)
{
    double h;
    size_t index;

    if (p <= 0.0 || count == 1) {
        return sorted[0];
    }
    if (p >= 1.0) {
        return sorted[count - 1];
    }

    h = (double)(count - 1) * p;
    index = (size_t)h; /* floor, as h >= 0 */
    if (index + 1 >= count) {
        return sorted[count - 1];
    }
    return sorted[index] + (h - (double)index) * (sorted[index + 1] - sorted[index]);
}

int mbp_bench_summarize(const double *samples, size_t count, struct mbp_bench_summary *summary)
{
    double *sorted;
    double *deviations;
    size_t i;

    if (count == 0 || count > SIZE_MAX / (2 * sizeof(double))) {
        return -1;
    }
    sorted = malloc(2 * count * sizeof(double));
    if (sorted == NULL) {
        return -1;
    }
    deviations = sorted + count;

    memcpy(sorted, samples, count * sizeof(double));
    qsort(sorted, count, sizeof(double), bench_double_compare);

    summary->count = count;
    summary->min = sorted[0];
    summary->p10 = mbp_bench_quantile_sorted(sorted, count, 0.10);
    summary->p25 = mbp_bench_quantile_sorted(sorted, count, 0.25);
    summary->median = mbp_bench_quantile_sorted(sorted, count, 0.50);
    summary->p75 = mbp_bench_quantile_sorted(sorted, count, 0.75);
    summary->p90 = mbp_bench_quantile_sorted(sorted, count, 0.90);
    summary->p99 = mbp_bench_quantile_sorted(sorted, count, 0.99);
    summary->max = sorted[count - 1];

    for (i = 0; i < count; i++) {
        deviations[i] = sorted[i] >= summary->median ? sorted[i] - summary->median
                                                     : summary->median - sorted[i];
    }
    qsort(deviations, count, sizeof(double), bench_double_compare);
    summary->mad = mbp_bench_quantile_sorted(deviations, count, 0.50);

    free(sorted);
    return 0;
}

int mbp_bench_parse_size(const char *text, size_t min, size_t max, size_t *value)
{
    unsigned long long parsed;
    char *end;

    if (text[0] < '0' || text[0] > '9') {
        return -1;
    }
    errno = 0;
    parsed = strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0' || parsed < min || parsed > max) {
        return -1;
    }
    *value = (size_t)parsed;
    return 0;
}

int mbp_bench_csv_field_check(const char *text)
{
    if (text[0] == '\0' || strpbrk(text, ",\"\r\n") != NULL) {
        return -1;
    }
    return 0;
}

int mbp_bench_help_asked(int argc, char **argv)
{
    int i;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            return 1;
        }
    }
    return 0;
}
