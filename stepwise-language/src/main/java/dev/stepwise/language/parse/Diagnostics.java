package dev.stepwise.language.parse;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Collects diagnostics during one parse; never throws for bad input. */
final class Diagnostics {
  static final String SCHEMA = "SCHEMA_VALIDATION_FAILED";
  static final String MISSING_TARGET = "MISSING_TRANSITION_TARGET";
  static final String MISSING_END = "MISSING_END_STATE";
  static final String DUPLICATE_STATE = "DUPLICATE_STATE_NAME";
  static final String INVALID_STATE_NAME = "INVALID_STATE_NAME";
  static final String INVALID_RESOURCE = "INVALID_RESOURCE";
  static final String INVALID_JSON = "INVALID_JSON_DESCRIPTION";

  private final List<Diagnostic> schema = new ArrayList<>();
  private final List<Diagnostic> graph = new ArrayList<>();
  private final List<Diagnostic> warnings = new ArrayList<>();

  void error(String code, String message, @Nullable String location) {
    schema.add(Diagnostic.error(code, message, location));
  }

  void schema(String message, String location) {
    error(SCHEMA, message, location);
  }

  void graph(String code, String message, @Nullable String location) {
    graph.add(Diagnostic.error(code, message, location));
  }

  void warning(String code, String message, String location) {
    warnings.add(new Diagnostic(Diagnostic.Severity.WARNING, code, message, location));
  }

  boolean hasErrors() {
    return !schema.isEmpty() || !graph.isEmpty();
  }

  /** Schema errors in document order, then graph errors, then warnings. */
  List<Diagnostic> all() {
    List<Diagnostic> all = new ArrayList<>(schema);
    all.addAll(graph);
    all.addAll(warnings);
    return all;
  }
}
