-- Inside a write, on the copy: submission $seq as the workflow rules need it: seq, key, actor_id, state, status
-- (proposed), target (proposed); no row if there is no such submission. Params: $seq.
SELECT seq, key, actor_id, state, status, target FROM submission_rows(NULL, $seq)
