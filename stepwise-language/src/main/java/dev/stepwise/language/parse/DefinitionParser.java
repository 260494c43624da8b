package dev.stepwise.language.parse;

/**
 * Parses and validates an ASL definition in one pass, collecting every problem. Paths, templates,
 * intrinsic calls and JSONata expressions are compiled here, once.
 */
public final class DefinitionParser {

  /** AWS's definition size limit, in characters. */
  public static final int MAX_DEFINITION_CHARS = 1_048_576;

  private final MachineType type;

  public DefinitionParser(MachineType type) {
    this.type = type;
  }

  /** Never throws for bad input: every problem comes back as a diagnostic. */
  public ParseResult parse(String definition) {
    throw new UnsupportedOperationException("TODO: parser " + type);
  }
}
