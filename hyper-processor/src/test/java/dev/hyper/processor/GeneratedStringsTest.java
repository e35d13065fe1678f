package dev.hyper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.SweepSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Strings from the record reach the generated Java exactly: every UTF-16 code unit, alone and next to
 * the characters javac and JavaPoet treat specially, compiles and comes back from the generated classes.
 */
class GeneratedStringsTest {
  /** The source form of {@code s}, plain ASCII: octal escapes below 256 (javac translates unicode escapes first). */
  private static String escaped(String s) {
    StringBuilder b = new StringBuilder("\"");
    s.chars().forEach(c -> b.append(c < 0x100 ? String.format("\\%03o", c) : String.format("\\u%04x", c)));
    return b.append('"').toString();
  }

  /** Compiles {@code exp.S} with these strings on one axis and {@code text} as group and SLURM values. */
  private static GeneratedClasses compile(List<String> values, String text) {
    List<String> literals = new ArrayList<>();
    List<String> ints = new ArrayList<>();
    for (String v : values) {
      literals.add(escaped(v));
      ints.add(Integer.toString(ints.size()));
    }
    String t = escaped(text);
    JavaFileObject src = Hyper.source("exp.S", "package exp;\n\nimport dev.hyper.*;\n\n"
        + "@Sweep(name = \"s\", slurm = @Slurm(qos = " + t + ", partition = " + t + ", mem = " + t + ", gres = " + t
        + "))\npublic record S(\n    @Axis(strings = {" + String.join(", ", literals) + "}, group = " + t + ") String v,\n"
        + "    @Axis(ints = {" + String.join(", ", ints) + "}, group = " + t + ") int i) {}\n");
    Compilation c = Hyper.javacWithHyper().compile(src);
    assertThat(c).succeeded();
    return new GeneratedClasses(c);
  }

  private static SweepSpec<?> spec(ClassLoader classes) throws ReflectiveOperationException {
    return (SweepSpec<?>) classes.loadClass("exp.SLauncher").getField("SPEC").get(null);
  }

  private static List<Object> values(SweepSpec<?> spec) {
    return new ArrayList<>(spec.grid().params().get(0).values());
  }

  /** Line and paragraph separators, NUL, the other controls, escapes javac translates first, quotes. */
  @Test
  void specialCharactersRoundTrip() throws Exception {
    List<String> values = List.of("a\u2028b", "\u2029", "\u0000", "nul\u0000 then 1", "\n", "x\ny", "\r\n", "\u0085",
        "\u000b\u000c", "\u007f", "\\u0022", "\\\\u000a", "\\", "\"", "'", "\t", "\b", "\u001b[31m", "\u202e",
        "\ufeff", "\ud800", "\udfff x", "\ud83d\ude00", "caf\u00e9", "$L $S $$", "*/", "\u0661");
    GeneratedClasses classes = compile(values, "q\u2028\u0000\"\\u0022");
    SweepSpec<?> spec = spec(classes);
    assertEquals(values, values(spec));
    assertEquals("q\u2028\u0000\"\\u0022", spec.grid().params().get(1).group());
    SlurmSettings slurm = spec.slurm();
    assertEquals("q\u2028\u0000\"\\u0022", slurm.qos());
    assertEquals(slurm.qos(), slurm.gres());
  }

  /** The generated source is plain ASCII: it reads the same in any source encoding. */
  @Test
  void generatedSourceIsPlainAscii() throws Exception {
    GeneratedClasses classes = compile(List.of("\u2028", "caf\u00e9", "\ud83d\ude00"), "\u00e9");
    for (String kind : List.of("SGrid", "SLauncher", "SConfig")) {
      String source = classes.compilation.generatedSourceFile("exp." + kind).orElseThrow().getCharContent(true)
          .toString();
      assertEquals(List.of(), source.chars().filter(c -> c >= 0x7f).boxed().toList(), kind);
    }
  }

  /** Every UTF-16 code unit, in chunks a class file constant can hold. */
  @Test
  void everyCodeUnitRoundTrips() throws Exception {
    List<String> values = new ArrayList<>();
    for (int start = 0; start < 0x10000; start += 2048) {
      StringBuilder b = new StringBuilder();
      for (int c = start; c < start + 2048; c++) {
        b.append((char) c);
      }
      values.add(b.toString());
    }
    assertEquals(values, values(spec(compile(values, "x"))));
  }

  /** Loads the compilation's class files, the runtime from the test class path. */
  private static final class GeneratedClasses extends ClassLoader {
    private final Map<String, JavaFileObject> files = new HashMap<>();
    final Compilation compilation;

    GeneratedClasses(Compilation c) {
      super(GeneratedStringsTest.class.getClassLoader());
      compilation = c;
      for (JavaFileObject f : c.generatedFiles()) {
        if (f.getKind() == JavaFileObject.Kind.CLASS) {
          String name = f.getName();
          String path = name.substring(name.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length());
          files.put(path.replace(".class", "").replace('/', '.'), f);
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      JavaFileObject f = files.get(name);
      if (f == null) {
        throw new ClassNotFoundException(name);
      }
      try (InputStream in = f.openInputStream()) {
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }
}
