package dev.hyper.runtime.jsonnet;

import dev.hyper.runtime.jsonnet.JsonnetException.Kind;
import dev.hyper.runtime.jsonnet.TemplateParam.DefaultKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import scala.runtime.BoxedUnit;
import scala.util.Either;
import scala.util.Left;
import scala.util.Right;
import sjsonnet.Expr;
import sjsonnet.Interpreter;
import sjsonnet.Lazy;
import sjsonnet.Position;
import sjsonnet.Val;

/**
 * A jsonnet file whose top level is a function, ready to be rendered with many sets of top-level
 * arguments (TLAs). The file is parsed and its top level evaluated once, when the template is made
 * (following {@code local}/{@code assert} preludes and imports); each {@link #render} then only
 * applies the function and writes JSON, as {@code jsonnet --tla-code ...} would.
 *
 * <p>Backed by sjsonnet 0.4.9. Every failure, including ones sjsonnet would throw, surfaces as a
 * {@link JsonnetException}; nothing else escapes, so this is safe to call inside javac.
 *
 * <p><b>Not thread-safe</b>: sjsonnet's evaluator keeps caches. Use one template per thread.
 */
public final class JsonnetTemplate {
  private static final int INDENT = 3; // as the jsonnet CLIs write

  private final String name;
  private final Interpreter interpreter;
  private final Val.Func function;
  private final List<TemplateParam> parameters;
  private final TemplateFit fit;
  private final Splicer splicer;

  /** @param tree the tree sjsonnet evaluates for the file, or null if it is not known */
  private JsonnetTemplate(String name, Interpreter interpreter, Val.Func function, List<TemplateParam> parameters,
      Expr tree) {
    this.name = name;
    this.interpreter = interpreter;
    this.function = function;
    this.parameters = List.copyOf(parameters);
    this.fit = new TemplateFit(parameters);
    String whyNot = !Boolean.parseBoolean(System.getProperty(SPLICE_PROPERTY, "true"))
        ? "turned off (-D" + SPLICE_PROPERTY + "=false)"
        : tree == null ? "its syntax tree is not known"
        : PassThrough.whyNot(tree, parameters.stream().map(TemplateParam::name).toList());
    this.splicer = new Splicer(new Splicer.Evaluation() {
      @Override
      public byte[] render(Map<String, ?> args) throws JsonnetException {
        return evaluate(args);
      }

      @Override
      public byte[] renderValue(String key, Object value) throws JsonnetException {
        return renderAlone(key, value);
      }
    }, whyNot);
  }

  /**
   * The system property that, set to {@code false}, has every render evaluate the template (for comparing
   * the two ways in a benchmark).
   */
  public static final String SPLICE_PROPERTY = "hyper.splice";

