package dev.hyper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.TestInfo;

/**
 * Golden files at {@code src/test/resources/golden/<TestClass>/<testMethod>/<fqcn>.java}, compared
 * with {@code hasSourceEquivalentTo}. {@code -Dhyper.updateGoldens=true} rewrites them from the
 * generated sources instead; review the diff.
 */
final class Goldens {
  private static final boolean UPDATE = Boolean.getBoolean("hyper.updateGoldens");

  private Goldens() {}

  static void assertGenerated(Compilation compilation, TestInfo test, String... fqcns) {
    String dir = "golden/" + test.getTestClass().orElseThrow().getSimpleName() + "/"
        + test.getTestMethod().orElseThrow().getName() + "/";
    for (String fqcn : fqcns) {
      String resource = dir + fqcn + ".java";
      if (UPDATE) {
        JavaFileObject generated = compilation.generatedSourceFile(fqcn)
            .orElseThrow(() -> new AssertionError("not generated: " + fqcn));
        Path file = Path.of("src/test/resources").resolve(resource);
        try {
          Files.createDirectories(file.getParent());
          Files.writeString(file, generated.getCharContent(true), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        continue;
      }
      assertThat(compilation).generatedSourceFile(fqcn).hasSourceEquivalentTo(JavaFileObjects.forResource(resource));
    }
  }
}
