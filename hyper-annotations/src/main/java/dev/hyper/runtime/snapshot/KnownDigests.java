package dev.hyper.runtime.snapshot;

import java.nio.file.Path;
import java.util.Optional;

/**
 * SHA-256 digests of class-path files known before this JVM hashes them (computed by whoever started it): a
 * {@link ProgramSnapshot} takes a known digest of a jar instead of reading the jar again.
 */
@FunctionalInterface
public interface KnownDigests {
  /** None known: every file is hashed here. */
  KnownDigests NONE = file -> Optional.empty();

  /** The SHA-256 of {@code file} in lower-case hex, if it is known and the file is unchanged since; else empty. */
  Optional<String> sha256(Path file);
}
