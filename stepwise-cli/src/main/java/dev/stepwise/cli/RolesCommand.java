package dev.stepwise.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stepwise.language.json.Json;
import dev.stepwise.security.policy.Policy;
import dev.stepwise.security.role.Role;
import dev.stepwise.security.role.Roles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise roles}: the IAM roles of a security file ({@code serve --security FILE}). */
@Command(
    name = "roles",
    description = "Lists, adds and removes the IAM roles of a security file.",
    subcommands = {RolesCommand.ListRoles.class, RolesCommand.Add.class, RolesCommand.Remove.class})
final class RolesCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The file every sub-command works on. */
  static final class ConfigOption {
    @Option(
        names = "--security",
        required = true,
        paramLabel = "FILE",
        description = "The security file (AccessKeys and Roles, JSON)")
    Path file;

    Roles read() throws IOException {
      return Files.exists(file) ? Roles.read(file) : Roles.empty();
    }
  }

  @Command(name = "list", description = "One role a line: name, ARN, policy names.")
  static final class ListRoles implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @picocli.CommandLine.Mixin ConfigOption config;

    @Override
    public Integer call() {
      return guarded(
          spec,
          "list",
          () -> {
            PrintWriter out = spec.commandLine().getOut();
            for (Role role : config.read().all()) {
              out.println(
                  role.name()
                      + "\t"
                      + role.arn()
                      + "\t"
                      + String.join(",", role.policies().stream().map(Policy::name).toList()));
            }
          });
    }
  }

  @Command(name = "add", description = "Adds a role with one inline policy.")
  static final class Add implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @picocli.CommandLine.Mixin ConfigOption config;

    @Parameters(index = "0", paramLabel = "NAME", description = "Role name")
    String name;

    @Option(
        names = "--policy",
        required = true,
        paramLabel = "FILE",
        description = "Policy document (JSON); its file name, less .json, names it")
    Path policy;

    @Option(names = "--account", description = "Account id of the role ARN (default 123456789012)")
    String account = "123456789012";

    @Override
    public Integer call() {
      return guarded(
          spec,
          "add",
          () -> {
            String text = InputFiles.read(policy, 1024 * 1024, "policy");
            String policyName = policy.getFileName().toString().replaceFirst("\\.json$", "");
            Policy document = Policy.fromJson(policyName, Json.parse(text));
            String arn = "arn:aws:iam::" + account + ":role/" + name;
            config.read().add(new Role(name, arn, java.util.List.of(document))).write(config.file);
            spec.commandLine().getOut().println(arn);
          });
    }
  }

  @Command(name = "remove", description = "Removes a role.")
  static final class Remove implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @picocli.CommandLine.Mixin ConfigOption config;

    @Parameters(index = "0", paramLabel = "NAME", description = "Role name")
    String name;

    @Override
    public Integer call() {
      return guarded(
          spec,
          "remove",
          () -> {
            Roles roles = config.read();
            if (roles.byName(name).isEmpty()) {
              throw new IllegalArgumentException("no role named " + name);
            }
            roles.remove(name).write(config.file);
          });
    }
  }

  /** A file operation whose failures become one clear line and exit 1. */
  private interface Work {
    void run() throws IOException, InputFiles.UnreadableFileException;
  }

  private static int guarded(picocli.CommandLine.Model.CommandSpec spec, String verb, Work work) {
    try {
      work.run();
      return 0;
    } catch (IOException | InputFiles.UnreadableFileException | IllegalArgumentException e) {
      String message =
          e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      spec.commandLine().getErr().println("stepwise roles " + verb + ": " + message);
      return 1;
    }
  }
}
