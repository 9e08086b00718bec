package dev.vigil.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.loading.ClassInjector;

/**
 * Entry point of {@code -javaagent:vigil-agent.jar=sentinels=h1:26379,master=mymaster} ({@link
 * #premain}) and of dynamic attach ({@link #agentmain}).
 *
 * <p>Order matters: the bridge classes are injected into the bootstrap loader before anything of
 * ours refers to them, so that the system loader never defines its own copy. Any failure is logged
 * and swallowed: a broken agent must leave the application running as if it were absent.
 */
public final class VigilAgent {
  static final String[] BRIDGE_CLASSES = {
    "dev.vigil.agent.bridge.VigilBridge", "dev.vigil.agent.bridge.VigilBridge$Hooks"
  };

  private VigilAgent() {}

  public static void premain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  private static void start(String args, Instrumentation inst, boolean dynamicAttach) {
    try {
      AgentConfig config = AgentConfig.load(args);
      AgentLog.setLevel(config.logLevel());
      injectBridge(inst);
      AgentInstaller.install(config, inst, dynamicAttach);
    } catch (IllegalArgumentException e) {
      AgentLog.warn("not started, bad configuration: " + e.getMessage());
    } catch (Throwable e) {
      AgentLog.warn("not started", e);
    }
  }

  private static void injectBridge(Instrumentation inst) throws Exception {
    if (isInBootstrap(BRIDGE_CLASSES[0])) {
      return; // Attached a second time: the first agent's bridge is already there.
    }
    ClassFileLocator locator =
        ClassFileLocator.ForClassLoader.of(VigilAgent.class.getClassLoader());
    Map<String, byte[]> classes = new HashMap<>();
    for (String name : BRIDGE_CLASSES) {
      classes.put(name, locator.locate(name).resolve());
    }
    File folder = new File(System.getProperty("java.io.tmpdir"));
    ClassInjector.UsingInstrumentation.of(
            folder, ClassInjector.UsingInstrumentation.Target.BOOTSTRAP, inst)
        .injectRaw(classes);
  }

  private static boolean isInBootstrap(String name) {
    try {
      Class.forName(name, false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
