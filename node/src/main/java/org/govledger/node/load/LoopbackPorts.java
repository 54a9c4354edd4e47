package org.govledger.node.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free TCP ports on this machine, for nodes that a benchmark or a test starts. */
public final class LoopbackPorts {
  private LoopbackPorts() {}

  /**
   * The first of {@code count} consecutive ports that are free now (a cluster file names its
   * nodes' Raft ports counting up from one). Another process may still take one before it is used.
   */
  public static int consecutive(int count) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base;
      try (ServerSocket s = new ServerSocket(0)) {
        base = s.getLocalPort();
      }
      if (base + count > 65535) {
        continue;
      }
      List<ServerSocket> held = new ArrayList<>();
      try {
        for (int p = base; p < base + count; p++) {
          held.add(new ServerSocket(p));
        }
        return base;
      } catch (IOException taken) {
        // try another base
      } finally {
        for (ServerSocket s : held) {
          s.close();
        }
      }
    }
    throw new IOException("found no " + count + " consecutive free ports in 50 tries");
  }
}
