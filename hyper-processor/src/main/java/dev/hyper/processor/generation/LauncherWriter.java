package dev.hyper.processor.generation;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.hyper.processor.model.SlurmModel;
import dev.hyper.processor.model.SweepModel;
import dev.hyper.runtime.SlurmSettings;
import javax.lang.model.element.Modifier;

/** Writes {@code PLauncher}: the sweep's {@code SweepSpec}, its service entry point and the jar's main. */
public final class LauncherWriter extends SourceWriter {

  public LauncherWriter(boolean generatedAnnotation) {
    super(generatedAnnotation);
  }

  @Override
  protected TypeSpec.Builder type(SweepModel model, Names names) {
    TypeName record = names.record();
    TypeName specType = ParameterizedTypeName.get(Runtime.SWEEP_SPEC, record);
    CodeBlock.Builder spec = CodeBlock.builder()
        .add("$T.builder($L, $T.class, new $T())$>$>", Runtime.SWEEP_SPEC, JavaString.literal(model.name()), record,
            names.grid());
    if (!model.config().isEmpty()) {
      spec.add("\n.template($L)", JavaString.literal(model.config()));
    }
    spec.add("\n.trials($L)", model.trials());
    if (model.slurm().isSet()) {
      spec.add("\n.slurm($L)", slurm(model.slurm()));
    }
    if (model.declaresMetric()) {
      spec.add("\n.metric($S, $T.$L)", model.metric(), Runtime.GOAL, model.goal());
    }
    model.halving().ifPresent(h -> spec.add("\n.halving(new $T($S, $T.$L, $S, $LL, $LL, $L))", Runtime.HALVING_SETTINGS,
        h.metric(), Runtime.GOAL, h.goal(), h.resource(), h.min(), h.max(), h.reduction()));
    if (model.lazy()) {
      spec.add("\n.lazy(true)");
    }
    model.trainer().ifPresent(t -> spec.add("\n.trainer($T::new)", t.type()));
    if (!model.jvmArgs().isEmpty()) {
      spec.add("\n.jvmArgs($L)", model.jvmArgs().stream().map(a -> CodeBlock.of("$S", a))
          .collect(CodeBlock.joining(", ")));
    }
    spec.add("\n.build()$<$<");

    return TypeSpec.classBuilder(names.launcher())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(Names.PROVIDER)
        .addJavadoc("The sweep {@code $L} declared on {@link $T}, and the jar's command line:\n"
            + "{@code java -jar model.jar sweep $L}.\n", model.name(), record, model.name())
        .addField(FieldSpec.builder(specType, "SPEC", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The sweep as declared by {@code @Sweep} on {@link $T}.\n", record)
            .initializer(spec.build())
            .build())
        .addMethod(MethodSpec.methodBuilder("spec")
            .addJavadoc("Returns {@link #SPEC}; the runtime finds it through {@code META-INF/services}.\n")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(specType)
            .addStatement("return SPEC")
            .build())
        .addMethod(MethodSpec.methodBuilder("main")
            .addJavadoc("Runs the Hyper command line over every sweep of this jar.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .addParameter(ArrayTypeName.of(ClassName.get(String.class)), "args")
            .addStatement("$T.main(args)", Runtime.LAUNCHER)
            .build());
  }

  /** {@code SlurmSettings.NONE.withQos(..)...}, set attributes only, in {@code @Slurm} order. */
  private static CodeBlock slurm(SlurmModel s) {
    CodeBlock.Builder b = CodeBlock.builder().add("$T.NONE", Runtime.SLURM_SETTINGS);
    with(b, "withQos", s.qos());
    with(b, "withTime", s.time());
    with(b, "withPartition", s.partition());
    if (s.cpus() != 0) {
      b.add(".withCpus($L)", s.cpus());
    }
    with(b, "withMem", s.mem());
    with(b, "withGres", s.gres());
    if (s.maxParallel() != 0) {
      b.add(".withMaxParallel($L)", s.maxParallel());
    }
    if (s.signal() != SlurmSettings.DEFAULT_SIGNAL) {
      b.add(".withSignal($L)", s.signal());
    }
    if (s.maxRequeues() != SlurmSettings.DEFAULT_MAX_REQUEUES) {
      b.add(".withMaxRequeues($L)", s.maxRequeues());
    }
    return b.build();
  }

  private static void with(CodeBlock.Builder b, String method, String value) {
    if (!value.isEmpty()) {
      b.add(".$L($L)", method, JavaString.literal(value));
    }
  }
}
