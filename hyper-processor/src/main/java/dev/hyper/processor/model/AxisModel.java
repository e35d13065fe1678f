package dev.hyper.processor.model;

import java.util.List;
import java.util.Optional;

/**
 * The {@code @Axis} of one component, as written.
 *
 * @param attributes the value attributes set explicitly ({@code doubles}, {@code ints}, ...), in declaration order
 * @param values the values of the first of them, boxed ({@code Double}, {@code Integer}, {@code Long},
 *     {@code String}, {@code Boolean}); for an enum component, constant names
 * @param valueOrigins where each value is written, parallel to {@code values}
 * @param tla the {@code tla} attribute, or "" when unset
 * @param origin the annotation on the component's field
 * @param attributeOrigin the first value attribute, or {@code origin} when none is set
 * @param tlaOrigin the {@code tla} attribute, or {@code origin}
 * @param span the range or distribution, when the first attribute set is one
 * @param group the {@code group} attribute, "" when unset
 * @param groupOrigin the {@code group} attribute, or {@code origin}
 */
public record AxisModel(
    List<String> attributes,
    List<Object> values,
    List<Origin> valueOrigins,
    String tla,
    Origin origin,
    Origin attributeOrigin,
    Origin tlaOrigin,
    Optional<Span> span,
    String group,
    Origin groupOrigin) {
  public AxisModel {
    attributes = List.copyOf(attributes);
    values = List.copyOf(values);
    valueOrigins = List.copyOf(valueOrigins);
  }
}
