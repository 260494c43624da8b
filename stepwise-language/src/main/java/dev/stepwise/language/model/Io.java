package dev.stepwise.language.model;

import dev.stepwise.language.expr.Expression;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The data-flow fields most states share, with AWS's defaults already applied.
 *
 * @param inputPath JSONPath {@code InputPath}: absent means {@code $}; {@code Optional.empty()}
 *     means {@code "InputPath": null} (the effective input is {@code {}})
 * @param outputPath JSONPath {@code OutputPath}, same convention ({@code null} gives {@code {}})
 * @param output JSONata {@code Output}, or null
 * @param assign {@code Assign} (either language), or null
 */
public record Io(
    Optional<Expression> inputPath,
    Optional<Expression> outputPath,
    @Nullable Expression output,
    @Nullable Expression assign) {}
