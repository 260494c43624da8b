package dev.stepwise.security.role;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import dev.stepwise.security.SecurityFile;
import dev.stepwise.security.policy.MalformedPolicyDocumentException;
import dev.stepwise.security.policy.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The roles of a configuration file, by name and by ARN: an immutable value; {@link #add} and
 * {@link #remove} return a new one. The file is JSON with a top-level {@code "Roles"} list (see the
 * module README); {@link #write} replaces that list and keeps every other top-level key.
 */
public final class Roles {
  /** The configuration file's key for this section. */
  public static final String SECTION = "Roles";

  private static final Set<String> ROLE_FIELDS = Set.of("RoleName", "Arn", "Policies");
  private static final Set<String> POLICY_FIELDS = Set.of("PolicyName", "PolicyDocument");

  private final Map<String, Role> byName;
  private final Map<String, Role> byArn;

  private Roles(Map<String, Role> byName) {
    this.byName = Collections.unmodifiableMap(byName);
    // Looked up on every API call and task checked: a map, not a scan.
    Map<String, Role> arns = new java.util.HashMap<>();
    byName.values().forEach(r -> arns.putIfAbsent(r.arn(), r));
    this.byArn = arns;
  }

  public static Roles empty() {
    return new Roles(new LinkedHashMap<>());
  }

  public static Roles of(List<Role> roles) {
    Roles out = empty();
    for (Role role : roles) {
      out = out.add(role);
    }
    return out;
  }

  /**
   * Reads the {@code Roles} section of a configuration file's text.
   *
   * @throws IllegalArgumentException (or {@link MalformedPolicyDocumentException}) naming the
   *     element at fault
   */
  public static Roles parse(String configJson) {
    return fromJson(SecurityFile.parse(configJson));
  }

  /** Reads the {@code Roles} section of a configuration document; none when it is absent. */
  public static Roles fromJson(JsonNode config) {
    JsonNode section = SecurityFile.section(config, SECTION);
    if (section == null) {
      return empty();
    }
    Roles roles = empty();
    for (int i = 0; i < section.size(); i++) {
      String at = "Roles[" + i + "]";
      Role role = role(section.get(i), at);
      if (roles.byName(role.name()).isPresent()) {
        throw new IllegalArgumentException(at + ".RoleName \"" + role.name() + "\" is a duplicate");
      }
      if (roles.byArn(role.arn()).isPresent()) {
        throw new IllegalArgumentException(at + ".Arn \"" + role.arn() + "\" is a duplicate");
      }
      roles = roles.add(role);
    }
    return roles;
  }

  /** Reads the {@code Roles} section of a configuration file. */
  public static Roles read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Writes the roles into {@code file}'s {@code Roles} section, creating the file if needed and
   * keeping its other top-level keys (such as {@code AccessKeys}) as they are. The file is replaced
   * atomically where the file system allows; an existing file keeps its permissions and a new one
   * is readable by its owner only (the file may hold secret keys).
   */
  public void write(Path file) throws IOException {
    ObjectNode root;
    if (Files.exists(file)) {
      JsonNode existing;
      try {
        existing = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
      } catch (JsonProcessingException e) {
        throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
      }
      if (existing == null || !existing.isObject()) {
        throw new IOException(file + " does not hold a JSON object");
      }
      root = (ObjectNode) existing;
    } else {
      root = Json.NODES.objectNode();
    }
    root.set(SECTION, toJson());
    String text = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      keepPermissions(file, tmp);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A replaced file keeps its POSIX permissions (a temporary file starts owner-only). */
  private static void keepPermissions(Path file, Path tmp) throws IOException {
    if (Files.exists(file)
        && Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
    }
  }

  /** A copy with {@code role} added; its name and ARN must be new. */
  public Roles add(Role role) {
    if (byName.containsKey(role.name())) {
      throw new IllegalArgumentException("a role named " + role.name() + " exists already");
    }
    if (byArn(role.arn()).isPresent()) {
      throw new IllegalArgumentException("a role with ARN " + role.arn() + " exists already");
    }
    Map<String, Role> copy = new LinkedHashMap<>(byName);
    copy.put(role.name(), role);
    return new Roles(copy);
  }

  /** A copy without the role named {@code name} (the same roles when there is none). */
  public Roles remove(String name) {
    if (!byName.containsKey(name)) {
      return this;
    }
    Map<String, Role> copy = new LinkedHashMap<>(byName);
    copy.remove(name);
    return new Roles(copy);
  }

  public Optional<Role> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Optional<Role> byArn(String arn) {
    return Optional.ofNullable(byArn.get(arn));
  }

  /** The roles in the order they were added (file order when read). */
  public List<Role> all() {
    return List.copyOf(byName.values());
  }

  /** The {@code Roles} section. */
  public ArrayNode toJson() {
    ArrayNode list = Json.NODES.arrayNode();
    byName.values().forEach(role -> list.add(role.toJson()));
    return list;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Roles other && byName.equals(other.byName);
  }

  @Override
  public int hashCode() {
    return byName.hashCode();
  }

  @Override
  public String toString() {
    return "Roles" + byName.values();
  }

  private static Role role(JsonNode node, String at) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(at + " must be an object");
    }
    SecurityFile.rejectUnknown(node, ROLE_FIELDS, at);
    String name = SecurityFile.text(node, "RoleName", at);
    String arn = SecurityFile.text(node, "Arn", at);
    if (!arn.startsWith("arn:")) {
      throw new IllegalArgumentException(at + ".Arn must be an ARN, got \"" + arn + "\"");
    }
    List<Policy> policies = new ArrayList<>();
    JsonNode list = node.get("Policies");
    if (list != null) {
      if (!list.isArray()) {
        throw new IllegalArgumentException(at + ".Policies must be an array");
      }
      for (int i = 0; i < list.size(); i++) {
        String pAt = at + ".Policies[" + i + "]";
        JsonNode p = list.get(i);
        if (!p.isObject()) {
          throw new IllegalArgumentException(pAt + " must be an object");
        }
        SecurityFile.rejectUnknown(p, POLICY_FIELDS, pAt);
        String policyName = SecurityFile.text(p, "PolicyName", pAt);
        if (policies.stream().anyMatch(q -> policyName.equals(q.name()))) {
          throw new IllegalArgumentException(
              pAt + ".PolicyName \"" + policyName + "\" is a duplicate");
        }
        policies.add(policy(policyName, p.get("PolicyDocument"), pAt + ".PolicyDocument"));
      }
    }
    return new Role(name, arn, policies);
  }

  /** A policy document as an object, or as a string of JSON (IAM's API form). */
  private static Policy policy(String name, JsonNode document, String at) {
    if (document == null) {
      throw new IllegalArgumentException(at + " is missing");
    }
    try {
      if (document.isTextual()) {
        Policy parsed = Policy.parse(document.asText());
        return Policy.fromJson(name, parsed.document());
      }
      return Policy.fromJson(name, document);
    } catch (MalformedPolicyDocumentException e) {
      throw new MalformedPolicyDocumentException(at + ": " + e.getMessage());
    }
  }
}
