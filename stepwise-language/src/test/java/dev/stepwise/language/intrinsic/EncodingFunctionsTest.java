package dev.stepwise.language.intrinsic;

import static dev.stepwise.language.intrinsic.Calls.assertInvalid;
import static dev.stepwise.language.intrinsic.Calls.eval;
import static dev.stepwise.language.intrinsic.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.language.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EncodingFunctionsTest {

  private static String text(String call, String input) {
    return eval(call, input).textValue();
  }

  private static String withS(String value) {
    return Json.write(Json.NODES.objectNode().put("s", value));
  }

  // --- States.Base64Encode

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Data to encode | RGF0YSB0byBlbmNvZGU=",
        "''             | ''",
        "hello          | aGVsbG8=",
        "✓              | 4pyT",
        "こんにちは      | 44GT44KT44Gr44Gh44Gv",
        "🚀             | 8J+agA==",
      })
  void encodesUtf8(String plain, String encoded) {
    assertThat(text("States.Base64Encode($.s)", withS(plain))).isEqualTo(encoded);
  }

  @Test
  void encodesUpToTenThousandCharacters() {
    assertThat(text("States.Base64Encode($.s)", withS("aaa".repeat(3333) + "a")))
        .isEqualTo("YWFh".repeat(3333) + "YQ==");
    assertInvalid("States.Base64Encode($.s)", withS("a".repeat(10_001)), "States.Base64Encode");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "States.Base64Encode(123)",
        "States.Base64Encode(null)",
        "States.Base64Encode(States.Array('x'))",
        "States.Base64Encode()",
        "States.Base64Encode('a', 'b')",
      })
  void encodeRejects(String call) {
    assertInvalid(call, "States.Base64Encode");
  }

  // --- States.Base64Decode

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "RGF0YSB0byBlbmNvZGU= | Data to encode",
        "''                   | ''",
        "4pyT                 | ✓",
        "44GT44KT44Gr44Gh44Gv | こんにちは",
        "IA==                 | ' '",
        // AWS decodes leniently (MIME): junk skipped, padding optional, data ends at '='
        "' YWJjZA== '         | abcd",
        "YWJjZA               | abcd",
        "YW Jj\tZA==          | abcd",
        "!!aGVs!bG8=!!        | hello",
        "ab==cd               | i",
        "aGVsbG8=aGVsbG8=     | hello",
        "a                    | ''",
        "PDw/Pz4+             | <<??>>",
        "PDw_Pz4-             | <<??>>",
      })
  void decodesLeniently(String encoded, String plain) {
    assertThat(text("States.Base64Decode($.s)", withS(encoded))).isEqualTo(plain);
  }

  @Test
  void decodeLimitsTheInputToTenThousandCharacters() {
    assertThat(text("States.Base64Decode($.s)", withS("YWFh".repeat(2500))))
        .isEqualTo("aaa".repeat(2500));
    assertInvalid("States.Base64Decode($.s)", withS("A".repeat(10_001)), "States.Base64Decode");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "States.Base64Decode(123)",
        "States.Base64Decode(States.Array())",
        "States.Base64Decode()",
        "States.Base64Decode('aGVsbG8=', 'extra')",
      })
  void decodeRejects(String call) {
    assertInvalid(call, "States.Base64Decode");
  }

  @Test
  void encodeThenDecodeRoundTrips() {
    assertThat(eval("States.Base64Decode(States.Base64Encode('héllo, wörld 🚀'))"))
        .isEqualTo(json("\"héllo, wörld 🚀\""));
  }

  // --- States.Hash

  @ParameterizedTest
  @CsvSource({
    "MD5, 812f45842bc6d66ee14572ce20db8e86",
    "SHA-1, aaff4a450a104cd177d28d18d74485e8cae074b7",
    "SHA-256, b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3",
    "SHA-384, d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562",
    "SHA-512, 6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4",
  })
  void hashesWithEachAlgorithm(String algorithm, String digest) {
    assertThat(
            text(
                "States.Hash($.Data, $.Algorithm)",
                "{\"Data\": \"input data\", \"Algorithm\": \"" + algorithm + "\"}"))
        .isEqualTo(digest);
  }

  @Test
  void hashesUtf8AndEmptyText() {
    assertThat(text("States.Hash('', 'SHA-256')", "{}"))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(text("States.Hash('✓', 'SHA-256')", "{}"))
        .isEqualTo("1dabba21cdad44541f6b15796f8d22978fc7ea10c46aeceeeeb66c23b3ac7604");
  }

  @Test
  void hashesOtherValuesByTheirPrintedForm() {
    assertThat(text("States.Hash(123, 'SHA-256')", "{}"))
        .isEqualTo("a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3");
    assertThat(text("States.Hash($.o, 'SHA-256')", "{\"o\": {\"a\": 1}}"))
        .isEqualTo("16f764774c91b93a1e6c8d401cdf1a0108f19fc31ae8733b6fd9b206b0533395");
  }

  @Test
  void hashLimitsTheDataToTenThousandCharacters() {
    assertThat(text("States.Hash($.s, 'MD5')", withS("a".repeat(10_000))))
        .isEqualTo("0d0c9c4db6953fee9e03f528cafd7d3e");
    assertInvalid("States.Hash($.s, 'MD5')", withS("a".repeat(10_001)), "States.Hash");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "States.Hash('data', 'sha-256')",
        "States.Hash('data', 'SHA256')",
        "States.Hash('data', 'MD-5')",
        "States.Hash('data', 'SHA-257')",
        "States.Hash('data', '')",
        "States.Hash('data', 123)",
        "States.Hash('data', null)",
        "States.Hash()",
        "States.Hash('hello')",
        "States.Hash('hello', 'SHA-256', 'extra')",
      })
  void hashRejects(String call) {
    assertInvalid(call, "States.Hash");
  }
}
