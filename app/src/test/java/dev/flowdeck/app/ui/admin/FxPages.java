package dev.flowdeck.app.ui.admin;

import atlantafx.base.theme.PrimerLight;
import dev.flowdeck.app.ui.kit.ConsolePage;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;

import java.util.concurrent.TimeoutException;

/** Mounts one console page in a plain stage with the console's theme, as the shell will. */
final class FxPages {
    /** Monocle's headless screen is 1280x800 unless told otherwise; a larger stage overflows its frame buffer. */
    static final int WIDTH = 1280;
    static final int HEIGHT = 800;

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private FxPages() {
    }

    static Stage mount(ConsolePage page) throws TimeoutException {
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            s.setScene(new Scene((Parent) page.content(), WIDTH, HEIGHT));
            s.setTitle("Flowdeck - " + page.title());
            s.show();
            page.shown();
        });
        return stage;
    }
}
