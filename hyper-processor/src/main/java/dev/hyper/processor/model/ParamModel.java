package dev.hyper.processor.model;

import dev.hyper.runtime.Param;
import java.util.List;
import java.util.Optional;

/**
 * One record component.
 *
 * @param component the component's name, e.g. {@code hiddenDim}
 * @param tla the jsonnet top-level argument it fills: {@code @Axis(tla)} or the snake_case of the name
 * @param type its type
 * @param axis its {@code @Axis}, if any
 * @param origin the component's field
 */
public record ParamModel(String component, String tla, ComponentType type, Optional<AxisModel> axis, Origin origin) {

  /** Whether {@code @Axis} can sweep the component's type at all. */
  public boolean isSupported() {
    return type.kind().isPresent();
  }

  /**
   * How the component is swept.
   *
   * @throws IllegalStateException for a type {@code @Axis} cannot sweep (see {@link #isSupported()})
   */
  public Param.Kind kind() {
    return type.kind().orElseThrow(() -> new IllegalStateException("component '" + component
        + "' has type " + type.display() + ", which @Axis cannot sweep"));
  }

  /**
   * The values swept, in order: the axis values, a range's values, or every constant of an enum whose
   * {@code @Axis} lists none; empty for a distribution. Meaningful only for a valid model.
   */
  public List<Object> sweptValues() {
    Optional<Span> span = span();
    if (span.isPresent()) {
      return Spans.values(span.get(), kind());
    }
    List<Object> listed = axis.map(AxisModel::values).orElse(List.of());
    if (kind() == Param.Kind.ENUM && listed.isEmpty()) {
      return List.copyOf(type.enumConstants());
    }
    return listed;
  }

  /** The range or distribution of the axis, if it has one instead of values. */
  public Optional<Span> span() {
    return axis.flatMap(AxisModel::span);
  }

  /** Whether random search samples this component from a distribution (it has no values). */
  public boolean isSampled() {
    return span().map(s -> s.kind().isDistribution()).orElse(false);
  }

  /** The axis's group, "" for none. */
  public String group() {
    return axis.map(AxisModel::group).orElse("");
  }

  /** Where messages about the tla name go: the {@code tla} attribute when set, else the component. */
  public Origin tlaOrigin() {
    return axis.filter(a -> !a.tla().isEmpty()).map(AxisModel::tlaOrigin).orElse(origin);
  }
}
