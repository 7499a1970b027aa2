package dev.flowdeck.engine.tier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class QueueTheoryTest {
    @Test
    void mm1IsOneOverMuMinusLambda() {
        // S = 10 ms, rho 0.8: W = S / (1 - rho) = 50 ms
        assertThat(QueueTheory.mmcLatency(10, 1, 0.8)).isCloseTo(50.0, within(1e-9));
        assertThat(QueueTheory.erlangC(1, 0.8)).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void erlangCMatchesTheClosedFormForTwoServers() {
        // c = 2: C = 2 rho^2 / (1 + rho)
        double rho = 0.7;
        assertThat(QueueTheory.erlangC(2, 2 * rho)).isCloseTo(2 * rho * rho / (1 + rho), within(1e-12));
    }

    @Test
    void erlangCIsStableForManyServers() {
        double c = QueueTheory.erlangC(500, 480);
        assertThat(c).isBetween(0.0, 1.0);
        assertThat(QueueTheory.mmcLatency(100, 500, 0.96)).isFinite().isGreaterThan(100);
    }

    @Test
    void md1IsPollaczekKhinchine() {
        assertThat(QueueTheory.mdcLatency(10, 1, 0.8)).isCloseTo(10 + 0.8 * 10 / (2 * 0.2), within(1e-9));
        assertThat(QueueTheory.mdcLatency(10, 1, 0.5)).isCloseTo(15.0, within(1e-9));
    }

    @Test
    void mdcWaitsAboutHalfAsLongAsMmc() {
        double md = QueueTheory.mdcWait(10, 4, 0.8);
        double mm = QueueTheory.mmcWait(10, 4, 0.8);
        assertThat(md / mm).isBetween(0.5, 0.6);
    }

    @Test
    void atOrAboveCapacityTheWaitIsInfinite() {
        assertThat(QueueTheory.mmcLatency(10, 2, 1.0)).isInfinite();
        assertThat(QueueTheory.mdcLatency(10, 2, 1.2)).isInfinite();
        assertThatThrownBy(() -> QueueTheory.erlangC(2, 2.0)).hasMessageContaining("a < c");
    }

    @Test
    void curveRisesWithLoad() {
        double[][] xy = QueueTheory.curve(ServiceDistribution.EXPONENTIAL, 10, 2, 0.1, 0.95, 20);
        assertThat(xy).hasNumberOfRows(20);
        for (int i = 1; i < xy.length; i++) {
            assertThat(xy[i][1]).isGreaterThan(xy[i - 1][1]);
        }
    }
}
