package dev.vigil.management.mbeans;

import dev.vigil.engine.EventSink;
import dev.vigil.jmx.VigilObjectNames;
import dev.vigil.management.ManagementOperations;
import dev.vigil.management.view.MasterView;
import dev.vigil.management.view.PeerView;
import dev.vigil.management.view.ReplicaView;
import dev.vigil.management.view.SentinelView;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Owns every {@code vigil:*} MBean in one MBeanServer. {@link #sync()} diffs the latest view
 * against what is registered: MBeans appear and disappear as masters, replicas and peers come and
 * go. The beans themselves hold only their key and read the latest view on every call, so a sync is
 * needed only when the set of subjects changes, not when their attributes do.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #sync()} from any thread (serialised here), {@link
 * #close()} unregisters everything.
 */
public final class MBeanRegistry implements AutoCloseable {
  private final MBeanServer server;
  private final Supplier<SentinelView> views;
  private final ViewLookup lookup;
  private final ManagementOperations ops;
  private final ExecutorService notifier;
  private final SentinelBean sentinel;
  private final Set<ObjectName> registered = new HashSet<>();
  private boolean closed;

  public MBeanRegistry(
      MBeanServer server,
      Supplier<SentinelView> views,
      ManagementOperations ops,
      SentinelBean.Ports ports,
      LongSupplier wallClockMs) {
    this.server = server;
    this.views = views;
    this.lookup = new ViewLookup(views);
    this.ops = ops;
    this.notifier =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "vigil-jmx-notifications");
              t.setDaemon(true);
              return t;
            });
    this.sentinel = new SentinelBean(lookup, ops, ports, wallClockMs, notifier);
  }

  /** Registers {@code vigil:type=Sentinel} and the MBeans of the current view. */
  public synchronized void start() {
    register(VigilObjectNames.sentinel(), sentinel);
    sync();
  }

  /** Where the runtime sends engine events so they become JMX notifications. */
  public EventSink notifications() {
    return sentinel;
  }

  /** Brings the registered MBeans in line with the latest view. */
  public synchronized void sync() {
    if (closed) {
      return;
    }
    Map<ObjectName, Supplier<Object>> wanted = wanted(views.get());
    for (ObjectName name : Set.copyOf(registered)) {
      if (!name.equals(VigilObjectNames.sentinel()) && !wanted.containsKey(name)) {
        unregister(name);
      }
    }
    wanted.forEach(
        (name, bean) -> {
          if (!registered.contains(name)) {
            register(name, bean.get());
          }
        });
  }

  /** The names this registry has registered, for tests and diagnostics. */
  public synchronized Set<ObjectName> registeredNames() {
    return Set.copyOf(registered);
  }

  private Map<ObjectName, Supplier<Object>> wanted(SentinelView view) {
    Map<ObjectName, Supplier<Object>> wanted = new LinkedHashMap<>();
    for (MasterView m : view.masters()) {
      String master = m.name();
      wanted.put(VigilObjectNames.master(master), () -> new MasterBean(master, lookup, ops));
      wanted.put(VigilObjectNames.election(master), () -> new ElectionBean(master, lookup));
      for (ReplicaView r : m.replicas()) {
        String address = r.address();
        wanted.put(
            VigilObjectNames.replica(master, address),
            () -> new ReplicaBean(master, address, lookup));
      }
      for (PeerView p : m.peers()) {
        String runId = p.runId();
        wanted.put(VigilObjectNames.peer(master, runId), () -> new PeerBean(master, runId, lookup));
      }
    }
    return wanted;
  }

  private void register(ObjectName name, Object bean) {
    try {
      server.registerMBean(bean, name);
      registered.add(name);
    } catch (JMException e) {
      throw new IllegalStateException("cannot register " + name + ": " + e, e);
    }
  }

  private void unregister(ObjectName name) {
    registered.remove(name);
    try {
      server.unregisterMBean(name);
    } catch (InstanceNotFoundException e) {
      // Someone else removed it already: the goal state is reached.
    } catch (JMException e) {
      throw new IllegalStateException("cannot unregister " + name + ": " + e, e);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (ObjectName name : Set.copyOf(registered)) {
      unregister(name);
    }
    notifier.shutdown();
  }
}
