package org.govledger.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RocksDbConfigTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void defaults_syncWrites_compress_andBoundMemory() {
    RocksDbConfig config = RocksDbConfig.defaults();

    assertThat(config.sync()).isTrue();
    assertThat(config.compression()).isTrue();
    assertThat(config.blockCacheBytes()).isEqualTo(256 * MIB);
    assertThat(config.writeBufferBytes()).isEqualTo(64 * MIB);
    assertThat(config.maxWriteBuffers()).isEqualTo(2);
    assertThat(config.bloomBitsPerKey()).isEqualTo(10);
  }

  @Test
  void withSync_changesOnlySync() {
    RocksDbConfig off = RocksDbConfig.defaults().withSync(false);

    assertThat(off.sync()).isFalse();
    assertThat(off.withSync(true)).isEqualTo(RocksDbConfig.defaults());
  }

  @Test
  void withCompression_changesOnlyCompression() {
    RocksDbConfig off = RocksDbConfig.defaults().withCompression(false);

    assertThat(off.compression()).isFalse();
    assertThat(off.withCompression(true)).isEqualTo(RocksDbConfig.defaults());
  }

  @Test
  void construct_withTinyBlockCache_isRefusedNamingTheSetting() {
    assertThatThrownBy(() -> new RocksDbConfig(true, true, 1000, 64 * MIB, 2, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("blockCacheBytes must be at least 1048576, got 1000");
  }

  @Test
  void construct_withOneWriteBuffer_isRefused() {
    assertThatThrownBy(() -> new RocksDbConfig(true, true, 64 * MIB, 64 * MIB, 1, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxWriteBuffers must be at least 2, got 1");
  }

  @Test
  void construct_withBloomBitsOutOfRange_isRefused() {
    assertThatThrownBy(() -> new RocksDbConfig(true, true, 64 * MIB, 64 * MIB, 2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bloomBitsPerKey must be between 1 and 64");
    assertThatThrownBy(() -> new RocksDbConfig(true, true, 64 * MIB, 64 * MIB, 2, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
