-- +goose Up
-- The Call to Action's own settings, edited as content: one row. goal is
-- how many organisations the campaign aims to have sign, or NULL for no
-- goal. Its bounds are the editor's (content.CallToActionKind).
CREATE TABLE call_to_action (
    id   boolean PRIMARY KEY DEFAULT true CHECK (id),
    goal integer CHECK (goal BETWEEN 1 AND 1000000)
);
INSERT INTO call_to_action DEFAULT VALUES;

-- The Call to Action page shows the goal: a change re-renders it
-- (see 00016_public_page_notifications.sql).
CREATE TRIGGER call_to_action_notify AFTER INSERT OR UPDATE OR DELETE ON call_to_action
    FOR EACH ROW EXECUTE FUNCTION notify_public_pages();
CREATE TRIGGER call_to_action_notify_truncate AFTER TRUNCATE ON call_to_action
    FOR EACH STATEMENT EXECUTE FUNCTION notify_public_pages();

-- The approved signatories in the order they were approved, for the date
-- a goal was reached: the goal-th of them, found by reading that many
-- entries of this index from one end or the other (whichever is fewer)
-- instead of sorting every approved row. The expression is
-- store.GoalReachedSQL's.
CREATE INDEX signatories_approved_order ON signatories
    ((coalesce(decided_at, created_at)), id)
    WHERE status = 'approved';

-- +goose Down
DROP INDEX signatories_approved_order;
DROP TABLE call_to_action;
