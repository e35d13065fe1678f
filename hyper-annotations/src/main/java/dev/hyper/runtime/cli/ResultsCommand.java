package dev.hyper.runtime.cli;

import dev.hyper.runtime.HyperException;
import dev.hyper.runtime.results.ResultsHtml;
import dev.hyper.runtime.results.ResultsText;
import dev.hyper.runtime.results.SweepResults;
import dev.hyper.runtime.store.AtomicFiles;
import dev.hyper.runtime.text.Printable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "results", description = {
    "What a sweep found: one row per experiment (id, trial, every param, status, the metric from its"
        + " metrics.json), best first, then the best experiment, the best point (mean +- std over its trials) and"
        + " the metric's mean for each value of each parameter.",
    "Every experiment of the sweep is listed: DONE, FAILED, RUNNING (started, not finished: running or killed),"
        + " PENDING (never run) or MISSING (no experiment directory)."})
final class ResultsCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Parameters(paramLabel = "SWEEP", description = "The sweep's name (see list).")
  String sweep;

  @Mixin OutOption output;

  @Option(names = "--metric", paramLabel = "NAME", defaultValue = "best_validation_accuracy",
      description = "The key (or dotted path) in metrics.json to rank by (default: ${DEFAULT-VALUE}).")
  String metric;

  static final class Direction {
    @Option(names = "--lower-is-better", description = "Rank smaller values first (the default for metrics whose"
        + " name contains loss, error or perplexity, or ends in seconds).")
    boolean lower;

    @Option(names = "--higher-is-better", description = "Rank larger values first (the default otherwise).")
    boolean higher;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Direction direction;

  @Option(names = "--top", paramLabel = "K", description = "Print only the K best rows of the table (the CSV and"
      + " HTML files have all).")
  int top;

  @Option(names = "--csv", paramLabel = "FILE", description = "Also write every row as CSV (RFC 4180, a header"
      + " line; loads in pandas with read_csv).")
  Path csv;

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
    for (Path file : new Path[] {csv, html}) {
      if (file != null && Files.isDirectory(file)) {
        throw new HyperException("results: " + file + " is a directory; give a file name");
      }
    }
    boolean lower = direction != null ? direction.lower : SweepResults.lowerIsBetterByName(metric);
    Path root = output.root();
    SweepResults r = SweepResults.collect(ctx.find(sweep), root, metric, lower);
    for (String w : r.warnings()) {
      ctx.err.println(Printable.escape("warning: " + w));
    }
    ctx.out.print(ResultsText.table(r, top));
    if (csv != null) {
      AtomicFiles.write(csv, ResultsText.csv(r).getBytes(StandardCharsets.UTF_8), null);
      ctx.out.println("wrote " + csv);
    }
    if (html != null) {
      AtomicFiles.write(html, ResultsHtml.page(r).getBytes(StandardCharsets.UTF_8), null);
      ctx.out.println("wrote " + html);
    }
    return HyperCli.OK;
  }
}
