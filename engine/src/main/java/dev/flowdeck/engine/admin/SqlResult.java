package dev.flowdeck.engine.admin;

import java.util.List;

/**
 * What a run returned: the last result set (bounded to the page size) or the last update count, and a summary of
 * every statement.
 *
 * @param rows        values as the database renders them as text; null for SQL NULL
 * @param more        the result had more rows than the page holds
 * @param updateCount rows changed by the last statement without a result set; -1 if none
 */
public record SqlResult(List<SqlColumn> columns, List<List<String>> rows, boolean more, long updateCount,
                        int statements, long elapsedMs, boolean wrote, String summary) {
    public SqlResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public boolean hasResultSet() {
        return !columns.isEmpty();
    }
}
