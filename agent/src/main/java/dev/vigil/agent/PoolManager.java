package dev.vigil.agent;

import dev.vigil.agent.bridge.VigilBridge;
import dev.vigil.agent.jedis.ConnectionTracker;
import dev.vigil.agent.jedis.JedisCompatibility;
import dev.vigil.agent.jedis.JedisNames;
import dev.vigil.agent.jedis.PoolHandle;
import dev.vigil.agent.jedis.UnsupportedPoolException;
import dev.vigil.agent.sentinel.MasterAnswer;
import dev.vigil.agent.sentinel.SentinelFollower;
import dev.vigil.jmx.agent.ManagedPoolInfo;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The agent's core: receives pool and connection events from the instrumented Jedis (through the
 * bootstrap {@link VigilBridge}) and primary changes from the sentinels, and keeps every managed
 * pool pointed at its group's current primary.
 *
 * <p>A pool is managed when the address it was built with is a known address of a configured group
 * (primary, replica or former primary). On a switch each managed pool's factory is redirected, its
 * idle connections cleared, and every connection it made before the switch retired (see {@link
 * ConnectionTracker}). A pool built after a switch against the old primary is redirected in its
 * constructor, before the application can borrow from it.
 *
 * <p>Hooks run on application threads: they do only cheap reflective work, never network or DNS.
 * Hostname resolution for pools that do not match literally happens on the checker thread.
 */
public final class PoolManager implements VigilBridge.Hooks, SentinelFollower.Listener {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final int MAX_UNSUPPORTED_LINES = 100;

  /** One pool the agent saw. */
  static final class PoolRecord {
    final String kind;
    final HostPort original;
    final PoolHandle handle; // null when unsupported
    volatile MasterGroup group; // null while not (yet) recognised as part of a group

    PoolRecord(String kind, HostPort original, PoolHandle handle) {
      this.kind = kind;
      this.original = original;
      this.handle = handle;
    }
  }

  private final Map<String, MasterGroup> groups = new LinkedHashMap<>();
  private final ConnectionTracker tracker;
  private final JedisCompatibility compatibility = new JedisCompatibility();
  private final WeakIdentityMap<Object, PoolRecord> pools = new WeakIdentityMap<>();
  private final List<String> unsupported = Collections.synchronizedList(new ArrayList<String>());
  private final AtomicLong unsupportedCount = new AtomicLong();
  private final AtomicLong sentinelPoolEvictions = new AtomicLong();
  private final Map<String, List<InetAddress>> resolved = new ConcurrentHashMap<>();
  private volatile SentinelFollower follower;

  public PoolManager(List<String> masterNames, boolean closeStaleConnections) {
    for (String name : masterNames) {
      groups.put(name, new MasterGroup(name));
    }
    this.tracker = new ConnectionTracker(closeStaleConnections);
  }

  void setFollower(SentinelFollower follower) {
    this.follower = follower;
  }

  // ---------------------------------------------------------------- hooks (application threads)

  @Override
  public void poolConstructed(Object pool) {
    try {
      register(pool);
    } catch (Throwable e) {
      // The bridge would swallow it silently; say what went wrong, the application goes on.
      AgentLog.warn("could not register " + pool.getClass().getName(), e);
    }
  }

  private void register(Object pool) {
    synchronized (pools) {
      if (AgentLog.debugEnabled() && !pools.containsKey(pool)) {
        AgentLog.debug("new pool object " + pool.getClass().getName());
      }
      if (pools.containsKey(pool)) {
        return; // A chained constructor already reported it.
      }
      pools.put(pool, new PoolRecord(PoolHandle.kindOf(pool), null, null)); // placeholder
    }
    PoolRecord record = inspect(pool);
    synchronized (pools) {
      pools.put(pool, record);
    }
    if (record.handle != null) {
      evaluate(record, false);
    }
  }

