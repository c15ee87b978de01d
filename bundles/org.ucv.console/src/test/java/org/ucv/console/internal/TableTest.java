package org.ucv.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void padsColumnsToTheWidestCellAndAlignsNumbersRight() {
        String text = new Table("ID", "NAME", ">FPS")
                .row("demo", "Demo camera", "15.0")
                .row("door", "Door", "5.5")
                .render();
        assertEquals("""
                ID    NAME          FPS
                demo  Demo camera  15.0
                door  Door          5.5
                """, text);
    }

    @Test
    void printsNullAndBlankAsDashAndNoTrailingSpaces() {
        String text = new Table("A", "B").row(null, " ").row("x", "y").render();
        assertEquals("A  B\n-  -\nx  y\n", text);
    }

    @Test
    void keepsOneCellOnOneLineAndCutsLongText() {
        String longText = "e".repeat(100);
        String text = new Table("ID", "LAST ERROR").row("a", "line one\nline two").row("b", longText).render();
        String[] lines = text.split("\n");
        assertEquals(3, lines.length);
        assertEquals("a   line one line two", lines[1]);
        assertTrue(lines[2].endsWith("e..."), lines[2]);
        assertEquals(4 + Table.MAX_CELL, lines[2].length());
    }

    @Test
    void headerOnlyWhenThereAreNoRows() {
        Table table = new Table("NAME", "ROLE");
        assertEquals(0, table.size());
        assertEquals("NAME  ROLE\n", table.render());
    }

    @Test
    void refusesARowOfTheWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> new Table("A", "B").row("only one"));
    }
}
