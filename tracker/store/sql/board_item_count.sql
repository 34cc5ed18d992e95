-- name: board_item_count :rows
-- DuckDB, on a write's own copy of the items naming a board: how many recommendations name board $board now among
-- the forces $scope (null: every force). Params: $board, $scope.
SELECT count(*) FROM tracker.main.rec_base
WHERE board = $board AND ($scope IS NULL OR list_contains($scope::VARCHAR[], force))
