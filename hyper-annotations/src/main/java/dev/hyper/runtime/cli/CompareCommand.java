package dev.hyper.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Tla;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.run.ExperimentRun;
import dev.hyper.runtime.snapshot.LauncherJar;
import dev.hyper.runtime.snapshot.StoredEntry;
import dev.hyper.runtime.text.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "compare", description = {
    "Say what differs between two experiments: their params, their rendered configs (key by key), the Java"
        + " runtime and provenance, their code (which snapshot entries differ and, inside a changed jar, which"
        + " classes and resources), and their metrics side by side.",
    "A and B are experiments' TOMLs or config directories, or ID[/TRIAL] under --out; they may come from"
        + " different sweeps or output directories.",
    "Exit 0 compared, 2 bad input."})
final class CompareCommand implements Callable<Integer> {
  /** The most changed classes listed per jar. */
  static final int CLASSES = 20;

  @Mixin HelpOption help;

  @Parameters(index = "0", paramLabel = "A", description = "An experiment: TOML, config directory, or ID[/TRIAL].")
  String a;

  @Parameters(index = "1", paramLabel = "B", description = "Another experiment, named the same ways.")
  String b;

  @Mixin OutOption output;

  private final CliContext ctx;

  CompareCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  private record Side(ExperimentInfo info, Map<String, String> params, Path toml) {}

  @Override
  public Integer call() throws HyperException, IOException {
    Side x = load(a);
    Side y = load(b);
    print("compare " + label(x) + "  and  " + label(y));
    section("params", diff(x.params(), y.params()));
    section("config (" + x.info().configJson().getFileName() + " and " + y.info().configJson().getFileName() + ")",
        diff(flat(json(x.info().resolve(x.info().configJson()))), flat(json(y.info().resolve(y.info().configJson())))));
    section("java runtime", diff(java(x.info()), java(y.info())));
    section("provenance", diff(provenance(x.info().provenance()), provenance(y.info().provenance())));
    section("code", code(x.info(), y.info()));
    section("metrics (A | B)", metrics(x.info(), y.info()));
    return HyperCli.OK;
  }

  private Side load(String arg) throws HyperException, IOException {
    Path toml = ExperimentArgument.toml("compare", arg, output.root());
    return side(toml, ctx.find(ExperimentConfig.sweepName(toml)));
  }

  private static <P extends Record> Side side(Path toml, SweepSpec<P> spec) throws IOException, HyperException {
    ExperimentConfig<P> c = ExperimentConfig.load(toml, spec);
    Map<String, String> params = new LinkedHashMap<>();
    for (Tla t : Tla.of(spec, c.params())) {
      params.put(t.name(), t.text());
    }
    return new Side(c.experiment(), params, toml);
  }

  private static String label(Side s) {
    return s.info().sweep() + " " + s.info().id() + "/" + s.info().trial();
  }

  private void print(String line) {
    ctx.out.println(Printable.escape(line));
  }

  private void section(String title, List<String> lines) {
    print(title + ":" + (lines.isEmpty() ? " the same" : ""));
    lines.forEach(l -> print("  " + l));
  }

  /** {@code key: A -> B} for each key whose values differ; a key only one side has shows {@code (none)}. */
  static List<String> diff(Map<String, String> x, Map<String, String> y) {
    List<String> out = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(x.keySet());
    keys.addAll(y.keySet());
    for (String k : keys) {
      String vx = x.get(k);
      String vy = y.get(k);
      if (!Objects.equals(vx, vy)) {
        out.add(k + ": " + (vx == null ? "(none)" : vx) + " -> " + (vy == null ? "(none)" : vy));
      }
    }
    return out;
  }

  private static JsonNode json(Path file) throws IOException {
    return Files.isRegularFile(file) ? new ObjectMapper().readTree(file.toFile()) : null;
  }

  /** A JSON tree as dotted keys ({@code a.b[2].c}) with their values as JSON text. */
  static Map<String, String> flat(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    if (node != null) {
      flat("", node, out);
    }
    return out;
  }

