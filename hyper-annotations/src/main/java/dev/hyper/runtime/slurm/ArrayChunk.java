package dev.hyper.runtime.slurm;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code sbatch --array} submission: the experiments {@code offset + i} for each array index
 * {@code i}. SLURM caps array indexes (not counts) below {@code MaxArraySize}, so a sweep larger than
 * that is split into chunks of indexes {@code [k*max, (k+1)*max)}, each submitted with its offset.
 *
 * @param offset added to {@code SLURM_ARRAY_TASK_ID} to get the experiment's task number
 * @param indexes the array indexes of this chunk, ascending, each below the cap
 */
public record ArrayChunk(long offset, List<Integer> indexes) {
  public ArrayChunk {
    indexes = List.copyOf(indexes);
    if (indexes.isEmpty()) {
      throw new IllegalArgumentException("an array chunk needs at least one index");
    }
  }

  /**
   * Splits task numbers (ascending, distinct) into chunks whose indexes stay below
   * {@code maxArraySize}.
   */
  public static List<ArrayChunk> split(List<Long> tasks, int maxArraySize) {
    if (maxArraySize < 1) {
      throw new IllegalArgumentException("MaxArraySize must be >= 1, was " + maxArraySize);
    }
    List<ArrayChunk> chunks = new ArrayList<>();
    long currentBlock = -1;
    List<Integer> indexes = new ArrayList<>();
    long previous = -1;
    for (long task : tasks) {
      if (task <= previous) {
        throw new IllegalArgumentException("tasks must be ascending and distinct: " + previous + ", " + task);
      }
      previous = task;
      long block = task / maxArraySize;
      if (block != currentBlock && !indexes.isEmpty()) {
        chunks.add(new ArrayChunk(currentBlock * maxArraySize, indexes));
        indexes = new ArrayList<>();
      }
      currentBlock = block;
      indexes.add((int) (task - block * maxArraySize));
    }
    if (!indexes.isEmpty()) {
      chunks.add(new ArrayChunk(currentBlock * maxArraySize, indexes));
    }
    return chunks;
  }

  /** The value of {@code --array}: ranges and single indexes, e.g. {@code 0-5,7,9-12}, then {@code %N}. */
  public String arraySpec(int maxParallel) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < indexes.size()) {
      int start = indexes.get(i);
      int end = start;
      while (i + 1 < indexes.size() && indexes.get(i + 1) == end + 1) {
        end = indexes.get(++i);
      }
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(start);
      if (end > start) {
        sb.append('-').append(end);
      }
      i++;
    }
    if (maxParallel > 0) {
      sb.append('%').append(maxParallel);
    }
    return sb.toString();
  }

  /** How many tasks this chunk runs. */
  public int size() {
    return indexes.size();
  }
}
