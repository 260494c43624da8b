package dev.stepwise.integrations.aws;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;

/**
 * One API action of a service, found on the SDK client by its name in {@code
 * aws-sdk:<service>:<action>} (the SDK's method name: {@code putItem}, {@code listObjectsV2}).
 *
 * @param kind whether the action also sends ({@code putObject}) or returns ({@code getObject}) a
 *     streamed payload, which Step Functions writes as the {@code Body} member
 */
record SdkAction(AwsService service, String name, Method method, Class<?> requestType, Kind kind) {

  enum Kind {
    PLAIN,
    UPLOAD,
    DOWNLOAD
  }

  /** The action {@code name} of {@code service}, if the SDK has it. */
  static Optional<SdkAction> find(AwsService service, String name) {
    SdkAction found = null;
    for (Method m : service.clientType().getMethods()) {
      if (!m.getName().equals(name) || Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      Class<?>[] p = m.getParameterTypes();
      if (p.length == 0 || !SdkRequest.class.isAssignableFrom(p[0])) {
        continue;
      }
      if (p.length == 1 && SdkResponse.class.isAssignableFrom(m.getReturnType())) {
        found = new SdkAction(service, name, m, p[0], Kind.PLAIN);
      } else if (p.length == 2 && p[1] == RequestBody.class) {
        found = new SdkAction(service, name, m, p[0], Kind.UPLOAD);
      } else if (p.length == 2 && p[1] == ResponseTransformer.class && found == null) {
        found = new SdkAction(service, name, m, p[0], Kind.DOWNLOAD);
      }
    }
    return Optional.ofNullable(found);
  }

  /** A new builder of this action's request. */
  SdkPojo requestBuilder() {
    try {
      return (SdkPojo) requestType.getMethod("builder").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no builder on " + requestType.getName(), e);
    }
  }
}
