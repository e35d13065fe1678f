package dev.hyper.runtime.cli;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.halving.RungSummary;
import dev.hyper.runtime.io.AtomicFiles;
import dev.hyper.runtime.results.Ranking;
import dev.hyper.runtime.results.ResultsHtml;
import dev.hyper.runtime.results.ResultsJson;
import dev.hyper.runtime.results.ResultsText;
import dev.hyper.runtime.results.SweepResults;
import dev.hyper.runtime.text.Printable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "results", description = {
    "What a sweep found: one row per experiment (id, trial, every param, status, the metric from its"
        + " metrics.json), best first (smaller or larger first by --goal, else by the sweep's @Sweep(goal), else as"
        + " guessed from the metric's name; the report says which), then the best experiment, the best point (mean +- std over its trials) and"
        + " the metric's mean for each value of each parameter.",
    "Every experiment of the sweep is listed: DONE, FAILED, RUNNING (started, not finished: running or killed),"
        + " PENDING (never run) or MISSING (no experiment directory)."})
final class ResultsCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Parameters(paramLabel = "SWEEP", description = "The sweep's name (see list).")
  String sweep;

  @Mixin OutOption output;

  @Option(names = "--metric", paramLabel = "NAME", description = "The key (or dotted path) in metrics.json to rank"
      + " by (default: the sweep's @Sweep(metric), else " + Ranking.DEFAULT_METRIC + ").")
  String metric;

  @Option(names = "--goal", paramLabel = "min|max", description = "Rank smaller (min) or larger (max) values first."
      + " Default: the sweep's @Sweep(goal) when ranking by its @Sweep(metric); else guessed from the metric's name"
      + " (smaller first for a loss, an error, mse, mae, wer, nll, a time...), which the report says.")
  String goal;

  @Option(names = "--top", paramLabel = "K", description = "Print only the K best rows of the table (the CSV and"
      + " HTML files have all).")
  int top;

  @Option(names = "--csv", paramLabel = "FILE", description = "Also write every row as CSV (RFC 4180, a header"
      + " line; loads in pandas with read_csv).")
  Path csv;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the same numbers as JSON for scripts:"
      + " counts, importance, every experiment and every point (mean, std, min, max, n over its trials).")
  Path json;

  @Option(names = "--by", paramLabel = "experiment|point", description = "Rank experiments (default) or points:"
      + " each point's trials aggregated (mean, std, min, max, n).")
  String by = "experiment";

  @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML page: the table"
      + " and a chart of the metric against each swept parameter (inline SVG, viewable offline).")
  Path html;

  private final CliContext ctx;

  ResultsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws HyperException, IOException {
    if (top < 0) {
      throw new HyperException("results: --top must be positive, found " + top);
    }
    if (!by.equals("experiment") && !by.equals("point")) {
      throw new HyperException("results: --by takes experiment or point, found '" + by + "'");
    }
    for (Path file : new Path[] {csv, html, json}) {
      if (file != null && Files.isDirectory(file)) {
        throw new HyperException("results: " + file + " is a directory; give a file name");
      }
    }
    SweepSpec<?> spec = ctx.find(sweep);
    SweepResults collected;
    try {
      collected = SweepResults.collect(spec, output.root(), Ranking.of(spec, metric, goal));
    } catch (SweepResults.NoExperiments e) {
      throw ctx.noExperiments(sweep, output.root());              // says how to write them
    }
    try (SweepResults r = collected) {
      for (String w : r.warnings()) {
        ctx.err.println(Printable.escape("warning: " + w));
      }
      if (by.equals("point")) {
        ResultsText.points(r, top, ctx.out);
      } else {
        ResultsText.table(r, top, ctx.out);
      }
      RungSummary.of(output.root(), sweep).ifPresent(h -> h.lines().forEach(ctx.out::println));
      if (csv != null) {
        AtomicFiles.writeStream(csv, out -> ResultsText.csv(r, utf8(out)), null);
        ctx.out.println("wrote " + csv);
      }
      if (json != null) {
        AtomicFiles.writeStream(json, out -> ResultsJson.write(r, utf8(out)), null);
        ctx.out.println("wrote " + json);
      }
      if (html != null) {
        AtomicFiles.writeStream(html, out -> ResultsHtml.write(r, output.root(), utf8(out)), null);
        ctx.out.println("wrote " + html);
      }
    }
    return HyperCli.OK;
  }

  /** A writer of UTF-8 to {@code out}; the renderers flush it when they are done. */
  private static Writer utf8(OutputStream out) {
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
  }
}
