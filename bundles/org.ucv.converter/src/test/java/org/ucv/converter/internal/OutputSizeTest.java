package org.ucv.converter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OutputSizeTest {
    @Test
    void keepsTheSourceWithoutALimitOrAboveIt() {
        assertEquals(new OutputSize(1920, 1080), OutputSize.of(1920, 1080, 0));
        assertEquals(new OutputSize(1920, 1080), OutputSize.of(1920, 1080, 1920));
        assertEquals(new OutputSize(320, 180), OutputSize.of(320, 180, 1280));
    }

    @Test
    void scalesDownKeepingTheAspect() {
        assertEquals(new OutputSize(640, 360), OutputSize.of(1920, 1080, 640));
        assertEquals(new OutputSize(160, 90), OutputSize.of(320, 180, 160));
        assertEquals(new OutputSize(320, 240), OutputSize.of(640, 480, 320));
    }

    @Test
    void dimensionsAreEven() {
        assertEquals(new OutputSize(320, 180), OutputSize.of(321, 181, 0));
        assertEquals(new OutputSize(160, 90), OutputSize.of(320, 180, 161));
        assertEquals(new OutputSize(100, 56), OutputSize.of(1280, 720, 100)); // 56.25
        assertEquals(new OutputSize(10, 2), OutputSize.of(1000, 2, 10)); // never below 2
    }

    @Test
    void refusesDegeneratePictures() {
        assertThrows(IllegalArgumentException.class, () -> OutputSize.of(1, 100, 0));
    }
}
