package dev.hyper.runtime.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ArrayChunkTest {
  @Test
  void aSweepBelowTheCapIsOneChunk() {
    List<ArrayChunk> chunks = ArrayChunk.split(LongStream.range(0, 72).boxed().toList(), 10001);
    assertEquals(1, chunks.size());
    assertEquals(0, chunks.get(0).offset());
    assertEquals("0-71", chunks.get(0).arraySpec(0));
    assertEquals("0-71%4", chunks.get(0).arraySpec(4));
  }

  @Test
  void theCapIsOnTheIndexSoLargeSweepsSplitWithOffsets() {
    List<ArrayChunk> chunks = ArrayChunk.split(LongStream.range(0, 2500).boxed().toList(), 1000);
    assertEquals(3, chunks.size());
    assertEquals(List.of(0L, 1000L, 2000L), chunks.stream().map(ArrayChunk::offset).toList());
    assertEquals(List.of("0-999", "0-999", "0-499"), chunks.stream().map(c -> c.arraySpec(0)).toList());
    assertEquals(2500, chunks.stream().mapToInt(ArrayChunk::size).sum(), "nothing submitted twice or lost");
  }

  @Test
  void onlyTheGivenTasksAreSubmitted() {
    List<ArrayChunk> chunks = ArrayChunk.split(List.of(3L, 4L, 5L, 7L, 9L, 10L, 12L, 13L), 10);
    assertEquals(2, chunks.size());
    assertEquals("3-5,7,9", chunks.get(0).arraySpec(0));
    assertEquals(10, chunks.get(1).offset());
    assertEquals("0,2-3%2", chunks.get(1).arraySpec(2));
  }

  @Test
  void tasksMustBeAscending() {
    assertThrows(IllegalArgumentException.class, () -> ArrayChunk.split(List.of(2L, 1L), 10));
    assertThrows(IllegalArgumentException.class, () -> ArrayChunk.split(List.of(1L), 0));
  }
}
