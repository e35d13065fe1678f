package dev.hyper.runtime.results;

import dev.hyper.runtime.toml.ConfigException;
import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.Param;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Tla;
import dev.hyper.runtime.manifest.ManifestFile;
import dev.hyper.runtime.results.Outcomes.Outcome;
import dev.hyper.runtime.status.ExperimentFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects a sweep's results in one pass over its manifest ({@link ManifestFile#forEachRow}): each experiment's
 * outcome ({@link Outcomes}, read on several threads), point ({@link PointGroups}) and values
 * ({@link ParamColumns}) go into columns of a few bytes per experiment; the manifest's rows are then located
 * ({@link ManifestLines}) to be read back when printed, and the experiments ranked ({@link ColumnRows}). Without
 * a manifest, or with a version 1 manifest, the experiments on disk it does not list come after its rows.
 */
final class ResultsReader {
  /** The most threads that read experiments' files. */
  static final int MAX_THREADS = 8;
  /** The most keys of {@code metrics.json} files an error message lists. */
  static final int MAX_KEYS = 1000;

  private final String sweep;
  private final String metric;
  private final List<String> draftWarnings = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private long moreWarnings;
  private final Set<String> keysSeen = new TreeSet<>();
  private final Set<String> numericKeys = new TreeSet<>();
  private String notANumber;
  private boolean anyDone;
  private boolean anyMetric;
  private int size;
  private double[] values;
  private byte[] status;
  private final BitSet changed = new BitSet();

  private ResultsReader(String sweep, String metric, int capacity) {
    this.sweep = sweep;
    this.metric = metric;
    this.values = new double[capacity];
    this.status = new byte[capacity];
  }

  static <P extends Record> SweepResults collect(SweepSpec<P> spec, Path root, Ranking ranking)
      throws HyperException, IOException {
    ManifestFile manifest = ManifestFile.read(root, spec).orElse(null);
    List<Param<P>> params = spec.grid().params();
    List<String> names = params.stream().map(Param::tla).toList();
    long hint = manifest == null ? -1 : manifest.experiments();
    int capacity = hint > 0 && hint < 1 << 30 ? (int) hint : 1024;
    ResultsReader reader = new ResultsReader(spec.name(), ranking.metric(), capacity);
    RowParams rowParams = manifest == null ? null : new RowParams(params, manifest.params());
    ParamColumns columns = new ParamColumns(names, manifest == null ? names : manifest.params(), capacity);
    PointGroups points = new PointGroups(capacity);
    List<ColumnRows.Draft> onDisk = new ArrayList<>();
    ManifestLines lines = null;
    int threads = Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
    try (Outcomes outcomes = new Outcomes(root, spec.name(), ranking.metric(), threads, reader::accept)) {
      Set<String> listed = new HashSet<>();
      if (manifest != null) {
        if (!rowParams.typed()) {
          reader.draftWarnings.add(manifest.path() + ": its columns " + manifest.params() + " are not this jar's"
              + " parameters " + names + "; its values are shown as written");
        }
        manifest.forEachRow(r -> {
          int p = reader.add();
          points.add(r.id());
          columns.addCodes(r.codes(), rowParams);
          outcomes.read(p, r.id(), r.trial(), r.lazyDir() != null);
          if (manifest.version() == 1) {
            listed.add(r.key());
          }
        });
      }
      int inManifest = reader.size;
      if (manifest == null || manifest.version() == 1) {
        for (Path toml : ExperimentFiles.ofSweep(root, spec.name())) {
          String key = toml.getParent().getParent().getFileName() + "/" + toml.getParent().getFileName();
          if (!listed.add(key)) {
            continue;
          }
          try {
            ExperimentConfig<P> c = ExperimentConfig.load(toml, spec);
            String id = c.experiment().id();
            int trial = c.experiment().trial();
            List<Tla> tlas = Tla.of(spec, c.params());
            int p = reader.add();
            points.add(id);
            columns.addTlas(tlas);
            onDisk.add(new ColumnRows.Draft(id, trial, tlas));
            outcomes.read(p, id, trial, false);
            if (manifest != null) {
              reader.draftWarnings.add(toml + ": not listed in " + manifest.path().getFileName());
            }
          } catch (ConfigException e) {
            reader.draftWarnings.add(e.getMessage() + " (left out)");
          }
        }
      }
      outcomes.finish();
      points.finish();
      if (inManifest > 0) {
        lines = ManifestLines.open(manifest);
        if (lines.size() < inManifest) {
          throw new HyperException(manifest.path() + ": changed while it was read (another sweep replaced it); run"
              + " the command again");
        }
      }
      if (reader.size == 0) {
        throw new SweepResults.NoExperiments(spec.name(), root);
      }
      reader.check();
      columns.regroup();
      columns.finish();
      int n = reader.size;
      double[] metricValues = reader.values.length == n ? reader.values : Arrays.copyOf(reader.values, n);
      byte[] statuses = reader.status.length == n ? reader.status : Arrays.copyOf(reader.status, n);
      reader.values = null;
      reader.status = null;
      int[] order = ColumnRows.rank(n, metricValues, statuses, ranking.lowerIsBetter());
      ColumnRows rows = new ColumnRows(order, metricValues, statuses, reader.changed, points, columns, lines,
          rowParams, inManifest, onDisk);
      Map<String, List<String>> axisValues = new LinkedHashMap<>();
      for (int j = 0; j < params.size(); j++) {
        Param<P> p = params.get(j);
        List<String> declared = new ArrayList<>();
        for (Object v : p.values()) {
          declared.add(new Tla(p.tla(), v, p.kind()).text());
        }
        axisValues.put(p.tla(), Marginals.axis(rows, j, declared));
      }
      return new SweepResults(spec.name(), ranking, names, axisValues, rows, reader.warnings());
    } catch (IOException | HyperException | RuntimeException | Error e) {
      if (lines != null) {
        lines.close();
      }
      throw e;
    }
  }

