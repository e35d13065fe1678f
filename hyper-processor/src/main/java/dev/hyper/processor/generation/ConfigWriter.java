package dev.hyper.processor.generation;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.hyper.processor.model.SweepModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.lang.model.element.Modifier;

/** Writes {@code PConfig}: the typed config of one experiment, a record over the runtime's TOML binding. */
public final class ConfigWriter extends SourceWriter {

  public ConfigWriter(boolean generatedAnnotation) {
    super(generatedAnnotation);
  }

  @Override
  protected TypeSpec.Builder type(SweepModel model, Names names) {
    TypeName record = names.record();
    String template = model.config().isEmpty() ? "" : " of {@code " + model.config() + "}";
    return TypeSpec.recordBuilder(names.config())
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("The typed config of one experiment of sweep {@code $L}: the experiment (id, trial, paths, SLURM\n"
            + "settings, snapshot) and its {@link $T}, as written to and read from its TOML file.\n",
            model.name(), record)
        .addJavadoc("\n@param experiment the experiment's id, trial, paths and settings\n")
        .addJavadoc("@param params the experiment's point of the grid\n")
        .recordConstructor(MethodSpec.constructorBuilder()
            .addParameter(Runtime.EXPERIMENT_INFO, "experiment")
            .addParameter(record, "params")
            .build())
        .addMethod(MethodSpec.methodBuilder("load")
            .addJavadoc("Reads an experiment's TOML file, as written by {@code sweep $L}.\n", model.name())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(names.config())
            .addParameter(Path.class, "toml")
            .addException(IOException.class)
            .addStatement("$T config = $T.load(toml, $T.SPEC)",
                ParameterizedTypeName.get(Runtime.EXPERIMENT_CONFIG, record), Runtime.EXPERIMENT_CONFIG, names.launcher())
            .addStatement("return new $T(config.experiment(), config.params())", names.config())
            .build())
        .addMethod(MethodSpec.methodBuilder("toToml")
            .addJavadoc("This config as TOML, the inverse of {@link #load(Path)}.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(String.class)
            .addStatement("return new $T<>(experiment, params).toToml($T.SPEC)", Runtime.EXPERIMENT_CONFIG, names.launcher())
            .build())
        .addMethod(MethodSpec.methodBuilder("tlas")
            .addJavadoc("The jsonnet top-level arguments$L for these params.\n", template)
            .addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(com.palantir.javapoet.ClassName.get(List.class), Runtime.TLA))
            .addStatement("return $T.of($T.SPEC, params)", Runtime.TLA, names.launcher())
            .build());
  }
}
