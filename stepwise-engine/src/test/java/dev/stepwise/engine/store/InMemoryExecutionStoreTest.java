package dev.stepwise.engine.store;

class InMemoryExecutionStoreTest extends ExecutionStoreContract {
  @Override
  protected ExecutionStore store() {
    return new InMemoryExecutionStore();
  }

  @Override
  protected boolean keepsJournal() {
    return true;
  }
}
