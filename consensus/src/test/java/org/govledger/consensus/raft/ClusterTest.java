package org.govledger.consensus.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void writeThenRead_givesTheSameCluster(@TempDir Path dir) throws Exception {
    Cluster c = new Cluster(java.util.List.of(
        new ClusterMember("n1", "127.0.0.1", 9101, Optional.of("http://127.0.0.1:8081")),
        new ClusterMember("shenzhen-2", "10.0.0.2", 9101, Optional.empty())));
    c.write(dir.resolve("cluster.json"));
    assertThat(Cluster.read(dir.resolve("cluster.json"))).isEqualTo(c);
    assertThat(c.require("shenzhen-2").raftAddress()).isEqualTo("10.0.0.2:9101");
  }

  @Test
  void badFiles_areRefusedWithTheProblemNamed(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> parse("{\"nodes\": {}}")).hasMessageContaining("expected {\"nodes\"");
    assertThatThrownBy(() -> parse("{\"nodes\": []}")).hasMessageContaining("at least one node");
    assertThatThrownBy(() -> parse("{\"nodes\": [{\"id\": \"n1\", \"raft\": \"nohost\"}]}"))
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> parse("{\"nodes\": [{\"id\": \"n1\", \"raft\": \"h:x\"}]}"))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> parse("{\"nodes\": [{\"id\": \"n1\", \"raft\": \"h:70000\"}]}"))
        .hasMessageContaining("1..65535");
    assertThatThrownBy(() -> parse("{\"nodes\": [{\"id\": \"N 1\", \"raft\": \"h:1\"}]}"))
        .hasMessageContaining("lower-case");
    assertThatThrownBy(() -> parse("{\"nodes\": [{\"id\": \"n1\", \"raft\": \"h:1\"},"
        + " {\"id\": \"n1\", \"raft\": \"h:2\"}]}")).hasMessageContaining("listed twice");
    assertThatThrownBy(() -> parse("{\"nodes\": [{\"id\": \"n1\", \"raft\": \"h:1\"},"
        + " {\"id\": \"n2\", \"raft\": \"h:1\"}]}")).hasMessageContaining("h:1 is listed twice");
    Files.writeString(dir.resolve("broken.json"), "{nodes");
    assertThatThrownBy(() -> Cluster.read(dir.resolve("broken.json")))
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> Cluster.read(dir.resolve("missing.json")))
        .hasMessageContaining("no cluster file");
    Cluster one = parse("{\"nodes\": [{\"id\": \"n1\", \"raft\": \"h:1\"}]}");
    assertThatThrownBy(() -> one.require("n9")).hasMessageContaining("its nodes are [n1]");
  }

  private static Cluster parse(String json) throws Exception {
    return Cluster.fromJson(MAPPER.readTree(json));
  }
}
