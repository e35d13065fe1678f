package dev.hyper.processor.generation;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.hyper.processor.model.Kind;
import dev.hyper.processor.model.ParamModel;
import dev.hyper.processor.model.SweepModel;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/** Writes {@code PGrid}: the record's parameters and a factory, handed to {@code dev.hyper.runtime.Grid}. */
public final class GridWriter extends SourceWriter {

  public GridWriter(boolean generatedAnnotation) {
    super(generatedAnnotation);
  }

  @Override
  protected TypeSpec.Builder type(SweepModel model, Names names) {
    TypeName record = names.record();
    List<CodeBlock> params = new ArrayList<>();
    List<CodeBlock> args = new ArrayList<>();
    BigInteger points = BigInteger.ONE;
    for (int i = 0; i < model.params().size(); i++) {
      ParamModel p = model.params().get(i);
      params.add(param(p, record));
      args.add(arg(p, i));
      points = points.multiply(BigInteger.valueOf(p.sweptValues().size()));
    }
    CodeBlock body = CodeBlock.builder()
        .add("super($T.of(\n$>$>", List.class)
        .add(CodeBlock.join(params, ",\n"))
        .add("),\n")
        .add("v -> new $T($L));\n$<$<", record, CodeBlock.join(args, ", "))
        .build();
    return TypeSpec.classBuilder(names.grid())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(ParameterizedTypeName.get(Runtime.GRID, record))
        .addJavadoc("The grid of sweep {@code $L}: every combination of the {@link $T} axes, $L $L, last\n"
            + "component fastest.\n", model.name(), record, points, points.equals(BigInteger.ONE) ? "point" : "points")
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc("Creates the grid; it is immutable and cheap, nothing is materialized.\n")
            .addCode(body)
            .build());
  }

  private static CodeBlock param(ParamModel p, TypeName record) {
    List<CodeBlock> values = new ArrayList<>();
    for (Object v : p.sweptValues()) {
      values.add(literal(p, v));
    }
    CodeBlock list = CodeBlock.join(values, ", ");
    if (p.kind() == Kind.ENUM) {
      return CodeBlock.of("$T.enums($S, $S, $T.class, $T::$N, $L)",
          Runtime.PARAM, p.component(), p.tla(), p.type().typeName(), record, p.component(), list);
    }
    return CodeBlock.of("$T.$L($S, $S, $T::$N, $L)",
        Runtime.PARAM, p.kind().attribute(), p.component(), p.tla(), record, p.component(), list);
  }

  /** A value as a Java literal: canonical doubles ({@code 1.0E-4}), longs with L, strings escaped. */
  static CodeBlock literal(ParamModel p, Object v) {
    return switch (p.kind()) {
      case DOUBLE -> CodeBlock.of("$L", Double.toString((Double) v));
      case INT -> CodeBlock.of("$L", Integer.toString((Integer) v));
      case LONG -> CodeBlock.of("$LL", Long.toString((Long) v));
      case STRING -> CodeBlock.of("$S", v);
      case BOOLEAN -> CodeBlock.of("$L", v);
      case ENUM -> CodeBlock.of("$T.$N", p.type().typeName(), (String) v);
      case UNSUPPORTED -> throw new IllegalStateException("unsupported component " + p.component());
    };
  }

  private static CodeBlock arg(ParamModel p, int i) {
    return switch (p.kind()) {
      case DOUBLE -> CodeBlock.of("v.getDouble($L)", i);
      case INT -> CodeBlock.of("v.getInt($L)", i);
      case LONG -> CodeBlock.of("v.getLong($L)", i);
      case STRING -> CodeBlock.of("v.getString($L)", i);
      case BOOLEAN -> CodeBlock.of("v.getBoolean($L)", i);
      case ENUM -> CodeBlock.of("v.getEnum($L, $T.class)", i, p.type().typeName());
      case UNSUPPORTED -> throw new IllegalStateException("unsupported component " + p.component());
    };
  }
}
