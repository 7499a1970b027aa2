package dev.flowdeck.app.ui.sources;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;

/** Saves what a scene shows as a PNG under /tmp/flowdeck-sources-shots (or -Dflowdeck.shots=DIR). */
final class ShotFiles {
    private ShotFiles() {
    }

    static Path save(Scene scene, String name) throws Exception {
        Path dir = Path.of(System.getProperty("flowdeck.shots", "/tmp/flowdeck-sources-shots"));
        Files.createDirectories(dir);
        WritableImage image = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)));
        Path file = dir.resolve(name + ".png");
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        return file;
    }
}
