package dev.hyper.processor.validation;

import dev.hyper.processor.model.Origin;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic.Kind;

/** One problem found in a sweep: data, printed by the processor. */
public record Diagnostic(Kind kind, Code code, String message, Origin origin) {

  public static Diagnostic error(Code code, String text, Origin origin) {
    return new Diagnostic(Kind.ERROR, code, code.tag() + " " + text, origin);
  }

  public boolean isError() {
    return kind == Kind.ERROR;
  }

  public void printTo(Messager messager) {
    if (origin.value() != null) {
      messager.printMessage(kind, message, origin.element(), origin.mirror(), origin.value());
    } else if (origin.mirror() != null) {
      messager.printMessage(kind, message, origin.element(), origin.mirror());
    } else {
      messager.printMessage(kind, message, origin.element());
    }
  }
}
