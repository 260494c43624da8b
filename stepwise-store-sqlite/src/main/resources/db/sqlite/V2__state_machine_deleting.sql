-- DeleteStateMachine on a STANDARD state machine with running executions leaves it DELETING until
-- they have closed; a restart carries the deletion on.
ALTER TABLE state_machines ADD COLUMN deleting INTEGER NOT NULL DEFAULT 0;
