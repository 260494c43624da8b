package dev.stepwise.engine.observe;

/** Told of each commit a store makes: how many steps it wrote together and how long it took. */
@FunctionalInterface
public interface StoreObserver {
  StoreObserver NONE = (steps, nanos) -> {};

  /** Called on the store's writer thread after the commit: must be cheap. */
  void committed(int steps, long nanos);
}
