package dev.stepwise.conformance;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a runner observed of one execution, from DescribeExecution and its terminal history event.
 *
 * @param output the output JSON text, or null
 */
record Outcome(
    String status,
    @Nullable String output,
    @Nullable String error,
    @Nullable String cause,
    List<String> historyEventTypes) {}
