package org.govledger.node.config;

import java.nio.file.Path;

/**
 * Where a node stands in a cluster: the cluster file every node shares, and which of its nodes
 * this one is.
 */
public record ClusterPlace(Path clusterFile, String nodeId) {
  public ClusterPlace {
    if (clusterFile == null || nodeId == null || nodeId.isBlank()) {
      throw new IllegalArgumentException("a cluster node needs --cluster FILE and --id NAME");
    }
  }
}
