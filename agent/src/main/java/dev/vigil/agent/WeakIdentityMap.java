package dev.vigil.agent;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A map keyed by object identity that holds its keys weakly, so the agent never keeps an
 * application's pools or connections alive and never calls their {@code equals}/{@code hashCode}.
 * Not thread-safe: callers synchronize.
 */
public final class WeakIdentityMap<K, V> {
  private static final class Key<K> extends WeakReference<K> {
    private final int hash;

    Key(K referent, ReferenceQueue<? super K> queue) {
      super(referent, queue);
      this.hash = System.identityHashCode(referent);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Key)) {
        return false;
      }
      Object mine = get();
      return mine != null && mine == ((Key<?>) o).get();
    }
  }

  /** A lookup key that is never enqueued. */
  private static final class Probe<K> extends WeakReference<K> {
    private final int hash;

    Probe(K referent) {
      super(referent);
      this.hash = System.identityHashCode(referent);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof WeakReference && get() != null && get() == ((WeakReference<?>) o).get();
    }
  }

  private final Map<WeakReference<K>, V> entries = new HashMap<>();
  private final ReferenceQueue<K> queue = new ReferenceQueue<>();

  public V get(K key) {
    expunge();
    return entries.get(new Probe<>(key));
  }

  public boolean containsKey(K key) {
    expunge();
    return entries.containsKey(new Probe<>(key));
  }

  /** Puts and returns the previous value. */
  public V put(K key, V value) {
    expunge();
    V previous = entries.remove(new Probe<>(key));
    entries.put(new Key<>(key, queue), value);
    return previous;
  }

  public V remove(K key) {
    expunge();
    return entries.remove(new Probe<>(key));
  }

  public int size() {
    expunge();
    return entries.size();
  }

  /** The keys still alive, strongly referenced in the returned list. */
  public List<K> keys() {
    expunge();
    List<K> result = new ArrayList<>(entries.size());
    for (WeakReference<K> ref : entries.keySet()) {
      K key = ref.get();
      if (key != null) {
        result.add(key);
      }
    }
    return result;
  }

  /** The values whose keys are still alive. */
  public List<V> values() {
    expunge();
    List<V> result = new ArrayList<>(entries.size());
    for (Map.Entry<WeakReference<K>, V> entry : entries.entrySet()) {
      if (entry.getKey().get() != null) {
        result.add(entry.getValue());
      }
    }
    return result;
  }

  public void clear() {
    entries.clear();
  }

  private void expunge() {
    Object ref;
    while ((ref = queue.poll()) != null) {
      entries.remove(ref);
    }
  }
}
