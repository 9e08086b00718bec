package dev.vigil.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Starts scripts as Sentinel's {@code fork} + {@code execve(path, argv, environ)} does: the
 * sidecar's environment, working directory {@code dir} (so relative paths resolve as they did when
 * the config was checked), no {@code PATH} search, no inherited descriptors beyond the standard
 * ones (the JDK closes the others in the child). Standard output and error are the sidecar's, as a
 * forked child's are; standard input is {@code /dev/null} so a script cannot steal the sidecar's.
 */
final class ProcessLauncher implements ScriptLauncher {
  private static final File DEV_NULL = new File("/dev/null");

  private final File dir;

  ProcessLauncher(Path dir) {
    this.dir = dir.toFile();
  }

  @Override
  public Started start(List<String> argv) throws IOException {
    List<String> command = new ArrayList<>(argv);
    command.set(0, executable(argv.get(0)));
    Process process =
        new ProcessBuilder(command)
            .directory(dir)
            .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    return new Started() {
      @Override
      public long pid() {
        return process.pid();
      }

      @Override
      public void kill() {
        process.destroyForcibly(); // SIGKILL on Unix
      }

      @Override
      public CompletionStage<ExitStatus> onExit() {
        return process.onExit().thenApply(p -> ExitStatus.fromJavaExitValue(p.exitValue()));
      }
    };
  }

  /**
   * {@code execve} takes a bare name as a path relative to the working directory, while the JDK
   * would search {@code PATH} for it: {@code ./} keeps Sentinel's meaning.
   */
  static String executable(String path) {
    return path.indexOf('/') >= 0 ? path : "./" + path;
  }
}
