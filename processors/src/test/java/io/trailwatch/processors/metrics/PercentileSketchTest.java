package io.trailwatch.processors.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.SparseStore;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PercentileSketchTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 6, 20, 60})
    void bothEncodingsRoundTripByteExact(final int decades) {
        final Random random = new Random(decades);
        final PercentileSketch sketch = PercentileSketch.empty();
        for (int i = 0; i < 20_000; i++) {
            sketch.accept(i % 50 == 0 ? 0 : Math.pow(10, decades * (random.nextDouble() - 0.5)), 1 + random.nextInt(3));
        }
        final ByteBuffer protobuf = sketch.toProtobuf();
        assertThat(PercentileSketch.fromProtobuf(protobuf).toProtobuf()).isEqualTo(protobuf);
        final byte[] compact = compact(sketch);
        assertThat(compact(PercentileSketch.decodeCompact(ByteArrayInput.wrap(compact)))).isEqualTo(compact);
        assertThat(PercentileSketch.decodeCompact(ByteArrayInput.wrap(compact)).toProtobuf()).isEqualTo(protobuf);
    }

    @Test
    void compactEncodingKeepsFractionalAndHugeCountsAndZerosExactly() {
        final PercentileSketch sketch = PercentileSketch.empty();
        sketch.accept(0, 0.1);
        sketch.accept(0, 0.2);
        sketch.accept(5, 1e300);
        sketch.accept(7, 0.25);
        sketch.accept(1e-100, 3);
        final byte[] compact = compact(sketch);
        final PercentileSketch back = PercentileSketch.decodeCompact(ByteArrayInput.wrap(compact));
        assertThat(compact(back)).isEqualTo(compact);
        assertThat(back.toProtobuf()).isEqualTo(sketch.toProtobuf());
    }

    @Test
    void compactEncodingOfOneOrTwoBins() {
        for (final double[] values : new double[][] {{}, {0}, {3}, {3, 300}, {0, 3, 300}}) {
            final PercentileSketch sketch = PercentileSketch.empty();
            for (final double v : values) {
                sketch.accept(v, 2);
            }
            final byte[] compact = compact(sketch);
            assertThat(PercentileSketch.decodeCompact(ByteArrayInput.wrap(compact)).toProtobuf())
                    .as("values %s", Arrays.toString(values)).isEqualTo(sketch.toProtobuf());
        }
    }

    @Test
    void compactDecodingRejectsCorruptInput() {
        final List<byte[]> corrupt = List.of(
                new byte[] {},                                  // no zero count
                new byte[] {0},                                 // no bin count
                new byte[] {0, 1, 2},                           // highest bin without count
                new byte[] {0, 2, 2, 2, 2, 2},                  // lowest bin 1 not below highest 1
                new byte[] {0, 3, 4, 2, 0, 2, 4, 2},            // bin 0 + 4 beyond the highest, 2
                new byte[] {0, 9, 4, 2, 0, 2},                  // 9 bins cannot fit between 0 and 2
                new byte[] {0, 1, 4, 2, 7},                     // a byte after the last bin
                new byte[] {3},                                 // raw-double count, truncated
                new byte[] {0, 1, 4, 1, 0, 0, 0, 0, 0, 0, (byte) 0xF8, (byte) 0x7F},  // NaN count
                new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        for (final byte[] bad : corrupt) {
            assertThatThrownBy(() -> PercentileSketch.decodeCompact(ByteArrayInput.wrap(bad)))
                    .as("bytes %s", Arrays.toString(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void readsBinCountMapsAsWrittenBySparseStores() {
        final DDSketch sparse = new DDSketch(new LogarithmicMapping(PercentileSketch.RELATIVE_ACCURACY), SparseStore::new);
        final PercentileSketch dense = PercentileSketch.empty();
        for (final double v : new double[] {0.001, 1, 1, 2.5, 1e6, 0}) {
            sparse.accept(v);
            dense.accept(v, 1);
        }
        assertThat(PercentileSketch.fromProtobuf(sparse.serialize()).toProtobuf()).isEqualTo(dense.toProtobuf());
    }

    @Test
    void readsUnpackedContiguousCounts() {
        // Store{contiguousBinCounts = 2 (unpacked: 3.0, 4.0), contiguousBinIndexOffset = 3 (zigzag 10 -> 20)}
        final ByteBuffer store = ByteBuffer.allocate(2 * 9 + 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        store.put((byte) 0x11).putDouble(3.0).put((byte) 0x11).putDouble(4.0).put((byte) 0x18).put((byte) 20).flip();
        final ByteBuffer mapping = PercentileSketch.empty().toProtobuf();
        final ByteBuffer message = ByteBuffer.allocate(mapping.remaining() + 2 + store.remaining());
        message.put(mapping).put((byte) 0x12).put((byte) store.remaining()).put(store).flip();

        final PercentileSketch expected = PercentileSketch.empty();
        final LogarithmicMapping indexMapping = new LogarithmicMapping(PercentileSketch.RELATIVE_ACCURACY);
        expected.accept(indexMapping.value(10), 3);
        expected.accept(indexMapping.value(11), 4);
        assertThat(PercentileSketch.fromProtobuf(message).toProtobuf()).isEqualTo(expected.toProtobuf());
    }

    @Test
    void rejectsSketchesWithAnotherMapping() {
        final DDSketch coarser = new DDSketch(0.02);
        coarser.accept(1);
        assertThatThrownBy(() -> PercentileSketch.fromProtobuf(coarser.serialize()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mapping");
        final DDSketch interpolated = DDSketches.unboundedDense(PercentileSketch.RELATIVE_ACCURACY);
        interpolated.accept(1);
        assertThatThrownBy(() -> PercentileSketch.fromProtobuf(interpolated.serialize()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interpolated");
    }

    @Test
    void rejectsSketchesHoldingNegativeValues() {
        final DDSketch signed = new DDSketch(PercentileSketch.RELATIVE_ACCURACY);
        signed.accept(-1);
        assertThatThrownBy(() -> PercentileSketch.fromProtobuf(signed.serialize()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    /**
     * Protobuf has no terminator, so a cut between fields is just a shorter message; a cut inside a
     * field must fail rather than yield a wrong sketch.
     */
    @Test
    void rejectsBytesCutInsideAFieldAndGarbage() {
        final PercentileSketch sketch = PercentileSketch.empty();
        sketch.accept(3, 1);
        sketch.accept(300, 1);
        final byte[] bytes = new byte[sketch.toProtobuf().remaining()];
        sketch.toProtobuf().get(bytes);
        final int insideGamma = 6;
        final int insidePositiveCounts = 11 + 8;
        for (final int cut : new int[] {1, 2, insideGamma, 12, insidePositiveCounts, bytes.length - 1}) {
            final ByteBuffer truncated = ByteBuffer.wrap(Arrays.copyOf(bytes, cut));
            assertThatThrownBy(() -> PercentileSketch.fromProtobuf(truncated)).as("cut at %d", cut)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        final ByteBuffer garbage = ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        assertThatThrownBy(() -> PercentileSketch.fromProtobuf(garbage)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsFromABufferWithAnArrayOffset() {
        final PercentileSketch sketch = PercentileSketch.empty();
        sketch.accept(7, 2);
        final ByteBuffer bytes = sketch.toProtobuf();
        final ByteBuffer padded = ByteBuffer.allocate(bytes.remaining() + 5).position(5).put(bytes).position(5).slice();
        assertThat(PercentileSketch.fromProtobuf(padded).toProtobuf()).isEqualTo(sketch.toProtobuf());
    }

    private static byte[] compact(final PercentileSketch sketch) {
        final GrowingByteArrayOutput out = GrowingByteArrayOutput.withDefaultInitialCapacity();
        sketch.encodeCompact(out);
        return out.trimmedCopy();
    }
}
