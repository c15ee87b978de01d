package org.ucv.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The examples of docs/metrics.md. */
class HealthScoreTest {
    @Test
    void perfectViewerScoresHundred() {
        assertEquals(100.0, HealthScore.viewer(60, 15, 15, 75, 0, 80));
    }

    @Test
    void noFramesAfterWarmUpScoresZero() {
        assertEquals(0.0, HealthScore.viewer(10, 0, 15, 0, 0, 0));
    }

    @Test
    void noFramesDuringWarmUpIsNotJudgedYet() {
        assertEquals(100.0, HealthScore.viewer(0.5, 0, 15, 0, 0, 0));
    }

    @Test
    void warmUpStillCountsLatencyAndDrops() {
        assertEquals(50.0, HealthScore.viewer(1.5, 2, 15, 3, 0, 1250));
        assertEquals(75.0, HealthScore.viewer(1.5, 2, 15, 1, 1, 100));
    }

    @Test
    void halfTheFpsScoresHalf() {
        assertEquals(50.0, HealthScore.viewer(60, 7.5, 15, 37, 0, 100));
    }

    @Test
    void moreThanTheTargetCountsAsTheTarget() {
        assertEquals(100.0, HealthScore.viewer(60, 16, 15, 80, 0, 100));
    }

    @Test
    void latencyCostsFromTwoHundredFiftyToTwoThousandTwoHundredFiftyMs() {
        assertEquals(100.0, HealthScore.viewer(60, 15, 15, 75, 0, 250));
        assertEquals(50.0, HealthScore.viewer(60, 15, 15, 75, 0, 1250));
        assertEquals(0.0, HealthScore.viewer(60, 15, 15, 75, 0, 2250));
        assertEquals(0.0, HealthScore.viewer(60, 15, 15, 75, 0, 9000));
    }

    @Test
    void dropsCostHalfTheirShare() {
        // 60 sent, 15 dropped: 20 % dropped, delivery 0.9; fps 12 of 15: rate 0.8
        assertEquals(72.0, HealthScore.viewer(60, 12, 15, 60, 15, 100));
    }

    @Test
    void noTargetMeansAnyFlowIsEnough() {
        assertEquals(100.0, HealthScore.viewer(60, 3, 0, 15, 0, 100));
        assertEquals(0.0, HealthScore.viewer(60, 0, 0, 0, 0, 0));
    }

    @Test
    void streamScoresInputAndViewers() {
        assertEquals(100.0, HealthScore.stream(60, 75, 0, 0, 0));
        assertEquals(90.0, HealthScore.stream(60, 100, 10, 0, 0));
        assertEquals(0.0, HealthScore.stream(60, 0, 0, 200, 2));
        assertEquals(100.0, HealthScore.stream(1, 0, 0, 0, 0));
        assertEquals(75.0, HealthScore.stream(60, 75, 0, 100 + 50, 2));
        assertEquals(45.0, HealthScore.stream(60, 100, 10, 50, 1));
    }
}
