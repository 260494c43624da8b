package dev.stepwise.language.eval;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/** Read access to workflow variables ({@code Assign}) visible from the current scope. */
@FunctionalInterface
public interface Variables {
  /** The variable's value, or {@code null} when no visible scope has assigned it. */
  @Nullable JsonNode get(String name);

  Variables NONE = name -> null;
}
