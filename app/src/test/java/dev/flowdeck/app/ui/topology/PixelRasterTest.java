package dev.flowdeck.app.ui.topology;

import dev.flowdeck.engine.topology.DeliverySimulation;
import dev.flowdeck.engine.topology.RunSettings;
import dev.flowdeck.engine.topology.Topology;
import dev.flowdeck.engine.topology.TopologyLayout;
import dev.flowdeck.engine.topology.TopologySettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The tile rasteriser and the tiles it makes, without a JavaFX toolkit. */
class PixelRasterTest {
    private static final int BLACK = 0x000000;
    private static final int WHITE = 0xFFFFFF;

    @Test
    void aLineColoursThePixelsAlongItAndNothingFarAway() {
        PixelRaster r = new PixelRaster(50, 30, BLACK);
        r.line(5, 10, 45, 10, WHITE, 1, 1);
        assertThat(rgb(r, 5, 10)).isEqualTo(WHITE);
        assertThat(rgb(r, 25, 10)).isEqualTo(WHITE);
        assertThat(rgb(r, 45, 10)).isEqualTo(WHITE);
        assertThat(rgb(r, 25, 20)).isEqualTo(BLACK);
        assertThat(rgb(r, 2, 10)).isEqualTo(BLACK);
        for (int p : r.pixels()) {
            assertThat(p >>> 24).as("opaque").isEqualTo(0xFF);
        }
    }

    @Test
    void opacityBlendsWithWhatIsUnderneath() {
        PixelRaster r = new PixelRaster(10, 10, BLACK);
        r.line(0, 5, 9, 5, WHITE, 0.5, 1);
        int grey = rgb(r, 4, 5) & 0xFF;
        assertThat(grey).isBetween(120, 135);
    }

    @Test
    void linesOutsideOrAcrossTheBufferAreClippedNotThrown() {
        PixelRaster r = new PixelRaster(20, 20, BLACK);
        r.line(-100, -50, -10, -5, WHITE, 1, 3);
        assertThat(r.pixels()).containsOnly(0xFF00_0000);
        r.line(-100, 10, 100, 10, WHITE, 1, 1);
        assertThat(rgb(r, 0, 10)).isEqualTo(WHITE);
        assertThat(rgb(r, 19, 10)).isEqualTo(WHITE);
    }

    @Test
    void aThickLineIsSeveralPixelsWide() {
        PixelRaster r = new PixelRaster(40, 40, BLACK);
        r.line(5, 20, 35, 20, WHITE, 1, 4);
        assertThat(rgb(r, 20, 18) & 0xFF).isPositive();
        assertThat(rgb(r, 20, 21) & 0xFF).isPositive();
        assertThat(rgb(r, 20, 26)).isEqualTo(BLACK);
    }

    @Test
    void aDiscFillsItsInsideOnly() {
        PixelRaster r = new PixelRaster(40, 40, BLACK);
        r.disc(20, 20, 6, WHITE, 1);
        assertThat(rgb(r, 20, 20)).isEqualTo(WHITE);
        assertThat(rgb(r, 24, 20)).isEqualTo(WHITE);
        assertThat(rgb(r, 28, 20)).isEqualTo(BLACK);
        assertThat(rgb(r, 20, 30)).isEqualTo(BLACK);
    }

    @Test
    void aTileShowsServersInTheirColourAndFailedOnesGrey() {
        Topology t = Topology.generate(TopologySettings.defaults().withClients(100));
        GraphPicture picture = GraphPicture.of(DeliverySimulation.compare(t, RunSettings.defaults()), TopologyLayout.compute(t));
        double scale = 0.5;
        boolean[] down = new boolean[picture.nodeCount()];
        down[2] = true;
        GraphRaster.Job job = new GraphRaster.Job(picture, true, down, scale, 1, 0, 0, 500, 500);
        PixelRaster tile = GraphRaster.render(job);
        int edge = 1;
        assertThat(rgb(tile, (int) (picture.x(edge) * scale), (int) (picture.y(edge) * scale))).isEqualTo(GraphRaster.rgb(GraphPalette.EDGE));
        assertThat(rgb(tile, (int) (picture.x(0) * scale), (int) (picture.y(0) * scale))).isEqualTo(GraphRaster.rgb(GraphPalette.ORIGIN));
        int failed = rgb(tile, (int) (picture.x(2) * scale) + 3, (int) (picture.y(2) * scale));
        assertThat(failed).isNotEqualTo(GraphRaster.rgb(GraphPalette.EDGE));
    }

    private static int rgb(PixelRaster r, int x, int y) {
        return r.pixels()[y * r.width() + x] & 0xFF_FFFF;
    }
}
