package dev.flowdeck.app.ui.export;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The one way the console writes a PNG (charts, the topology, screenshots of benchmarks): off the FX thread (the
 * image is already rendered), into a temporary file that is then moved into place, so a reader never sees half a file.
 */
public final class PngFiles {
    private PngFiles() {
    }

    public static Path write(Image image, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path parent = target.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path partial = Files.createTempFile(parent, "." + target.getFileName(), ".part");
        try {
            if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", partial.toFile())) {
                throw new IOException("no PNG writer available");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return file;
    }
}