  private PoolRecord inspect(Object pool) {
    String kind = PoolHandle.kindOf(pool);
    ClassLoader loader = pool.getClass().getClassLoader();
    JedisNames names = JedisNames.of(pool.getClass());
    if (names == null) {
      return new PoolRecord(kind, null, null); // instrumentation matches only Jedis classes
    }
    boolean firstTime = !compatibility.known(loader, names);
    List<String> problems = compatibility.problems(loader, names);
    if (!problems.isEmpty()) {
      if (firstTime) {
        String line =
            names.library + " in class loader " + loader + " lacks " + problems + "; left alone";
        AgentLog.warn(line);
        reportUnsupported(line);
      }
      unsupportedCount.incrementAndGet();
      return new PoolRecord(kind, null, null);
    }
    try {
      PoolHandle handle = PoolHandle.inspect(pool);
      HostPort original = handle.target();
      long epoch = tracker.epoch(handle.factory());
      for (Object pooledObject : handle.pooledObjects()) {
        tracker.made(handle.factory(), pooledObject, epoch); // made before we could see it
      }
      AgentLog.debug("seen " + kind + " to " + original);
      return new PoolRecord(kind, original, handle);
    } catch (UnsupportedPoolException | RuntimeException e) {
      String line =
          kind + "@" + Integer.toHexString(System.identityHashCode(pool)) + ": " + e.getMessage();
      AgentLog.info("not managing " + line);
      reportUnsupported(line);
      unsupportedCount.incrementAndGet();
      return new PoolRecord(kind, null, null);
    }
  }

  @Override
  public long factoryEpoch(Object factory) {
    return tracker.epoch(factory);
  }

  @Override
  public void objectMade(Object factory, Object pooledObject, long epochAtStart) {
    tracker.made(factory, pooledObject, epochAtStart);
  }

  @Override
  public void sentinelPoolMasterSet(Object sentinelPool, Object masterBefore, Object masterAfter) {
    if (masterBefore == null || masterAfter == null || masterBefore.equals(masterAfter)) {
      return;
    }
    Field factoryField = findField(sentinelPool.getClass(), "factory");
    if (factoryField == null) {
      return;
    }
    try {
      Object factory = factoryField.get(sentinelPool);
      HostPort target = PoolHandle.toHostPort(masterAfter);
      if (factory == null) {
        return;
      }
      // Everything the pool holds now (idle or borrowed) was made for the old master: count it in
      // even if its making was not seen (made before a dynamic attach).
      int retired = tracker.switchOnce(factory, target, PoolHandle.pooledObjectsOf(sentinelPool));
      if (retired < 0) {
        return; // Another sentinel listener of the same pool reported the same switch.
      }
      sentinelPoolEvictions.addAndGet(retired);
      AgentLog.info(
          "JedisSentinelPool switched "
              + PoolHandle.toHostPort(masterBefore)
              + " -> "
              + PoolHandle.toHostPort(masterAfter)
              + ", retired "
              + retired
              + " connection(s) made for the old master");
    } catch (IllegalAccessException e) {
      AgentLog.warn("cannot read JedisSentinelPool.factory", e);
    }
  }

  @Override
  public void dataError(Throwable error) {
    if (meansPrimaryMoved(error)) {
      SentinelFollower f = follower;
      if (f != null) {
        AgentLog.debug("READONLY reply seen, re-checking the primary now");
        f.checkSoon();
      }
    }
  }

  /**
   * A READONLY reply: the node this pool writes to has become a replica, so a failover happened
   * (perhaps one whose +switch-master this agent missed). Any other error says nothing about it.
   */
  static boolean meansPrimaryMoved(Throwable error) {
    String message = error.getMessage();
    return message != null && message.startsWith("READONLY");
  }

  // ------------------------------------------------------------ sentinel events (agent threads)

  @Override
  public void checked(List<MasterAnswer> answers, int sentinelsReached) {
    long now = System.currentTimeMillis();
    for (MasterGroup group : groups.values()) {
      List<MasterAnswer> mine = new ArrayList<>();
      for (MasterAnswer answer : answers) {
        if (answer.masterName().equals(group.name())) {
          mine.add(answer);
        }
      }
      MasterGroup.Change change = group.consider(mine, now);
      if (change != null) {
        apply(group, change, "check of " + sentinelsReached + " sentinel(s)");
      }
    }
    // Pools not yet recognised: the known addresses may have grown, and DNS may match them.
    for (PoolRecord record : records()) {
      if (record.handle != null && record.group == null) {
        evaluate(record, true);
      }
    }
  }

  @Override
  public void switchMaster(
      HostPort sentinel, String masterName, HostPort oldPrimary, HostPort newPrimary) {
    MasterGroup group = groups.get(masterName);
    if (group == null) {
      return;
    }
    MasterGroup.Change change =
        group.switchMessage(oldPrimary, newPrimary, System.currentTimeMillis());
    if (change != null) {
      apply(group, change, "+switch-master from " + sentinel);
    }
  }

