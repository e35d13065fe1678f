package dev.hyper.processor.read;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.JavaFileObjects;
import dev.hyper.processor.model.ParamModel;
import dev.hyper.processor.model.SweepModel;
import dev.hyper.processor.model.Template;
import dev.hyper.runtime.Param;
import dev.hyper.runtime.jsonnet.TemplateParam;
import dev.hyper.runtime.jsonnet.TemplateParam.DefaultKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/** The reader on real elements from an in-memory javac, through a small capturing processor. */
class SweepReaderTest {

  /** Reads every @Sweep type with a fake template engine and keeps the models. */
  private static final class Capture extends AbstractProcessor {
    final List<SweepModel> models = new ArrayList<>();
    final List<String> inspected = new ArrayList<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("dev.hyper.Sweep");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      JsonnetEngine fake = new JsonnetEngine() {
        @Override
        public Template inspect(String resource, Path file) {
          inspected.add(file.getFileName().toString());
          return new Template.Function(resource,
              List.of(new TemplateParam("lr", true, DefaultKind.NUMBER, "0.001")), tlas -> Optional.empty());
        }

        @Override
        public Template inspect(String r, String t, String d, Function<String, Optional<String>> i) {
          throw new AssertionError("not through the Filer here");
        }
      };
      SweepReader reader = new SweepReader(processingEnv.getElementUtils(), processingEnv.getTypeUtils(),
          new TlaReader(processingEnv.getFiler(), Optional.of(Path.of("src/test/resources/jsonnet")), fake));
      for (var e : round.getElementsAnnotatedWith(processingEnv.getElementUtils().getTypeElement("dev.hyper.Sweep"))) {
        try {
          models.add(reader.read((TypeElement) e));
        } catch (Deferred | AlreadyReported x) {
          throw new AssertionError(x);
        }
      }
      return false;
    }
  }

  @Test
  void readsTheRecordIntoPlainValues() {
    Capture capture = new Capture();
    javac().withProcessors(capture).compile(JavaFileObjects.forSourceString("exp.P", """
        package exp;
        import dev.hyper.*;
        @Sweep(name = "p", config = "rnn_model.jsonnet", trials = 2, slurm = @Slurm(time = "90", cpus = 4))
        public record P(
            @Axis(doubles = {0.001, 1e-4}) double lr,
            @Axis(ints = 3, tla = "layers") int nHiddenLayers,
            @Axis Mode mode) {
          public enum Mode { A, B }
        }
        """));
    assertThat(capture.models).hasSize(1);
    SweepModel m = capture.models.get(0);
    assertThat(m.record().canonicalName()).isEqualTo("exp.P");
    assertThat(m.isRecord()).isTrue();
    assertThat(m.name()).isEqualTo("p");
    assertThat(m.trials()).isEqualTo(2);
    assertThat(m.slurm().time()).isEqualTo("90");
    assertThat(m.slurm().cpus()).isEqualTo(4);
    assertThat(m.slurm().isSet()).isTrue();
    assertThat(m.trainer()).isEmpty();
    assertThat(m.template()).isInstanceOf(Template.Function.class);
    assertThat(capture.inspected).containsExactly("rnn_model.jsonnet");

    List<ParamModel> ps = m.params();
    assertThat(ps.stream().map(ParamModel::component).toList()).containsExactly("lr", "nHiddenLayers", "mode").inOrder();
    assertThat(ps.stream().map(ParamModel::tla).toList()).containsExactly("lr", "layers", "mode").inOrder();
    assertThat(ps.stream().map(ParamModel::kind).toList()).containsExactly(Param.Kind.DOUBLE, Param.Kind.INT, Param.Kind.ENUM).inOrder();
    assertThat(ps.get(0).sweptValues()).containsExactly(0.001, 1e-4).inOrder();
    assertThat(ps.get(1).sweptValues()).containsExactly(3);
    assertThat(ps.get(2).sweptValues()).containsExactly("A", "B").inOrder();
    assertThat(ps.get(0).origin().element().getKind().name()).isEqualTo("FIELD");
  }
}
