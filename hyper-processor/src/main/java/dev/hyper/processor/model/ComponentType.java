package dev.hyper.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.hyper.runtime.Param;
import java.util.List;
import java.util.Optional;

/**
 * The type of a record component.
 *
 * @param kind how it is swept: the runtime's {@link Param.Kind}; empty for a type {@code @Axis} cannot sweep
 *     (reported, never generated)
 * @param typeName the JavaPoet type (the enum's class for {@link Param.Kind#ENUM})
 * @param display how messages spell it, with simple names ({@code int}, {@code Optimizer}, {@code List<Integer>})
 * @param enumConstants the constants of an enum, in declaration order; empty otherwise
 */
public record ComponentType(Optional<Param.Kind> kind, TypeName typeName, String display, List<String> enumConstants) {
  public ComponentType {
    enumConstants = List.copyOf(enumConstants);
  }

  /** A type of {@code kind}. */
  public static ComponentType of(Param.Kind kind, TypeName typeName, String display, List<String> enumConstants) {
    return new ComponentType(Optional.of(kind), typeName, display, enumConstants);
  }

  /** A type {@code @Axis} cannot sweep, spelled {@code display}. */
  public static ComponentType unsupported(String display) {
    return new ComponentType(Optional.empty(), ClassName.OBJECT, display, List.of());
  }
}
