package dev.flowdeck.app.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The console window. A placeholder until the console is built: it shows the name and nothing else. */
public final class ConsoleApp extends Application {
    @Override
    public void start(Stage stage) {
        Label label = new Label("Flowdeck console: coming next. Run ./flowdeck --headless for the pipeline.");
        stage.setTitle("Flowdeck");
        stage.setScene(new Scene(new StackPane(label), 960, 600));
        stage.show();
    }
}