  private static void flat(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        flat(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flat(prefix + "[" + i + "]", node.get(i), out);
      }
      if (node.size() == 0) {
        out.put(prefix, "[]");
      }
    } else {
      out.put(prefix, node.toString());
    }
  }

  private static Map<String, String> java(ExperimentInfo info) {
    Map<String, String> m = new LinkedHashMap<>();
    if (info.snapshot() != null && info.snapshot().java() != null) {
      m.put("version", info.snapshot().java().version());
      m.put("vendor", info.snapshot().java().vendor());
      m.put("home", info.snapshot().java().home());
    }
    if (info.snapshot() != null) {
      m.put("jvm args", String.join(" ", info.snapshot().jvmArgs()));
      m.put("main class", String.valueOf(info.snapshot().mainClass()));
    }
    return m;
  }

  private static Map<String, String> provenance(Provenance p) {
    Map<String, String> m = new LinkedHashMap<>();
    if (p != null) {
      m.put("created", p.created());
      m.put("command_line", p.commandLine());
      m.put("working_dir", p.workingDir());
      m.put("os", p.osName() + " " + p.osVersion() + " " + p.osArch());
      m.put("git_commit", String.valueOf(p.gitCommit()));
      m.put("git_dirty", String.valueOf(p.gitDirty()));
      m.put("build_time", String.valueOf(p.buildTime()));
      m.put("overrides", String.join("; ", p.overrides()));
    }
    return m;
  }

  /** What differs in the two programs: entries by original name, and inside a changed jar, its entries. */
  private static List<String> code(ExperimentInfo x, ExperimentInfo y) throws IOException {
    if (x.snapshot() == null || y.snapshot() == null) {
      return List.of("a TOML records no [snapshot]");
    }
    if (x.snapshot().sha256().equals(y.snapshot().sha256())) {
      return List.of();
    }
    Map<String, Path> ex = entries(x);
    Map<String, Path> ey = entries(y);
    List<String> out = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(ex.keySet());
    names.addAll(ey.keySet());
    for (String name : names) {
      Path px = ex.get(name);
      Path py = ey.get(name);
      if (px == null || py == null) {
        out.add(name + ": only in " + (px == null ? "B" : "A"));
      } else if (!px.getFileName().toString().equals(py.getFileName().toString())) {
        List<String> inside = jarDiff(px, py);
        out.add(name + ": changed" + (inside.isEmpty() ? "" : " (" + inside.size() + " entries)"));
        inside.stream().limit(CLASSES).forEach(l -> out.add("  " + l));
        if (inside.size() > CLASSES) {
          out.add("  ... " + (inside.size() - CLASSES) + " more");
        }
      }
    }
    return out;
  }

  /** The experiment's class-path entries by original name: the stored files (a fat jar: itself). */
  private static Map<String, Path> entries(ExperimentInfo info) throws IOException {
    Path confDir = info.resolve(info.confDir());
    Path jar = confDir.resolve(info.snapshot().file());
    Map<String, Path> out = new TreeMap<>();
    List<StoredEntry> listed = Files.isRegularFile(jar) ? LauncherJar.entries(jar) : List.of();
    if (listed.isEmpty()) {
      out.put(Layout.SNAPSHOT_FILE, confDir.resolve(Layout.storeFromConfDir()).resolve(info.snapshot().sha256() + ".jar")
          .normalize());
    }
    for (StoredEntry e : listed) {
      out.put(e.name(), confDir.resolve(Layout.storeFromConfDir()).resolve(e.fileName()).normalize());
    }
    return out;
  }

  /** The entries (classes, resources) that differ between two jars, by CRC: {@code x/B.class changed}. */
  static List<String> jarDiff(Path x, Path y) throws IOException {
    if (!Files.isRegularFile(x) || !Files.isRegularFile(y)) {
      return List.of((Files.isRegularFile(x) ? y : x) + " is missing");
    }
    Map<String, Long> cx = crcs(x);
    Map<String, Long> cy = crcs(y);
    List<String> out = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(cx.keySet());
    names.addAll(cy.keySet());
    for (String n : names) {
      Long a = cx.get(n);
      Long b = cy.get(n);
      if (a == null || b == null) {
        out.add(n + " only in " + (a == null ? "B" : "A"));
      } else if (!a.equals(b)) {
        out.add(n + " changed");
      }
    }
    return out;
  }

  private static Map<String, Long> crcs(Path jar) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    try (JarFile j = new JarFile(jar.toFile())) {
      for (ZipEntry e : java.util.Collections.list(j.entries())) {
        if (!e.isDirectory()) {
          out.put(e.getName(), e.getCrc());
        }
      }
    }
    return out;
  }

  /** The metrics side by side: each top-level key (and dotted keys of objects), lists summarized. */
  private static List<String> metrics(ExperimentInfo x, ExperimentInfo y) throws IOException {
    Map<String, String> mx = metricValues(x);
    Map<String, String> my = metricValues(y);
    if (mx.isEmpty() && my.isEmpty()) {
      return List.of("neither has " + ExperimentRun.METRICS_FILE + " yet");
    }
    TreeSet<String> keys = new TreeSet<>(mx.keySet());
    keys.addAll(my.keySet());
    int width = keys.stream().mapToInt(String::length).max().orElse(0);
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      out.add(String.format("%-" + width + "s  %s | %s", k, mx.getOrDefault(k, "-"), my.getOrDefault(k, "-")));
    }
    return out;
  }

  private static Map<String, String> metricValues(ExperimentInfo info) throws IOException {
    JsonNode m = json(info.resolve(info.serializationDir()).resolve(ExperimentRun.METRICS_FILE));
    Map<String, String> out = new TreeMap<>();
    if (m == null) {
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isArray()) {
        out.put(e.getKey(), "(a list of " + e.getValue().size() + ")");
      } else if (e.getValue().isObject()) {
        flat(e.getValue()).forEach((k, v) -> out.put(e.getKey() + "." + k, v));
      } else {
        out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
      }
    }
    return out;
  }
}
