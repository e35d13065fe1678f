package dev.hyper.runtime.jsonnet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import scala.Product;
import sjsonnet.Expr;
import sjsonnet.Position;
import sjsonnet.Val;

/**
 * Proves, from a template's syntax tree as sjsonnet evaluates it (parsed and optimized), that its top-level
 * function only passes its parameters through: each parameter's value reaches the output unchanged or not at
 * all, and nothing else the template computes depends on it. Then the output for any arguments is the output
 * for placeholder arguments with each placeholder replaced by the argument's own rendering ({@link Splice}).
 *
 * <p>A parameter may appear only where its value goes to the output as it is: as the function's result, a
 * field's value in an object literal, an element of an array literal, the body of a {@code local}, or the
 * value of a {@code local} that is itself used only so ({@code local model = {lr: lr}; {model: model}}).
 * Anywhere else (an operator, a call, a condition, a comprehension, a field name, an {@code assert}, a
 * method, a {@code +:} field, an object's own {@code local}, another parameter's default, the default of a
 * local function's or a method's parameter) it is not proven, and nor is a function whose body names
 * {@code self}, {@code super} or {@code $} anywhere (through them a field could read another field's
 * parameter). Whatever does not name a parameter is a constant, whatever it computes. A tree this class
 * cannot follow is not proven either: the template is then evaluated, as before splicing.
 *
 * <p>sjsonnet numbers each binding with its slot in the value scope: a function's parameters follow the
 * file's {@code local}s, a {@code local}'s bindings the slots before them, an object literal takes two slots
 * ({@code self}, {@code super}) and then its own {@code local}s. This class follows those slots along the
 * path it proves, and checks every name it meets against the binding its slot holds: a tree numbered
 * otherwise is not proven, never misread.
 */
final class PassThrough {
  private static final Set<String> OBJECT_NAMES = Set.of("self", "super", "$");
  private static final Set<String> OBJECT_NODES = Set.of("Self", "Super", "$", "SelectSuper", "LookupSuper",
      "InSuper");

  /** A slot's binding: its name, and whether its value carries a parameter. */
  private record Binding(String name, boolean carries) {}

  /** Why a template is not proven. */
  private static final class NotProven extends Exception {
    NotProven(String why) {
      super(why, null, false, false);
    }
  }

  private PassThrough() {}

  /**
   * Why {@code file}'s top-level function, with parameters {@code names}, is not proven to pass them through;
   * null if it is.
   */
  static String whyNot(Expr file, List<String> names) {
    try {
      prove(file, names);
      return null;
    } catch (NotProven e) {
      return e.getMessage();
    } catch (RuntimeException | StackOverflowError e) {    // a tree this proof does not know: evaluated, never refused
      return "its syntax tree could not be followed (" + e + ")";
    }
  }

  private static void prove(Expr file, List<String> names) throws NotProven {
    Map<Integer, Binding> scope = new HashMap<>();
    int depth = 0;
    Expr e = file;
    while (e instanceof Expr.LocalExpr local) {
      for (Expr.Bind b : local.bindings()) {
        scope.put(depth++, new Binding(b.name(), false));
      }
      e = local.returned();
    }
    if (!(e instanceof Expr.Function f)) {
      throw new NotProven("the top level is not a function literal after its locals");
    }
    String[] params = f.params().names();
    if (!List.of(params).equals(names)) {
      throw new NotProven("the function literal's parameters " + List.of(params) + " are not " + names);
    }
    for (String p : params) {
      scope.put(depth++, new Binding(p, true));
    }
    Expr[] defaults = f.params().defaultExprs();
    for (int i = 0; defaults != null && i < defaults.length; i++) {
      if (defaults[i] != null && carries(defaults[i], scope, depth)) {
        throw new NotProven("the default of '" + params[i] + "' uses a parameter");
      }
    }
    noObjectNames(f.body());
    passes(f.body(), scope, depth);
  }

  /** Checks that {@code e}, evaluated with {@code depth} slots bound, puts parameters only where they pass. */
  private static void passes(Expr e, Map<Integer, Binding> scope, int depth) throws NotProven {
    if (e instanceof Expr.ValidId id) {
      binding(id, scope, depth);
    } else if (e instanceof Expr.Arr arr) {
      for (Expr x : arr.value()) {
        passes(x, scope, depth);
      }
    } else if (e instanceof Expr.LocalExpr local) {
      Map<Integer, Binding> inner = new HashMap<>(scope);
      Expr.Bind[] binds = local.bindings();
      int body = depth + binds.length;
      for (int i = 0; i < binds.length; i++) {
        inner.put(depth + i, new Binding(binds[i].name(), false));
      }
      for (boolean changed = true; changed; ) {        // bindings see each other: carrying spreads
        changed = false;
        for (int i = 0; i < binds.length; i++) {
          // the whole binding: a local function's parameter defaults are evaluated when it is called
          if (!inner.get(depth + i).carries() && carries(binds[i], inner, body)) {
            inner.put(depth + i, new Binding(binds[i].name(), true));
            changed = true;
          }
        }
      }
      for (int i = 0; i < binds.length; i++) {
        if (inner.get(depth + i).carries()) {
          if (binds[i].args() != null) {
            throw new NotProven("local function '" + binds[i].name() + "' uses a parameter");
          }
          passes(binds[i].rhs(), inner, body);
        }
      }
      passes(local.returned(), inner, body);
    } else if (kind(e).equals("MemberList")) {
      members(e, scope, depth);
    } else if (carries(e, scope, depth)) {
      throw new NotProven(describe(e) + " uses a parameter");
    }
  }

