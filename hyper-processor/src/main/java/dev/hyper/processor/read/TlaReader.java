package dev.hyper.processor.read;

import dev.hyper.processor.model.Template;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Finds the template named by {@code @Sweep(config)} and reads its top-level parameters.
 *
 * <p>Where: only in {@code -Ahyper.jsonnetRoot=DIR} when that is set; otherwise through the
 * {@link Filer}, in the class output (Maven copies {@code src/main/resources} there before compiling),
 * then the class path, then the source path. Results are cached per resource for the compilation.
 */
public final class TlaReader {
  private static final List<StandardLocation> LOCATIONS =
      List.of(StandardLocation.CLASS_OUTPUT, StandardLocation.CLASS_PATH, StandardLocation.SOURCE_PATH);

  private final Filer filer;
  private final Optional<Path> jsonnetRoot;
  private final JsonnetEngine engine;
  private final Map<String, Template> cache = new HashMap<>();

  public TlaReader(Filer filer, Optional<Path> jsonnetRoot, JsonnetEngine engine) {
    this.filer = filer;
    this.jsonnetRoot = jsonnetRoot;
    this.engine = engine;
  }

  public Template read(String resource) {
    return cache.computeIfAbsent(resource, this::load);
  }

  private Template load(String resource) {
    if (jsonnetRoot.isPresent()) {
      Path root = jsonnetRoot.get().toAbsolutePath().normalize();
      Path file = root.resolve(resource).normalize();
      if (Files.isRegularFile(file)) {
        return engine.inspect(resource, file);
      }
      return new Template.NotFound(resource, List.of(root + " (-Ahyper.jsonnetRoot)"), templatesIn(root));
    }
    List<String> lookedIn = new ArrayList<>();
    for (StandardLocation location : LOCATIONS) {
      FileObject file;
      try {
        file = filer.getResource(location, "", resource);
      } catch (IOException | IllegalArgumentException | IllegalStateException e) {
        lookedIn.add(describe(location, null, resource));
        continue;
      }
      URI uri = file.toUri();
      if (uri != null && "file".equals(uri.getScheme())) {
        Path path = Path.of(uri);
        if (Files.isRegularFile(path)) {
          return engine.inspect(resource, path);
        }
        lookedIn.add(describe(location, path, resource));
        continue;
      }
      try {
        String text = file.getCharContent(true).toString();
        return engine.inspect(resource, text, resource, relative -> readSibling(location, resource, relative));
      } catch (IOException | RuntimeException e) {
        lookedIn.add(describe(location, null, resource));
      }
    }
    return new Template.NotFound(resource, lookedIn, List.of());
  }

  private Optional<String> readSibling(StandardLocation location, String resource, String relative) {
    int slash = resource.lastIndexOf('/');
    String name = slash < 0 ? relative : resource.substring(0, slash + 1) + relative;
    try {
      return Optional.of(filer.getResource(location, "", name).getCharContent(true).toString());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String describe(StandardLocation location, Path path, String resource) {
    String what = switch (location) {
      case CLASS_OUTPUT -> "the class output";
      case CLASS_PATH -> "the class path";
      case SOURCE_PATH -> "the source path";
      default -> location.getName();
    };
    if (path == null) {
      return what;
    }
    Path dir = path;
    for (int i = 0; i < Path.of(resource).getNameCount() && dir.getParent() != null; i++) {
      dir = dir.getParent();
    }
    return what + " (" + dir + ")";
  }

  /** The jsonnet files directly in {@code dir}, sorted, for a "did you mean". */
  private static List<String> templatesIn(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".jsonnet") || n.endsWith(".libsonnet"))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
