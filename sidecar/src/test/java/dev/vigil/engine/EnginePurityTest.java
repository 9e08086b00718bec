package dev.vigil.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The engine is pure: no sockets, threads, JMX, Netty or files so it can be driven by the seeded
 * simulation.
 */
class EnginePurityTest {
  /** Only the compiled engine classes (scanning the whole class path is slow). */
  private static final JavaClasses ENGINE =
      new ClassFileImporter()
          .importPath(
              Paths.get(
                  SentinelEngine.class
                      .getProtectionDomain()
                      .getCodeSource()
                      .getLocation()
                      .getPath(),
                  "dev",
                  "vigil",
                  "engine"));

  @Test
  void theEngineClassesWereFound() {
    org.junit.jupiter.api.Assertions.assertTrue(ENGINE.contain(SentinelEngine.class));
  }

  @Test
  void engineDoesNoIoThreadingOrManagement() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.vigil.engine..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "java.net..",
                "java.nio.channels..",
                "java.nio.file..",
                "javax.management..",
                "io.netty..",
                "java.util.concurrent..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.lang.Thread")
            .orShould()
            .dependOnClassesThat()
            .haveSimpleNameStartingWith("Executor")
            .orShould()
            .dependOnClassesThat()
            .haveNameMatching("java\\.io\\.File.*")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.lang.System")
            .because("time, randomness and I/O are injected into the engine");
    rule.check(ENGINE);
  }

  @Test
  void engineDoesNotDependOnAdapters() {
    noClasses()
        .that()
        .resideInAPackage("dev.vigil.engine..")
        .should()
        .dependOnClassesThat(
            JavaClass.Predicates.resideInAPackage("dev.vigil..")
                .and(JavaClass.Predicates.resideOutsideOfPackage("dev.vigil.engine..")))
        .because("adapters surround the engine, never the other way round")
        .check(ENGINE);
  }
}
