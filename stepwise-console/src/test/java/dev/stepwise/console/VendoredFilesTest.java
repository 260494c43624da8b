package dev.stepwise.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's third-party files are exactly the pinned ones: each file VENDOR.lock lists has its
 * SHA-256, nothing unlisted sits in vendor/, every package ships with its licence text, and only
 * licences the project accepts appear (see the repository's NOTICE).
 */
class VendoredFilesTest {
  private static final Path VENDOR = Path.of("src/main/resources/dev/stepwise/console/web/vendor");

  /** Licence ids the project may ship, with a phrase each licence text contains. */
  private static final Map<String, String> LICENCES =
      Map.of(
          "MIT", "Permission is hereby granted, free of charge",
          "Apache-2.0", "Apache License",
          "ISC", "Permission to use, copy, modify, and/or distribute");

  private record Entry(String name, String version, String licence, String path, String sha256) {}

  private static List<Entry> lock() throws IOException {
    return Files.readAllLines(VENDOR.resolve("VENDOR.lock")).stream()
        .filter(l -> !l.startsWith("#") && !l.isBlank())
        .map(l -> l.split("\t"))
        .map(f -> new Entry(f[0], f[1], f[2], f[3], f[4]))
        .toList();
  }

  @Test
  void everyVendoredFileHasItsPinnedChecksum() throws Exception {
    List<Entry> entries = lock();
    assertThat(entries).isNotEmpty();
    for (Entry e : entries) {
      assertThat(sha256(VENDOR.resolve(e.path()))).as(e.path()).isEqualTo(e.sha256());
      assertThat(e.path()).as("in a versioned directory").matches("[a-z-]+-\\d+\\.\\d+\\.\\d+/.+");
    }
  }

  @Test
  void nothingUnlistedIsVendored() throws IOException {
    Set<String> listed = new TreeSet<>();
    lock().forEach(e -> listed.add(e.path()));
    Set<String> present = new TreeSet<>();
    try (Stream<Path> files = Files.walk(VENDOR)) {
      files
          .filter(Files::isRegularFile)
          .map(p -> VENDOR.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.equals("VENDOR.lock"))
          .forEach(present::add);
    }
    assertThat(present).isEqualTo(listed);
  }

  @Test
  void everyPackageShipsAnAcceptedLicenceText() throws IOException {
    Set<String> packages = new TreeSet<>();
    for (Entry e : lock()) {
      packages.add(e.name());
      assertThat(LICENCES).as(e.name() + " licence").containsKey(e.licence());
    }
    for (String name : packages) {
      Entry licence =
          lock().stream()
              .filter(e -> e.name().equals(name) && fileName(e.path()).startsWith("LICENSE"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(name + " has no LICENSE file in vendor/"));
      assertThat(Files.readString(VENDOR.resolve(licence.path())))
          .as(licence.path())
          .contains(LICENCES.get(licence.licence()));
    }
  }

  @Test
  void theNoticeNamesEveryPackageAndVersion() throws IOException {
    String notice = Files.readString(Path.of("..", "NOTICE"));
    for (Entry e : lock()) {
      assertThat(notice).contains(e.name() + " " + e.version());
    }
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
