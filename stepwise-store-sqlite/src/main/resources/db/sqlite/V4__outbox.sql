-- Status-change events waiting for their sinks (webhooks, files): each row is written in the same
-- transaction as the step that caused it and deleted once delivered, so delivery survives restarts.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sink TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  due_nanos INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_by_sink ON outbox (sink, id);
