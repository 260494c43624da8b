package dev.stepwise.integrations.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.AwsResponse;

/**
 * The response metadata the optimized integrations add to a result, as the Java SDK v1 that they
 * are built on reports it: {@code SdkHttpMetadata: {AllHttpHeaders, HttpHeaders, HttpStatusCode}}
 * and {@code SdkResponseMetadata: {RequestId}}.
 */
public final class HttpMetadata {
  private HttpMetadata() {}

  public static void add(ObjectNode out, AwsResponse response) {
    ObjectNode http = out.putObject("SdkHttpMetadata");
    ObjectNode all = http.putObject("AllHttpHeaders");
    ObjectNode single = http.putObject("HttpHeaders");
    for (Map.Entry<String, List<String>> header : response.sdkHttpResponse().headers().entrySet()) {
      List<String> values = header.getValue();
      values.forEach(all.putArray(header.getKey())::add);
      if (!values.isEmpty()) {
        single.put(header.getKey(), values.getLast());
      }
    }
    http.put("HttpStatusCode", response.sdkHttpResponse().statusCode());
    out.putObject("SdkResponseMetadata").put("RequestId", response.responseMetadata().requestId());
  }
}
