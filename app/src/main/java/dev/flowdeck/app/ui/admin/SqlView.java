package dev.flowdeck.app.ui.admin;

import atlantafx.base.theme.Styles;
import dev.flowdeck.engine.admin.SqlColumn;
import dev.flowdeck.engine.admin.SqlHistory;
import dev.flowdeck.engine.admin.SqlSample;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The SQL page: samples and history, the editor, a read-only / write switch, the result page, cancel and export. */
final class SqlView {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final SqlViewModel vm;
    private final TextArea editor = new TextArea();
    private final TableView<List<String>> results = new TableView<>();

    SqlView(SqlViewModel vm) {
        this.vm = vm;
    }

    Node build() {
        BorderPane page = new BorderPane();
        page.setId("sql");
        page.getStyleClass().add("admin-page");
        page.getStylesheets().add(AdminStyles.URL);
        page.setTop(toolbar());

        editor.setId("sql-editor");
        editor.getStyleClass().add("mono");
        editor.textProperty().bindBidirectional(vm.sqlProperty());
        editor.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                e.consume();
                run();
            }
        });
        results.setId("sql-results");
        results.getStyleClass().add(Styles.DENSE);
        results.setItems(vm.rows());
        Tables.placeholder(results, "Run a query to see its rows here (Ctrl+Enter).");
        vm.columnsProperty().addListener((o, was, now) -> rebuildColumns(now));

        SplitPane work = new SplitPane(editor, results);
        work.setOrientation(Orientation.VERTICAL);
        work.setDividerPositions(0.3);
        SplitPane split = new SplitPane(sidebar(), work);
        split.setDividerPositions(0.22);
        page.setCenter(new StackPane(split, EmptyState.label(vm.connectedProperty(), UserText.NO_DATABASE)));
        page.setBottom(statusBar());
        return page;
    }

    private Node toolbar() {
        Label title = new Label("SQL");
        title.getStyleClass().add(Styles.TITLE_3);
        Label db = new Label();
        db.setId("sql-database");
        db.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        db.textProperty().bind(vm.databaseProperty());

        ToggleButton write = new ToggleButton("Allow writes");
        write.setId("allow-writes");
        write.setTooltip(new Tooltip("Off: every statement runs in a read-only transaction that is rolled back.\n"
                + "On: the script runs in one committed transaction, through the CDC poller's write fence."));
        write.selectedProperty().bindBidirectional(vm.writeEnabledProperty());
        write.selectedProperty().addListener((o, was, on) -> {
            write.setText(on ? "Writes allowed" : "Allow writes");
            write.getStyleClass().remove("write-on");
            if (on) {
                write.getStyleClass().add("write-on");
            }
        });
        TextField pageSize = new TextField();
        pageSize.setId("sql-page-size");
        pageSize.setPrefColumnCount(6);
        pageSize.textProperty().bindBidirectional(vm.pageSizeProperty());
        Button run = new Button("Run  (Ctrl+Enter)");
        run.setId("run-sql");
        run.getStyleClass().add(Styles.ACCENT);
        run.disableProperty().bind(vm.runningProperty());
        run.setOnAction(e -> run());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-sql");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        Button export = new Button("Export CSV…");
        export.setId("export-sql");
        export.setOnAction(e -> export(export));
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {title, write, run, cancel, export, pageSize}) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        db.setMinWidth(0); // the long URL gives way (with an ellipsis) before any control does
        HBox bar = new HBox(10, title, db, TopicsView.spacer(), write, MessagesView.labeled("Rows", pageSize), run, cancel, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(10, 12, 10, 12));
        return bar;
    }

    private void run() {
        String selected = editor.getSelectedText();
        vm.run(selected == null || selected.isBlank() ? null : selected);
    }

    private Node sidebar() {
        ListView<SqlSample> samples = new ListView<>(vm.samples());
        samples.setId("sql-samples");
        samples.setPrefHeight(268);
        samples.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(SqlSample item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.title());
            }
        });
        samples.setOnMouseClicked(e -> vm.useSample(samples.getSelectionModel().getSelectedItem()));

        ListView<SqlHistory.Entry> history = new ListView<>(vm.history());
        history.setId("sql-history");
        history.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(SqlHistory.Entry item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove(Styles.DANGER);
                if (empty || item == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                String first = item.sql().lines().findFirst().orElse("");
                setText(WHEN.format(item.at()) + (item.write() ? "  ✎ " : "  ") + (item.ok() ? "" : "✗ ") + first);
                setTooltip(new Tooltip(item.sql() + "\n\n" + item.outcome()));
                if (!item.ok()) {
                    getStyleClass().add(Styles.DANGER);
                }
            }
        });
        history.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                vm.useHistory(history.getSelectionModel().getSelectedItem());
            }
        });
        VBox.setVgrow(history, Priority.ALWAYS);
        Label s = new Label("Samples");
        s.getStyleClass().add("section-title");
        Label h = new Label("History (double-click to reuse)");
        h.getStyleClass().add("section-title");
        VBox box = new VBox(4, s, samples, h, history);
        box.setPadding(new Insets(0, 6, 6, 10));
        box.setMinWidth(200);
        return box;
    }

    private void rebuildColumns(List<SqlColumn> columns) {
        results.getColumns().clear();
        for (int i = 0; i < columns.size(); i++) {
            int index = i;
            SqlColumn col = columns.get(i);
            TableColumn<List<String>, String> c = new TableColumn<>(col.name());
            c.setPrefWidth(widthFor(col.name(), index));
            c.setCellValueFactory(p -> new ReadOnlyStringWrapper(p.getValue().get(index)));
            c.setCellFactory(x -> new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    getStyleClass().remove("sql-null");
                    if (empty) {
                        setText(null);
                    } else if (item == null) {
                        setText("NULL");
                        getStyleClass().add("sql-null");
                    } else {
                        setText(item);
                    }
                }
            });
            if (col.numeric()) {
                c.setStyle("-fx-alignment: CENTER-RIGHT;");
            }
            results.getColumns().add(c);
        }
    }

    /** A column as wide as its header or its first rows' longest value, within bounds. */
    private double widthFor(String header, int index) {
        int chars = header.length() + 2;
        List<List<String>> rows = vm.rows();
        for (int r = 0; r < Math.min(50, rows.size()); r++) {
            String v = rows.get(r).get(index);
            chars = Math.max(chars, v == null ? 4 : v.length());
        }
        return Math.max(70, Math.min(420, chars * 8.2 + 22));
    }

    private void export(Node owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the result page as CSV");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        chooser.setInitialFileName("result.csv");
        File file = chooser.showSaveDialog(owner.getScene().getWindow());
        if (file != null) {
            vm.exportCsv(file.toPath());
        }
    }

    private Node statusBar() {
        Label summary = new Label();
        summary.setId("sql-summary");
        summary.textProperty().bind(vm.summaryProperty());
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.setMinWidth(Region.USE_PREF_SIZE);
        Label error = new Label();
        error.setId("sql-error");
        error.setWrapText(true);
        error.getStyleClass().add("sql-error");
        error.textProperty().bind(vm.errorProperty());
        HBox.setHgrow(error, Priority.ALWAYS);
        HBox bar = new HBox(16, summary, error);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(6, 12, 6, 12));
        return bar;
    }
}
