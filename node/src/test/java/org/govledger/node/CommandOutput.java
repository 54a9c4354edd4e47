package org.govledger.node;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.govledger.node.cli.Main;

/** Runs a {@code govledger} command in this JVM and returns what it printed on stdout. */
final class CommandOutput {
  private CommandOutput() {}

  static String of(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      Main.run(args);
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8).trim();
  }
}
