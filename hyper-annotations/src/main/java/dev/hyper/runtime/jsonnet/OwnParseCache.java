package dev.hyper.runtime.jsonnet;

import java.util.HashMap;
import java.util.Map;
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
}
