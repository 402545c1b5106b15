# Tests of the version comparison: compare.py verdicts on synthetic sets with known deltas, its
# JSON and input errors, the cross-version charts, and matrix.sh refusing what it cannot fetch.
# Copyright The mbedtls-profiles authors. SPDX-License-Identifier: Apache-2.0

set(compare_check "${top}/tests/compare/check.sh")
set(compare_fixtures "${top}/tests/compare")

# The exact list of flagged rows, and the exit status, with the default thresholds; then with
# thresholds given as options (looser, and a tighter time limit); a set against itself passes.
add_test(NAME compare/flags-expected-rows
    COMMAND "${compare_check}" verdicts "${compare_fixtures}/expected-default.txt" 1
        "${compare_fixtures}/old" "${compare_fixtures}/new")
add_test(NAME compare/thresholds-looser
    COMMAND "${compare_check}" verdicts "${compare_fixtures}/expected-loose.txt" 1
        "${compare_fixtures}/old" "${compare_fixtures}/new" --flash-pct 1 --flash-bytes 1000
        --instr-pct 2 --count-pct 5 --wall-pct 25)
add_test(NAME compare/thresholds-wall-3pct
    COMMAND "${compare_check}" verdicts "${compare_fixtures}/expected-wall3.txt" 1
        "${compare_fixtures}/old" "${compare_fixtures}/new" --wall-pct 3)
add_test(NAME compare/same-set-passes
    COMMAND "${compare_check}" verdicts "${compare_fixtures}/expected-same.txt" 0
        "${compare_fixtures}/old" "${compare_fixtures}/old")

# The github-action-benchmark JSON (customSmallerIsBetter) of the NEW set.
add_test(NAME compare/json
    COMMAND "${compare_check}" json "${compare_fixtures}/old" "${compare_fixtures}/new")

# A profile whose rows NEW lacks fails the gate, unless --allow-missing.
add_test(NAME compare/missing-profile-fails
    COMMAND "${compare_check}" missing "${compare_fixtures}/old")

# A column that differs in many rows gets a note of bounded length.
add_test(NAME compare/notes-bounded COMMAND "${compare_check}" notes)

# Bad input: exit status 2 and a message naming the cause.
add_test(NAME compare/error-missing-set
    COMMAND "${compare_check}" error "is not a directory"
        "${compare_fixtures}/old" "${compare_fixtures}/no-such-set")
add_test(NAME compare/error-rows-not-matchable
    COMMAND "${compare_check}" error "more than one row has the key"
        "${compare_fixtures}/dup" "${compare_fixtures}/dup")
add_test(NAME compare/error-short-row
    COMMAND "${compare_check}" error "fields, the header has"
        "${compare_fixtures}/bad" "${compare_fixtures}/bad")
add_test(NAME compare/error-bad-threshold
    COMMAND "${compare_check}" error "is not a number"
        --flash-pct -1 "${compare_fixtures}/old" "${compare_fixtures}/new")

# The cross-version charts (and the charts of one set) from the fixture sets, with no gnuplot
# error or warning.
add_test(NAME charts/versions
    COMMAND "${compare_check}" charts "${compare_fixtures}/old" "${compare_fixtures}/new")

# matrix.sh stops before any build, non-zero and naming the cause, on a version the pinned
# table does not know (no --tree), and on two sources that would share one results set.
add_test(NAME matrix/unpinned-version
    COMMAND "${compare_check}" matrix-refuses "9.9.9 is not pinned" --versions 9.9.9)
add_test(NAME matrix/same-source-twice
    COMMAND "${compare_check}" matrix-refuses "are both mbedtls-"
        --tree "${MBP_MBEDTLS_DIR}" --tree "${MBP_MBEDTLS_DIR}")
set_tests_properties(matrix/unpinned-version matrix/same-source-twice PROPERTIES TIMEOUT 30)
