package org.govledger.consensus.raft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The nodes of one ledger's Raft group, read from a cluster file:
 *
 * <pre>
 * { "nodes": [
 *     { "id": "n1", "raft": "127.0.0.1:9101", "api": "http://127.0.0.1:8081" },
 *     { "id": "n2", "raft": "127.0.0.1:9102", "api": "http://127.0.0.1:8082" },
 *     { "id": "n3", "raft": "127.0.0.1:9103", "api": "http://127.0.0.1:8083" } ] }
 * </pre>
 *
 * Every node of the cluster starts from the same file (and the same genesis).
 */
public record Cluster(List<ClusterMember> members) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public Cluster {
    members = List.copyOf(members);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a cluster needs at least one node");
    }
    Set<String> ids = new HashSet<>();
    Set<String> addresses = new HashSet<>();
    for (ClusterMember m : members) {
      if (!ids.add(m.id())) {
        throw new IllegalArgumentException("node id " + m.id() + " is listed twice");
      }
      if (!addresses.add(m.raftAddress())) {
        throw new IllegalArgumentException("raft address " + m.raftAddress() + " is listed twice");
      }
    }
  }

  public Optional<ClusterMember> member(String id) {
    return members.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /** The member named {@code id}, or an error listing the names there are. */
  public ClusterMember require(String id) {
    return member(id).orElseThrow(() -> new IllegalArgumentException("node \"" + id
        + "\" is not in the cluster file; its nodes are "
        + members.stream().map(ClusterMember::id).toList()));
  }

  public static Cluster read(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new IOException("no cluster file at " + file);
    }
    try {
      return fromJson(MAPPER.readTree(file.toFile()));
    } catch (IllegalArgumentException e) {
      throw new IOException("cluster file " + file + ": " + e.getMessage(), e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException("cluster file " + file + " is not valid JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson()));
  }

  public static Cluster fromJson(JsonNode root) {
    JsonNode nodes = root.path("nodes");
    if (!nodes.isArray()) {
      throw new IllegalArgumentException("expected {\"nodes\": [{\"id\": ..., \"raft\": \"host:port\"}, ...]}");
    }
    List<ClusterMember> members = new java.util.ArrayList<>();
    for (JsonNode n : nodes) {
      String id = n.path("id").asText(null);
      String raft = n.path("raft").asText("");
      int colon = raft.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("node " + id + ": \"raft\" must be host:port, got \"" + raft + "\"");
      }
      int port;
      try {
        port = Integer.parseInt(raft.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("node " + id + ": the port in \"" + raft + "\" is not a number");
      }
      Optional<String> api = n.hasNonNull("api") ? Optional.of(n.get("api").asText()) : Optional.empty();
      members.add(new ClusterMember(id, raft.substring(0, colon), port, api));
    }
    return new Cluster(members);
  }

  public ObjectNode toJson() {
    ObjectNode o = MAPPER.createObjectNode();
    ArrayNode arr = o.putArray("nodes");
    for (ClusterMember m : members) {
      ObjectNode n = arr.addObject();
      n.put("id", m.id());
      n.put("raft", m.raftAddress());
      m.api().ifPresent(a -> n.put("api", a));
    }
    return o;
  }
}
