package dev.stepwise.language.path;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.eval.Variables;
import dev.stepwise.language.expr.ExpressionSyntaxException;
import dev.stepwise.language.json.Json;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random paths on random documents: a result, a States error, or a syntax error; nothing else. */
class PathFuzzTest {
  private static final String ALPHABET = "$.[]'\"*?@()=<>:,-0123abc $x\\";

  @Test
  void randomPathsNeverThrowAnythingElse() {
    long seed = 42;
    Random random = new Random(seed);
    JsonNode doc =
        Json.parseTrusted(
            "{\"a\":{\"b\":[1,{\"c\":null}],\"x\":\"y\"},\"0\":[[]],\"c\":true,\"abc\":{\"a\":1}}");
    Scope scope = new Scope(doc, Variables.NONE, doc, null, null);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder("$");
      int length = random.nextInt(12);
      for (int k = 0; k < length; k++) {
        sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String text = sb.toString();
      try {
        CompiledPath p = Paths.compile(text);
        try {
          p.evaluate(doc, scope);
        } catch (StatesException expected) {
          // a path with no result
        }
        ReferencePath r = ReferencePath.compile(text);
        try {
          r.write(doc, Json.NODES.numberNode(1));
        } catch (StatesException expected) {
          // not applicable to this document
        }
      } catch (ExpressionSyntaxException expected) {
        // not a (reference) path
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + ", path " + text, e);
      }
    }
  }
}
