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
  void bench_shortRun_reportsEveryFigureOfBothWorkloads_andCommitsAndVerifiesEverything() {
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
        .contains("Ed25519 verify")
        .contains("synced RocksDB batch writes")
        .contains("saturation, sync on")
        .contains("saturation, sync off")
        .contains("offered 1157 tx/s")
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
        .doesNotContain("first answer not valid");
    Matcher valid = Pattern.compile("valid (\\d+) of (\\d+)").matcher(report);
    List<String> verdicts = new ArrayList<>();
    while (valid.find()) {
      verdicts.add(valid.group());
    }
    assertThat(verdicts).as("verification runs, each with every presentation valid").hasSize(3)
        .allSatisfy(v -> assertThat(v).matches("valid [1-9]\\d* of \\d+")
            .matches("valid (\\d+) of \\1"));
    assertThat(Files.exists(dir.resolve("sync-on/store"))).isTrue();
    assertThat(Files.exists(dir.resolve("certificates/store"))).isTrue();
  }
}
