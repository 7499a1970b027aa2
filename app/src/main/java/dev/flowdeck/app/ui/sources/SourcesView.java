package dev.flowdeck.app.ui.sources;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Objects;
import java.util.function.Function;

/** The Sources page's view: binds to {@link SourcesViewModel}; the only logic here is the remove dialog. */
final class SourcesView {
    static final String CSS = Objects.requireNonNull(SourcesView.class.getResource("sources.css"), "sources.css").toExternalForm();

    private final SourcesViewModel vm;

    SourcesView(SourcesViewModel vm) {
        this.vm = vm;
    }

    Node build() {
        Label title = new Label("Sources");
        title.getStyleClass().add("page-title");
        Label subtitle = new Label("Capture the inserts, updates and deletes of your own tables into Kafka:"
                + " a snapshot first, then every change, one topic per table (flowdeck.<schema>.<table>).");
        subtitle.getStyleClass().add("page-subtitle");
        subtitle.setWrapText(true);

        Button refresh = new Button("Refresh");
        refresh.setId("sources-refresh");
        refresh.setOnAction(e -> vm.load());
        Button start = new Button("Start capturing");
        start.setId("sources-start");
        start.getStyleClass().add("accent");
        start.setOnAction(e -> vm.start());
        start.disableProperty().bind(vm.busyProperty().or(vm.capturingProperty()));
        Button stop = new Button("Stop");
        stop.setId("sources-stop");
        stop.setOnAction(e -> vm.stop());
        stop.disableProperty().bind(vm.busyProperty().or(vm.capturingProperty().not()));
        Button remove = new Button("Remove source…");
        remove.setId("sources-remove");
        remove.setOnAction(e -> askAndRemove());
        remove.disableProperty().bind(vm.busyProperty().or(vm.hasSourceProperty().not()));
        for (Button b : new Button[] {refresh, start, stop, remove}) {
            b.setMinWidth(Region.USE_PREF_SIZE); // the subtitle wraps; the buttons keep their words
        }
        VBox titles = new VBox(0, title, subtitle);
        HBox.setHgrow(titles, Priority.ALWAYS);
        HBox header = new HBox(8, titles, refresh, start, stop, remove);
        header.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("sources-status");
        status.getStyleClass().add("sources-status");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        Label error = new Label();
        error.setId("sources-error");
        error.getStyleClass().add("sources-error");
        error.textProperty().bind(vm.errorProperty());
        error.setWrapText(true);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());

        TableView<SourceTableRow> table = table();
        VBox.setVgrow(table, Priority.ALWAYS);

        VBox page = new VBox(10, header, error, table, status, heldBox());
        page.setId("sources");
        page.getStyleClass().addAll("page-content", "sources-page");
        page.getStylesheets().add(CSS);
        return page;
    }

    private TableView<SourceTableRow> table() {
        TableView<SourceTableRow> table = new TableView<>(vm.tables());
        table.setId("sources-table");
        table.setEditable(true);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No tables yet: connect a database (Settings), or create a table on the SQL page."));

        TableColumn<SourceTableRow, Boolean> tick = new TableColumn<>("Capture");
        tick.setId("col-capture");
        tick.setCellValueFactory(c -> c.getValue().selectedProperty());
        tick.setCellFactory(CheckBoxTableCell.forTableColumn(tick));
        tick.setEditable(true);
        tick.setPrefWidth(70);
        table.getColumns().add(tick);
        table.getColumns().add(text("Table", 200, SourceTableRow::name));
        table.getColumns().add(text("Primary key", 160, SourceTableRow::primaryKey));
        table.getColumns().add(text("Rows (estimate)", 110, SourceTableRow::rowEstimate));

        TableColumn<SourceTableRow, SourceTableRow> snapshot = new TableColumn<>("Snapshot");
        snapshot.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        snapshot.setCellFactory(c -> new SnapshotCell());
        snapshot.setPrefWidth(300);
        table.getColumns().add(snapshot);

        TableColumn<SourceTableRow, String> changes = new TableColumn<>("Changes streamed");
        changes.setCellValueFactory(c -> c.getValue().changesProperty());
        changes.setPrefWidth(220);
        table.getColumns().add(changes);
        table.getColumns().forEach(c -> c.setSortable(false));
        return table;
    }

    private static TableColumn<SourceTableRow, String> text(String title, double width, Function<SourceTableRow, String> value) {
        TableColumn<SourceTableRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(value.apply(r.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** A progress bar and "snapshot 1,200 / 3,000" while the table is captured; empty otherwise. */
    private static final class SnapshotCell extends TableCell<SourceTableRow, SourceTableRow> {
        private final ProgressBar bar = new ProgressBar();
        private final Label text = new Label();
        private final HBox box = new HBox(8, bar, text);

        SnapshotCell() {
            bar.getStyleClass().add("snapshot-bar");
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(SourceTableRow row, boolean empty) {
            super.updateItem(row, empty);
            bar.progressProperty().unbind();
            text.textProperty().unbind();
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            bar.progressProperty().bind(row.progressProperty());
            bar.visibleProperty().bind(row.progressProperty().greaterThanOrEqualTo(0));
            text.textProperty().bind(row.progressTextProperty());
            setGraphic(box);
        }
    }

    private Node heldBox() {
        Label heading = new Label("What the database keeps for capturing");
        heading.getStyleClass().add("held-title");
        Label held = new Label();
        held.setId("sources-held");
        held.textProperty().bind(vm.heldProperty());
        held.setWrapText(true);
        Label advice = new Label();
        advice.setId("sources-held-advice");
        advice.getStyleClass().add("held-advice");
        advice.textProperty().bind(vm.heldAdviceProperty());
        advice.setWrapText(true);
        advice.managedProperty().bind(advice.textProperty().isNotEmpty());
        advice.visibleProperty().bind(advice.managedProperty());
        VBox box = new VBox(4, heading, held, advice);
        box.getStyleClass().add("held-box");
        vm.heldWarningProperty().addListener((o, was, warn) -> {
            if (warn) {
                box.getStyleClass().add("held-warning");
            } else {
                box.getStyleClass().remove("held-warning");
            }
        });
        return box;
    }

    private void askAndRemove() {
        String question = vm.removeQuestion();
        if (question.isEmpty()) {
            vm.remove(false);
            return;
        }
        ButtonType drop = new ButtonType("Remove and drop", ButtonBar.ButtonData.YES);
        ButtonType keep = new ButtonType("Remove, keep it", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, drop, keep, ButtonType.CANCEL);
        alert.setTitle("Remove source");
        alert.setHeaderText("Remove this source?");
        alert.showAndWait().ifPresent(answer -> {
            if (answer == drop) {
                vm.remove(true);
            } else if (answer == keep) {
                vm.remove(false);
            }
        });
    }
}
