package dev.hyper.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * The type of a record component.
 *
 * @param kind how it is swept
 * @param typeName the JavaPoet type (the enum's class for {@link Kind#ENUM})
 * @param display how messages spell it, with simple names ({@code int}, {@code Optimizer}, {@code List<Integer>})
 * @param enumConstants the constants of an enum, in declaration order; empty otherwise
 */
public record ComponentType(Kind kind, TypeName typeName, String display, List<String> enumConstants) {
  public ComponentType {
    enumConstants = List.copyOf(enumConstants);
  }
}
