package dev.hyper.processor.generation;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.hyper.processor.model.ParamModel;
import dev.hyper.processor.model.Span;
import dev.hyper.processor.model.SweepModel;
import dev.hyper.runtime.Param;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
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
    for (int i = 0; i < model.params().size(); i++) {
      ParamModel p = model.params().get(i);
      params.add(param(p, record));
      args.add(arg(p, i));
    }
    BigInteger points = model.points();
    CodeBlock.Builder body = CodeBlock.builder()
        .add("super($T.of(\n$>$>", List.class)
        .add(CodeBlock.join(params, ",\n"))
        .add("),\n")
        .add("v -> new $T($L)", record, CodeBlock.join(args, ", "));
    if (model.isRandom()) {
      body.add(",\n$T.random($LL, $LL)", Runtime.STRATEGY, model.samples(), model.seed());
    }
    body.add(");\n$<$<");
    String paired = model.axes().stream().filter(a -> a.size() > 1)
        .map(a -> a.stream().map(ParamModel::component).collect(Collectors.joining(", ", "(", ")")))
        .collect(Collectors.joining(", "));
    String what = model.isRandom()
        ? "random search over the {@link $T} axes, seed " + model.seed() + ", $L $L"
        : "every combination of the {@link $T} axes, $L $L, last\ncomponent fastest";
    return TypeSpec.classBuilder(names.grid())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(ParameterizedTypeName.get(Runtime.GRID, record))
        .addJavadoc("The " + (model.isRandom() ? "points" : "grid") + " of sweep {@code $L}: " + what
            + (paired.isEmpty() ? "" : ";\n" + paired.replace("$", "$$") + " paired") + ".\n",
            model.name(), record, points, points.equals(BigInteger.ONE) ? "point" : "points")
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc("Creates the grid; it is immutable and cheap, nothing is materialized.\n")
            .addCode(body.build())
            .build());
  }

  private static CodeBlock param(ParamModel p, TypeName record) {
    CodeBlock param = p.span().map(span -> spanParam(p, span, record)).orElseGet(() -> listParam(p, record));
    return p.group().isEmpty() ? param : CodeBlock.of("$L.inGroup($L)", param, JavaString.literal(p.group()));
  }

  private static CodeBlock listParam(ParamModel p, TypeName record) {
    List<CodeBlock> values = new ArrayList<>();
    for (Object v : p.sweptValues()) {
      values.add(literal(p, v));
    }
    CodeBlock list = CodeBlock.join(values, ", ");
    if (p.kind() == Param.Kind.ENUM) {
      return CodeBlock.of("$T.$L($L, $L, $T.class, $T::$N, $L)", Runtime.PARAM, factory(p.kind()),
          JavaString.literal(p.component()), JavaString.literal(p.tla()), p.type().typeName(), record, p.component(), list);
    }
    return CodeBlock.of("$T.$L($L, $L, $T::$N, $L)", Runtime.PARAM, factory(p.kind()),
        JavaString.literal(p.component()), JavaString.literal(p.tla()), record, p.component(), list);
  }

  /** A range as a call of the runtime's {@code Spans} (the processor checked it with the same call), or a distribution. */
  private static CodeBlock spanParam(ParamModel p, Span span, TypeName record) {
    String from = Double.toString(span.from());
    String to = Double.toString(span.to());
    CodeBlock values = switch (span.kind()) {
      case UNIFORM, LOG_UNIFORM -> null;
      case RANGE -> span.count() != 0
          ? CodeBlock.of("$T.linearCount($L, $L, $L)", Runtime.SPANS, from, to, span.count())
          : CodeBlock.of("$T.linearStep($L, $L, $L)", Runtime.SPANS, from, to, Double.toString(span.step()));
      case LOG_RANGE -> CodeBlock.of("$T.logCount($L, $L, $L)", Runtime.SPANS, from, to, span.count());
    };
    if (values == null) {
      return CodeBlock.of("$T.sampled($L, $L, $T::$N, $T.$L($L, $L))", Runtime.PARAM,
          JavaString.literal(p.component()), JavaString.literal(p.tla()), record,
          p.component(), Runtime.DISTRIBUTION, span.kind().attribute(), from, to);
    }
    if (p.kind() == Param.Kind.INT) {
      values = CodeBlock.of("$T.toInts($L)", Runtime.SPANS, values);
    } else if (p.kind() == Param.Kind.LONG) {
      values = CodeBlock.of("$T.toLongs($L)", Runtime.SPANS, values);
    }
    return CodeBlock.of("$T.$L($L, $L, $T::$N, $L)", Runtime.PARAM, factory(p.kind()),
        JavaString.literal(p.component()), JavaString.literal(p.tla()), record, p.component(), values);
  }

  /** The {@code Param} factory of a kind: {@code Param.doubles}, ..., {@code Param.enums}. */
  private static String factory(Param.Kind kind) {
    return switch (kind) {
      case DOUBLE -> "doubles";
      case INT -> "ints";
      case LONG -> "longs";
      case STRING -> "strings";
      case BOOLEAN -> "booleans";
      case ENUM -> "enums";
    };
  }

  /** A value as a Java literal: canonical doubles ({@code 1.0E-4}), longs with L, strings as {@link JavaString}. */
  static CodeBlock literal(ParamModel p, Object v) {
    return switch (p.kind()) {
      case DOUBLE -> CodeBlock.of("$L", Double.toString((Double) v));
      case INT -> CodeBlock.of("$L", Integer.toString((Integer) v));
      case LONG -> CodeBlock.of("$LL", Long.toString((Long) v));
      case STRING -> CodeBlock.of("$L", JavaString.literal((String) v));
      case BOOLEAN -> CodeBlock.of("$L", v);
      case ENUM -> CodeBlock.of("$T.$N", p.type().typeName(), (String) v);
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
    };
  }
}
