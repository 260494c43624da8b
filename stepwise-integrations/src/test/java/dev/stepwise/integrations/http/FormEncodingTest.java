package dev.stepwise.integrations.http;

import static dev.stepwise.integrations.Requests.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormEncodingTest {
  private static final String ARRAY = "{\"array\": [\"a\", \"b\", \"c\", \"d\"]}";

  @Test
  void arrayFormatsAsAwsDocumentsThem() {
    assertThat(FormEncoding.encode(json(ARRAY), ArrayFormat.INDICES))
        .isEqualTo("array%5B0%5D=a&array%5B1%5D=b&array%5B2%5D=c&array%5B3%5D=d");
    assertThat(FormEncoding.encode(json(ARRAY), ArrayFormat.REPEAT))
        .isEqualTo("array=a&array=b&array=c&array=d");
    assertThat(FormEncoding.encode(json(ARRAY), ArrayFormat.COMMAS)).isEqualTo("array=a,b,c,d");
    assertThat(FormEncoding.encode(json(ARRAY), ArrayFormat.BRACKETS))
        .isEqualTo("array%5B%5D=a&array%5B%5D=b&array%5B%5D=c&array%5B%5D=d");
  }

  @Test
  void nestedObjectsAndSpacesAsInAwsExampleRequest() {
    assertThat(
            FormEncoding.encode(
                json(
                    """
                    {"description": "Monthly subscription",
                     "metadata": {"order_details": "monthly report data"},
                     "customer": "1234567890"}
                    """),
                ArrayFormat.INDICES))
        .isEqualTo(
            "description=Monthly%20subscription&metadata%5Border_details%5D=monthly%20report%20data"
                + "&customer=1234567890");
  }

  @Test
  void scalarsNullsAndUnicode() {
    assertThat(
            FormEncoding.encode(
                json(
                    "{\"n\": 1.5, \"b\": true, \"z\": null, \"u\": \"é&=+\","
                        + " \"l\": [{\"k\": 1}, [2, 3]]}"),
                ArrayFormat.INDICES))
        .isEqualTo(
            "n=1.5&b=true&z=&u=%C3%A9%26%3D%2B&l%5B0%5D%5Bk%5D=1&l%5B1%5D%5B0%5D=2&l%5B1%5D%5B1%5D=3");
    assertThat(FormEncoding.encode(json("{\"l\": [[1, 2], {\"k\": \"v\"}]}"), ArrayFormat.COMMAS))
        .isEqualTo("l=%5B1%2C2%5D,%7B%22k%22%3A%22v%22%7D");
  }

  @Test
  void percentEncodingKeepsOnlyUnreservedCharacters() {
    assertThat(FormEncoding.percent("AZaz09-._~ !*'()/?#[]@"))
        .isEqualTo("AZaz09-._~%20%21%2A%27%28%29%2F%3F%23%5B%5D%40");
  }
}
