package org.govledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.govledger.ledger.block.BlockHeader;
import org.govledger.ledger.crypto.CryptoSuite;

/**
 * Compares the chains that several nodes of one ledger serve, block by block: each header must
 * hash to the hash the node states for it, link to the node's previous block, and equal the
 * header most nodes have at that height. A node whose store was altered shows up here even while
 * it runs normally, because its blocks no longer match the others'.
 */
public final class ChainComparison {
  /** One node to compare: a name for people and its API. */
  public record Peer(String name, GovLedgerClient api) {}

  /** The first thing found wrong with one node. */
  public record Finding(String node, long height, String what) {
    @Override
    public String toString() {
      return node + " at block " + height + ": " + what;
    }
  }

  /** What the comparison found over blocks {@code from..to}. */
  public record Result(long from, long to, List<Finding> findings) {
    public Result {
      findings = List.copyOf(findings);
    }

    public boolean agree() {
      return findings.isEmpty();
    }
  }

  private final List<Peer> peers;

  public ChainComparison(List<Peer> peers) {
    if (peers.size() < 2) {
      throw new IllegalArgumentException("comparing chains needs at least two nodes, got " + peers.size());
    }
    this.peers = List.copyOf(peers);
  }

  /**
   * Compares blocks {@code from} up to the lowest head among the nodes.
   *
   * @param progress told each height as it is compared
   * @throws ClientException if a node cannot be read
   */
  public Result run(long from, LongConsumer progress) throws ClientException {
    CryptoSuite suite = null;
    long to = Long.MAX_VALUE;
    for (Peer p : peers) {
      JsonNode info = p.api().info();
      CryptoSuite s = CryptoSuite.fromId(info.path("suite").asText());
      if (suite != null && s != suite) {
        throw new IllegalArgumentException(p.name() + " runs suite " + s.id() + ", the others "
            + suite.id() + ": not the same ledger");
      }
      suite = s;
      to = Math.min(to, info.path("height").asLong());
    }
    Map<String, Finding> found = new LinkedHashMap<>();
    Map<String, byte[]> previous = new LinkedHashMap<>();
    for (long h = Math.max(0, from); h <= to; h++) {
      progress.accept(h);
      Map<String, BlockHeader> headers = new LinkedHashMap<>();
      Map<String, String> hashes = new LinkedHashMap<>();
      for (Peer p : peers) {
        if (found.containsKey(p.name())) {
          continue; // report each node's first problem only
        }
        JsonNode block = p.api().get("/api/v1/blocks/" + h);
        BlockHeader header;
        try {
          header = BlockHeader.fromJson(block.path("header"));
        } catch (IllegalArgumentException e) {
          found.put(p.name(), new Finding(p.name(), h, "header does not parse: " + e.getMessage()));
          continue;
        }
        byte[] hash = header.hash(suite.hash());
        String stated = block.path("hash").asText();
        if (!HexFormat.of().formatHex(hash).equals(stated)) {
          found.put(p.name(), new Finding(p.name(), h, "header does not hash to the stated " + stated));
          continue;
        }
        byte[] prev = previous.get(p.name());
        if (h > from && prev != null && !Arrays.equals(prev, header.previous())) {
          found.put(p.name(), new Finding(p.name(), h, "does not link to its block " + (h - 1)));
          continue;
        }
        previous.put(p.name(), hash);
        headers.put(p.name(), header);
        hashes.put(p.name(), stated);
      }
      majorityCheck(h, headers, hashes).forEach(f -> found.putIfAbsent(f.node(), f));
    }
    return new Result(from, to, new ArrayList<>(found.values()));
  }

  /** Nodes whose block differs from the one most nodes have; a tie names no one. */
  private static List<Finding> majorityCheck(long h, Map<String, BlockHeader> headers,
      Map<String, String> hashes) {
    Map<String, Integer> votes = new LinkedHashMap<>();
    hashes.values().forEach(x -> votes.merge(x, 1, Integer::sum));
    if (votes.size() < 2) {
      return List.of();
    }
    int best = votes.values().stream().max(Integer::compare).orElseThrow();
    List<String> top = votes.entrySet().stream().filter(e -> e.getValue() == best)
        .map(Map.Entry::getKey).toList();
    List<Finding> out = new ArrayList<>();
    if (top.size() > 1) {
      for (String node : hashes.keySet()) {
        out.add(new Finding(node, h, "no majority: the nodes have " + votes.size()
            + " different blocks at this height"));
      }
      return out;
    }
    String majority = top.get(0);
    BlockHeader reference = headers.entrySet().stream()
        .filter(e -> hashes.get(e.getKey()).equals(majority)).findFirst().orElseThrow().getValue();
    List<String> agreeing = hashes.entrySet().stream().filter(e -> e.getValue().equals(majority))
        .map(Map.Entry::getKey).toList();
    for (var e : hashes.entrySet()) {
      if (!e.getValue().equals(majority)) {
        out.add(new Finding(e.getKey(), h, "differs from " + String.join(", ", agreeing) + " ("
            + difference(headers.get(e.getKey()), reference) + ")"));
      }
    }
    return out;
  }

  private static String difference(BlockHeader mine, BlockHeader theirs) {
    if (!Arrays.equals(mine.stateRoot(), theirs.stateRoot())) {
      return "state root differs";
    }
    if (!Arrays.equals(mine.txRoot(), theirs.txRoot())) {
      return "transaction root differs";
    }
    if (!Arrays.equals(mine.previous(), theirs.previous())) {
      return "previous-block hash differs";
    }
    return "header differs: " + mine.toJson();
  }
}
