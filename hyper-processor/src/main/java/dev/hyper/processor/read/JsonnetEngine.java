package dev.hyper.processor.read;

import dev.hyper.processor.model.Template;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Evaluates a template's top level (never its body) and reports its parameters. Implementations
 * never throw: every failure, including a broken jsonnet library on the processor path, comes back
 * as a {@link Template.Invalid}.
 */
public interface JsonnetEngine {

  /** A template that is a file on disk; imports resolve next to it. */
  Template inspect(String resource, Path file);

  /**
   * A template read through the {@code Filer} from somewhere that is not a plain directory;
   * {@code importer} maps a path relative to the template to that file's text, empty if absent.
   */
  Template inspect(String resource, String text, String displayName, Function<String, Optional<String>> importer);
}
