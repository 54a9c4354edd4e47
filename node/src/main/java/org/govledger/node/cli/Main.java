package org.govledger.node.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code govledger}: the node and its tools, in one jar. */
@Command(
    name = "govledger",
    mixinStandardHelpOptions = true,
    version = "govledger 0.1.0",
    description = "A permissioned ledger for government e-services.",
    subcommands = {
      StartCommand.class,
      KeygenCommand.class,
      SubmitCommand.class,
      AuditCommand.class,
      BenchCommand.class,
      VerifyReceiptCommand.class,
      IssueCommand.class,
      VerifyCredentialCommand.class,
      WalletCommand.class,
      VerifierCommand.class,
      DelegationCommand.class,
      ClusterCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  static {
    AsyncThreads.poolForDefaultAsync();
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line; returns the exit code (0 ok, 1 failed check, 2 usage error). */
  public static int run(String... args) {
    return new CommandLine(new Main())
        // "@file" is ours (--body @file, --claims @file), not picocli's argument files
        .setExpandAtFiles(false)
        // Ids are base64url: one in 64 begins with '-'. An argument picocli does not know as an
        // option is then an id, not "Unknown option".
        .setUnmatchedOptionsArePositionalParams(true)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("error: " + e.getMessage());
          return 2;
        })
        .execute(dashedIdsLast(args));
  }

  /** A record or request id (22 base64url characters) that begins with '-'. */
  private static final Pattern DASHED_ID =
      Pattern.compile("-[A-Za-z0-9_-]{21}");

  /**
   * The arguments with each id that begins with '-' and follows a word (an ACTION, which ids
   * follow) moved behind a "--" at the end. Picocli takes an unknown option as a positional
   * parameter, but one that begins with "-h" or "-V" it reads as -h or -V with more short options
   * clustered behind it, and prints the help. Ids are the last positional of every command that
   * takes one, so moving them keeps their place among the positionals. A line that has "--"
   * already is left as it is.
   */
  static String[] dashedIdsLast(String[] args) {
    List<String> rest = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        return args;
      }
      boolean afterWord = i > 0 && !args[i - 1].startsWith("-");
      (afterWord && DASHED_ID.matcher(args[i]).matches() ? ids : rest).add(args[i]);
    }
    if (ids.isEmpty()) {
      return args;
    }
    rest.add("--");
    rest.addAll(ids);
    return rest.toArray(String[]::new);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
