package org.ucv.console.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain fixed-width text table for the shell: a header row, columns padded to their widest cell
 * (two spaces apart), numbers aligned right. Cells are cut to a bounded width so that one long
 * error text cannot push every other column off the screen.
 */
public final class Table {
    /** The widest a cell may be; longer text ends in "...". */
    public static final int MAX_CELL = 60;
    private static final String GAP = "  ";
    private static final String CUT = "...";

    private final String[] headers;
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * @param headers the column titles; a title starting with {@code >} is aligned right (the
     *        {@code >} is not printed)
     */
    public Table(String... headers) {
        this.headers = new String[headers.length];
        this.right = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            right[i] = headers[i].startsWith(">");
            this.headers[i] = right[i] ? headers[i].substring(1) : headers[i];
        }
    }

    /**
     * @param cells one value per column; null is printed as {@code -}
     * @return this table
     * @throws IllegalArgumentException when the number of cells differs from the headers
     */
    public Table row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("a row needs " + headers.length + " cells, got " + cells.length);
        }
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = cell(cells[i]);
        }
        rows.add(text);
        return this;
    }

    /** @return how many rows were added */
    public int size() {
        return rows.size();
    }

    /** @return the table, one line per row after the header, each ending in a line feed */
    public String render() {
        int[] width = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            width[i] = headers[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, width);
        for (String[] row : rows) {
            line(out, row, width);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return render();
    }

    private void line(StringBuilder out, String[] cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(GAP);
            }
            String pad = " ".repeat(width[i] - cells[i].length());
            line.append(right[i] ? pad + cells[i] : cells[i] + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String cell(Object value) {
        if (value == null) {
            return "-";
        }
        // One cell is one line: a line break inside an error text would break the columns.
        String text = String.valueOf(value).replaceAll("[\\r\\n\\t]+", " ").strip();
        if (text.isEmpty()) {
            return "-";
        }
        return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - CUT.length()) + CUT : text;
    }
}
