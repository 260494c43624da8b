package dev.stepwise.language.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The intrinsic functions of the States language, by their names in a definition. */
enum Function {
  FORMAT("Format", TextFunctions::format),
  STRING_TO_JSON("StringToJson", JsonFunctions::stringToJson),
  JSON_TO_STRING("JsonToString", JsonFunctions::jsonToString),
  ARRAY("Array", ArrayFunctions::array),
  ARRAY_PARTITION("ArrayPartition", ArrayFunctions::partition),
  ARRAY_CONTAINS("ArrayContains", ArrayFunctions::contains),
  ARRAY_RANGE("ArrayRange", ArrayFunctions::range),
  ARRAY_GET_ITEM("ArrayGetItem", ArrayFunctions::getItem),
  ARRAY_LENGTH("ArrayLength", ArrayFunctions::length),
  ARRAY_UNIQUE("ArrayUnique", ArrayFunctions::unique),
  BASE64_ENCODE("Base64Encode", EncodingFunctions::base64Encode),
  BASE64_DECODE("Base64Decode", EncodingFunctions::base64Decode),
  HASH("Hash", EncodingFunctions::hash),
  JSON_MERGE("JsonMerge", JsonFunctions::jsonMerge),
  MATH_RANDOM("MathRandom", MathFunctions::random),
  MATH_ADD("MathAdd", MathFunctions::add),
  STRING_SPLIT("StringSplit", TextFunctions::split),
  UUID("UUID", TextFunctions::uuid);

  /** The body of a function: its result, or an {@link IntrinsicError}. */
  @FunctionalInterface
  interface Body {
    JsonNode apply(Invocation call);
  }

  private static final Map<String, Function> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Function::fullName, f -> f));

  private final String fullName;
  private final Body body;

  Function(String name, Body body) {
    this.fullName = "States." + name;
    this.body = body;
  }

  /** The name as written in a definition, e.g. {@code States.Format} (case matters). */
  String fullName() {
    return fullName;
  }

  JsonNode apply(Invocation call) {
    return body.apply(call);
  }

  static Optional<Function> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
