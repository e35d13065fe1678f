package dev.hyper.runtime.jsonnet;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import scala.Function0;
import scala.Tuple2;
import scala.util.Either;

/**
 * sjsonnet's parse cache, keeping only the template's own files. sjsonnet also parses synthetic
 * sources through the cache (paths like {@code <tla-var lr>}, one per distinct value); its default
 * cache keeps those forever, which leaks over a long sweep. Not thread-safe, like the template.
 */
final class OwnParseCache implements sjsonnet.ParseCache {
  private final Map<Tuple2<sjsonnet.Path, String>, Either<sjsonnet.Error, Tuple2<sjsonnet.Expr, sjsonnet.FileScope>>>
      cache = new HashMap<>();

  @Override
  public Either<sjsonnet.Error, Tuple2<sjsonnet.Expr, sjsonnet.FileScope>> getOrElseUpdate(
      Tuple2<sjsonnet.Path, String> key,
      Function0<Either<sjsonnet.Error, Tuple2<sjsonnet.Expr, sjsonnet.FileScope>>> parse) {
    if (!(key._1() instanceof SjPath)) {
      return parse.apply();
    }
    Either<sjsonnet.Error, Tuple2<sjsonnet.Expr, sjsonnet.FileScope>> parsed = cache.get(key);
    if (parsed == null) {
      parsed = parse.apply();
      cache.put(key, parsed);
    }
    return parsed;
  }

  /** The tree sjsonnet evaluates for file {@code path} (parsed and optimized), if it parsed it without errors. */
  Optional<sjsonnet.Expr> parsed(sjsonnet.Path path) {
    for (Map.Entry<Tuple2<sjsonnet.Path, String>, Either<sjsonnet.Error, Tuple2<sjsonnet.Expr, sjsonnet.FileScope>>> e
        : cache.entrySet()) {
      if (e.getKey()._1().equals(path) && e.getValue() instanceof scala.util.Right<?, ?> right) {
        return Optional.of(((Tuple2<?, ?>) right.value())._1()).map(sjsonnet.Expr.class::cast);
      }
    }
    return Optional.empty();
  }
}
