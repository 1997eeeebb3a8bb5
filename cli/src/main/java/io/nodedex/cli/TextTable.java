package io.nodedex.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table for people: a header row, then the rows in the order added, columns aligned and
 * separated by two spaces, no trailing blanks. An empty cell prints as {@code -}.
 */
final class TextTable {

    private static final String GAP = "  ";

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    TextTable(String... headers) {
        this.columns = headers.length;
        rows.add(headers.clone());
    }

    TextTable row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("a row of this table has " + columns + " cells, not " + cells.length
                    + ": " + Arrays.toString(cells));
        }
        rows.add(Arrays.stream(cells).map(cell -> cell == null || cell.isEmpty() ? "-" : cell).toArray(String[]::new));
        return this;
    }

    void print(PrintWriter out) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(row[c]);
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] - row[c].length())).append(GAP);
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }
}
