package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {
  @Test
  void parsesTheDocumentedCommandLine() {
    AgentConfig config =
        AgentConfig.load("sentinels=h1:26379,h2:26379,h3:26379,master=mymaster", new Properties());
    assertEquals(
        Arrays.asList(
            new HostPort("h1", 26379), new HostPort("h2", 26379), new HostPort("h3", 26379)),
        config.sentinels());
    assertEquals(Arrays.asList("mymaster"), config.masterNames());
    assertEquals(AgentConfig.DEFAULT_CHECK_INTERVAL_MS, config.checkIntervalMs());
    assertTrue(config.closeStaleConnections());
    assertNull(config.sentinelPassword());
    assertEquals(AgentLog.Level.INFO, config.logLevel());
  }

  @Test
  void severalMasterGroupsByListOrRepeatedKey() {
    assertEquals(
        Arrays.asList("a", "b", "c"),
        AgentConfig.load("sentinels=h:1,master=a,b,master=c", new Properties()).masterNames());
  }

  @Test
  void systemPropertiesOverrideArgumentsWhichOverrideTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("agent.properties");
    Files.write(
        file,
        ("sentinels=file:1\nmaster=fromfile\ncheckIntervalMs=700\nsentinelPassword=p,w=d\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    Properties system = new Properties();
    system.setProperty("vigil.agent.checkIntervalMs", "900");
    AgentConfig config = AgentConfig.load("config=" + file + ",master=fromargs,log=debug", system);
    assertEquals(Arrays.asList(new HostPort("file", 1)), config.sentinels());
    assertEquals(Arrays.asList("fromargs"), config.masterNames());
    assertEquals(900, config.checkIntervalMs());
    assertEquals("p,w=d", config.sentinelPassword());
    assertEquals(AgentLog.Level.DEBUG, config.logLevel());
  }

  @Test
  void configFileCanBeNamedBySystemProperty(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("agent.properties");
    Files.write(file, "sentinels=s:26379\nmaster=m\n".getBytes(StandardCharsets.ISO_8859_1));
    Properties system = new Properties();
    system.setProperty("vigil.agent.config", file.toString());
    AgentConfig config = AgentConfig.load(null, system);
    assertEquals(Arrays.asList("m"), config.masterNames());
  }

  /** {@code jcmd <pid> JVMTI.agent_load} passes nothing after the first '=': '@file' instead. */
  @Test
  void anAtSignArgumentNamesTheConfigFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("agent.properties");
    Files.write(
        file, "sentinels=s:26379,t:26380\nmaster=m\n".getBytes(StandardCharsets.ISO_8859_1));
    AgentConfig config = AgentConfig.load("@" + file, new Properties());
    assertEquals(
        Arrays.asList(new HostPort("s", 26379), new HostPort("t", 26380)), config.sentinels());
    assertEquals(Arrays.asList("m"), config.masterNames());
    IllegalArgumentException bare =
        assertThrows(IllegalArgumentException.class, () -> AgentConfig.load("@", new Properties()));
    assertTrue(bare.getMessage().contains("properties file"), bare.getMessage());
  }

  @Test
  void rejectsBadInputWithClearMessages() {
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class, () -> AgentConfig.load("master=m", new Properties()));
    assertTrue(missing.getMessage().contains("sentinels"), missing.getMessage());
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> AgentConfig.load("sentinels=h:1,master=m,colour=blue", new Properties()));
    assertTrue(unknown.getMessage().contains("colour"), unknown.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> AgentConfig.load("sentinels=h:notaport,master=m", new Properties()));
    assertThrows(
        IllegalArgumentException.class,
        () -> AgentConfig.load("sentinels=h:1,master=m,checkIntervalMs=5", new Properties()));
    assertThrows(
        IllegalArgumentException.class,
        () -> AgentConfig.load("sentinels=h:1,master=m,log=loud", new Properties()));
  }

  @Test
  void passwordIsNotPrinted() {
    AgentConfig config =
        AgentConfig.load("sentinels=h:1,master=m,sentinelPassword=secret", new Properties());
    assertFalse(config.toString().contains("secret"));
  }
}
