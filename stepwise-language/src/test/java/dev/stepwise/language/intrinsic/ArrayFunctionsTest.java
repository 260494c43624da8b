package dev.stepwise.language.intrinsic;

import static dev.stepwise.language.intrinsic.Calls.assertInvalid;
import static dev.stepwise.language.intrinsic.Calls.eval;
import static dev.stepwise.language.intrinsic.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArrayFunctionsTest {

  private static final String NINE = "{\"inputArray\": [1,2,3,4,5,6,7,8,9]}";

  // --- States.Array

  @Test
  void arrayOfNothing() {
    assertThat(eval("States.Array()")).isEqualTo(json("[]"));
  }

  @Test
  void arrayDocumentedExample() {
    assertThat(
            eval(
                "States.Array('Foo', 2020, $.someJson, null)",
                "{\"someJson\": {\"random\": \"abcdefg\"}}"))
        .isEqualTo(json("[\"Foo\", 2020, {\"random\": \"abcdefg\"}, null]"));
  }

  @Test
  void arrayKeepsPathValuesAsTheyAre() {
    assertThat(eval("States.Array($.fst, $.snd)", "{\"fst\": 1.1, \"snd\": null}"))
        .isEqualTo(json("[1.1, null]"));
  }

  // --- States.ArrayPartition

  @Test
  void partitionDocumentedExample() {
    assertThat(eval("States.ArrayPartition($.inputArray, 4)", NINE))
        .isEqualTo(json("[[1,2,3,4],[5,6,7,8],[9]]"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[]        | 1 | []",
        "[]        | 5 | []",
        "[0]       | 2 | [[0]]",
        "[0,1]     | 1 | [[0],[1]]",
        "[0,1]     | 5 | [[0,1]]",
        "[0,1,2]   | 2 | [[0,1],[2]]",
        "[0,1,2]   | 3 | [[0,1,2]]",
        "[0,1,2,3] | 1 | [[0],[1],[2],[3]]",
        "[1,2,3,4,5] | 2.4 | [[1,2],[3,4],[5]]",
        "[1,2,3,4,5] | 2.6 | [[1,2],[3,4],[5]]",
        "[1,2,3]   | 2147483647 | [[1,2,3]]",
      })
  void partitionsIntoChunksTruncatingTheSize(String array, String size, String expected) {
    assertThat(
            eval("States.ArrayPartition($.a, $.n)", "{\"a\": " + array + ", \"n\": " + size + "}"))
        .isEqualTo(json(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "States.ArrayPartition(States.Array(1, 2), 0)",
        "States.ArrayPartition(States.Array(1, 2), -1)",
        "States.ArrayPartition(States.Array(1, 2), 0.6)",
        "States.ArrayPartition(States.Array(1, 2), -0.4)",
        "States.ArrayPartition(States.Array(1, 2), '2')",
        "States.ArrayPartition(States.Array(1, 2), null)",
        "States.ArrayPartition(States.Array(1, 2), 3000000000)",
        "States.ArrayPartition('not-array', 2)",
        "States.ArrayPartition(States.Array(1, 2))",
        "States.ArrayPartition(States.Array(1, 2), 2, 999)",
      })
  void partitionRejects(String call) {
    assertInvalid(call, "States.ArrayPartition");
  }

  // --- States.ArrayContains

  @Test
  void containsDocumentedExample() {
    assertThat(
            eval(
                "States.ArrayContains($.inputArray, $.lookingFor)",
                "{\"inputArray\": [1,2,3,4,5,6,7,8,9], \"lookingFor\": 5}"))
        .isEqualTo(json("true"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // recorded on AWS
        "[]                  | null            | false",
        "[]                  | []              | false",
        "[]                  | 1               | false",
        "[[1,2,3],2]         | null            | false",
        "[[1,2,3],2]         | [1,2,3]         | true",
        "[{\"1\":2,\"2\":[]}] | []             | false",
        "[{\"1\":2,\"2\":[]}] | {\"1\":2,\"2\":[]} | true",
        "[true,false]        | true            | true",
        "[true,false]        | false           | true",
        // observed on AWS by a public conformance suite: values compare by printed form
        "[{\"a\":1,\"b\":2}] | {\"b\":2,\"a\":1} | false",
        "[{\"a\":1}]         | {\"a\":1,\"extra\":null} | false",
        "[\"true\",\"false\"] | true           | true",
        "[\"9007199254740991\"] | 9007199254740991 | true",
        "[0,1,-1,-1.5]       | false           | false",
        "[null,\"\",\" \",0,1,true,false,[0,1,false]] | [0,1,false] | true",
      })
  void containsComparesPrintedValues(String array, String value, String expected) {
    assertThat(
            eval(
                "States.ArrayContains($.fst, $.snd)",
                "{\"fst\": " + array + ", \"snd\": " + value + "}"))
        .isEqualTo(json(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "States.ArrayContains('not-array', 'x')",
        "States.ArrayContains(States.Array(1))",
        "States.ArrayContains(States.Array(1), 1, 2)",
      })
  void containsRejects(String call) {
    assertInvalid(call, "States.ArrayContains");
  }

  // --- States.ArrayRange

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1, 9, 2       | [1,3,5,7,9]",
        "0, 9, 3       | [0,3,6,9]",
        "0, 10, 3      | [0,3,6,9]",
        "1, 9, 9       | [1]",
        "-2, 2, 2      | [-2,0,2]",
        "3, 3, 1       | [3]",
        "3, 3, -1      | [3]",
        "5, 1, -2      | [5,3,1]",
        "5, 1, 1       | []",
        "1, 5, -1      | []",
        // AWS truncates the arguments
        "1.4, 5.6, 2.2 | [1,3,5]",
        "1.6, 1.4, 1   | [1]",
        "5.4, -0.6, -2.4 | [5,3,1]",
      })
  void rangeCountsFromFirstToLastInclusive(String args, String expected) {
    assertThat(eval("States.ArrayRange(" + args + ")")).isEqualTo(json(expected));
  }

  @Test
  void rangeAllowsExactlyAThousandItems() {
    JsonNode up = eval("States.ArrayRange(1, 1000, 1)");
    JsonNode down = eval("States.ArrayRange(1000, 1, -1)");

    assertThat(up).hasSize(1000);
    assertThat(up.get(999).intValue()).isEqualTo(1000);
    assertThat(down).hasSize(1000);
    assertThat(down.get(999).intValue()).isEqualTo(1);
    assertThat(eval("States.ArrayRange(-2147483648, 2147483647, 2147483647)"))
        .isEqualTo(json("[-2147483648, -1, 2147483646]"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "States.ArrayRange(1, 1001, 1)",
        "States.ArrayRange(1001, 1, -1)",
        "States.ArrayRange(-2147483648, 2147483647, 1)",
        "States.ArrayRange(1, 10, 0)",
        "States.ArrayRange(1, 10, 0.49)",
        "States.ArrayRange('a', 5, 1)",
        "States.ArrayRange(1, 'b', 1)",
        "States.ArrayRange(1, 5, 'c')",
        "States.ArrayRange(1, 5, null)",
        "States.ArrayRange(1, 5)",
        "States.ArrayRange(1, 5, 1, 99)",
      })
  void rangeRejects(String call) {
    assertInvalid(call, "States.ArrayRange");
  }

  // --- States.ArrayGetItem

  @Test
  void getItemDocumentedExample() {
    assertThat(
            eval(
                "States.ArrayGetItem($.inputArray, $.index)",
                "{\"inputArray\": [1,2,3,4,5,6,7,8,9], \"index\": 5}"))
        .isEqualTo(json("6"));
  }

  @Test
  void getItemTruncatesTheIndex() {
    assertThat(eval("States.ArrayGetItem(States.Array(10, 20, 30), 1.2)")).isEqualTo(json("20"));
  }

  @Test
  void getItemOfAnEmptyArrayIsNull() {
    assertThat(eval("States.ArrayGetItem(States.Array(), 999)")).isEqualTo(json("null"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "States.ArrayGetItem(States.Array(10, 20, 30), 3)",
        "States.ArrayGetItem(States.Array(10, 20, 30), -1)",
        "States.ArrayGetItem(States.Array(10, 20, 30), '1')",
        "States.ArrayGetItem('not-array', 0)",
        "States.ArrayGetItem(States.Array(10))",
        "States.ArrayGetItem(States.Array(10), 0, 0)",
      })
  void getItemRejects(String call) {
    assertInvalid(call, "States.ArrayGetItem");
  }

  // --- States.ArrayLength

  @Test
  void lengthDocumentedExample() {
    assertThat(eval("States.ArrayLength($.inputArray)", NINE)).isEqualTo(json("9"));
    assertThat(eval("States.ArrayLength(States.Array())")).isEqualTo(json("0"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "States.ArrayLength('not-array')",
        "States.ArrayLength(States.JsonMerge(States.StringToJson('{}'), States.StringToJson('{}'),"
            + " false))",
        "States.ArrayLength()",
        "States.ArrayLength(States.Array(), 1)",
      })
  void lengthRejects(String call) {
    assertInvalid(call, "States.ArrayLength");
  }

  // --- States.ArrayUnique

  @Test
  void uniqueDocumentedExample() {
    assertThat(eval("States.ArrayUnique($.inputArray)", "{\"inputArray\": [1,2,3,3,3,3,3,3,4]}"))
        .isEqualTo(json("[1,2,3,4]"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[]                          | []",
        "[\"a\",\"b\",\"a\",\"c\",\"b\"] | [\"a\",\"b\",\"c\"]",
        "[{\"a\":1,\"b\":2},{\"b\":2,\"a\":1}] | [{\"a\":1,\"b\":2}]",
        // AWS returns java.util.HashSet order (observed by a public conformance suite)
        "[true,false,true,false]     | [false,true]",
        "[[1,2],[1,2],[2,1]]         | [[2,1],[1,2]]",
        "[null,null,1,null]          | [null,1]",
        "[1,\"1\",1,\"01\"]          | [1,\"1\",\"01\"]",
        "[1,1.0]                     | [1.0,1]",
      })
  void uniqueKeepsOneOfEachInHashSetOrder(String array, String expected) {
    assertThat(eval("States.ArrayUnique($.a)", "{\"a\": " + array + "}")).isEqualTo(json(expected));
  }

  @Test
  void uniqueOrderMatchesJavaHashMapIteration() {
    long seed = 20261124L;
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      int size = random.nextInt(60);
      List<JsonNode> items = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        items.add(
            switch (random.nextInt(4)) {
              case 0 -> Json.NODES.numberNode(random.nextInt(100) - 50);
              case 1 -> Json.NODES.textNode("s" + random.nextInt(40));
              case 2 -> Json.NODES.booleanNode(random.nextBoolean());
              default -> Json.NODES.arrayNode().add(random.nextInt(5));
            });
      }
      Map<Object, JsonNode> map = new HashMap<>(Math.max((int) (size / .75f) + 1, 16));
      items.forEach(item -> map.putIfAbsent(JavaValues.of(item), item));
      JsonNode expected = Json.NODES.arrayNode().addAll(new ArrayList<>(map.values()));

      JsonNode input = Json.NODES.objectNode().set("a", Json.NODES.arrayNode().addAll(items));
      assertThat(Calls.compile("States.ArrayUnique($.a)").evaluate(input, Calls.scope()))
          .as("seed %d, input %s", seed, input)
          .isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "States.ArrayUnique('not-array')",
        "States.ArrayUnique()",
        "States.ArrayUnique(States.Array(), 1)",
      })
  void uniqueRejects(String call) {
    assertInvalid(call, "States.ArrayUnique");
  }
}
