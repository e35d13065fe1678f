package dev.hyper.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import dev.hyper.processor.generation.ConfigWriter;
import dev.hyper.processor.generation.GridWriter;
import dev.hyper.processor.generation.LauncherWriter;
import dev.hyper.processor.generation.SourceWriter;
import dev.hyper.processor.model.Origin;
import dev.hyper.processor.model.SweepModel;
import dev.hyper.processor.read.AlreadyReported;
import dev.hyper.processor.read.Deferred;
import dev.hyper.processor.read.FacadeEngine;
import dev.hyper.processor.read.JsonnetEngine;
import dev.hyper.processor.read.SweepReader;
import dev.hyper.processor.read.TlaReader;
import dev.hyper.processor.validation.Diagnostic;
import dev.hyper.processor.validation.Messages;
import dev.hyper.processor.validation.SweepValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Validates every {@code @Sweep} record against its axes and jsonnet template, and generates
 * {@code PGrid}, {@code PConfig} and {@code PLauncher} beside it. Isolating: each generated file
 * depends on its record (and template) only. Never claims {@code @Sweep}; never throws.
 */
@AutoService(Processor.class)
public final class HyperProcessor extends AbstractProcessor {
  static final String SWEEP = "dev.hyper.Sweep";
  /** {@code -Ahyper.jsonnetRoot=DIR}: read templates from DIR instead of through the Filer. */
  public static final String JSONNET_ROOT = "hyper.jsonnetRoot";
  /** {@code -Ahyper.generatedAnnotation=false}: leave out {@code @javax.annotation.processing.Generated}. */
  public static final String GENERATED_ANNOTATION = "hyper.generatedAnnotation";

  private final JsonnetEngine engine;
  private SweepReader reader;
  private final SweepValidator validator = new SweepValidator();
  private List<SourceWriter> writers;
  /** Records whose types were unresolved last round, by qualified name, to the missing type. */
  private final Map<String, String> deferred = new LinkedHashMap<>();
  /** Sweep names taken in this compilation, to the record that took them. */
  private final Map<String, String> sweepNames = new TreeMap<>();

  public HyperProcessor() {
    this(new FacadeEngine());
  }

  /** For tests: a processor reading templates with {@code engine}. */
  HyperProcessor(JsonnetEngine engine) {
    this.engine = engine;
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    Map<String, String> options = env.getOptions();
    Optional<Path> root = Optional.ofNullable(options.get(JSONNET_ROOT)).filter(s -> !s.isBlank()).map(Path::of);
    reader = new SweepReader(env.getElementUtils(), env.getTypeUtils(), new TlaReader(env.getFiler(), root, engine));
    boolean generated = !"false".equalsIgnoreCase(options.get(GENERATED_ANNOTATION))
        && env.getElementUtils().getTypeElement("javax.annotation.processing.Generated") != null;
    writers = List.of(new GridWriter(generated), new ConfigWriter(generated), new LauncherWriter(generated));
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(SWEEP);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(JSONNET_ROOT, GENERATED_ANNOTATION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    List<TypeElement> todo = new ArrayList<>();
    for (String name : List.copyOf(deferred.keySet())) {
      TypeElement again = processingEnv.getElementUtils().getTypeElement(name);
      deferred.remove(name);
      if (again != null) {
        todo.add(again);
      }
    }
    TypeElement sweep = processingEnv.getElementUtils().getTypeElement(SWEEP);
    if (sweep != null) {
      for (Element e : round.getElementsAnnotatedWith(sweep)) {
        if (e instanceof TypeElement t && todo.stream().noneMatch(x -> x.equals(t))) {
          todo.add(t);
        }
      }
    }
    todo.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
    for (TypeElement type : todo) {
      process(type, round.processingOver());
    }
    return false;
  }

  /** The record with its {@code @Sweep}, where record-level messages go. */
  private static Origin origin(TypeElement type) {
    Origin origin = Origin.of(type);
    for (var mirror : type.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(SWEEP)) {
        return origin.at(mirror);
      }
    }
    return origin;
  }

  private void process(TypeElement type, boolean last) {
    String qualified = type.getQualifiedName().toString();
    try {
      SweepModel model = reader.read(type);
      List<Diagnostic> problems = validator.validate(model, Map.copyOf(sweepNames));
      problems.forEach(p -> p.printTo(processingEnv.getMessager()));
      if (model.isRecord()) {
        sweepNames.putIfAbsent(model.name(), model.record().canonicalName());
      }
      if (problems.stream().noneMatch(Diagnostic::isError)) {
        for (SourceWriter w : writers) {
          JavaFile file = w.write(model);
          file.writeTo(processingEnv.getFiler());
        }
      }
    } catch (Deferred d) {
      if (last) {
        Messages.unresolvedType(origin(type), d.missingType(), d.role(), type.getSimpleName().toString())
            .printTo(processingEnv.getMessager());
      } else {
        deferred.put(qualified, d.missingType());
      }
    } catch (AlreadyReported r) {
      // javac reports the malformed annotation itself
    } catch (Exception | LinkageError | StackOverflowError | AssertionError e) {
      Messages.internalError(origin(type), type.getSimpleName().toString(), e)
          .printTo(processingEnv.getMessager());
    }
  }
}
