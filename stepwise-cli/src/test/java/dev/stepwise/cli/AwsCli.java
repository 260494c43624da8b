package dev.stepwise.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the AWS CLI is on this machine's PATH (tests that drive it skip without it). */
final class AwsCli {
  private AwsCli() {}

  static boolean installed() {
    return onPath("aws");
  }

  static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
