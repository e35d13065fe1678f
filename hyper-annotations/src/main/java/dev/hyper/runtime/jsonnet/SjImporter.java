package dev.hyper.runtime.jsonnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import scala.Option;

/** Adapts our {@link Importer} to sjsonnet's, serving the template's own text for its own path. */
final class SjImporter extends sjsonnet.Importer {
  private final Importer importer;
  private final SjPath mainPath;
  private final String mainText;

  SjImporter(Importer importer, SjPath mainPath, String mainText) {
    this.importer = importer;
    this.mainPath = mainPath;
    this.mainText = mainText;
  }

  @Override
  public Option<sjsonnet.Path> resolve(sjsonnet.Path docBase, String importName) {
    return Option.apply(docBase.$div(importName));
  }

  @Override
  public Option<sjsonnet.ResolvedFile> read(sjsonnet.Path path) {
    if (path.equals(mainPath)) {
      return Option.apply(new sjsonnet.StaticResolvedFile(mainText));
    }
    try {
      Optional<String> text = importer.read(path.toString());
      return text.isPresent() ? Option.apply(new sjsonnet.StaticResolvedFile(text.get())) : Option.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
