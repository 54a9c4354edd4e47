package org.govledger.node.config;

import java.nio.file.Path;

/**
 * Where a node stands in a cluster: the cluster file every node shares, which of its nodes
 * this one is, and whether it is joining a running cluster (it then waits for the admins'
 * {@code add-node} decision before it takes part).
 */
public record ClusterPlace(Path clusterFile, String nodeId, boolean joining) {
  public ClusterPlace(Path clusterFile, String nodeId) {
    this(clusterFile, nodeId, false);
  }

  public ClusterPlace {
    if (clusterFile == null || nodeId == null || nodeId.isBlank()) {
      throw new IllegalArgumentException("a cluster node needs --cluster FILE and --id NAME");
    }
  }
}