  private void apply(MasterGroup group, MasterGroup.Change change, String cause) {
    if (change.previous == null) {
      AgentLog.info("master group " + group.name() + ": primary is " + change.current);
    } else {
      AgentLog.info(
          "master group "
              + group.name()
              + ": primary "
              + change.previous
              + " -> "
              + change.current
              + " ("
              + cause
              + ")");
    }
    for (PoolRecord record : records()) {
      if (record.handle == null) {
        continue;
      }
      if (record.group == null) {
        evaluate(record, false);
      } else if (record.group == group) {
        redirect(record, change.current);
      }
    }
  }

  // ------------------------------------------------------------------------------ pool logic

  /** Assigns the pool to a group if its address is known and points it at the primary. */
  private void evaluate(PoolRecord record, boolean mayResolve) {
    if (record.group == null) {
      MasterGroup group = groupOf(record.original, mayResolve);
      if (group == null) {
        return;
      }
      record.group = group;
      AgentLog.info(
          "managing " + record.kind + " to " + record.original + " (group " + group.name() + ")");
    }
    HostPort primary = record.group.primary();
    if (primary != null) {
      redirect(record, primary);
    }
  }

  private void redirect(PoolRecord record, HostPort primary) {
    synchronized (record) {
      try {
        if (primary.equals(record.handle.target())) {
          return;
        }
        HostPort from = record.handle.target();
        record.handle.redirect(primary);
        record.handle.clearIdle();
        int retired = tracker.retireAll(record.handle.factory(), primary);
        record.group.addEvicted(retired);
        AgentLog.info(
            "redirected "
                + record.kind
                + " "
                + from
                + " -> "
                + primary
                + ", retired "
                + retired
                + " connection(s)");
      } catch (RuntimeException e) {
        AgentLog.warn("could not redirect " + record.kind + " to " + primary, e);
      }
    }
  }

  private MasterGroup groupOf(HostPort address, boolean mayResolve) {
    for (MasterGroup group : groups.values()) {
      if (group.knows(address)) {
        return group;
      }
    }
    if (!mayResolve) {
      return null;
    }
    List<InetAddress> mine = resolve(address.host());
    if (mine.isEmpty()) {
      return null;
    }
    for (MasterGroup group : groups.values()) {
      for (HostPort known : group.knownAddresses()) {
        if (known.port() == address.port() && !Collections.disjoint(mine, resolve(known.host()))) {
          return group;
        }
      }
    }
    return null;
  }

  private List<InetAddress> resolve(String host) {
    List<InetAddress> cached = resolved.get(host);
    if (cached != null) {
      return cached;
    }
    List<InetAddress> result;
    try {
      result = java.util.Arrays.asList(InetAddress.getAllByName(host));
    } catch (Exception e) {
      result = Collections.emptyList();
    }
    // Literal IPs never change; names are cached for the agent's life, which is what the JVM does.
    if (!IPV4.matcher(host).matches() || !result.isEmpty()) {
      resolved.put(host, result);
    }
    return result;
  }

  private void reportUnsupported(String line) {
    synchronized (unsupported) {
      if (unsupported.size() < MAX_UNSUPPORTED_LINES) {
        unsupported.add(line);
      }
    }
  }

  private List<PoolRecord> records() {
    synchronized (pools) {
      return pools.values();
    }
  }

  private static Field findField(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        Field field = c.getDeclaredField(name);
        field.setAccessible(true);
        return field;
      } catch (NoSuchFieldException | LinkageError ignored) {
        // Keep looking in the superclass.
      }
    }
    return null;
  }

  // ------------------------------------------------------------------------- for the MBeans

  public List<MasterGroup> groups() {
    return new ArrayList<>(groups.values());
  }

  public int poolsSeen() {
    synchronized (pools) {
      return pools.size();
    }
  }

  public long unsupportedCount() {
    return unsupportedCount.get();
  }

  public List<String> unsupportedLines() {
    synchronized (unsupported) {
      return new ArrayList<>(unsupported);
    }
  }

  public long connectionsEvicted() {
    long total = sentinelPoolEvictions.get();
    for (MasterGroup group : groups.values()) {
      total += group.evicted();
    }
    return total;
  }

  public List<ManagedPoolInfo> managedPools(MasterGroup group) {
    List<ManagedPoolInfo> result = new ArrayList<>();
    for (PoolRecord record : records()) {
      if (record.group == group && record.handle != null) {
        String current;
        int active;
        int idle;
        try {
          current = String.valueOf(record.handle.target());
          active = record.handle.numActive();
          idle = record.handle.numIdle();
        } catch (RuntimeException e) {
          current = "?";
          active = -1;
          idle = -1;
        }
        result.add(
            new ManagedPoolInfo(record.kind, record.original.toString(), current, active, idle));
      }
    }
    return result;
  }
}