  /**
   * An object literal ({@code MemberList}: binds, fields, asserts), read through its parts' names: sjsonnet's
   * classes for it are nested in Scala companions Java cannot name.
   */
  private static void members(Expr obj, Map<Integer, Binding> scope, int depth) throws NotProven {
    Map<Integer, Binding> inner = new HashMap<>(scope);
    inner.put(depth, new Binding("self", false));
    inner.put(depth + 1, new Binding("super", false));
    Object[] found = (Object[]) part(obj, "binds");
    Expr.Bind[] binds = found == null ? new Expr.Bind[0] : (Expr.Bind[]) found;
    int fields = depth + 2 + binds.length;
    for (int i = 0; i < binds.length; i++) {
      inner.put(depth + 2 + i, new Binding(binds[i].name(), false));
    }
    for (Expr.Bind b : binds) {
      if (carries(b, inner, fields)) {
        throw new NotProven("object local '" + b.name() + "' uses a parameter");
      }
    }
    if (carries(part(obj, "asserts"), inner, fields)) {
      throw new NotProven("an object's assert uses a parameter");
    }
    for (Object f : (Object[]) part(obj, "fields")) {
      Object fieldName = part(f, "fieldName");
      if (kind(fieldName).equals("Dyn") && carries(fieldName, scope, depth)) {
        throw new NotProven("a computed field name uses a parameter");
      }
      Expr rhs = (Expr) part(f, "rhs");
      if (!carries(rhs, inner, fields) && !carries(part(f, "args"), inner, fields)) {
        continue;                                      // a method's parameter defaults count too
      }
      String name = kind(fieldName).equals("Fixed") ? "'" + part(fieldName, "value") + "'" : "a field";
      if (Boolean.TRUE.equals(part(f, "plus"))) {
        throw new NotProven("field " + name + " (+:) uses a parameter");
      }
      if (part(f, "args") != null) {
        throw new NotProven("method " + name + " uses a parameter");
      }
      passes(rhs, inner, fields);
    }
  }

  /** The part of a syntax tree node called {@code name}. */
  private static Object part(Object node, String name) {
    Product p = (Product) node;
    scala.collection.Iterator<String> names = p.productElementNames();
    for (int i = 0; names.hasNext(); i++) {
      if (names.next().equals(name)) {
        return p.productElement(i);
      }
    }
    throw new IllegalStateException(kind(node) + " has no part '" + name + "' in this sjsonnet");
  }

  private static String kind(Object node) {
    return node == null ? "null" : node.getClass().getSimpleName();
  }

  /** The binding a name in scope refers to, checked against its slot. */
  private static Binding binding(Expr.ValidId id, Map<Integer, Binding> scope, int depth) throws NotProven {
    Binding b = id.nameIdx() < depth ? scope.get(id.nameIdx()) : null;
    if (b == null || !b.name().equals(id.name())) {
      throw new NotProven("'" + id.name() + "' is bound in slot " + id.nameIdx() + ", which is not where this"
          + " proof follows it");
    }
    return b;
  }

  /**
   * Whether anything in {@code node} (an expression or a part of one), evaluated with {@code depth} slots
   * bound, names a binding that carries a parameter; names bound inside it (slots from {@code depth} on) are
   * its own.
   */
  private static boolean carries(Object node, Map<Integer, Binding> scope, int depth) throws NotProven {
    if (node instanceof Expr.ValidId id) {
      return id.nameIdx() < depth && binding(id, scope, depth).carries();
    }
    boolean any = false;
    for (Object x : parts(node)) {
      any |= carries(x, scope, depth);                 // no short cut: every name is checked against its slot
    }
    return any;
  }

  /** Refuses a body that names {@code self}, {@code super} or {@code $} anywhere. */
  private static void noObjectNames(Object node) throws NotProven {
    if (node instanceof Expr.ValidId id && OBJECT_NAMES.contains(id.name())
        || node instanceof Expr && OBJECT_NODES.contains(kind(node))) {
      throw new NotProven("the function's body refers to an object (self, super or $)");
    }
    for (Object x : parts(node)) {
      noObjectNames(x);
    }
  }

  /**
   * What the proof walks into below {@code node}: an array's elements, a tree node's fields; a value (a
   * literal, a static object) and a position have none.
   */
  private static List<Object> parts(Object node) {
    if (node instanceof Object[] array) {
      return Arrays.asList(array);
    }
    if (node instanceof Product p && !(node instanceof Val) && !(node instanceof Position)) {
      List<Object> out = new ArrayList<>(p.productArity());
      for (int i = 0; i < p.productArity(); i++) {
        out.add(p.productElement(i));
      }
      return out;
    }
    return List.of();
  }

  private static String describe(Expr e) {
    String kind = kind(e);
    return switch (kind) {
      case "BinaryOp", "UnaryOp", "And", "Or" -> "an operator";
      case "Apply", "Apply0", "Apply1", "Apply2", "Apply3", "ApplyBuiltin", "ApplyBuiltin1", "ApplyBuiltin2" ->
          "a call";
      case "IfElse" -> "a condition";
      case "Comp", "ObjComp" -> "a comprehension";
      case "Select", "Lookup", "Slice" -> "a field or element lookup";
      case "ObjExtend" -> "an object extension";
      case "Function" -> "a function";
      case "AssertExpr" -> "an assert";
      case "Error" -> "an error";
      default -> "an expression (" + kind + ")";
    };
  }
}
