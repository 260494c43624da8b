package dev.stepwise.language.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.QueryLanguage;
import dev.stepwise.language.model.StateMachine;
import dev.stepwise.language.model.Workflow;
import java.util.List;
import java.util.Set;

/**
 * Parses and validates an ASL definition in one pass, collecting every problem. Paths, templates,
 * intrinsic calls and JSONata expressions are compiled here, once.
 */
public final class DefinitionParser {

  /** AWS's definition size limit, in characters. */
  public static final int MAX_DEFINITION_CHARS = 1_048_576;

  private static final Set<String> TOP_LEVEL =
      Set.of("Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage");

  /** AWS's parse errors quote the source, as Jackson did by default before 2.16. */
  private static final ObjectReader SOURCE_IN_LOCATION =
      Json.mapper().reader().with(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION);

  private final MachineType type;
  private final IntegrationCatalog catalog;
  private final boolean checkResources;

  /** Checks service integrations against the {@link IntegrationCatalog#installed()} catalog. */
  public DefinitionParser(MachineType type) {
    this(type, IntegrationCatalog.installed(), true);
  }

  public DefinitionParser(MachineType type, IntegrationCatalog catalog) {
    this(type, catalog, true);
  }

  private DefinitionParser(MachineType type, IntegrationCatalog catalog, boolean checkResources) {
    this.type = type;
    this.catalog = catalog;
    this.checkResources = checkResources;
  }

  /**
   * TestState's parser: a Task's {@code Resource} is not checked against the ARNs AWS recognizes
   * (AWS's TestState accepts placeholders such as {@code arn:aws:lambda:your-region:...}).
   */
  public static DefinitionParser forTestState() {
    return new DefinitionParser(MachineType.STANDARD, IntegrationCatalog.installed(), false);
  }

  /** Never throws for bad input: every problem comes back as a diagnostic. */
  public ParseResult parse(String definition) {
    Diagnostics diagnostics = new Diagnostics();
    if (definition.length() > MAX_DEFINITION_CHARS) {
      diagnostics.schema(
          "The definition is larger than the maximum of " + MAX_DEFINITION_CHARS + " characters",
          "/");
      return new ParseResult(null, diagnostics.all());
    }
    JsonNode json;
    try {
      json = SOURCE_IN_LOCATION.readTree(definition);
    } catch (JsonProcessingException e) {
      JsonSyntaxError error = JsonSyntaxError.of(e);
      diagnostics.error(Diagnostics.INVALID_JSON, error.message(), error.location());
      return new ParseResult(null, diagnostics.all());
    }
    if (json == null || !json.isObject()) {
      diagnostics.error(Diagnostics.SCHEMA, "Definition must be a valid JSON object", null);
      return new ParseResult(null, diagnostics.all());
    }
    try {
      return parse(json, diagnostics);
    } catch (StackOverflowError e) {
      diagnostics.error("TOO_DEEPLY_NESTED", "The definition is too deeply nested", "/");
      return new ParseResult(null, diagnostics.all());
    }
  }

  private ParseResult parse(JsonNode json, Diagnostics diagnostics) {
    Node top = new Node(json, "/", diagnostics);
    top.allowOnly(TOP_LEVEL);
    String comment = top.string("Comment");
    String version = top.string("Version");
    if (version != null && !version.equals("1.0")) {
      diagnostics.schema(
          "The field 'Version' should have one of these values: [1.0]", top.at("Version"));
    }
    Long timeout = top.integer("TimeoutSeconds", 0, 99_999_999);
    QueryLanguage language = queryLanguage(top, QueryLanguage.JSONPATH);
    StateParser states = new StateParser(diagnostics, type, language, catalog);
    if (!checkResources) {
      states.withoutResourceChecks();
    }
    Workflow workflow = states.workflow(top);
    new GraphCheck(diagnostics).check(top, states.parsedWorkflows());
    if (diagnostics.hasErrors() || workflow == null) {
      return new ParseResult(null, diagnostics.all());
    }
    return new ParseResult(
        new StateMachine(workflow, comment, version, timeout, language, json), diagnostics.all());
  }

  static QueryLanguage queryLanguage(Node node, QueryLanguage inherited) {
    String ql = node.string("QueryLanguage");
    if (ql == null) {
      return inherited;
    }
    for (QueryLanguage q : QueryLanguage.values()) {
      if (q.awsName().equals(ql)) {
        return q;
      }
    }
    node.diagnostics()
        .schema(
            "The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata]",
            node.at("QueryLanguage"));
    return inherited;
  }

  static List<String> stateTypes() {
    return List.of("Task", "Wait", "Pass", "Succeed", "Fail", "Choice", "Parallel", "Map");
  }
}
