package dev.hyper.runtime.check;

import dev.hyper.runtime.Param;
import java.util.Objects;

/**
 * One component of a sweep record as the template check sees it.
 *
 * @param component the component's name, e.g. {@code hiddenDim}
 * @param tla the top-level argument it fills, e.g. {@code hidden_dim}
 * @param kind its kind; null when the type cannot be swept at all (then only its name is checked)
 * @param type its Java type with simple names: {@code double}, {@code String}, {@code Outer.Mode}
 */
public record ParamDecl(String component, String tla, Param.Kind kind, String type) {
  public ParamDecl {
    Objects.requireNonNull(component);
    Objects.requireNonNull(tla);
    Objects.requireNonNull(type);
  }

  /** The declaration of a runtime parameter. */
  public static ParamDecl of(Param<?> p) {
    return new ParamDecl(p.component(), p.tla(), p.kind(), TemplateCheck.display(p.type()));
  }
}
