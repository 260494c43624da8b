package dev.stepwise.language.path;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;
import org.jspecify.annotations.Nullable;

/** What a path starts from: {@code $} (input), {@code $$} (context object) or {@code $name}. */
sealed interface Root {
  @Nullable JsonNode resolve(JsonNode input, Scope scope);

  record Input() implements Root {
    @Override
    public JsonNode resolve(JsonNode input, Scope scope) {
      return input;
    }
  }

  record Context() implements Root {
    @Override
    public JsonNode resolve(JsonNode input, Scope scope) {
      return scope.context();
    }
  }

  record Variable(String name) implements Root {
    @Override
    public @Nullable JsonNode resolve(JsonNode input, Scope scope) {
      return scope.variables().get(name);
    }
  }
}