  /** Makes room for the next experiment; its position. */
  private int add() {
    if (size == values.length) {
      int n = size + size / 2 + 16;
      values = Arrays.copyOf(values, n);
      status = Arrays.copyOf(status, n);
    }
    return size++;
  }

  private void accept(int p, Outcome o) {
    status[p] = (byte) o.status().ordinal();
    values[p] = o.metric();
    if (o.changed()) {
      changed.set(p);
    }
    if (o.status() == SweepResults.Status.DONE) {
      anyDone = true;
    }
    if (!Double.isNaN(o.metric())) {
      anyMetric = true;
    }
    for (String w : o.warnings()) {
      if (warnings.size() < SweepResults.MAX_WARNINGS) {
        warnings.add(w);
      } else {
        moreWarnings++;
      }
    }
    if (o.keys() != null) {
      o.keys().forEach((k, number) -> {
        if (keysSeen.size() < MAX_KEYS) {
          keysSeen.add(k);
        }
        if (number && numericKeys.size() < MAX_KEYS) {
          numericKeys.add(k);
        }
      });
    }
    if (notANumber == null && o.notANumber() != null) {
      notANumber = o.notANumber();
    }
  }

  /** Fails when experiments are DONE and none has the metric. */
  private void check() throws HyperException {
    if (anyDone && !anyMetric && notANumber != null) {
      throw new HyperException("results: '" + metric + "' is no number in any metrics.json of sweep '" + sweep
          + "' (" + notANumber + "); rank by a number: " + (numericKeys.isEmpty() ? "none of their keys is one"
          : String.join(", ", numericKeys) + " (choose one with --metric)"));
    }
    if (anyDone && !anyMetric) {
      throw new HyperException("no metrics.json of sweep '" + sweep + "' has '" + metric + "'; their keys: "
          + String.join(", ", keysSeen) + " (choose one with --metric)");
    }
  }

  /**
   * The warnings in the order the report has always listed them: about the manifest and the experiments on
   * disk first, then about single experiments, {@link SweepResults#MAX_WARNINGS} in all and how many more.
   */
  private List<String> warnings() {
    List<String> out = new ArrayList<>(draftWarnings);
    int room = Math.max(0, SweepResults.MAX_WARNINGS - out.size());
    long more = moreWarnings + Math.max(0, warnings.size() - room);
    out.addAll(warnings.subList(0, Math.min(room, warnings.size())));
    if (more > 0) {
      out.add("... and " + more + " more like these");
    }
    return out;
  }
}
