package dev.vigil.agent;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.bridge.VigilBridge;
import dev.vigil.agent.jedis.JedisNames;
import dev.vigil.agent.sentinel.SentinelAccess;
import dev.vigil.agent.sentinel.SentinelFollower;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Wires the agent once the bridge is in the bootstrap loader: installs the hooks, starts following
 * the sentinels, and instruments Jedis and valkey-java. Loaded only after {@link VigilAgent}
 * injected the bridge, so that {@link VigilBridge} resolves to the bootstrap copy.
 */
final class AgentInstaller {
  private static final AgentBuilder.Transformer NO_OP =
      (builder, type, classLoader, module, domain) -> builder;

  private AgentInstaller() {}

  static void install(AgentConfig config, Instrumentation inst, boolean dynamicAttach) {
    PoolManager manager = new PoolManager(config.masterNames(), config.closeStaleConnections());
    if (!VigilBridge.install(manager)) {
      AgentLog.warn("a Vigil agent is already installed in this JVM; ignoring this one");
      return;
    }
    SentinelFollower follower =
        new SentinelFollower(
            config.sentinels(),
            config.masterNames(),
            new SentinelAccess(config.sentinelUser(), config.sentinelPassword()),
            config.checkIntervalMs(),
            manager);
    manager.setFollower(follower);
    // Learn the primaries before the application builds its pools, so that pools named by a
    // replica or a former primary start at the right address. Bounded by the socket timeouts.
    follower.checkNowBlocking();
    instrument(inst, dynamicAttach);
    follower.start();
    Thread beans =
        new Thread(() -> AgentBeans.register(config, manager, follower), "vigil-agent-jmx");
    beans.setDaemon(true);
    beans.start();
    AgentLog.info(
        "started (" + (dynamicAttach ? "attached to running JVM" : "premain") + "): " + config);
  }

  private static void instrument(Instrumentation inst, boolean dynamicAttach) {
    ClassLoader agentLoader = AgentInstaller.class.getClassLoader();
    AgentBuilder.Transformer.ForAdvice pools =
        new AgentBuilder.Transformer.ForAdvice()
            .include(agentLoader)
            .advice(isConstructor(), "dev.vigil.agent.advice.PoolConstructedAdvice");
    AgentBuilder.Transformer.ForAdvice factories =
        new AgentBuilder.Transformer.ForAdvice()
            .include(agentLoader)
            .advice(
                named("makeObject").and(takesArguments(0)),
                "dev.vigil.agent.advice.MakeObjectAdvice");
    AgentBuilder.Transformer.ForAdvice sentinelPools =
        new AgentBuilder.Transformer.ForAdvice()
            .include(agentLoader)
            .advice(
                named("initPool")
                    .and(takesArguments(1))
                    .and(takesArgument(0, anyFlavour(n -> n.hostAndPort)))
                    .or(named("initMaster").and(takesArguments(1))),
                "dev.vigil.agent.advice.SentinelPoolMasterAdvice");
    AgentBuilder.Transformer.ForAdvice dataErrors =
        new AgentBuilder.Transformer.ForAdvice()
            .include(agentLoader)
            .advice(isConstructor(), "dev.vigil.agent.advice.DataErrorAdvice");

    // Attached to a running JVM, the pools already exist: their constructors will not run again, so
    // they are also discovered on first use (getResource / getConnection).
    AgentBuilder.Transformer.ForAdvice poolUse =
        new AgentBuilder.Transformer.ForAdvice()
            .include(agentLoader)
            .advice(
                // getConnection(CommandArguments) is what UnifiedJedis calls from 5.x on.
                named("getResource")
                    .and(takesArguments(0))
                    .or(named("getConnection"))
                    .and(not(isBridge())),
                "dev.vigil.agent.advice.PoolConstructedAdvice");

    new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(new ErrorLogger())
        .ignore(
            nameStartsWith("net.bytebuddy.")
                .or(nameStartsWith("dev.vigil.agent."))
                .or(nameStartsWith("java."))
                .or(nameStartsWith("jdk."))
                .or(nameStartsWith("sun.")))
        .type(anyFlavour(n -> n.jedisPool).or(anyFlavour(n -> n.pooledConnectionProvider)))
        .transform(pools)
        .transform(dynamicAttach ? poolUse : NO_OP)
        .type(anyFlavour(n -> n.jedisFactory).or(anyFlavour(n -> n.connectionFactory)))
        .transform(factories)
        .type(anyFlavour(n -> n.jedisSentinelPool))
        .transform(sentinelPools)
        .type(anyFlavour(n -> n.dataException))
        .transform(dataErrors)
        .installOn(inst);
  }

  /**
   * Matches the type {@code name} picks in any flavour ({@code redis.clients.jedis.JedisPool},
   * {@code io.valkey.JedisPool}, ...): one instrumentation per Jedis type, whatever its package.
   */
  private static ElementMatcher.Junction<TypeDescription> anyFlavour(
      Function<JedisNames, String> name) {
    List<String> names = new ArrayList<>();
    for (JedisNames flavour : JedisNames.ALL) {
      names.add(name.apply(flavour));
    }
    return namedOneOf(names.toArray(new String[0]));
  }

  /** Logs instrumentation failures; Byte Buddy leaves the class unchanged in that case. */
  private static final class ErrorLogger extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(
        String typeName,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        Throwable throwable) {
      AgentLog.warn("could not instrument " + typeName + " (left unchanged)", throwable);
    }

    @Override
    public void onTransformation(
        TypeDescription typeDescription,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        DynamicType dynamicType) {
      AgentLog.debug(
          "instrumented " + typeDescription.getName() + (loaded ? " (retransformed)" : ""));
    }
  }
}
