package dev.hyper.processor.model;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where a diagnostic goes: an element, optionally narrowed to one of its annotations and one value of
 * it. Used only to print diagnostics; generation never looks at it.
 *
 * <p>For a record component, {@code element} is the record's private field of the same name: javac 17
 * prints no file or line for a {@code RecordComponentElement}.
 */
public record Origin(Element element, AnnotationMirror mirror, AnnotationValue value) {

  public static Origin of(Element element) {
    return new Origin(element, null, null);
  }

  /** This origin narrowed to {@code mirror} (ignored when null). */
  public Origin at(AnnotationMirror mirror) {
    return mirror == null ? this : new Origin(element, mirror, null);
  }

  /** This origin narrowed to {@code value} of its annotation (ignored when either is null). */
  public Origin at(AnnotationValue value) {
    return value == null || mirror == null ? this : new Origin(element, mirror, value);
  }
}
