package dev.stepwise.language.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.path.ReferencePath;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code Map} (inline or distributed).
 *
 * @param itemProcessor {@code ItemProcessor} or the deprecated {@code Iterator}
 * @param itemsPath JSONPath {@code ItemsPath} ({@code $} when absent); null in JSONata states
 * @param items JSONata {@code Items}, or null
 * @param itemSelector {@code ItemSelector} or the deprecated {@code Parameters}, or null
 * @param itemReader {@code ItemReader} as written, or null (distributed map only)
 * @param resultWriter {@code ResultWriter} as written, or null
 */
public record MapState(
    String name,
    @Nullable String comment,
    QueryLanguage queryLanguage,
    Io io,
    Transition transition,
    Workflow itemProcessor,
    ProcessorMode mode,
    @Nullable String executionType,
    @Nullable Expression itemsPath,
    @Nullable Expression items,
    @Nullable Expression itemSelector,
    @Nullable JsonNode itemReader,
    @Nullable ItemBatcher itemBatcher,
    @Nullable JsonNode resultWriter,
    @Nullable ValueSource maxConcurrency,
    @Nullable ValueSource toleratedFailurePercentage,
    @Nullable ValueSource toleratedFailureCount,
    @Nullable String label,
    @Nullable Expression resultSelector,
    Optional<ReferencePath> resultPath,
    List<Retrier> retry,
    List<Catcher> catchers)
    implements State {
  public MapState {
    retry = List.copyOf(retry);
    catchers = List.copyOf(catchers);
  }

  @Override
  public String type() {
    return "Map";
  }

  /** {@code ProcessorConfig.Mode}. */
  public enum ProcessorMode {
    INLINE,
    DISTRIBUTED
  }

  /** {@code ItemBatcher}: at least one limit is set. */
  public record ItemBatcher(
      @Nullable Expression batchInput,
      @Nullable ValueSource maxItemsPerBatch,
      @Nullable ValueSource maxInputBytesPerBatch) {}
}
