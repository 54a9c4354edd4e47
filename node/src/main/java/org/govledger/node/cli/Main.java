package org.govledger.node.cli;

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
        .execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
