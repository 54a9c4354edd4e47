package org.govledger.node.config;

import java.nio.file.Path;
import org.govledger.consensus.raft.LogRetention;

/**
 * Where a node stands in a cluster: the cluster file every node shares, which of its nodes
 * this one is, whether it is joining a running cluster (it then waits for the admins'
 * {@code add-node} decision before it takes part), and how much of the Raft log it keeps.
 */
public record ClusterPlace(Path clusterFile, String nodeId, boolean joining,
    LogRetention retention) {
  public ClusterPlace(Path clusterFile, String nodeId) {
    this(clusterFile, nodeId, false, LogRetention.DEFAULT);
  }

  public ClusterPlace {
    if (clusterFile == null || nodeId == null || nodeId.isBlank()) {
      throw new IllegalArgumentException("a cluster node needs --cluster FILE and --id NAME");
    }
    if (retention == null) {
      throw new IllegalArgumentException("a cluster node needs a log retention policy");
    }
  }
}
