package org.govledger.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.govledger.client.KeyFile;
import org.govledger.consensus.raft.Cluster;
import org.govledger.consensus.raft.ClusterAuthority;
import org.govledger.consensus.raft.ClusterMember;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.engine.Genesis;

/**
 * Lays out a cluster on one machine for trying it out and for tests:
 *
 * <pre>
 *   DIR/cluster.json           the nodes: ids, Raft addresses, API addresses
 *   DIR/n1/genesis.json        the same genesis in every node's data directory, naming every
 *   DIR/n1/keys/node.json        node key; each node's own key
 *   DIR/n1/keys/admin.json     the demo admin and client keys, copied to every node
 *   DIR/n1/keys/client.json
 *   DIR/n1/tls/                node.key, node.crt: the node's TLS identity for Raft traffic,
 *                                signed by a CA made for this cluster; ca.crt: that CA
 *   DIR/n2/...
 *   DIR/ca/                    the cluster CA's key and certificate, for adding nodes later
 * </pre>
 *
 * A real deployment makes each node's key on its own machine and collects only public keys
 * into the genesis, and has its own CA sign the TLS certificates; this layout puts them side by
 * side.
 */
public final class ClusterSetup {
  private ClusterSetup() {}

  /** The layout of an existing or new cluster directory. */
  public record Layout(Path dir, Cluster cluster) {
    public Path clusterFile() {
      return dir.resolve("cluster.json");
    }

    public Path dataDir(String nodeId) {
      return dir.resolve(nodeId);
    }
  }

  /**
   * Writes a new cluster of {@code nodes} nodes on {@code host}: Raft on {@code firstRaftPort}
   * and up, HTTP on {@code firstApiPort} and up.
   *
   * @throws IOException if {@code dir} already holds a cluster, or cannot be written
   */
  public static Layout create(Path dir, int nodes, String host, int firstRaftPort,
      int firstApiPort, CryptoSuite suite) throws IOException {
    if (nodes < 1 || nodes > 15) {
      throw new IllegalArgumentException("a cluster here has 1..15 nodes, got " + nodes);
    }
    List<ClusterMember> members = new ArrayList<>();
    for (int i = 1; i <= nodes; i++) {
      members.add(new ClusterMember("n" + i, host, firstRaftPort + i - 1,
          Optional.of("http://" + host + ":" + (firstApiPort + i - 1))));
    }
    return create(dir, members, suite);
  }

  /**
   * Writes a new cluster of one node per host in {@code hosts}, named n1, n2, ..., each with
   * Raft on {@code raftPort} and HTTP on {@code apiPort} of its own host.
   */
  public static Layout createOnHosts(Path dir, List<String> hosts, int raftPort, int apiPort,
      CryptoSuite suite) throws IOException {
    List<ClusterMember> members = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      members.add(new ClusterMember("n" + (i + 1), hosts.get(i), raftPort,
          Optional.of("http://" + hosts.get(i) + ":" + apiPort)));
    }
    return create(dir, members, suite);
  }

  private static Layout create(Path dir, List<ClusterMember> members, CryptoSuite suite)
      throws IOException {
    if (Files.exists(dir.resolve("cluster.json"))) {
      throw new IOException(dir + " already holds a cluster (cluster.json); remove it or pick"
          + " another directory");
    }
    SecureRandom random = new SecureRandom();
    List<SignerRecord> signers = new ArrayList<>();
    for (ClusterMember member : members) {
      String id = member.id();
      SigningKey key = suite.generate(random);
      KeyFile.write(dir.resolve(id).resolve("keys/node.json"), key, "node " + id);
      signers.add(Genesis.signer(suite, key.publicKey(), "node " + id,
          Set.of(SignerRecord.ROLE_NODE)));
    }
    SigningKey admin = suite.generate(random);
    SigningKey client = suite.generate(random);
    signers.add(Genesis.signer(suite, admin.publicKey(), "demo admin", Set.of(SignerRecord.ROLE_ADMIN)));
    signers.add(Genesis.signer(suite, client.publicKey(), "demo client", Set.of(SignerRecord.ROLE_CLIENT)));
    Genesis genesis = new Genesis(DemoSetup.DEMO_LEDGER, suite, Instant.now().toEpochMilli(), 1, signers);
    for (ClusterMember m : members) {
      Path data = dir.resolve(m.id());
      DemoSetup.writeGenesis(data.resolve("genesis.json"), genesis);
      KeyFile.write(data.resolve("keys/admin.json"), admin, "demo admin");
      KeyFile.write(data.resolve("keys/client.json"), client, "demo client");
    }
    ClusterAuthority authority = ClusterAuthority.create(genesis.ledger(), random);
    authority.write(dir.resolve("ca"));
    for (ClusterMember m : members) {
      authority.issue(m).write(dir.resolve(m.id()).resolve("tls"));
    }
    Cluster cluster = new Cluster(members);
    cluster.write(dir.resolve("cluster.json"));
    return new Layout(dir, cluster);
  }

  /**
   * Prepares node {@code id} to join the cluster in {@code dir}: its data directory (the same
   * genesis, a new node key, the demo admin and client keys, a TLS certificate from the
   * cluster's CA), its entry in {@code cluster.json}, and {@code add-node.json}, the governance
   * proposal the admins submit to let it in.
   *
   * @return the new member
   */
  public static ClusterMember addNode(Path dir, String id, String host, int raftPort, int apiPort)
      throws IOException {
    Layout layout = open(dir);
    if (layout.cluster().member(id).isPresent()) {
      throw new IOException("node " + id + " is already in " + layout.clusterFile());
    }
    ClusterMember first = layout.cluster().members().get(0);
    Path from = layout.dataDir(first.id());
    Genesis genesis = DemoSetup.readGenesis(from.resolve("genesis.json"));
    ClusterMember member = new ClusterMember(id, host, raftPort,
        Optional.of("http://" + host + ":" + apiPort));
    Path data = layout.dataDir(id);
    if (Files.exists(data)) {
      throw new IOException(data + " exists already; remove it or pick another id");
    }
    SecureRandom random = new SecureRandom();
    SigningKey key = genesis.suite().generate(random);
    KeyFile.write(data.resolve("keys/node.json"), key, "node " + id);
    DemoSetup.writeGenesis(data.resolve("genesis.json"), genesis);
    for (String demoKey : List.of("admin.json", "client.json")) {
      Files.copy(from.resolve("keys").resolve(demoKey), data.resolve("keys").resolve(demoKey));
    }
    ClusterAuthority.read(dir.resolve("ca"), random).issue(member).write(data.resolve("tls"));
    List<ClusterMember> members = new ArrayList<>(layout.cluster().members());
    members.add(member);
    new Cluster(members).write(layout.clusterFile());
    var change = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
    var c = change.putObject("change");
    c.put("action", "add-node");
    c.put("id", id);
    c.put("raft", member.raftAddress());
    c.put("publicKey", java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(key.publicKey()));
    c.put("name", "node " + id);
    Files.writeString(data.resolve("add-node.json"), change.toPrettyString());
    return member;
  }

  /** Reads the cluster in {@code dir}. */
  public static Layout open(Path dir) throws IOException {
    return new Layout(dir, Cluster.read(dir.resolve("cluster.json")));
  }
}