  /** The template in {@code file}; its imports are resolved against the file system, relative to the importing file. */
  public static JsonnetTemplate load(Path file) throws JsonnetException {
    Objects.requireNonNull(file);
    String display = String.valueOf(file.getFileName());
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new JsonnetException(Kind.ERROR, file.toString(), null, null, "cannot read the template: " + e, e);
    }
    Path dir = file.toAbsolutePath().getParent();
    return of(text, display, Importer.directory(dir));
  }

  /**
   * The template in classpath resource {@code resourceName} (e.g. {@code models/rnn.jsonnet}); its imports
   * are resources too, relative to the importing resource's "directory".
   */
  public static JsonnetTemplate fromResource(ClassLoader loader, String resourceName) throws JsonnetException {
    Objects.requireNonNull(loader);
    String name = resourceName.startsWith("/") ? resourceName.substring(1) : resourceName;
    String text;
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new JsonnetException(Kind.ERROR, name, null, null, "no such classpath resource", null);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new JsonnetException(Kind.ERROR, name, null, null, "cannot read the template: " + e, e);
    }
    return of(text, name, Importer.classpath(loader));
  }

  /**
   * A template from its text.
   *
   * @param text the jsonnet source
   * @param displayName the template's path in {@code importer}'s namespace; it names the template in
   *     errors and its directory is where the template's own imports are looked up
   * @param importer reads imported files
   * @throws JsonnetException if the text does not parse or evaluate, or its top level is not a function
   */
  public static JsonnetTemplate of(String text, String displayName, Importer importer) throws JsonnetException {
    Objects.requireNonNull(text);
    Objects.requireNonNull(displayName);
    Objects.requireNonNull(importer);
    try {
      SjPath main = SjPath.of(displayName);
      OwnParseCache cache = new OwnParseCache();
      Interpreter interpreter = newInterpreter(new SjImporter(importer, main, text), cache);
      Val top = unwrap(interpreter.evaluate(text, main), displayName);
      if (!(top instanceof Val.Func function)) {
        throw JsonnetException.notAFunction(displayName, article(top.prettyName()));
      }
      return new JsonnetTemplate(displayName, interpreter, function, describe(function),
          cache.parsed(main).orElse(null));
    } catch (Throwable t) {
      throw SjErrors.convert(t, displayName);
    }
  }

  /** The template's name as given (file name, resource name or display name). */
  public String name() {
    return name;
  }

  /** The top-level function's parameters, in declaration order. */
  public List<TemplateParam> parameters() {
    return parameters;
  }

  /**
   * Renders the template: applies its top-level function to {@code tlas} and writes the result as JSON
   * with an indent of 3 and object keys sorted, ending in a newline. The same arguments always give the
   * same text.
   *
   * @param tlas argument name to value: a {@link Double}, {@link Float}, {@link Integer}, {@link Long},
   *     {@link Short}, {@link Byte}, {@link String}, {@link Boolean} or an enum (passed as its name)
   * @throws JsonnetException if a name is not a parameter, a parameter without default is missing, a
   *     value cannot be passed, or evaluation fails
   */
  public String render(Map<String, ?> tlas) throws JsonnetException {
    return new String(renderUtf8(tlas), StandardCharsets.UTF_8);
  }

  /**
   * {@link #render}'s text as UTF-8 bytes, as a file holds it (without making the string). A template whose
   * function passes its parameters through ({@link PassThrough}) is evaluated once per set of argument names and
   * spliced after that ({@link Splicer}): the same bytes, without evaluating it again.
   */
  public byte[] renderUtf8(Map<String, ?> tlas) throws JsonnetException {
    Objects.requireNonNull(tlas);
    checkNames(tlas);
    byte[] spliced = splicer.render(tlas);
    return spliced != null ? spliced : evaluate(tlas);
  }

  /**
   * Why renders are not spliced ({@link PassThrough}, {@link Splicer}), or null while they are: for tests and
   * benchmarks.
   */
  public String whyNotSpliced() {
    return splicer.off();
  }

  /** One value rendered alone, as it is where the template's output holds it. */
  private byte[] renderAlone(String key, Object value) throws JsonnetException {
    Val v = toVal(key, value, interpreter.evaluator().emptyMaterializeFileScopePos());
    try {
      Utf8Output out = new Utf8Output();
      unwrap(interpreter.materialize(v, new sjsonnet.Renderer(out, INDENT)), name);
      return out.toUtf8();
    } catch (Throwable t) {
      throw SjErrors.convert(t, name);
    }
  }

  /** Applies the function to {@code tlas} and renders the result. */
  private byte[] evaluate(Map<String, ?> tlas) throws JsonnetException {
    try {
      Position pos = interpreter.evaluator().emptyMaterializeFileScopePos();
      Lazy[] args = new Lazy[tlas.size()];
      String[] names = new String[tlas.size()];
      int i = 0;
      for (Map.Entry<String, ?> e : tlas.entrySet()) {
        names[i] = e.getKey();
        args[i++] = toVal(e.getKey(), e.getValue(), pos);
      }
      Val result = function.apply(args, names, pos, interpreter.evaluator());
      Utf8Output out = new Utf8Output();
      unwrap(interpreter.materialize(result, new sjsonnet.Renderer(out, INDENT)), name);
      return out.toUtf8WithNewline();
    } catch (Throwable t) {
      throw SjErrors.convert(t, name);
    }
  }

  @Override
  public String toString() {
    return name + " " + parameters;
  }

  /** The arguments fit the function ({@link TemplateFit}), or the first misfit is thrown. */
  private void checkNames(Map<String, ?> tlas) throws JsonnetException {
    for (String key : tlas.keySet()) {
      if (fit.parameter(key).isEmpty()) {
        throw usage(TemplateFit.notAParameter("'" + key + "'") + "; its parameters are "
            + String.join(", ", fit.names()));
      }
    }
    List<String> missing = fit.missing(tlas.keySet());
    if (!missing.isEmpty()) {
      throw usage("the top-level function " + TemplateFit.needs(missing.get(0)) + ", but it was not given");
    }
  }

  private Val toVal(String key, Object value, Position pos) throws JsonnetException {
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw usage("'" + key + "' = " + d + ": jsonnet numbers are finite");
      }
      return new Val.Num(pos, d);
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return new Val.Num(pos, ((Number) value).intValue());
    }
    if (value instanceof Long l) {
      if (!JsonnetLiterals.exactInJsonnet(l)) {
        throw usage("'" + key + "' = " + l + " cannot be passed exactly: " + JsonnetLiterals.NUMBERS_ARE_DOUBLES);
      }
      return new Val.Num(pos, l);
    }
    if (value instanceof String s) {
      return new Val.Str(pos, s);
    }
    if (value instanceof Boolean b) {
      return Val.bool(pos, b);
    }
    if (value instanceof Enum<?> e) {
      return new Val.Str(pos, e.name());
    }
    throw usage("'" + key + "' has a value of unsupported type "
        + (value == null ? "null" : value.getClass().getName())
        + "; use a number, String, boolean or enum");
  }

  private JsonnetException usage(String message) {
    return new JsonnetException(Kind.ERROR, name, null, null, message, null);
  }

  private static Interpreter newInterpreter(sjsonnet.Importer importer, OwnParseCache cache) {
    scala.collection.immutable.Map<String, String> none = scala.collection.immutable.Map$.MODULE$.empty();
    sjsonnet.Settings settings = new sjsonnet.Settings(false, false, false, false, false, false);
    return new Interpreter(none, none, SjPath.root(), importer, cache, settings,
        p -> BoxedUnit.UNIT, w -> BoxedUnit.UNIT, new sjsonnet.Std().Std());
  }

  private static <T> T unwrap(Either<sjsonnet.Error, T> either, String file) throws JsonnetException {
    if (either instanceof Left<sjsonnet.Error, T> left) {
      throw SjErrors.convert(left.value(), file);
    }
    return ((Right<sjsonnet.Error, T>) either).value();
  }

  private static List<TemplateParam> describe(Val.Func function) {
    String[] names = function.params().names();
    Expr[] defaults = function.params().defaultExprs();
    List<TemplateParam> out = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      Expr d = foldNegative(defaults == null ? null : defaults[i]);
      out.add(new TemplateParam(names[i], d != null, kindOf(d), literalOf(d)));
    }
    return out;
  }

  /** {@code -1} parses as a unary minus applied to 1; treat it as the number it is. */
  private static Expr foldNegative(Expr d) {
    if (d instanceof Expr.UnaryOp u && u.op() == Expr.UnaryOp$.MODULE$.OP_$minus() && u.value() instanceof Val.Num n) {
      return new Val.Num(n.pos(), -n.value());
    }
    return d;
  }

  private static DefaultKind kindOf(Expr d) {
    if (d == null) {
      return DefaultKind.NONE;
    }
    if (d instanceof Val.Num) {
      return DefaultKind.NUMBER;
    }
    if (d instanceof Val.Str) {
      return DefaultKind.STRING;
    }
    if (d instanceof Val.Bool) {
      return DefaultKind.BOOLEAN;
    }
    if (d instanceof Val.Null) {
      return DefaultKind.NULL;
    }
    if (d instanceof Val.Arr || d instanceof Expr.Arr || d instanceof Expr.Comp) {
      return DefaultKind.ARRAY;
    }
    if (d instanceof Val.Obj || d instanceof Expr.ObjBody) {
      return DefaultKind.OBJECT;
    }
    return DefaultKind.EXPRESSION;
  }

  private static String literalOf(Expr d) {
    if (d instanceof Val.Num n) {
      return JsonnetLiterals.plainNumber(n.value());
    }
    if (d instanceof Val.Str s) {
      return JsonnetLiterals.quote(s.value());
    }
    if (d instanceof Val.Bool b) {
      return Boolean.toString(b.asBoolean());
    }
    if (d instanceof Val.Null) {
      return "null";
    }
    return null;
  }

  private static String article(String prettyName) {
    return ("aeiou".indexOf(prettyName.charAt(0)) >= 0 ? "an " : "a ") + prettyName;
  }
}
