package dev.hyper.processor.model;

import dev.hyper.runtime.jsonnet.TemplateParam;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The jsonnet template named by {@code @Sweep(config)}, as far as reading it went. */
public sealed interface Template {

  /** The resource name as written in {@code @Sweep(config)}. */
  String resource();

  /** {@code config = ""}: no template, nothing to check. */
  record None() implements Template {
    @Override
    public String resource() {
      return "";
    }
  }

  /** Not found; {@code lookedIn} lists where, for the message; {@code nearby} lists templates that exist there. */
  record NotFound(String resource, List<String> lookedIn, List<String> nearby) implements Template {
    public NotFound {
      lookedIn = List.copyOf(lookedIn);
      nearby = List.copyOf(nearby);
    }
  }

  /** Found, but jsonnet rejects it (parse or static error, or an error raised at the top level). */
  record Invalid(String resource, JsonnetProblem problem) implements Template {}

  /** Found and valid, but its top level is {@code valueKind} ("an object", ...), not a function. */
  record NotAFunction(String resource, String valueKind) implements Template {}

  /** A top-level function with these parameters, in order; {@code renderer} renders it once. */
  record Function(String resource, List<TemplateParam> params, Renderer renderer) implements Template {
    public Function {
      params = List.copyOf(params);
    }
  }

  /** Renders a template with some top-level arguments. */
  @FunctionalInterface
  interface Renderer {
    /**
     * Renders with {@code tlas} (values: Double, Integer, Long, String, Boolean), returning the error
     * if jsonnet fails. Never throws.
     */
    Optional<JsonnetProblem> tryRender(Map<String, Object> tlas);
  }
}
