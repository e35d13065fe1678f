package dev.hyper.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import dev.hyper.processor.generation.Names;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the jar's sweep index, {@code META-INF/services/dev.hyper.runtime.SweepSpec$Provider}: every
 * generated launcher of this compilation, sorted. Aggregating, separate from the isolating
 * {@link HyperProcessor}. A record Hyper rejected has no launcher and is left out: the index is
 * written at {@code processingOver}, when every generated launcher is known to javac.
 */
@AutoService(Processor.class)
public final class HyperIndexProcessor extends AbstractProcessor {
  /** Candidate launchers, by name, to the record they are generated from. */
  private final TreeMap<String, String> candidates = new TreeMap<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(HyperProcessor.SWEEP);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      TypeElement sweep = processingEnv.getElementUtils().getTypeElement(HyperProcessor.SWEEP);
      if (sweep != null) {
        for (Element e : round.getElementsAnnotatedWith(sweep)) {
          if (e.getKind() == ElementKind.RECORD && e instanceof TypeElement t) {
            candidates.put(Names.of(ClassName.get(t)).launcher().canonicalName(), t.getQualifiedName().toString());
          }
        }
      }
      if (round.processingOver() && !candidates.isEmpty()) {
        write();
      }
    } catch (IOException | RuntimeException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "[hyper/InternalError] Writing "
          + Names.SERVICE_FILE + " failed: " + e + ". This is a Hyper bug, not yours: please report it.");
    }
    return false;
  }

  private void write() throws IOException {
    List<String> launchers = new ArrayList<>();
    List<Element> origins = new ArrayList<>();
    for (var c : candidates.entrySet()) {
      if (processingEnv.getElementUtils().getTypeElement(c.getKey()) != null) {
        launchers.add(c.getKey());
        TypeElement record = processingEnv.getElementUtils().getTypeElement(c.getValue());
        if (record != null) {
          origins.add(record);
        }
      }
    }
    if (launchers.isEmpty()) {
      return;
    }
    FileObject file = processingEnv.getFiler().createResource(
        StandardLocation.CLASS_OUTPUT, "", Names.SERVICE_FILE, origins.toArray(Element[]::new));
    try (Writer w = new java.io.OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
      for (String l : launchers) {
        w.write(l);
        w.write('\n');
      }
    }
  }
}
