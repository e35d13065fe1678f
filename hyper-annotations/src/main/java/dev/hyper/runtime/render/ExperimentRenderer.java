package dev.hyper.runtime.render;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Tla;
import dev.hyper.runtime.check.TemplateCheck;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.jsonnet.JsonnetException;
import dev.hyper.runtime.jsonnet.JsonnetLiterals;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import dev.hyper.runtime.plan.PlannedExperiment;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders planned experiments to their JSON and TOML text, in memory. The template is parsed once, by
 * the caller, and applied per experiment. Not thread-safe (the template is not).
 *
 * @param <P> the params record
 */
public final class ExperimentRenderer<P extends Record> {
  private final SweepSpec<P> spec;
  private final JsonnetTemplate template;

  private ExperimentRenderer(SweepSpec<P> spec, JsonnetTemplate template) {
    this.spec = spec;
    this.template = template;
  }

  /**
   * A renderer for {@code spec}, checking that the template fits the sweep ({@link TemplateCheck}, as the
   * processor does): every sweep parameter is a template parameter, every template parameter without a
   * default is a sweep parameter, and literal defaults agree with the parameters' types.
   *
   * @param template the sweep's template, or null when it has none (the JSON then holds the params)
   * @throws HyperException with one {@code [hyper/Code] ...} line per mismatch
   */
  public static <P extends Record> ExperimentRenderer<P> of(SweepSpec<P> spec, JsonnetTemplate template)
      throws HyperException {
    if (template != null) {
      TemplateCheck.require(spec, template);
    }
    return new ExperimentRenderer<>(spec, template);
  }

  /**
   * Whether its renders cost little CPU: the sweep has no template (the JSON holds the params), or the
   * template's function passes its parameters through, so each render is spliced rather than evaluated
   * ({@link JsonnetTemplate#whyNotSpliced}).
   */
  public boolean spliced() {
    return template == null || template.whyNotSpliced() == null;
  }

  /**
   * Renders one experiment.
   *
   * @throws HyperException naming the experiment and the jsonnet error's position if rendering fails
   */
  public RenderedExperiment render(PlannedExperiment<P> e) throws HyperException {
    return new RenderedExperiment(e.info(), new String(jsonUtf8(e), StandardCharsets.UTF_8), e.config().toToml(spec));
  }

  /**
   * One experiment's JSON config as UTF-8 bytes, what {@link #render} gives as text: for writing it,
   * without the string.
   */
  public byte[] jsonUtf8(PlannedExperiment<P> e) throws HyperException {
    if (template == null) {
      return paramsJson(e.tlas()).getBytes(StandardCharsets.UTF_8);
    }
    try {
      return template.renderUtf8(Tla.asMap(e.tlas()));
    } catch (JsonnetException x) {
      throw new HyperException("sweep '" + spec.name() + "', " + e.describe() + ": " + x.oneLine(), x);
    }
  }

  /** The params as a JSON object, keys sorted and indented as jsonnet renders. */
  static String paramsJson(List<Tla> tlas) {
    if (tlas.isEmpty()) {
      return "{ }\n";
    }
    return tlas.stream().sorted(Comparator.comparing(Tla::name))
        .map(t -> "   " + JsonnetLiterals.quote(t.name()) + ": " + t.code())
        .collect(Collectors.joining(",\n", "{\n", "\n}\n"));
  }
}
