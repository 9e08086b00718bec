package dev.vigil.management.mbeans;

import dev.vigil.management.view.MasterView;
import dev.vigil.management.view.SentinelView;
import java.util.function.Supplier;

/** Finds an MBean's subject in the latest view; an MBean whose subject left reports it clearly. */
final class ViewLookup {
  private final Supplier<SentinelView> views;

  ViewLookup(Supplier<SentinelView> views) {
    this.views = views;
  }

  SentinelView sentinel() {
    return views.get();
  }

  MasterView master(String name) {
    MasterView m = views.get().master(name);
    if (m == null) {
      throw new IllegalStateException("No such master with that name: " + name);
    }
    return m;
  }
}
