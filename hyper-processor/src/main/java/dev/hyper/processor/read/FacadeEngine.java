package dev.hyper.processor.read;

import dev.hyper.processor.model.JsonnetProblem;
import dev.hyper.processor.model.Template;
import dev.hyper.runtime.jsonnet.JsonnetException;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link JsonnetEngine} over the runtime's {@link JsonnetTemplate} (sjsonnet). Catches
 * {@link Throwable} everywhere: a missing Scala jar on the processor path must become a diagnostic,
 * not a javac crash.
 */
public final class FacadeEngine implements JsonnetEngine {
  @Override
  public Template inspect(String resource, Path file) {
    try {
      return function(resource, JsonnetTemplate.load(file));
    } catch (JsonnetException e) {
      return failure(resource, e);
    } catch (Throwable t) {
      return crash(resource, t);
    }
  }

  @Override
  public Template inspect(
      String resource, String text, String displayName, Function<String, Optional<String>> importer) {
    try {
      return function(resource, JsonnetTemplate.of(text, displayName, importer::apply));
    } catch (JsonnetException e) {
      return failure(resource, e);
    } catch (Throwable t) {
      return crash(resource, t);
    }
  }

  private static Template function(String resource, JsonnetTemplate template) {
    return new Template.Function(resource, template.parameters(), tlas -> render(template, tlas));
  }

  private static Optional<JsonnetProblem> render(JsonnetTemplate template, Map<String, Object> tlas) {
    try {
      template.render(tlas);
      return Optional.empty();
    } catch (JsonnetException e) {
      return Optional.of(problem(e));
    } catch (Throwable t) {
      return Optional.of(new JsonnetProblem("Error", "", "sjsonnet failed: " + t));
    }
  }

  private static Template failure(String resource, JsonnetException e) {
    if (e.isNotAFunction()) {
      return new Template.NotAFunction(resource, e.topLevel());
    }
    return new Template.Invalid(resource, problem(e));
  }

  private static JsonnetProblem problem(JsonnetException e) {
    StringBuilder where = new StringBuilder();
    if (e.file() != null) {
      where.append(e.file());
      if (e.line() != null) {
        where.append(':').append(e.line());
        if (e.column() != null) {
          where.append(':').append(e.column());
        }
      }
    }
    return new JsonnetProblem(e.kind().label(), where.toString(), e.detail());
  }

  private static Template crash(String resource, Throwable t) {
    return new Template.Invalid(resource, new JsonnetProblem("Error", "",
        "sjsonnet is not usable in the annotation processor (" + t + "); is sjsonnet_2.13 with its dependencies "
            + "on the processor path?"));
  }
}
