package dev.hyper.runtime.jsonnet;

/** Templates that evaluate every render ({@code -Dhyper.splice=false} while they are made), to compare with. */
final class EvaluatedTemplates {
  private EvaluatedTemplates() {}

  /** The template {@code text}, named {@code displayName}, its imports from the test class path; never spliced. */
  static JsonnetTemplate of(String text, String displayName) throws JsonnetException {
    String before = System.getProperty(JsonnetTemplate.SPLICE_PROPERTY);
    System.setProperty(JsonnetTemplate.SPLICE_PROPERTY, "false");
    try {
      return JsonnetTemplate.of(text, displayName, Importer.classpath(EvaluatedTemplates.class.getClassLoader()));
    } finally {
      if (before == null) {
        System.clearProperty(JsonnetTemplate.SPLICE_PROPERTY);
      } else {
        System.setProperty(JsonnetTemplate.SPLICE_PROPERTY, before);
      }
    }
  }
}
