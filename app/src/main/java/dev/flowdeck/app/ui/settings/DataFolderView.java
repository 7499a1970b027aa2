package dev.flowdeck.app.ui.settings;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Settings page's "Data folder" card (sizes per part, free disk, Reset data) and its "Retention" card. */
final class DataFolderView {
    static final ButtonType DELETE = new ButtonType("Delete and restart", ButtonBar.ButtonData.OK_DONE);

    private DataFolderView() {
    }

    static Node cards(DataFolderViewModel folder, RetentionViewModel retention) {
        HBox row = new HBox(16, dataFolder(folder), retention(retention));
        row.setAlignment(Pos.TOP_LEFT);
        return row;
    }

    private static Node dataFolder(DataFolderViewModel vm) {
        Label heading = new Label("Data folder");
        heading.getStyleClass().add("card-title");
        Label path = new Label(vm.folder().toAbsolutePath().toString());
        path.setId("data-folder-path");
        path.getStyleClass().add("field-note");
        path.setWrapText(true);

        GridPane grid = grid();
        int r = 0;
        grid.addRow(r++, label("Kafka"), value("data-kafka", vm.kafkaProperty()));
        grid.addRow(r++, label("H2 database"), value("data-h2", vm.h2Property()));
        grid.addRow(r++, label("Streams state"), value("data-streams", vm.streamsProperty()));
        grid.addRow(r++, label("Other"), value("data-other", vm.otherProperty()));
        grid.addRow(r++, label("Total"), value("data-total", vm.totalProperty()));
        grid.addRow(r, label("Disk"), value("data-free", vm.freeProperty()));

        Label warning = value("data-low-disk", vm.warningProperty());
        warning.getStyleClass().add("disk-warning");
        warning.visibleProperty().bind(vm.lowDiskProperty());
        warning.managedProperty().bind(warning.visibleProperty());

        Button reset = new Button("Reset data…");
        reset.setId("data-reset");
        reset.getStyleClass().add("danger");
        reset.disableProperty().bind(vm.resetAvailableProperty().not().or(vm.busyProperty()));
        reset.setOnAction(e -> {
            if (confirm(vm)) {
                vm.reset();
            }
        });
        Label note = value("data-reset-note", vm.resetNoteProperty());
        note.getStyleClass().add("field-note");
        Label message = value("data-message", vm.messageProperty());
        message.getStyleClass().add("control-message");
        message.visibleProperty().bind(Bindings.isNotEmpty(message.textProperty()));
        message.managedProperty().bind(message.visibleProperty());

        return card("data-folder", heading, path, grid, warning, reset, note, message);
    }

    /** Asks before deleting; true only for the explicit Delete button. */
    private static boolean confirm(DataFolderViewModel vm) {
        Alert ask = new Alert(Alert.AlertType.WARNING, vm.confirmation(), ButtonType.CANCEL, DELETE);
        ask.setTitle("Reset data");
        ask.setHeaderText("Delete Flowdeck's data and start again?");
        ask.getDialogPane().setId("data-reset-dialog");
        ask.getDialogPane().setPrefWidth(560);
        ask.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        // Enter cancels: deleting takes a deliberate click
        ((Button) ask.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        Button delete = (Button) ask.getDialogPane().lookupButton(DELETE);
        delete.setDefaultButton(false);
        delete.setId("data-reset-confirm");
        delete.getStyleClass().add("danger");
        return ask.showAndWait().filter(DELETE::equals).isPresent();
    }

    private static Node retention(RetentionViewModel vm) {
        Label heading = new Label("Retention");
        heading.getStyleClass().add("card-title");
        Label about = new Label("Flowdeck deletes the oldest rows of livedb it has already published, and the processor's "
                + "windows and its topics' records older than the age. The same as --retention-age and --retention-rows; "
                + "0 keeps everything.");
        about.setWrapText(true);
        about.getStyleClass().add("field-note");

        TextField age = field("retention-age", vm.ageProperty(), "24h, 90min, 7d, or 0");
        TextField rows = field("retention-rows", vm.rowsProperty(), "20,000,000, or 0");
        Label ageError = error("retention-age-error", vm.ageErrorProperty());
        Label rowsError = error("retention-rows-error", vm.rowsErrorProperty());
        age.setOnAction(e -> vm.apply());
        rows.setOnAction(e -> vm.apply());
        GridPane grid = grid();
        grid.addRow(0, label("Keep rows for"), age);
        grid.add(ageError, 1, 1);
        Label rowsUnit = new Label("rows of livedb");
        rowsUnit.getStyleClass().add("field-note");
        grid.addRow(2, label("Keep at most"), new HBox(8, rows, rowsUnit));
        ((HBox) rows.getParent()).setAlignment(Pos.CENTER_LEFT);
        grid.add(rowsError, 1, 3);

        Button apply = new Button("Apply");
        apply.setId("retention-apply");
        apply.setOnAction(e -> vm.apply());
        Label message = value("retention-message", vm.messageProperty());
        message.getStyleClass().add("control-message");
        message.visibleProperty().bind(Bindings.isNotEmpty(message.textProperty()));
        message.managedProperty().bind(message.visibleProperty());
        Label status = value("retention-status", vm.statusProperty());
        status.getStyleClass().add("retention-status");
        return card("retention", heading, about, grid, new HBox(8, apply), message, status);
    }

    private static VBox card(String id, Node... children) {
        VBox card = new VBox(10, children);
        card.setId(id);
        card.getStyleClass().add("settings-card");
        card.setPadding(new Insets(14));
        card.setPrefWidth(520);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(card, Priority.SOMETIMES);
        return card;
    }

    private static GridPane grid() {
        return Forms.grid(120, 6);
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value, String prompt) {
        TextField f = Forms.field(id, value, prompt);
        f.setPrefColumnCount(12);
        f.setMaxWidth(Region.USE_PREF_SIZE);
        return f;
    }

    private static Label label(String text) {
        return Forms.label(text);
    }

    private static Label value(String id, ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE); // wrap to more lines rather than cut the text short
        return l;
    }

    private static Label error(String id, ObservableStringValue text) {
        Label l = value(id, text);
        l.getStyleClass().add("field-error");
        l.visibleProperty().bind(Bindings.isNotEmpty(l.textProperty()));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }
}
