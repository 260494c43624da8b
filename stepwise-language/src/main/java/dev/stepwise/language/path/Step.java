package dev.stepwise.language.path;

/** One step of a simple path: a member name or a non-negative array index. */
sealed interface Step {
  record Field(String name) implements Step {}

  record Index(int index) implements Step {}

  /** Jayway's normalised spelling, e.g. {@code ['name']} or {@code [0]}, as AWS prints it. */
  static String normalized(Step step) {
    return switch (step) {
      case Field f -> "['" + f.name() + "']";
      case Index i -> "[" + i.index() + "]";
    };
  }
}
