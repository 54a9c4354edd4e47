package org.govledger.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandOptionsTest {

  @Test
  void nodeGc_defaultsToZgc_andTakesG1() {
    BenchCommand defaults = new BenchCommand();
    new CommandLine(defaults).parseArgs();
    BenchCommand g1 = new BenchCommand();
    new CommandLine(g1).parseArgs("--node-gc", "g1");

    assertThat(defaults.nodeGc.flag).isEqualTo("-XX:+UseZGC");
    assertThat(g1.nodeGc.flag).isEqualTo("-XX:+UseG1GC");
  }

  @Test
  void nodeGc_unknown_isRefusedNamingTheChoices() {
    assertThatThrownBy(() -> new CommandLine(new BenchCommand()).parseArgs("--node-gc", "cms"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--node-gc is zgc or g1, not cms");
  }
}
