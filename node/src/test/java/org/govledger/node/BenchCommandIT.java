package org.govledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.govledger.node.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code govledger bench} runs end to end and reports every figure it promises. A smoke test with
 * one-second phases: it asserts what is reported, never how fast (speed is for the benchmark).
 */
class BenchCommandIT {
  @TempDir Path dir;

  @Test
  void bench_shortRun_reportsEveryFigureOfEveryWorkload_andCommitsVerifiesAndGrantsEverything() {
    PrintStream out = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run("bench", "--duration", "1", "--warmup", "1", "--work-dir", dir.toString());
    } finally {
      System.setOut(out);
    }
    String report = buf.toString(StandardCharsets.UTF_8);
    assertThat(code).as(report).isZero();
    assertThat(report)
        .contains("nodes run with [-Xmx512m, -Xms512m, -XX:+UseZGC, -XX:+ExitOnOutOfMemoryError]")
        .contains("Ed25519 verify")
        .contains("in batches of 64")
        .contains("synced RocksDB batch writes")
        .contains("saturation, sync on")
        .contains("saturation, sync off")
        .contains("offered 1157 tx/s")
        .containsPattern("(?m)^saturation, sync on :.* CPU +\\d+%  blocks [1-9]\\d* \\(\\d+ tx each\\)$")
        .containsPattern("(?m)^offered 1157 tx/s .* CPU +\\d+%  blocks [1-9]\\d* \\(\\d+ tx each\\)$")
        .contains("bytes per committed transaction after compaction")
        .contains("node heap after the runs")
        .contains("errors: sync on {}, sync off {}, fixed rate {}")
        .contains("P-256 verify")
        .contains("issuance, saturation")
        .contains("certificates/s issued and anchored")
        .contains("verification, offered 1000/s, nothing else")
        .contains("verification, offered 1000/s, issuing 200/s")
        .contains("issuance alongside, offered 200/s")
        .contains("verification, saturation")
        .contains("target: verification p99 <= 5 ms")
        .contains("verifications/s at saturation / all-core Ed25519 verify limit")
        .contains("certificate errors: issuance {}, issuance alongside {}, verification offered {} and {},"
            + " verification saturation {}; refused issues 0")
        .doesNotContain("first answer not valid")
        .contains("consent flows, saturation (64 concurrent)")
        .contains("consent flows, offered 500/s")
        .containsPattern("consent node warm-up: [1-9]\\d* s of warm-up, after which the JIT compiled for at"
            + " most [0-9.]+ s in \\d+ s on each node")
        .contains("flows/s granted")
        .contains("the verifier's check = the POST /api/v1/presentations call")
        .containsPattern("steps, p50 / p99 / max ms: request [0-9.]+ / [0-9.]+ / [0-9.]+; fetch .*; consent .*;"
            + " the verifier's check [0-9.]+ / [0-9.]+ / [0-9.]+; result [0-9.]+ / [0-9.]+ / [0-9.]+;"
            + " claims released [0-9.]+ / [0-9.]+ / [0-9.]+")
        .containsPattern("target: the verifier's check p99 <= 10 ms at 500 flows/s offered: (met|NOT met)")
        .contains("consent flows/s at saturation / all-core Ed25519 verify limit")
        .containsPattern("the signature limit of a flow's checks on the node \\(2 Ed25519 verifications and 2 signatures \\+ 2 P-256")
        .containsPattern("(?m)^consent errors: saturation \\{\\}, offered 500/s \\{\\}(, offered \\d+/s \\{\\})*$")
        .doesNotContain("first failed flow")
        .containsPattern("bills, offered 18\\.5/s \\(10 x 160,000 a day\\)\\s*: +[0-9.]+ bills/s  p50 +[0-9.]+ ms  p99 +[0-9.]+ ms")
        .containsPattern("claims, offered 18\\.5/s alongside\\s*: +[0-9.]+ claims/s")
        .containsPattern("bills, saturation \\(\\d+ threads\\)\\s*: +[0-9.]+ bills/s .* errors 0")
        .containsPattern("claims, saturation \\(\\d+ threads\\)\\s*: +[0-9.]+ claims/s .* errors 0");
    Matcher valid = Pattern.compile("valid (\\d+) of (\\d+)").matcher(report);
    List<String> verdicts = new ArrayList<>();
    while (valid.find()) {
      verdicts.add(valid.group());
    }
    assertThat(verdicts).as("verification runs, each with every presentation valid").hasSize(3)
        .allSatisfy(v -> assertThat(v).matches("valid [1-9]\\d* of \\d+")
            .matches("valid (\\d+) of \\1"));
    Matcher granted = Pattern.compile("granted (\\d+) of (\\d+)").matcher(report);
    List<String> flows = new ArrayList<>();
    while (granted.find()) {
      flows.add(granted.group());
    }
    assertThat(flows).as("consent runs (saturation, offered, any lower rates), each with every flow granted")
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(g -> assertThat(g).matches("granted [1-9]\\d* of \\d+").matches("granted (\\d+) of \\1"));
    assertThat(Files.exists(dir.resolve("sync-on/store"))).isTrue();
    assertThat(Files.exists(dir.resolve("certificates/store"))).isTrue();
    assertThat(Files.exists(dir.resolve("consent/store"))).isTrue();
  }

  @Test
  void bench_clusterWorkload_reportsOneNodeThreeNodesAndCatchUp() {
    String report = CommandOutput.of("bench", "--workload", "cluster", "--duration", "1",
        "--warmup", "1", "--work-dir", dir.resolve("cluster-run").toString());
    assertThat(report)
        .containsPattern("one node, saturation +: +[0-9]+ tx/s committed")
        .containsPattern("3 nodes, saturation +: +[1-9][0-9]* tx/s committed")
        .containsPattern("3 nodes, +1157 tx/s +: +[1-9][0-9]* tx/s committed")
        .containsPattern("catch-up: [1-9][0-9]* transactions missed while 2 nodes committed [0-9]+ tx/s;"
            + " replayed in [0-9.]+ s \\([0-9.]+ s of it JVM start until ready; the first half by"
            + " [0-9.]+ s\\)")
        .contains("errors: one node {} / {}, cluster {} / {}")
        .containsPattern("warm-up at saturation: one node [1-9]\\d* s of warm-up, .*; 3 nodes"
            + " [1-9]\\d* s of warm-up")
        .containsPattern("warm-up at 1157 tx/s: one node [1-9]\\d* s of warm-up, .*; 3 nodes"
            + " [1-9]\\d* s of warm-up")
        .contains("ratios: cluster / one node tx/s = ");
  }
}
