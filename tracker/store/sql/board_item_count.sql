-- name: board_item_count :rows
-- Inside a journal write, with the analytic file attached: how many recommendations name board $board among the forces
-- $scope (null: every force).
SELECT count(*) FROM tracker.main.rec_base
WHERE board = $board AND ($scope IS NULL OR list_contains($scope::VARCHAR[], force))
