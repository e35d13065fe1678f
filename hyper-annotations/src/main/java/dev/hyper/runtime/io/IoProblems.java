package dev.hyper.runtime.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * What went wrong with a file, in words: the JDK's exceptions often carry only a path ("X") or only the
 * system's reason ("Is a directory"). And whether it is the machine's fault (a full disk, a permission,
 * a read-only file system) rather than the input's: the command line exits 1 for those, 2 for bad input.
 */
public final class IoProblems {
  private static final String[] ENVIRONMENT = {"no space left on device", "disk quota exceeded",
      "read-only file system", "permission denied", "operation not permitted"};

  private IoProblems() {}

  /** Why {@code e} happened, without its path: {@code permission denied}, {@code No space left on device}. */
  public static String reason(Exception e) {
    if (e instanceof AccessDeniedException a && a.getReason() == null) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException f && f.getReason() == null) {
      return f.getFile() + " exists and is not a directory";
    }
    if (e instanceof NotDirectoryException n && n.getReason() == null) {
      return n.getFile() + " is not a directory";
    }
    if (e instanceof FileSystemException f) {
      return f.getReason() != null ? f.getReason() : words(f.getClass().getSimpleName());
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  /** {@code DirectoryNotEmptyException} as {@code directory not empty}. */
  private static String words(String exceptionName) {
    String name = exceptionName.endsWith("Exception")
        ? exceptionName.substring(0, exceptionName.length() - "Exception".length()) : exceptionName;
    return name.replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
  }

  /** {@code PATH: REASON} for an exception about a path, else its reason. */
  public static String describe(IOException e) {
    if (e instanceof FileSystemException f && f.getFile() != null) {
      String reason = reason(e);
      String path = f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile());
      return reason.startsWith(f.getFile()) ? reason : path + ": " + reason;
    }
    return reason(e);
  }

  /**
   * {@code e} about {@code path}: as it is if it names {@code path}, else a {@link FileSystemException} naming
   * {@code path} with {@code e}'s reason (a write to a full disk names no file; a refused temporary file
   * names the temporary file, not the one written).
   */
  public static IOException withPath(IOException e, java.nio.file.Path path) {
    if (e instanceof FileSystemException f && path.toString().equals(f.getFile())) {
      return e;
    }
    FileSystemException named = new FileSystemException(path.toString(), null, reason(e));
    named.initCause(e);
    return named;
  }

  /** Whether {@code t} or a cause is a full disk, a refused permission or a read-only file system. */
  public static boolean isEnvironment(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof AccessDeniedException) {
        return true;
      }
      if (c instanceof IOException io) {
        String reason = reason(io).toLowerCase(Locale.ROOT);
        for (String r : ENVIRONMENT) {
          if (reason.contains(r)) {
            return true;
          }
        }
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }
}
