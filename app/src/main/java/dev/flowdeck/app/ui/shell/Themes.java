package dev.flowdeck.app.ui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

import java.net.URL;
import java.util.Objects;

/**
 * Light and dark themes the AtlantaFX way: the theme is the one user-agent stylesheet, and Flowdeck's own stylesheet
 * (assets/styles/flowdeck.css) holds only layout and tokens that refer to the theme's colours, so it fits both.
 */
public final class Themes {
    public static final String APP_STYLESHEET = "/assets/styles/flowdeck.css";

    private Themes() {
    }

    public static void apply(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    /** Adds the app stylesheet and marks the root for dark-only tweaks. */
    public static void style(Scene scene, boolean dark) {
        URL css = Objects.requireNonNull(Themes.class.getResource(APP_STYLESHEET), "missing " + APP_STYLESHEET);
        if (!scene.getStylesheets().contains(css.toExternalForm())) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        scene.getRoot().getStyleClass().remove("dark");
        if (dark) {
            scene.getRoot().getStyleClass().add("dark");
        }
    }
}
