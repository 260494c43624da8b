package dev.stepwise.security.sigv4;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.security.SecurityFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The access keys a server accepts, from the {@code "AccessKeys"} section of the configuration file
 * that also holds {@code "Roles"} (see the module README).
 */
public final class AccessKeys {
  /** The configuration file's key for this section. */
  public static final String SECTION = "AccessKeys";

  private static final Set<String> FIELDS =
      Set.of("AccessKeyId", "SecretAccessKey", "PrincipalArn");

  private final Map<String, AccessKey> byId;

  private AccessKeys(Map<String, AccessKey> byId) {
    this.byId = Collections.unmodifiableMap(byId);
  }

  public static AccessKeys of(List<AccessKey> keys) {
    Map<String, AccessKey> byId = new LinkedHashMap<>();
    for (AccessKey key : keys) {
      if (byId.putIfAbsent(key.id(), key) != null) {
        throw new IllegalArgumentException("duplicate access key id " + key.id());
      }
    }
    return new AccessKeys(byId);
  }

  /** Reads the {@code AccessKeys} section of a configuration file's text. */
  public static AccessKeys parse(String configJson) {
    return fromJson(SecurityFile.parse(configJson));
  }

  /** Reads the {@code AccessKeys} section of a configuration document; none when absent. */
  public static AccessKeys fromJson(JsonNode config) {
    JsonNode section = SecurityFile.section(config, SECTION);
    if (section == null) {
      return new AccessKeys(new LinkedHashMap<>());
    }
    Map<String, AccessKey> byId = new LinkedHashMap<>();
    for (int i = 0; i < section.size(); i++) {
      String at = "AccessKeys[" + i + "]";
      JsonNode node = section.get(i);
      if (!node.isObject()) {
        throw new IllegalArgumentException(at + " must be an object");
      }
      SecurityFile.rejectUnknown(node, FIELDS, at);
      AccessKey key =
          new AccessKey(
              SecurityFile.text(node, "AccessKeyId", at),
              SecurityFile.text(node, "SecretAccessKey", at),
              SecurityFile.text(node, "PrincipalArn", at));
      if (byId.putIfAbsent(key.id(), key) != null) {
        throw new IllegalArgumentException(at + ".AccessKeyId \"" + key.id() + "\" is a duplicate");
      }
    }
    return new AccessKeys(byId);
  }

  /** Reads the {@code AccessKeys} section of a configuration file. */
  public static AccessKeys read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  public Optional<AccessKey> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public List<AccessKey> all() {
    return List.copyOf(byId.values());
  }

  @Override
  public String toString() {
    return "AccessKeys" + byId.values();
  }
}
