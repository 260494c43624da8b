-- RedriveExecution: how many times an execution was redriven and when last. Its journal is now kept
-- after an unsuccessful close too (the redrive replays it), until the execution is purged.
ALTER TABLE executions ADD COLUMN redrive_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE executions ADD COLUMN redrive_nanos INTEGER;
