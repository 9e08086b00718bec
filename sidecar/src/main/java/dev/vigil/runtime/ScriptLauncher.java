package dev.vigil.runtime;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Starts one script process ({@code fork} + {@code execve} in Sentinel). {@link ProcessLauncher} is
 * the real one; tests use fakes.
 */
interface ScriptLauncher {
  /**
   * Starts {@code argv} ({@code argv[0]} is the path, executed as given, no {@code PATH} search).
   *
   * @throws IOException when the script cannot be executed at all (Sentinel's child then exits with
   *     code 2, so the caller treats it as exit code 2)
   */
  Started start(List<String> argv) throws IOException;

  /** A started script. */
  interface Started {
    long pid();

    /** SIGKILL, as Sentinel does on timeout. */
    void kill();

    /** Completes once the process ended; may complete on any thread. */
    CompletionStage<ExitStatus> onExit();
  }

  /**
   * How a script ended, as {@code waitpid} tells it: {@code WEXITSTATUS} and {@code WTERMSIG} (0
   * when it exited normally; the exit code is 0 when a signal ended it).
   */
  record ExitStatus(int exitCode, int signal) {
    /** Signal numbers on Linux fit in 1..64. */
    private static final int MAX_SIGNAL = 64;

    /**
     * OpenJDK reports a death by signal {@code n} as exit value {@code 128 + n}, which cannot be
     * told apart from a script that ran {@code exit 128+n}. Policy: 129..192 mean "killed by
     * signal" (Sentinel retries those), like a shell reports them.
     */
    static ExitStatus fromJavaExitValue(int exitValue) {
      if (exitValue > 128 && exitValue <= 128 + MAX_SIGNAL) {
        return new ExitStatus(0, exitValue - 128);
      }
      return new ExitStatus(exitValue, 0);
    }
  }
}
